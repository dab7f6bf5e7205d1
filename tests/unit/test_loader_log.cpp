// The log model's scenario keys (`model: log`, issue 12): the issue's example
// loads into every field of the spec; each class of bad input gives its
// exact "FILE:LINE:COL: error: message", several in one pass; and a log
// scenario survives save -> load -> save.
#include "scenario/load.hpp"
#include "scenario/save.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

using Lines = std::vector<std::string>;

ScenarioSpec load_ok(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.errors.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

Lines errors_of(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    CHECK_FALSE(result.spec);
    Lines lines;
    for (const Diagnostic& d : result.errors) lines.push_back(format_diagnostic(d));
    return lines;
}

// The issue's example, verbatim.
const std::string issue_example = R"(name: keys-and-order
model: log                      # default: dictionary (the original)
brokers: 3                      # b1, b2, b3 (the explicit list form works too)
topics:
  - {name: orders, partitions: 3}
  - {name: audit, partitions: 1}
producers:
  - name: p1
    partitioner: default        # default (murmur2 of the key; round_robin without a key) | round_robin | sticky
    actions:
      - {at: 1ms, send: {topic: orders, key: "user-42", value: "order 1"}}
      - {at: 2ms, send: {topic: audit, value: "no key"}}
    workload: {start: 0s, interarrival: {dist: exponential, mean: 1ms}, count: 1000, topic: orders, keys: [user-1, user-2, user-3], value: "v-{n}"}
consumers:
  - {name: c1, group: g1, topics: [orders], poll_interval: 10ms, max_poll_records: 10, process_time: 1ms, commit: auto, auto_commit_interval: 50ms}
  - {name: c2, group: g1, topics: [orders], join_at: 200ms}
  - {name: c3, group: g1, topics: [orders], leave_at: 500ms}
groups:
  - {name: g1, assignment: range, session_timeout: 30ms}
)";

// A small log scenario to build error cases on: the lines a case adds go
// after these (line 9 onwards).
const std::string base = "model: log\n"                                      // 1
                         "until: 1s\n"                                       // 2
                         "brokers: 2\n"                                      // 3
                         "topics: [{name: orders, partitions: 3}]\n"         // 4
                         "groups: [{name: g1}]\n"                            // 5
                         "producers:\n"                                      // 6
                         "  - name: p1\n"                                    // 7
                         "    actions: [{at: 1ms, send: {topic: orders, value: v}}]\n";  // 8

const std::string one_consumer = "consumers: [{name: c1, group: g1, topics: [orders]}]\n";

}  // namespace

TEST_CASE("the issue's log example loads into every field", "[loader][log]") {
    const ScenarioSpec spec = load_ok(issue_example);
    CHECK(spec.name == "keys-and-order");
    CHECK(spec.model == BrokerModel::log);
    REQUIRE(spec.brokers.size() == 3);
    CHECK(spec.brokers[2].name == "b3");
    CHECK(spec.brokers[0].topics.empty());

    REQUIRE(spec.topics.size() == 2);
    CHECK(spec.topics[0].name == "orders");
    CHECK(spec.topics[0].partitions == 3);
    CHECK(spec.topics[0].pos.line == 5);
    CHECK(spec.topics[1].name == "audit");
    CHECK(spec.topics[1].partitions == 1);

    REQUIRE(spec.producers.size() == 1);
    const ProducerSpec& p1 = spec.producers[0];
    CHECK(p1.name == "p1");
    CHECK(p1.targets.empty());  // records go to their partition's leader
    CHECK(p1.partitioner == log::PartitionerKind::default_partitioner);
    CHECK(p1.batch_records == 10);
    REQUIRE(p1.actions.size() == 2);
    CHECK(p1.actions[0].at_ns == ns_per_ms);
    CHECK(p1.actions[0].op.kind == OpKind::send);
    CHECK(p1.actions[0].op.topic == "orders");
    CHECK(p1.actions[0].op.key == std::optional<std::string>("user-42"));
    CHECK(p1.actions[0].op.message == "order 1");
    CHECK(p1.actions[1].at_ns == 2 * ns_per_ms);
    CHECK(p1.actions[1].op.kind == OpKind::send);
    CHECK(p1.actions[1].op.topic == "audit");
    CHECK_FALSE(p1.actions[1].op.key);
    CHECK(p1.actions[1].op.message == "no key");
    REQUIRE(p1.workload);
    const ProducerWorkloadSpec& w = *p1.workload;
    CHECK(w.start_ns == 0);
    CHECK(w.interarrival.kind == DistributionSpec::Kind::exponential);
    CHECK(w.interarrival.value_ns == ns_per_ms);
    CHECK(w.count == 1000);
    CHECK(w.topics == std::vector<std::string>{"orders"});
    CHECK(w.keys == std::vector<std::string>{"user-1", "user-2", "user-3"});
    CHECK(w.key_order == ProducerWorkloadSpec::KeyOrder::cycle);
    CHECK(w.message_template == "v-{n}");

    REQUIRE(spec.consumers.size() == 3);
    const ConsumerSpec& c1 = spec.consumers[0];
    CHECK(c1.name == "c1");
    CHECK(c1.group == 0);
    CHECK(c1.topics == std::vector<std::uint32_t>{0});
    CHECK(c1.poll_interval_ns == 10 * ns_per_ms);
    CHECK(c1.max_poll_records == 10);
    CHECK(c1.process_time.kind == DistributionSpec::Kind::constant);
    CHECK(c1.process_time.value_ns == ns_per_ms);
    CHECK(c1.commit == CommitMode::auto_commit);
    CHECK(c1.auto_commit_interval_ns == 50 * ns_per_ms);
    CHECK(c1.join_at_ns == 0);
    CHECK_FALSE(c1.leave_at_ns);
    CHECK(c1.commit_at_ns.empty());
    CHECK_FALSE(c1.retry.timeout_ns);
    const ConsumerSpec& c2 = spec.consumers[1];
    CHECK(c2.group == 0);
    CHECK(c2.join_at_ns == 200 * ns_per_ms);
    CHECK(c2.poll_interval_ns == 100 * ns_per_ms);  // the defaults
    CHECK(c2.max_poll_records == 500);
    CHECK(c2.auto_commit_interval_ns == 5 * ns_per_s);
    const ConsumerSpec& c3 = spec.consumers[2];
    CHECK(c3.leave_at_ns == std::optional<TimeNs>(500 * ns_per_ms));

    REQUIRE(spec.groups.size() == 1);
    const GroupSpec& g1 = spec.groups[0];
    CHECK(g1.name == "g1");
    CHECK(g1.assignment == log::AssignorKind::range);
    CHECK(g1.session_timeout_ns == 30 * ns_per_ms);
    CHECK(g1.heartbeat_interval_ns == 10 * ns_per_ms);  // min(3s, session_timeout / 3)
    CHECK(g1.auto_offset_reset == GroupSpec::OffsetReset::earliest);
    // Kafka's rule: "g1".hashCode() = 3242, partition 42 of __consumer_offsets, on broker 42 mod 3 = 0.
    REQUIRE(g1.coordinator);
    CHECK(*g1.coordinator == 0);

    // Defaults: the log model's monitors on, lag_above off (it needs a threshold).
    CHECK(spec.monitors.duplicate_delivery);
    CHECK(spec.monitors.per_key_order);
    CHECK_FALSE(spec.monitors.lag_above);
}

TEST_CASE("the log model's other keys and forms", "[loader][log]") {
    const ScenarioSpec spec = load_ok(R"(model: log
brokers: [{name: b1}, {name: b2}]
topics: [{name: my-topic, partitions: 4}, {name: t}]
groups:
  - {name: g1, assignment: round_robin, session_timeout: 10s, heartbeat_interval: 1s, auto_offset_reset: latest, coordinator: b2}
producers:
  - name: p1
    partitioner: sticky
    batch_records: 5
    workload: {interarrival: 1ms, count: 3, topics: [my-topic, t], keys: [a, b], key_order: random, message: "{key}-{n}"}
consumers:
  - {name: c1, group: g1, topics: [t, my-topic], commit: manual, commit_at: [30ms, 10ms, 20ms], leave_at: 1s, timeout: 5ms,
     process_time: {dist: uniform, min: 1ms, max: 2ms}}
  - {name: c2, group: g1, topics: [t], commit: after_poll, join_at: 5ms, leave_at: 6ms}
  - {name: c3, group: g3, topics: [t], leave_at: 1s}
  - {name: c4, group: g2, topics: [t], leave_at: 1s}
faults:
  - {at: 100ms, crash: c1}
  - {at: 200ms, restart: c1}
  - {at: 300ms, crash: b1}
  - {slow: {link: c2<->b1, extra_latency: 1ms}}
monitors: [lost_ack, per_key_order, {lag_above: 100}]
expect:
  - partition: {topic: my-topic, partition: 3, end_offset: 3, records: [{key: a, value: a-1}, {value: b-2}, "c-3"]}
  - group: {name: g1, assignment: {c1: [my-topic-0, t-0], c2: []}, committed: {my-topic-3: 5}, lag: 0, duplicates: 1, rebalances: 2}
  - {name: order, invariant: per_key_order}
  - consumer: c1
    consumed: {topic: t, key: a, partition: 0, offset: 7, message: a-1}
)");
    CHECK(spec.topics[0].name == "my-topic");
    CHECK(spec.topics[1].partitions == 1);  // the default
    REQUIRE(spec.groups.size() == 3);       // g1 listed; g3, g2 in order of first mention
    CHECK(spec.groups[0].assignment == log::AssignorKind::round_robin);
    CHECK(spec.groups[0].session_timeout_ns == 10 * ns_per_s);
    CHECK(spec.groups[0].heartbeat_interval_ns == ns_per_s);
    CHECK(spec.groups[0].auto_offset_reset == GroupSpec::OffsetReset::latest);
    CHECK(spec.groups[0].coordinator == std::optional<std::uint32_t>(1));
    CHECK(spec.groups[1].name == "g3");
    CHECK(spec.groups[1].session_timeout_ns == 45 * ns_per_s);
    CHECK(spec.groups[1].heartbeat_interval_ns == 3 * ns_per_s);
    CHECK(spec.groups[2].name == "g2");
    CHECK(spec.consumers[1].group == 0);
    CHECK(spec.consumers[2].group == 1);
    CHECK(spec.consumers[3].group == 2);

    const ProducerSpec& p1 = spec.producers[0];
    CHECK(p1.partitioner == log::PartitionerKind::sticky);
    CHECK(p1.batch_records == 5);
    CHECK(p1.workload->topics == std::vector<std::string>{"my-topic", "t"});
    CHECK(p1.workload->key_order == ProducerWorkloadSpec::KeyOrder::random);
    CHECK(p1.workload->message_template == "{key}-{n}");

    const ConsumerSpec& c1 = spec.consumers[0];
    CHECK(c1.topics == std::vector<std::uint32_t>{1, 0});
    CHECK(c1.commit == CommitMode::manual);
    CHECK(c1.commit_at_ns == std::vector<TimeNs>{10 * ns_per_ms, 20 * ns_per_ms, 30 * ns_per_ms});
    CHECK(c1.retry.timeout_ns == std::optional<TimeNs>(5 * ns_per_ms));
    CHECK(c1.process_time.kind == DistributionSpec::Kind::uniform);
    CHECK(spec.consumers[1].commit == CommitMode::after_poll);

    REQUIRE(spec.faults.size() == 4);
    CHECK(spec.faults[0].consumer == std::optional<std::uint32_t>(0));
    CHECK(spec.faults[1].kind == FaultSpec::Kind::restart);
    CHECK(spec.faults[1].consumer == std::optional<std::uint32_t>(0));
    CHECK_FALSE(spec.faults[2].consumer);
    CHECK(spec.faults[2].broker == 0);
    CHECK(spec.faults[3].links.from == std::vector<ActorIndex>{4});  // actors b1 b2 p1 c1 c2

    CHECK_FALSE(spec.monitors.divergence);
    CHECK(spec.monitors.lost_ack);
    CHECK_FALSE(spec.monitors.duplicate_delivery);
    CHECK(spec.monitors.per_key_order);
    CHECK(spec.monitors.lag_above == std::optional<std::uint64_t>(100));

    REQUIRE(spec.expectations.size() == 4);
    const auto& partition = std::get<ExpectPartition>(spec.expectations[0].check);
    CHECK(partition.topic == "my-topic");
    CHECK(partition.partition == 3);
    CHECK(partition.end_offset == std::optional<std::uint64_t>(3));
    REQUIRE(partition.records);
    REQUIRE(partition.records->size() == 3);
    CHECK((*partition.records)[0].key == std::optional<std::string>("a"));
    CHECK((*partition.records)[0].value == std::optional<std::string>("a-1"));
    CHECK_FALSE((*partition.records)[1].key);
    CHECK((*partition.records)[2].value == std::optional<std::string>("c-3"));
    const auto& group = std::get<ExpectGroup>(spec.expectations[1].check);
    CHECK(group.group == "g1");
    REQUIRE(group.assignment);
    REQUIRE(group.assignment->size() == 2);
    CHECK((*group.assignment)[0].first == "c1");
    CHECK((*group.assignment)[0].second ==
          std::vector<TopicPartitionName>{{"my-topic", 0}, {"t", 0}});  // split at the last '-'
    CHECK((*group.assignment)[1].second.empty());
    REQUIRE(group.committed);
    CHECK(group.committed->front().first == TopicPartitionName{"my-topic", 3});
    CHECK(group.committed->front().second == 5);
    CHECK(group.lag == std::optional<std::uint64_t>(0));
    CHECK(group.duplicates == std::optional<std::uint64_t>(1));
    CHECK(group.rebalances == std::optional<std::uint64_t>(2));
    CHECK(std::get<ExpectInvariant>(spec.expectations[2].check).kind == ExpectInvariant::Kind::per_key_order);
    const auto& consumed = std::get<ExpectConsumed>(spec.expectations[3].check);
    CHECK(consumed.item.key == std::optional<std::string>("a"));
    CHECK(consumed.item.partition == std::optional<std::uint32_t>(0));
    CHECK(consumed.item.offset == std::optional<std::uint64_t>(7));
    CHECK(consumed.item.message == std::optional<std::string>("a-1"));
}

TEST_CASE("model: defaults to dictionary; model is read before the keys it governs", "[loader][log]") {
    CHECK(load_ok("brokers: 1\n").model == BrokerModel::dictionary);
    CHECK(load_ok("brokers: 1\nmodel: dictionary\n").model == BrokerModel::dictionary);
    // `model` last in the file still decides how `topics` and `consumers` read.
    const ScenarioSpec spec = load_ok("topics: [{name: t}]\nconsumers: [{name: c1, group: g, topics: [t], leave_at: 1s}]\n"
                                      "brokers: 1\nmodel: log\n");
    CHECK(spec.model == BrokerModel::log);
    CHECK(spec.groups.size() == 1);
    CHECK(errors_of("brokers: 1\nmodel: lgo\n") ==
          Lines{"t.yaml:2:8: error: unknown model 'lgo'; did you mean 'log'?"});
}

TEST_CASE("log model errors, each at its node", "[loader][log][errors]") {
    struct Case {
        std::string yaml;
        Lines errors;
    };
    const std::vector<Case> cases = {
        // Top-level topics and groups.
        {"model: log\nbrokers: 1\ntopics: [{name: t, partitions: 0}, {name: t}, {partitons: 2}]\n",
         {"t.yaml:3:32: error: 'partitions' must be an integer from 1 to 10000, got '0'",
          "t.yaml:3:43: error: duplicate topic 't' (first declared at line 3)",
          "t.yaml:3:47: error: missing required key 'name' in the topic",
          "t.yaml:3:48: error: unknown key 'partitons' in the topic; did you mean 'partitions'?"}},
        {"brokers: 1\ntopics: [{name: t}]\ngroups: []\n",
         {"t.yaml:2:1: error: 'topics' at the top level declares the log model's topics: it needs `model: log` (the "
          "dictionary model's topics are each broker's 'topics')",
          "t.yaml:3:1: error: 'groups' declares the log model's consumer groups: it needs `model: log`"}},
        {"model: log\nbrokers: [{name: b1, topics: {t: [m]}}]\n",
         {"t.yaml:2:22: error: the log model's topics are declared at the top level (topics: [{name: orders, "
          "partitions: 3}]), not as a broker's initial content"}},
        {"model: log\nbrokers: 1\ngroups:\n  - {name: g1, session_timeout: 30ms, heartbeat_interval: 30ms, assignment: rnge}\n"
         "  - {name: g1, coordinator: b9}\n  - {name: g2, session_timeout: 2ns}\n",
         {"t.yaml:4:59: error: 'heartbeat_interval' (30ms) must be shorter than 'session_timeout' (30ms): the "
          "coordinator removes a member it has not heard from within its session timeout",
          "t.yaml:4:77: error: unknown assignment 'rnge'; did you mean 'range'?",
          "t.yaml:5:12: error: duplicate group 'g1' (first given at line 4)",
          "t.yaml:6:33: error: 'session_timeout' (2ns) leaves no time for a heartbeat (by default a third of it): give "
          "at least 3ns, or a 'heartbeat_interval'"}},
        {"model: log\nbrokers: 1\ngroups: [{name: g1, coordinator: b9}]\n",
         {"t.yaml:3:34: error: unknown broker 'b9' as the group's coordinator; did you mean 'b1'?"}},
        // Producers.
        {"model: log\nbrokers: 1\ntopics: [{name: orders}]\nproducers:\n  - name: p1\n    targets: all\n"
         "    partitioner: stiky\n    batch_records: 0\n"
         "    actions:\n      - {at: 1ms, publish: {topic: orders, message: m}}\n      - {at: 1ms, send: {topic: ordres, key: k}}\n"
         "      - {at: 1ms}\n",
         {"t.yaml:6:5: error: 'targets' is a key of the dictionary model's producers, not of `model: log`: in the log "
          "model each record goes to its partition's leader",
          "t.yaml:7:18: error: unknown partitioner 'stiky'; did you mean 'sticky'?",
          "t.yaml:8:20: error: 'batch_records' must be an integer from 1 to 4294967295, got '0'",
          "t.yaml:10:19: error: 'publish' is an operation of the dictionary model: the log model's producers `send`, "
          "e.g. {at: 1ms, send: {topic: orders, key: \"user-42\", value: \"order 1\"}}",
          "t.yaml:11:25: error: missing required key 'value' in the send operation (the record's value, a string (it "
          "may be empty: \"\"))",
          "t.yaml:11:33: error: unknown topic 'ordres' in the send; did you mean 'orders'?",
          "t.yaml:12:9: error: the action has no operation: give 'send', e.g. {at: 1ms, send: {topic: orders, key: "
          "\"user-42\", value: \"order 1\"}}"}},
        {"brokers: 1\nproducers:\n  - name: p1\n    partitioner: sticky\n    actions: [{at: 1ms, send: {topic: t, value: v}}]\n"
         "    workload: {interarrival: 1ms, count: 1, topic: t, keys: [a], value: v}\n",
         {"t.yaml:4:5: error: 'partitioner' is a key of the log model's producers: it needs `model: log` at the top of "
          "the scenario",
          "t.yaml:5:25: error: 'send' is the log model's operation: it needs `model: log` (the dictionary model's "
          "producers publish, edit and delete)",
          "t.yaml:6:55: error: 'keys' is a key of the log model's producer workloads: it needs `model: log` at the top "
          "of the scenario",
          "t.yaml:6:66: error: 'value' is a key of the log model's producer workloads: it needs `model: log` at the top "
          "of the scenario (the dictionary model's is 'message')"}},
        {"model: log\nbrokers: 1\nproducers:\n  - name: p1\n    workload: {interarrival: 1ms, count: 1, topic: t, topics: [t], "
         "keys: [], key_order: cycl, value: a, message: b}\n",
         {"t.yaml:5:52: error: unknown topic 't' in the workload: the scenario declares no topics (the log model lists "
          "them at the top level, e.g. topics: [{name: orders, partitions: 3}])",
          "t.yaml:5:55: error: give either 'topic' or 'topics', not both ('topic' is at line 5)",
          "t.yaml:5:74: error: 'keys' must list at least one key (leave it out for records without a key)",
          "t.yaml:5:89: error: unknown key_order 'cycl'; did you mean 'cycle'?",
          "t.yaml:5:105: error: give either 'value' or 'message', not both ('value' is at line 5)"}},
        // Consumers.
        {base + "consumers:\n  - {name: c1, topics: [orders, orders, nope], policy: seed, retries: 2, poll_interval: 0ms}\n"
                "  - {name: c2, group: g1, topics: [], join_at: 5ms, leave_at: 5ms, commit: manul, groop: x}\n",
         {"t.yaml:10:5: error: missing required key 'group' in the consumer (the consumer group it joins, e.g. group: g1)",
          "t.yaml:10:33: error: topic 'orders' is listed twice in the consumer's topics",
          "t.yaml:10:41: error: unknown topic 'nope' in the consumer's topics (topics: orders)",
          "t.yaml:10:48: error: 'policy' is a key of the dictionary model's consumers, not of `model: log` (a log "
          "consumer joins a 'group' and polls its 'topics')",
          "t.yaml:10:62: error: 'retries' is not used by the log model's consumers: a request not answered within "
          "'timeout' is given up, and the next poll or heartbeat asks again",
          "t.yaml:10:89: error: 'poll_interval' must be greater than 0, got '0ms'",
          "t.yaml:11:35: error: 'topics' must name at least one topic",
          "t.yaml:11:63: error: 'leave_at' (5ms) must be later than 'join_at' (5ms)",
          "t.yaml:11:76: error: unknown commit 'manul'; did you mean 'manual'?",
          "t.yaml:11:83: error: unknown key 'groop' in the consumer; did you mean 'group'?"}},
        {"brokers: 1\nconsumers:\n  - {name: c1, group: g1, commit_at: [1ms], policy: seed}\n",
         {"t.yaml:3:16: error: 'group' is a key of the log model's consumers: it needs `model: log` at the top of the "
          "scenario",
          "t.yaml:3:27: error: 'commit_at' is a key of the log model's consumers: it needs `model: log` at the top of "
          "the scenario"}},
        {"model: log\nbrokers: 1\nconsumers: 2\n",
         {"t.yaml:3:12: error: the log model's consumers each name their group and topics: list them, e.g. consumers: "
          "[{name: c1, group: g1, topics: [orders]}]"}},
        // Faults.
        {base + one_consumer + "faults:\n  - {at: 1ms, crash: p1}\n  - {at: 2ms, restart: c1, reload_initial: true}\n"
                "  - {at: 3ms, crash: c9}\n  - {at: 4ms, restart: b1, reload_initial: true}\n",
         {"t.yaml:11:22: error: 'p1' is a producer: only brokers and consumers crash",
          "t.yaml:12:24: error: 'reload_initial' reloads a broker's initial topics: consumer 'c1' has none",
          "t.yaml:13:22: error: unknown broker or consumer 'c9' in crash; did you mean 'c1'?",
          "t.yaml:14:24: error: 'reload_initial' has nothing to reload in the log model: its brokers hold no initial "
          "topics"}},
        {"brokers: 1\nconsumers: 1\nfaults: [{at: 1ms, crash: c1}]\n",
         {"t.yaml:3:27: error: 'c1' is a consumer: only brokers crash"}},
        // Monitors.
        {base + one_consumer + "monitors: [divergence, lag_above, {lag_above: x}, duplicate_delivery, duplicate_delivery]\n",
         {"t.yaml:10:12: error: monitor 'divergence' watches the dictionary model, not `model: log`",
          "t.yaml:10:24: error: monitor 'lag_above' needs its threshold: write {lag_above: 100} (a group's total lag "
          "above 100 records)",
          "t.yaml:10:47: error: 'lag_above' must be an integer from 0 to 18446744073709551615, got 'x'",
          "t.yaml:10:71: error: monitor 'duplicate_delivery' is listed twice (first at line 10)"}},
        {"brokers: 1\nmonitors: [per_key_order, {lag_above: 5}]\n",
         {"t.yaml:2:12: error: monitor 'per_key_order' watches the log model: it needs `model: log`",
          "t.yaml:2:28: error: monitor 'lag_above' watches the log model: it needs `model: log`"}},
        // Expectations.
        {base + one_consumer + "expect:\n"
                "  - partition: {topic: ordrs, partition: 0}\n"
                "  - partition: {topic: orders, partition: 3, records: [{key: k, vale: v}]}\n"
                "  - group: {name: g9}\n"
                "  - group: {name: g1, assignment: {c1: [orders-0, orders, orders-7], c9: []}, committed: {audit-0: 1}}\n"
                "  - {consumer: c1, consumed: {broker: b1, offset: -1}}\n",
         {"t.yaml:11:24: error: unknown topic 'ordrs'; did you mean 'orders'?",
          "t.yaml:12:43: error: topic 'orders' has no partition 3 (its partitions are 0 to 2)",
          "t.yaml:12:65: error: unknown key 'vale' in the record; did you mean 'value'?",
          "t.yaml:13:19: error: unknown group 'g9'; did you mean 'g1'?",
          "t.yaml:14:51: error: 'orders' is not a topic-partition: write the topic, '-' and the partition number, e.g. "
          "'orders-0'",
          "t.yaml:14:59: error: topic 'orders' has no partition 7 (its partitions are 0 to 2)",
          "t.yaml:14:70: error: unknown consumer 'c9'; did you mean 'c1'?",
          "t.yaml:14:91: error: unknown topic 'audit' (topics: orders)",
          "t.yaml:15:31: error: 'broker' is a key of the dictionary model's consumed items, not of `model: log` (a log "
          "consumer's items have topic, partition, offset, key and message)",
          "t.yaml:15:51: error: 'offset' must be an integer from 0 to 18446744073709551615, got '-1'"}},
        {"brokers: 1\nconsumers: 1\nexpect:\n  - partition: {topic: t, partition: 0}\n  - {group: {name: g}, points: 2}\n"
         "  - invariant: per_key_order\n  - {consumer: c1, consumed: {key: k}}\n",
         {"t.yaml:4:5: error: 'partition' checks the log model's partitions: it needs `model: log`",
          "t.yaml:5:6: error: 'group' checks the log model's consumer groups: it needs `model: log`",
          "t.yaml:6:16: error: invariant 'per_key_order' checks the log model's keys and offsets: it needs `model: log`",
          "t.yaml:7:31: error: 'key' is a key of the log model's consumed items: it needs `model: log` at the top of the "
          "scenario"}},
    };
    for (const Case& c : cases) {
        INFO(c.yaml);
        CHECK(errors_of(c.yaml) == c.errors);
    }
}

TEST_CASE("a log scenario with consumers in another group is refused in the assignment", "[loader][log][errors]") {
    CHECK(errors_of(base + "consumers:\n  - {name: c1, group: g1, topics: [orders], leave_at: 1s}\n"
                           "  - {name: c2, group: g2, topics: [orders], leave_at: 1s}\n"
                           "expect: [{group: {name: g1, assignment: {c2: [orders-1]}}}]\n") ==
          Lines{"t.yaml:12:42: error: consumer 'c2' is not a member of group 'g1' (it is in 'g2')"});
}

TEST_CASE("a log scenario survives save -> load -> save", "[loader][log][save]") {
    // The issue's example with every optional key set somewhere. with every optional key set somewhere.
    const ScenarioSpec spec = load_ok(R"(name: "all the log keys"
model: log
until: 2s
brokers: 3
topics: [{name: orders, partitions: 3}, {name: a-b, partitions: 2}]
groups:
  - {name: g1, assignment: round_robin, session_timeout: 30ms, heartbeat_interval: 5ms, auto_offset_reset: latest, coordinator: b2}
producers:
  - name: p1
    partitioner: sticky
    batch_records: 3
    timeout: 5ms
    actions:
      - {at: 1ms, send: {topic: orders, key: "user-42", value: "order 1"}}
      - {at: 2ms, send: {topic: a-b, value: ""}}
    workload: {start: 1ms, interarrival: {dist: exponential, mean: 1ms}, count: 10, topic: orders, keys: [user-1, "k 2"], key_order: random, value: "v-{n}-{key}"}
  - name: p2
consumers:
  - {name: c1, group: g1, topics: [orders, a-b], poll_interval: 10ms, max_poll_records: 10, process_time: {dist: uniform, min: 1ms, max: 2ms}, commit: manual, auto_commit_interval: 50ms, commit_at: [20ms, 10ms], timeout: 3ms}
  - {name: c2, group: other, topics: [orders], join_at: 200ms, leave_at: 300ms, commit: after_poll}
faults:
  - {at: 5ms, crash: c1}
  - {at: 6ms, restart: c1}
  - {at: 7ms, crash: b3}
  - {drop: {link: p1->b1, probability: 0.5, from: 1ms, until: 2ms}}
monitors: [lost_ack, duplicate_delivery, {lag_above: 7}]
expect:
  - partition: {topic: a-b, partition: 1, end_offset: 3, records: [{key: user-1, value: v-1}, {value: v-2}, {}]}
  - partition: {topic: orders, partition: 0}
  - {name: g, points: 3, hint: h, group: {name: g1, assignment: {c1: [orders-0, a-b-1]}, committed: {a-b-0: 5, orders-2: 0}, lag: 0, duplicates: 0, rebalances: 2}}
  - group: {name: other, lag: 4}
  - invariant: per_key_order
  - {consumer: c1, consumed: {topic: orders, key: k, partition: 1, offset: 2, message: m}, count: 1}
)");
    const std::string saved = save_scenario_yaml(spec);
    INFO(saved);
    const ScenarioSpec reloaded = load_ok(saved);
    CHECK(save_scenario_yaml(reloaded) == saved);
    // Spot checks that the saved text carries the fields (equal text of the
    // second save alone would not catch a field both saves drop).
    CHECK(reloaded.model == BrokerModel::log);
    REQUIRE(reloaded.topics.size() == 2);
    CHECK(reloaded.topics[1].name == "a-b");
    CHECK(reloaded.topics[1].partitions == 2);
    REQUIRE(reloaded.groups.size() == 2);
    CHECK(reloaded.groups[0].coordinator == std::optional<std::uint32_t>(1));
    CHECK(reloaded.groups[0].heartbeat_interval_ns == 5 * ns_per_ms);
    CHECK(reloaded.groups[0].auto_offset_reset == GroupSpec::OffsetReset::latest);
    CHECK(reloaded.groups[0].assignment == log::AssignorKind::round_robin);
    CHECK(reloaded.groups[1].name == "other");
    CHECK(reloaded.producers[0].partitioner == log::PartitionerKind::sticky);
    CHECK(reloaded.producers[0].batch_records == 3);
    CHECK(reloaded.producers[0].targets.empty());
    CHECK(reloaded.producers[0].actions[0].op.key == std::optional<std::string>("user-42"));
    CHECK_FALSE(reloaded.producers[0].actions[1].op.key);
    CHECK(reloaded.producers[0].actions[1].op.message.empty());
    CHECK(reloaded.producers[0].workload->keys == std::vector<std::string>{"user-1", "k 2"});
    CHECK(reloaded.producers[0].workload->key_order == ProducerWorkloadSpec::KeyOrder::random);
    CHECK(reloaded.producers[0].workload->message_template == "v-{n}-{key}");
    const ConsumerSpec& c1 = reloaded.consumers[0];
    CHECK(c1.topics == std::vector<std::uint32_t>{0, 1});
    CHECK(c1.poll_interval_ns == 10 * ns_per_ms);
    CHECK(c1.max_poll_records == 10);
    CHECK(c1.process_time.kind == DistributionSpec::Kind::uniform);
    CHECK(c1.commit == CommitMode::manual);
    CHECK(c1.auto_commit_interval_ns == 50 * ns_per_ms);
    CHECK(c1.commit_at_ns == std::vector<TimeNs>{10 * ns_per_ms, 20 * ns_per_ms});
    CHECK(c1.retry.timeout_ns == std::optional<TimeNs>(3 * ns_per_ms));
    const ConsumerSpec& c2 = reloaded.consumers[1];
    CHECK(c2.group == 1);
    CHECK(c2.join_at_ns == 200 * ns_per_ms);
    CHECK(c2.leave_at_ns == std::optional<TimeNs>(300 * ns_per_ms));
    CHECK(reloaded.faults[0].consumer == std::optional<std::uint32_t>(0));
    CHECK(reloaded.faults[1].consumer == std::optional<std::uint32_t>(0));
    CHECK(reloaded.faults[2].broker == 2);
    CHECK(reloaded.monitors.lag_above == std::optional<std::uint64_t>(7));
    CHECK(reloaded.monitors.duplicate_delivery);
    CHECK_FALSE(reloaded.monitors.per_key_order);
    const auto& group = std::get<ExpectGroup>(reloaded.expectations[2].check);
    CHECK(reloaded.expectations[2].points == 3);
    CHECK((*group.assignment)[0].second == std::vector<TopicPartitionName>{{"orders", 0}, {"a-b", 1}});
    CHECK(group.committed->front().first == TopicPartitionName{"a-b", 0});
    CHECK(group.rebalances == std::optional<std::uint64_t>(2));
    const auto& partition = std::get<ExpectPartition>(reloaded.expectations[0].check);
    CHECK(partition.records->size() == 3);
    CHECK_FALSE(std::get<ExpectPartition>(reloaded.expectations[1].check).records);
    CHECK(std::get<ExpectConsumed>(reloaded.expectations[5].check).item.offset == std::optional<std::uint64_t>(2));
    // And the issue's example round-trips too.
    const ScenarioSpec example = load_ok(issue_example);
    const std::string example_saved = save_scenario_yaml(example);
    INFO(example_saved);
    CHECK(save_scenario_yaml(load_ok(example_saved)) == example_saved);
}
