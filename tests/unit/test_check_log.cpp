// The evaluator on the log model (model: log): every kind of expectation
// that reads the log model's results, each with a passing and a failing
// entry and the exact texts; per_key_order broken by a round_robin producer
// and kept by the default partitioner; violation entries on every monitor
// of each model; the log model's stat paths checked before the run.
//
// The scenario's story (kafkasim run -v prints it):
//   p1 sends user-1, user-2, user-1 (orders-0 by murmur2), user-3 (orders-1),
//      and user-2 again at 30ms;
//   c1 (commit: manual, never) owns both orders partitions and consumes the
//      first four records; c2 joins g1 at 20ms: the rebalance gives c1
//      orders-0 and c2 orders-1, both from the group's committed offsets
//      (none): c1 re-reads orders-0@0..2 and c2 orders-1@0, 4 duplicates;
//      c2 commits after its poll (orders-1: 1), c1 never (lag 4 at the end);
//   p2 (round_robin) sends key k to spread-0 then spread-1; c3 in g2 owns
//      both, and its link from b2 (spread-0's leader) is 5ms slower, so it
//      consumes k-2 (spread-1) before k-1: per-key order broken once.
// 190 events, end at 37.1ms.
#include "test_check_support.hpp"

#include "check/stat_paths.hpp"
#include "core/monitors.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

const std::string log_scenario_yaml = R"(model: log
seed: 1
network: {latency: 1ms}
brokers: [{name: b1, service_time: 0.1ms}, {name: b2, service_time: 0.1ms}]
topics:
  - {name: orders, partitions: 2}
  - {name: spread, partitions: 2}
groups:
  - {name: g1, session_timeout: 30ms}
  - {name: g2, session_timeout: 30ms}
producers:
  - name: p1
    actions:
      - {at: 1ms, send: {topic: orders, key: user-1, value: u1-a}}
      - {at: 2ms, send: {topic: orders, key: user-2, value: u2-a}}
      - {at: 3ms, send: {topic: orders, key: user-1, value: u1-b}}
      - {at: 4ms, send: {topic: orders, key: user-3, value: u3-a}}
      - {at: 30ms, send: {topic: orders, key: user-2, value: u2-b}}
  - name: p2
    partitioner: round_robin
    actions:
      - {at: 1ms, send: {topic: spread, key: k, value: k-1}}
      - {at: 2ms, send: {topic: spread, key: k, value: k-2}}
consumers:
  - {name: c1, group: g1, topics: [orders], poll_interval: 5ms, process_time: 0.1ms, commit: manual}
  - {name: c2, group: g1, topics: [orders], poll_interval: 5ms, process_time: 0.1ms, commit: after_poll, join_at: 20ms}
  - {name: c3, group: g2, topics: [spread], poll_interval: 5ms, process_time: 0.1ms, commit: after_poll}
faults:
  - slow: {link: "b2->c3", extra_latency: 5ms}
monitors: [lost_ack, duplicate_delivery, per_key_order, {lag_above: 3}]
)";

ExpectationResult check_log_one(const std::string& entry, const SpecEdit& edit = {}) {
    const std::vector<ExpectationResult> results = check_all_in(log_scenario_yaml, {entry}, edit);
    REQUIRE(results.size() == 1);
    return results[0];
}

struct Case {
    const char* entry;
    bool passed;
    const char* expected;
    const char* actual;
};

void check_cases(std::initializer_list<Case> cases) {
    std::vector<std::string> entries;
    for (const Case& c : cases) entries.push_back(c.entry);
    const std::vector<ExpectationResult> results = check_all_in(log_scenario_yaml, entries);
    REQUIRE(results.size() == cases.size());
    std::size_t i = 0;
    for (const Case& c : cases) {
        INFO(c.entry);
        check_texts(results[i++], c.passed, c.expected, c.actual);
    }
}

}  // namespace

TEST_CASE("partition: the end offset and the whole log in offset order", "[check][log]") {
    check_cases({
        {"partition: {topic: orders, partition: 0, end_offset: 4}", true, "end offset 4",
         R"(end offset 4, 4 records: {offset 0, key "user-1", value "u1-a"}; {offset 1, key "user-2", value "u2-a"}; {offset 2, key "user-1", value "u1-b"}; {offset 3, key "user-2", value "u2-b"})"},
        {"partition: {topic: orders, partition: 0, end_offset: 3}", false, "end offset 3",
         R"(end offset 4 (expected 3), 4 records: {offset 0, key "user-1", value "u1-a"}; {offset 1, key "user-2", value "u2-a"}; {offset 2, key "user-1", value "u1-b"}; {offset 3, key "user-2", value "u2-b"})"},
        {"partition: {topic: orders, partition: 1, records: [{key: user-3, value: u3-a}]}", true,
         R"(records [{key "user-3", value "u3-a"}])", R"(end offset 1, 1 record: {offset 0, key "user-3", value "u3-a"})"},
        {"partition: {topic: orders, partition: 1, records: [u3-a]}", true, R"(records [{value "u3-a"}])",
         R"(end offset 1, 1 record: {offset 0, key "user-3", value "u3-a"})"},
        {"partition: {topic: orders, partition: 1, records: [{key: user-1}]}", false, R"(records [{key "user-1"}])",
         R"(end offset 1, 1 record: {offset 0, key "user-3", value "u3-a"} (offset 0 does not match {key "user-1"}))"},
        {"partition: {topic: orders, partition: 1, records: []}", false, "records []",
         R"(end offset 1, 1 record: {offset 0, key "user-3", value "u3-a"} (1 instead of 0))"},
    });
}

TEST_CASE("group: assignment as sets, committed offsets, lag, duplicates, rebalances", "[check][log]") {
    check_cases({
        {"group: {name: g1, assignment: {c2: [orders-1], c1: [orders-0]}}", true, "assignment {c2: [orders-1], c1: [orders-0]}",
         "assignment {c2: [orders-1], c1: [orders-0]}"},
        {"group: {name: g1, assignment: {c2: [orders-1, orders-0]}}", false, "assignment {c2: [orders-1, orders-0]}",
         "assignment {c2: [orders-1]} (expected {c2: [orders-0, orders-1]})"},
        {"group: {name: g1, committed: {orders-1: 1}}", true, "committed {orders-1: 1}", "committed {orders-1: 1}"},
        {"group: {name: g1, committed: {orders-0: 4, orders-1: 1}}", false, "committed {orders-0: 4, orders-1: 1}",
         "committed {orders-0: never committed, orders-1: 1} (expected {orders-0: 4})"},
        {"group: {name: g1, lag: 4}", true, "lag 4", "lag 4 [orders-0: 4]"},
        {"group: {name: g2, lag: 1}", false, "lag 1", "lag 0 (expected 1)"},
        {"group: {name: g1, duplicates: 4}", true, "duplicates 4", "duplicates 4"},
        {"group: {name: g2, duplicates: 1}", false, "duplicates 1", "duplicates 0 (expected 1)"},
        {"group: {name: g1, rebalances: 2}", true, "rebalances 2", "rebalances 2"},
        {"group: {name: g1, lag: 4, rebalances: 1}", false, "lag 4, rebalances 1", "lag 4 [orders-0: 4], rebalances 2 (expected 1)"},
    });
}

TEST_CASE("consumed: key, partition and offset of the log's consumptions", "[check][log]") {
    check_cases({
        {"{consumer: c1, consumed: {key: user-2, partition: 0, offset: 3, message: u2-b, topic: orders}}", true,
         R"(at least one item matching {message "u2-b", topic "orders", key "user-2", partition 0, offset 3})",
         R"(1 matching item, the first: orders-0@3 (key "user-2") = "u2-b" at 36.6ms)"},
        {"{consumer: c1, consumed: {key: user-3, partition: 0}}", false, R"(at least one item matching {key "user-3", partition 0})",
         R"(no matching item; 8 items consumed: orders-0@0 (key "user-1") = "u1-a" at 4.4ms; orders-0@1 (key "user-2") = "u2-a" at 4.5ms; orders-0@2 (key "user-1") = "u1-b" at 9.3ms; orders-1@0 (key "user-3") = "u3-a" at 9.4ms; orders-0@0 (key "user-1") = "u1-a" at 26.6ms; ... (3 more); c1 ended stable, owning orders-0)"},
        {"{consumer: c1, consumed: {offset: 0}, count: 3}", true, "exactly 3 items matching {offset 0}",
         R"(3 matching items, the first: orders-0@0 (key "user-1") = "u1-a" at 4.4ms)"},
        {"{consumer: c2, consumed_exactly: [{topic: orders, partition: 1, offset: 0}]}", true,
         R"(1 item: [{topic "orders", partition 1, offset 0}])", R"(1 item consumed: orders-1@0 (key "user-3") = "u3-a" at 26.6ms)"},
        {"{consumer: c2, consumed_exactly: [{offset: 1}]}", false, "1 item: [{offset 1}]",
         R"(1 item consumed: orders-1@0 (key "user-3") = "u3-a" at 26.6ms (item 0 does not match {offset 1}))"},
    });
}

TEST_CASE("stat: the log model's paths", "[check][log][stat]") {
    check_cases({
        {R"({stat: groups.g1.lag, "==": 4})", true, "== 4", "4"},
        {R"({stat: groups.g1.rebalances, "<": 2})", false, "< 2", "2"},
        {R"({stat: groups.g1.duplicates, "==": 4})", true, "== 4", "4"},
        {R"({stat: topics.orders.partitions.0.end_offset, "==": 3})", false, "== 3", "4"},
        {R"({stat: topics.spread.partitions.1.records.0.value, "==": k-2})", true, "== k-2", R"("k-2")"},
        {R"({stat: groups.g1.assignment.c2.0, "==": orders-1})", true, "== orders-1", R"("orders-1")"},
        {R"({stat: groups.g1.committed.orders-1, "==": 1})", true, "== 1", "1"},
        {R"({stat: groups.g1.committed.orders-0, "==": 0})", false, "== 0",
         R"(no such stat: "groups.g1.committed" has no "orders-0" (fields: orders-1))"},
        {R"({stat: producers.p1.partition_counts.orders-1, "==": 1})", true, "== 1", "1"},
        {R"({stat: consumers.c1.records_consumed, "==": 8})", true, "== 8", "8"},
        {R"({stat: consumers.c1.duplicates, "==": 3})", true, "== 3", "3"},
        {R"({stat: consumers.c1.positions.orders-0, "==": 4})", true, "== 4", "4"},
        {R"({stat: model, "==": log})", true, "== log", R"("log")"},
    });
}

TEST_CASE("violation: the log model's monitors", "[check][log][violation]") {
    check_cases({
        {"{violation: duplicate_delivery, count: 4}", true, "exactly 4 duplicate_delivery violations",
         "4, the first at 26.6ms (event 138): c1 consumed orders-0@0 again (first consumed by c1): it was not committed"},
        {"{violation: duplicate_delivery, before: 20ms}", false, "at least one duplicate_delivery violation before 20ms",
         "none before 20ms; 4 outside, the first at 26.6ms (event 138): c1 consumed orders-0@0 again (first consumed by c1): it was not committed"},
        {"{violation: per_key_order, never: true}", false, "no per_key_order violation",
         R"(1, the first at 14.4ms (event 81): c3 consumed key "k" at spread-0@0 after spread-1@0, appended later)"},
        {"{violation: lag_above, never: true}", false, "no lag_above violation",
         "2, the first at 5.1ms (event 43): g1's lag is 4, above 3"},
        {"{violation: lost_ack, never: true}", true, "no lost_ack violation", "none"},
    });
}

TEST_CASE("invariant per_key_order: broken by a round_robin producer, kept by the default partitioner", "[check][log][invariant]") {
    check_texts(check_log_one("{invariant: per_key_order}"), false,
                "every consumer saw each key's records in the order they were appended",
                R"(c3 consumed key "k" spread-0@0 (appended at 2.1ms) at 14.4ms, after spread-1@0 (appended at 3.2ms); 1 break in all)");
    // The default partitioner sends key k to one partition: one log, one order.
    const SpecEdit keyed = [](ScenarioSpec& spec) { spec.producers[1].partitioner = log::PartitionerKind::default_partitioner; };
    check_texts(check_log_one("{invariant: per_key_order}", keyed), true,
                "every consumer saw each key's records in the order they were appended",
                "11 keyed records consumed, every key in order");
}

TEST_CASE("violation: every monitor of a scenario's model is evaluated when it is on", "[check][violation]") {
    // The log scenario runs every log monitor; the check scenario (the
    // dictionary model) runs all of its own by default.
    for (std::size_t m = 0; m < monitor_kind_count; ++m) {
        const auto kind = static_cast<MonitorKind>(m);
        for (const BrokerModel model : {BrokerModel::dictionary, BrokerModel::log}) {
            const std::string name(monitor_name(kind));
            INFO(name << (model == BrokerModel::log ? " on the log model" : " on the dictionary model"));
            const std::string entry = "{violation: " + name + ", never: true}";
            const ExpectationResult result =
                model == BrokerModel::log ? check_log_one(entry) : check_one(entry);
            if (monitor_applies(kind, model)) {
                CHECK(result.actual.find("monitor") == std::string::npos);
                CHECK(result.passed == (result.actual == "none"));
            } else {
                CHECK_FALSE(result.passed);
                CHECK(result.actual == "the " + name + " monitor watches the " +
                                           (model == BrokerModel::log ? "dictionary model only; this scenario runs `model: log`"
                                                                      : "log model only; this scenario runs the dictionary model"));
            }
        }
    }
}

TEST_CASE("violation: lag_above is off without a threshold", "[check][violation][log]") {
    const SpecEdit no_threshold = [](ScenarioSpec& spec) { spec.monitors.lag_above.reset(); };
    check_texts(check_log_one("{violation: lag_above, never: true}", no_threshold), false, "no lag_above violation",
                "the lag_above monitor is off in this scenario (monitors:)");
}

TEST_CASE("the log model's stat paths are checked before the run", "[check][log][stat]") {
    ScenarioSpec spec = spec_of(log_scenario_yaml + R"(expect:
  - {stat: groups.g1.lagg, "==": 0}
  - {stat: groups.g1.assignment.c3, "==": x}
  - {stat: groups.g1.assignment.c1.0, "==": orders-0}
  - {stat: groups.g1.committed.spread-0, "==": 1}
  - {stat: groups.g2.committed.spread-1, "==": 1}
  - {stat: consumers.c3.positions.orders-0, "==": 1}
  - {stat: consumers.c3.positions.spread-1, "==": 1}
  - {stat: topics.orders.partitions.1.records.7.key, "==": x}
  - {stat: topics.orders.partitions.2.end_offset, "==": 0}
)");
    const std::vector<StatPathProblem> problems = check_stat_paths(spec);
    for (const StatPathProblem& problem : problems) UNSCOPED_INFO(problem.pos.line << ": " << problem.message);
    REQUIRE(problems.size() == 5);
    CHECK(problems[0].pos.line == 32);
    CHECK(problems[0].message ==
          "unknown stat field 'lagg' in 'groups.g1.lagg' (fields of 'groups.g1': coordinator, assignor, state, generation, "
          "rebalances, members, assignment, committed, lag, lag_by_partition, duplicates)");
    CHECK(problems[1].message ==
          "unknown name 'c3' in 'groups.g1.assignment.c3' (the run fills 'groups.g1.assignment' with: c1, c2)");
    CHECK(problems[2].message ==
          "unknown name 'spread-0' in 'groups.g1.committed.spread-0' (the run fills 'groups.g1.committed' with: orders-0, orders-1)");
    CHECK(problems[3].message ==
          "unknown name 'orders-0' in 'consumers.c3.positions.orders-0' (the run fills 'consumers.c3.positions' with: spread-0, spread-1)");
    CHECK(problems[4].pos.line == 40);
    CHECK(problems[4].message ==
          "no partition '2' in 'topics.orders.partitions.2.end_offset' (the partitions of 'topics.orders.partitions' are 0 to 1)");
}

TEST_CASE("the loader knows the log model's stat roots and names", "[check][log][stat][loader]") {
    auto errors_of = [](const std::string& yaml) {
        LoadResult result = load_scenario_text(yaml, "t.yaml");
        std::vector<std::string> lines;
        for (const Diagnostic& d : result.errors) lines.push_back(format_diagnostic(d));
        return lines;
    };
    CHECK(errors_of(log_scenario_yaml + R"(expect:
  - {stat: topics.ordrs.partitions.0.end_offset, "==": 0}
  - {stat: groups.g3.lag, "==": 0}
  - {stat: group.g1.lag, "==": 0}
)") == std::vector<std::string>{
               "t.yaml:32:12: error: unknown topic 'ordrs' in stat 'topics.ordrs.partitions.0.end_offset'; did you mean 'orders'?",
               "t.yaml:33:12: error: unknown group 'g3' in stat 'groups.g3.lag' (groups: g1, g2)",
               "t.yaml:34:12: error: unknown stat 'group' in 'group.g1.lag'; did you mean 'groups'?",
           });
    CHECK(errors_of(check_scenario_yaml + R"(expect:
  - {stat: groups.g1.lag, "==": 0}
)") == std::vector<std::string>{
               "t.yaml:27:12: error: stat 'groups' in 'groups.g1.lag' is the log model's: it needs `model: log`",
           });
}
