// The scenario writer: load -> save -> load gives the same scenario (the
// saved text is a fixed point, and every field is written, so equal text
// means equal specs) and a run with the same trace fingerprint, for every
// shipped config and for a hand-built scenario that uses every key.
#include "scenario_files.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario/save.hpp"
#include "scenario_builders.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;

namespace {

ScenarioSpec load_text(const std::string& text) {
    LoadResult result = load_scenario_text(text, "saved.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    INFO(text);
    REQUIRE(result.errors.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

std::uint64_t fingerprint(const ScenarioSpec& spec) {
    RecordOptions options;
    options.keep_snapshots = false;
    const RecordedRun run(spec, options);
    return write_trace(run, nullptr);
}

void check_round_trip(const ScenarioSpec& original) {
    const std::string saved = save_scenario_yaml(original);
    const ScenarioSpec reloaded = load_text(saved);
    INFO(saved);
    CHECK(save_scenario_yaml(reloaded) == saved);
    CHECK(fingerprint(reloaded) == fingerprint(original));
}

// Text a writer could easily break: quotes, backslashes, newlines, YAML
// indicators, a keyword, leading spaces, non-ASCII.
const std::vector<std::string> awkward_texts = {
    "say \"hi\"", "back\\slash", "two\nlines\ttab", "# not a comment", "key: value", "random", "  padded ",
    "- dash", "{braces}", "[brackets]", "&anchor *alias", "caf\xc3\xa9 \xe2\x9c\x93", "", "null", "true", "0x1F",
};

}  // namespace

TEST_CASE("every shipped config survives load -> save -> load", "[save]") {
    std::size_t count = 0;
    for (const std::string& file : kafkasim::testing::scenario_files({"configs"})) {
        INFO(file);
        LoadResult result = load_scenario_file(file);
        for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
        REQUIRE(result.spec);
        check_round_trip(*result.spec);
        ++count;
    }
    CHECK(count >= 4);
}

TEST_CASE("yaml_quoted text reads back unchanged", "[save]") {
    for (const std::string& text : awkward_texts) {
        ScenarioSpec spec = testing::base_scenario();
        spec.brokers = {testing::broker("b1")};
        spec.description = text;
        spec.brokers[0].topics = {TopicSpec{text.empty() ? "t" : text, {text, text + "2"}}};
        const ScenarioSpec reloaded = load_text(save_scenario_yaml(spec));
        CHECK(reloaded.description == text);
        REQUIRE(reloaded.brokers[0].topics.size() == 1);
        CHECK(reloaded.brokers[0].topics[0].messages == std::vector<std::string>{text, text + "2"});
    }
}

TEST_CASE("a scenario using every key round-trips", "[save]") {
    using namespace testing;
    ScenarioSpec spec = base_scenario(18446744073709551615ull);
    spec.name = "every key";
    spec.description = "a \"test\"\nof the writer";
    spec.until_ns = 2 * ns_per_s + 1;
    spec.brokers = {broker("b1"), broker("b2")};
    spec.network.latency = DistributionSpec::uniform(100 * ns_per_us, 1500 * ns_per_us);
    spec.brokers[0].service_time = DistributionSpec::exponential(250 * ns_per_us);
    spec.brokers[0].queue_capacity = 7;
    spec.brokers[1].durable = true;
    spec.brokers[1].topics = {TopicSpec{"random", {"m 1", "# m 2"}}};

    ProducerSpec p = producer("p1", {1, 0},
                              {action(1 * ns_per_ms, OpKind::publish, "random", "say \"hi\""),
                               action(2 * ns_per_ms, OpKind::edit, "random", "edited", 1),
                               action(3 * ns_per_ms, OpKind::delete_message, "random", "", 0),
                               action(4 * ns_per_ms, OpKind::delete_topic, "random")});
    p.retry.timeout_ns = 5 * ns_per_ms;
    p.retry.retries = 2;
    p.retry.backoff_ns = 1 * ns_per_ms;
    p.retry.backoff_doubling = true;
    p.workload = ProducerWorkloadSpec{0, DistributionSpec::exponential(ns_per_ms), 5, {"a", "b"},
                                      ProducerWorkloadSpec::TopicOrder::random, "{topic}-{n}"};
    spec.producers = {p};

    SessionSpec manual = session(10 * ns_per_ms, named_topic("first"), named_index(0));
    manual.broker = 1;
    manual.broker_at_ns = 11 * ns_per_ms;
    manual.topic_at_ns = 12 * ns_per_ms;
    manual.index_at_ns = 13 * ns_per_ms;
    manual.manual = true;
    ConsumerSpec c = consumer("c1", {session(5 * ns_per_ms, choice(ChoiceSpec::Kind::last), choice(ChoiceSpec::Kind::first)), manual},
                              PolicyKind::least_loaded);
    c.retry_after_ns = 3 * ns_per_ms;
    c.max_attempts = 4;
    c.choose_time = DistributionSpec::constant(1);
    c.retry.timeout_ns = 7 * ns_per_ms;
    c.workload = ConsumerWorkloadSpec{1, DistributionSpec::constant(ns_per_ms), 3, named_topic("random"), named_index(2)};
    spec.consumers = {c, consumer("c2", {})};

    FaultSpec crash;
    crash.kind = FaultSpec::Kind::crash;
    crash.from_ns = 20 * ns_per_ms;
    crash.broker = 1;
    FaultSpec restart;
    restart.kind = FaultSpec::Kind::restart;
    restart.from_ns = 30 * ns_per_ms;
    restart.broker = 0;
    restart.reload_initial = true;
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::slow;
    slow.links = {{2}, {0}, true};
    slow.extra_latency_ns = ns_per_ms;
    slow.until_ns = 40 * ns_per_ms;
    FaultSpec drop;
    drop.kind = FaultSpec::Kind::drop;
    drop.links = {{3}, {}, true};
    drop.probability = 0.125;
    FaultSpec partition;
    partition.kind = FaultSpec::Kind::partition;
    partition.groups = {{0, 2}, {1}};
    partition.from_ns = 50 * ns_per_ms;
    partition.until_ns = 60 * ns_per_ms;
    spec.faults = {crash, restart, slow, drop, partition};
    spec.monitors.stale_read = false;

    spec.expectations.push_back({"dictionary", 3, "look at b1", ExpectBrokerTopics{"b1", {TopicSpec{"t", {"m"}}}}, {}});
    spec.expectations.push_back({"", 1, "", ExpectBrokerState{"b2", true, false}, {}});
    spec.expectations.push_back({"", 1, "", ExpectConsumedExactly{"c1", {ConsumedItemSpec{"m", "t", "b1", 0}}}, {}});
    spec.expectations.push_back({"", 1, "", ExpectFingerprint{"0123456789abcdef"}, {}});

    check_round_trip(spec);
}

TEST_CASE("session keys: broker, broker_at, topic_at, index_at, manual", "[save][loader]") {
    const std::string text = R"(
brokers: [{name: b1}, {name: b2}]
consumers:
  - name: c1
    sessions:
      - {at: 1ms, broker: b2, broker_at: 2ms, topic_at: 3ms, index_at: 4500us, manual: true}
)";
    const ScenarioSpec spec = load_text(text);
    const SessionSpec& s = spec.consumers[0].sessions[0];
    CHECK(s.broker == std::optional<std::uint32_t>{1});
    CHECK(s.broker_at_ns == std::optional<TimeNs>{2 * ns_per_ms});
    CHECK(s.topic_at_ns == std::optional<TimeNs>{3 * ns_per_ms});
    CHECK(s.index_at_ns == std::optional<TimeNs>{4500 * ns_per_us});
    CHECK(s.manual);

    LoadResult bad = load_scenario_text(
        "brokers: [{name: b1}]\nconsumers:\n  - name: c1\n    sessions:\n      - {at: 1ms, broker: b3}\n", "bad.yaml");
    REQUIRE(bad.errors.size() == 1);
    CHECK(format_diagnostic(bad.errors[0]).rfind("bad.yaml:5:27: error: unknown broker 'b3' in the session", 0) == 0);
}
