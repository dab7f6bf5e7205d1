// Every documented scenario key lands in the right ScenarioSpec field, the
// shorthands expand as documented, and omitted keys take their defaults.
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

// Loads text that must be valid; prints the diagnostics if it is not.
ScenarioSpec load_ok(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.errors.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

// The example of issue 2 (the README's annotated example), plus the extra keys.
const char* const full_example = R"(name: example
description: "free text"
seed: 18446744073709551615
until: 10s
network:
  latency: {dist: uniform, min: 0.5ms, max: 1.5ms}
brokers:
  - name: b1
    service_time: 0.5ms
    queue_capacity: 1000
    topics:
      "Hello world": ["message 1", "message 2"]
      empty: []
  - name: b2
    service_time: {dist: exponential, mean: 0.5ms}
  - name: b3
    service_time: {dist: constant, value: 2us}
producers:
  - name: p1
    targets: all
    actions:
      - {at: 1ms, publish: {topic: "Hello world", message: "message 3"}}
      - {at: 2ms, edit: {topic: "Hello world", index: 0, message: "first"}}
      - {at: 3ms, delete: {topic: "Hello world", index: 1}}
      - {at: 4ms, delete: {topic: "Hello world"}}
  - name: p2
    targets: [b3, b1]
    workload: {start: 0s, interarrival: {dist: exponential, mean: 10ms}, count: 100, topics: [a, b], message: "m-{n}"}
  - name: p3
    workload: {interarrival: 1ms, count: 0, topics: [x], topic_order: random}
consumers:
  - name: c1
    policy: seed
    on_all_busy: fail
    max_attempts: 7
    choose_time: 200ms
    sessions:
      - {at: 5ms, topic: "Hello world", index: 0}
      - {at: 9ms, topic: random, index: last}
      - {at: 10ms, topic: first, index: first}
      - {at: 11ms, topic: last, index: random}
      - {at: 12ms, topic: {name: random}}
  - name: c2
    policy: least_loaded
    on_all_busy: {retry_after: 1ms, max_attempts: 5}
    workload: {start: 1s, think_time: {dist: exponential, mean: 50ms}, count: 20, topic: random, index: random}
  - name: c3
    policy: first_idle
    on_all_busy: {retry_after: 2ms}
    workload: {think_time: 0, count: 1, topic: "Hello world", index: 3}
  - {name: c4, policy: round_robin}
  - {name: c5, policy: random_idle}
)";

}  // namespace

TEST_CASE("every key of the full example reaches the spec", "[loader]") {
    const ScenarioSpec spec = load_ok(full_example);
    CHECK(spec.name == "example");
    CHECK(spec.description == "free text");
    CHECK(spec.file == "t.yaml");
    CHECK(spec.seed == 18446744073709551615ULL);
    CHECK(spec.until_ns == 10 * ns_per_s);
    CHECK(spec.network.latency.kind == DistributionSpec::Kind::uniform);
    CHECK(spec.network.latency.min_ns == 500'000);
    CHECK(spec.network.latency.max_ns == 1'500'000);

    REQUIRE(spec.brokers.size() == 3);
    const BrokerSpec& b1 = spec.brokers[0];
    CHECK(b1.name == "b1");
    CHECK(b1.service_time.kind == DistributionSpec::Kind::constant);
    CHECK(b1.service_time.value_ns == 500'000);
    CHECK(b1.queue_capacity == 1000);
    REQUIRE(b1.topics.size() == 2);
    CHECK(b1.topics[0].name == "Hello world");
    CHECK(b1.topics[0].messages == std::vector<std::string>{"message 1", "message 2"});
    CHECK(b1.topics[1].name == "empty");
    CHECK(b1.topics[1].messages.empty());
    CHECK(b1.pos.file == "t.yaml");
    CHECK(b1.pos.line == 8);
    CHECK(b1.pos.column == 5);
    CHECK(spec.brokers[1].service_time.kind == DistributionSpec::Kind::exponential);
    CHECK(spec.brokers[1].service_time.value_ns == 500'000);
    CHECK(spec.brokers[1].queue_capacity == BrokerSpec{}.queue_capacity);
    CHECK(spec.brokers[1].topics.empty());
    CHECK(spec.brokers[2].service_time.kind == DistributionSpec::Kind::constant);
    CHECK(spec.brokers[2].service_time.value_ns == 2'000);

    REQUIRE(spec.producers.size() == 3);
    const ProducerSpec& p1 = spec.producers[0];
    CHECK(p1.name == "p1");
    CHECK(p1.targets == std::vector<std::uint32_t>{0, 1, 2});
    CHECK_FALSE(p1.workload);
    REQUIRE(p1.actions.size() == 4);
    CHECK(p1.actions[0].at_ns == 1 * ns_per_ms);
    CHECK(p1.actions[0].op.kind == OpKind::publish);
    CHECK(p1.actions[0].op.topic == "Hello world");
    CHECK(p1.actions[0].op.message == "message 3");
    CHECK(p1.actions[0].pos.line == 22);
    CHECK(p1.actions[0].pos.column == 9);  // the "{"
    CHECK(p1.actions[1].at_ns == 2 * ns_per_ms);
    CHECK(p1.actions[1].op.kind == OpKind::edit);
    CHECK(p1.actions[1].op.index == 0);
    CHECK(p1.actions[1].op.message == "first");
    CHECK(p1.actions[2].op.kind == OpKind::delete_message);
    CHECK(p1.actions[2].op.topic == "Hello world");
    CHECK(p1.actions[2].op.index == 1);
    CHECK(p1.actions[3].op.kind == OpKind::delete_topic);
    CHECK(p1.actions[3].op.topic == "Hello world");

    const ProducerSpec& p2 = spec.producers[1];
    CHECK(p2.targets == std::vector<std::uint32_t>{2, 0});  // in the order given
    CHECK(p2.actions.empty());
    REQUIRE(p2.workload);
    CHECK(p2.workload->start_ns == 0);
    CHECK(p2.workload->interarrival.kind == DistributionSpec::Kind::exponential);
    CHECK(p2.workload->interarrival.value_ns == 10 * ns_per_ms);
    CHECK(p2.workload->count == 100);
    CHECK(p2.workload->topics == std::vector<std::string>{"a", "b"});
    CHECK(p2.workload->topic_order == ProducerWorkloadSpec::TopicOrder::cycle);
    CHECK(p2.workload->message_template == "m-{n}");
    const ProducerSpec& p3 = spec.producers[2];
    REQUIRE(p3.workload);
    CHECK(p3.workload->count == 0);
    CHECK(p3.workload->topic_order == ProducerWorkloadSpec::TopicOrder::random);
    CHECK(p3.workload->message_template == "m-{n}");  // the default

    REQUIRE(spec.consumers.size() == 5);
    const ConsumerSpec& c1 = spec.consumers[0];
    CHECK(c1.name == "c1");
    CHECK(c1.policy == PolicyKind::seed);
    CHECK_FALSE(c1.retry_after_ns);
    CHECK(c1.max_attempts == 7);
    CHECK(c1.choose_time.kind == DistributionSpec::Kind::constant);
    CHECK(c1.choose_time.value_ns == 200 * ns_per_ms);
    CHECK_FALSE(c1.workload);
    REQUIRE(c1.sessions.size() == 5);
    CHECK(c1.sessions[0].at_ns == 5 * ns_per_ms);
    CHECK(c1.sessions[0].topic.kind == ChoiceSpec::Kind::named);
    CHECK(c1.sessions[0].topic.topic == "Hello world");
    CHECK(c1.sessions[0].index.kind == ChoiceSpec::Kind::named);
    CHECK(c1.sessions[0].index.index == 0);
    CHECK(c1.sessions[1].topic.kind == ChoiceSpec::Kind::random);
    CHECK(c1.sessions[1].index.kind == ChoiceSpec::Kind::last);
    CHECK(c1.sessions[2].topic.kind == ChoiceSpec::Kind::first);
    CHECK(c1.sessions[2].index.kind == ChoiceSpec::Kind::first);
    CHECK(c1.sessions[3].topic.kind == ChoiceSpec::Kind::last);
    CHECK(c1.sessions[3].index.kind == ChoiceSpec::Kind::random);
    CHECK(c1.sessions[4].topic.kind == ChoiceSpec::Kind::named);  // {name: random} names a topic "random"
    CHECK(c1.sessions[4].topic.topic == "random");
    CHECK(c1.sessions[4].index.kind == ChoiceSpec::Kind::random);  // the default

    const ConsumerSpec& c2 = spec.consumers[1];
    CHECK(c2.policy == PolicyKind::least_loaded);
    CHECK(c2.retry_after_ns == 1 * ns_per_ms);
    CHECK(c2.max_attempts == 5);
    REQUIRE(c2.workload);
    CHECK(c2.workload->start_ns == 1 * ns_per_s);
    CHECK(c2.workload->think_time.kind == DistributionSpec::Kind::exponential);
    CHECK(c2.workload->think_time.value_ns == 50 * ns_per_ms);
    CHECK(c2.workload->count == 20);
    CHECK(c2.workload->topic.kind == ChoiceSpec::Kind::random);
    CHECK(c2.workload->index.kind == ChoiceSpec::Kind::random);
    const ConsumerSpec& c3 = spec.consumers[2];
    CHECK(c3.policy == PolicyKind::first_idle);
    CHECK(c3.retry_after_ns == 2 * ns_per_ms);
    CHECK(c3.max_attempts == ConsumerSpec{}.max_attempts);
    REQUIRE(c3.workload);
    CHECK(c3.workload->think_time.value_ns == 0);
    CHECK(c3.workload->topic.kind == ChoiceSpec::Kind::named);
    CHECK(c3.workload->topic.topic == "Hello world");
    CHECK(c3.workload->index.kind == ChoiceSpec::Kind::named);
    CHECK(c3.workload->index.index == 3);
    CHECK(spec.consumers[3].policy == PolicyKind::round_robin);
    CHECK(spec.consumers[4].policy == PolicyKind::random_idle);
}

TEST_CASE("omitted keys take their documented defaults", "[loader]") {
    const ScenarioSpec spec = load_ok("brokers:\n  - name: only\nproducers:\n  - name: p\nconsumers:\n  - name: c\n");
    CHECK(spec.name == "unnamed");
    CHECK(spec.description.empty());
    CHECK(spec.seed == 1);
    CHECK_FALSE(spec.until_ns);
    CHECK(spec.network.latency.kind == DistributionSpec::Kind::constant);
    CHECK(spec.network.latency.value_ns == 0);
    REQUIRE(spec.brokers.size() == 1);
    CHECK(spec.brokers[0].service_time.value_ns == 0);
    CHECK(spec.brokers[0].queue_capacity == BrokerSpec{}.queue_capacity);
    REQUIRE(spec.producers.size() == 1);
    CHECK(spec.producers[0].targets == std::vector<std::uint32_t>{0});  // all
    CHECK(spec.producers[0].actions.empty());
    CHECK_FALSE(spec.producers[0].workload);
    REQUIRE(spec.consumers.size() == 1);
    const ConsumerSpec& c = spec.consumers[0];
    CHECK(c.policy == PolicyKind::seed);
    CHECK_FALSE(c.retry_after_ns);
    CHECK(c.max_attempts == 3);
    CHECK(c.choose_time.value_ns == 0);
    CHECK(c.sessions.empty());
    CHECK_FALSE(c.workload);
}

TEST_CASE("a session's topic and index default to random", "[loader]") {
    const ScenarioSpec spec = load_ok("brokers: 1\nconsumers:\n  - name: c\n    sessions:\n      - at: 0\n");
    REQUIRE(spec.consumers[0].sessions.size() == 1);
    const SessionSpec& session = spec.consumers[0].sessions[0];
    CHECK(session.at_ns == 0);
    CHECK(session.topic.kind == ChoiceSpec::Kind::random);
    CHECK(session.index.kind == ChoiceSpec::Kind::random);
}

TEST_CASE("count shorthands expand to numbered actors", "[loader]") {
    const ScenarioSpec spec = load_ok("brokers: 3\nproducers: 2\nconsumers: 4\n");
    REQUIRE(spec.brokers.size() == 3);
    CHECK(spec.brokers[0].name == "b1");
    CHECK(spec.brokers[2].name == "b3");
    CHECK(spec.brokers[1].service_time.value_ns == 0);
    CHECK(spec.brokers[1].topics.empty());
    CHECK(spec.brokers[1].pos.line == 1);  // the shorthand's own position
    CHECK(spec.brokers[1].pos.column == 10);
    REQUIRE(spec.producers.size() == 2);
    CHECK(spec.producers[0].name == "p1");
    CHECK(spec.producers[1].name == "p2");
    CHECK(spec.producers[1].targets == std::vector<std::uint32_t>{0, 1, 2});
    CHECK(spec.producers[1].actions.empty());
    REQUIRE(spec.consumers.size() == 4);
    CHECK(spec.consumers[0].name == "c1");
    CHECK(spec.consumers[3].name == "c4");
    CHECK(spec.consumers[3].policy == PolicyKind::seed);
    CHECK(spec.consumers[3].sessions.empty());
}

TEST_CASE("producers and consumers may be absent or zero", "[loader]") {
    CHECK(load_ok("brokers: 1\n").producers.empty());
    const ScenarioSpec spec = load_ok("brokers: 1\nproducers: 0\nconsumers: []\n");
    CHECK(spec.producers.empty());
    CHECK(spec.consumers.empty());
}

TEST_CASE("sections may come in any order", "[loader]") {
    // targets are resolved after every broker is known.
    const ScenarioSpec spec = load_ok("producers:\n  - {name: p, targets: [b2]}\nbrokers: 2\nseed: 9\n");
    CHECK(spec.producers[0].targets == std::vector<std::uint32_t>{1});
    CHECK(spec.seed == 9);
}

TEST_CASE("YAML spellings that mean the same load the same", "[loader]") {
    // Block and flow styles, quoted scalars, a document start marker, comments.
    const ScenarioSpec block = load_ok(
        "---\n# comment\nbrokers:\n  - name: 'b1'\n    topics:\n      t:\n        - \"m 1\"\n        - m 2\n...\n");
    const ScenarioSpec flow = load_ok("{brokers: [{name: b1, topics: {t: [m 1, 'm 2']}}]}");
    REQUIRE(block.brokers.size() == 1);
    REQUIRE(flow.brokers.size() == 1);
    CHECK(block.brokers[0].topics[0].messages == flow.brokers[0].topics[0].messages);
    CHECK(block.brokers[0].topics[0].messages == std::vector<std::string>{"m 1", "m 2"});
}

TEST_CASE("aliases are followed", "[loader]") {
    const ScenarioSpec spec =
        load_ok("brokers:\n  - {name: b1, topics: &load {t: [x, y]}}\n  - {name: b2, topics: *load}\n");
    REQUIRE(spec.brokers.size() == 2);
    CHECK(spec.brokers[1].topics[0].messages == std::vector<std::string>{"x", "y"});
}
