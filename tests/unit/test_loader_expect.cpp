// expect: in the loader: every entry form becomes the ExpectationSpec it
// says, and every malformed entry gets FILE:LINE:COL at the offending node,
// like the rest of the scenario (unknown keys with "did you mean", wrong
// types, unknown names, kinds, monitors and comparison operators).
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

using Lines = std::vector<std::string>;

// Two brokers, a producer, two consumers; expect: starts at line 5.
const std::string actors = "brokers: 2\nproducers: 1\nconsumers: 2\nseed: 1\n";

std::vector<ExpectationSpec> expectations_of(const std::string& expect_yaml) {
    LoadResult result = load_scenario_text(actors + "expect:\n" + expect_yaml, "t.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.spec);
    return result.spec->expectations;
}

Lines errors_of(const std::string& expect_yaml) {
    LoadResult result = load_scenario_text(actors + "expect:\n" + expect_yaml, "t.yaml");
    CHECK_FALSE(result.spec);
    Lines lines;
    for (const Diagnostic& d : result.errors) lines.push_back(format_diagnostic(d));
    return lines;
}

}  // namespace

TEST_CASE("expect: the issue's example, entry by entry", "[loader][expect]") {
    const auto e = expectations_of(R"(  - name: publish appends, never replaces
    points: 2
    hint: "look at what b1 held before p1's publish"
    broker: b1
    topics: {"Hello world": ["message 1", "message 2", "message 3"]}
  - broker: b2
    contains: {topic: "Hello world", message: "message 3"}
  - broker: b1
    state: {up: true, busy: false}
  - consumer: c1
    consumed: {message: "message 2", topic: "Hello world", broker: b1}
  - consumer: c2
    consumed_exactly: [{message: "message 3"}]
  - stat: consumers.c2.sessions_refused
    ">=": 1
  - event: {kind: claim_refused, source: c2}
    before: 100ms
  - invariant: brokers_identical
  - fingerprint: "84E701055c13629e"
)");
    REQUIRE(e.size() == 9);
    CHECK(e[0].name == "publish appends, never replaces");
    CHECK(e[0].points == 2);
    CHECK(e[0].hint == "look at what b1 held before p1's publish");
    CHECK(e[0].pos.file == "t.yaml");
    CHECK(e[0].pos.line == 6);
    CHECK(e[0].pos.column == 5);
    const auto& topics = std::get<ExpectBrokerTopics>(e[0].check);
    CHECK(topics.broker == "b1");
    REQUIRE(topics.topics.size() == 1);
    CHECK(topics.topics[0].name == "Hello world");
    CHECK(topics.topics[0].messages == std::vector<std::string>{"message 1", "message 2", "message 3"});

    CHECK(e[1].points == 1);
    CHECK(e[1].name.empty());
    const auto& contains = std::get<ExpectBrokerContains>(e[1].check);
    CHECK((contains.broker == "b2" && contains.topic == "Hello world" && contains.message == "message 3" && !contains.negated));
    const auto& state = std::get<ExpectBrokerState>(e[2].check);
    CHECK((state.up == true && state.busy == false));
    const auto& consumed = std::get<ExpectConsumed>(e[3].check);
    CHECK(consumed.consumer == "c1");
    CHECK((consumed.item.message == "message 2" && consumed.item.topic == "Hello world" && consumed.item.broker == "b1"));
    CHECK_FALSE(consumed.item.index);
    CHECK(consumed.occurrence.kind == OccurrenceSpec::Kind::at_least_once);
    const auto& exactly = std::get<ExpectConsumedExactly>(e[4].check);
    REQUIRE(exactly.items.size() == 1);
    CHECK(exactly.items[0].message == "message 3");
    const auto& stat = std::get<ExpectStat>(e[5].check);
    CHECK(stat.path == "consumers.c2.sessions_refused");
    CHECK(stat.path_pos.line == 19);
    CHECK(stat.path_pos.column == 11);
    CHECK(stat.comparison == ExpectStat::Comparison::greater_equal);
    CHECK(stat.value == 1.0);
    const auto& event = std::get<ExpectEvent>(e[6].check);
    CHECK((event.kind == "claim_refused" && event.source == "c2" && !event.target && !event.actor));
    CHECK(event.occurrence.before_ns == 100 * ns_per_ms);
    CHECK_FALSE(event.occurrence.after_ns);
    CHECK(std::get<ExpectInvariant>(e[7].check).kind == ExpectInvariant::Kind::brokers_identical);
    CHECK(std::get<ExpectFingerprint>(e[8].check).hex == "84e701055c13629e");
}

TEST_CASE("expect: the other forms and shorthands", "[loader][expect]") {
    const auto e = expectations_of(R"(  - {broker: b1, not_contains: {topic: news}}
  - {consumer: c1, consumed: "m", after: 1ms, before: 2s}
  - {consumer: c1, consumed: {index: 3}, never: true}
  - {consumer: c2, consumed: {}, count: 4}
  - {consumer: c2, consumed_exactly: ["a", {broker: b2, index: 0}]}
  - {stat: status, "==": finished}
  - {stat: brokers.b1.holder, "!=": null}
  - {stat: brokers.b1.utilization, approx: 0.5, tolerance: 0.05}
  - {stat: brokers.b1.utilization, approx: 0.5, tolerance_percent: 10}
  - {stat: events, "<": 1e3}
  - {event: claim_refused, never: true}
  - {event: {kind: delete, actor: p1}, count: 2}
  - {invariant: acked_writes_present, points: 0}
  - {violation: divergence}
  - {violation: lost_ack, never: true, before: 1s}
  - {violation: no_broker, count: 6}
)");
    REQUIRE(e.size() == 16);
    CHECK(std::get<ExpectBrokerContains>(e[0].check).negated);
    CHECK_FALSE(std::get<ExpectBrokerContains>(e[0].check).message);
    const auto& window = std::get<ExpectConsumed>(e[1].check);
    CHECK(window.item.message == "m");
    CHECK((window.occurrence.after_ns == ns_per_ms && window.occurrence.before_ns == 2 * ns_per_s));
    CHECK(std::get<ExpectConsumed>(e[2].check).occurrence.kind == OccurrenceSpec::Kind::never);
    CHECK(std::get<ExpectConsumed>(e[2].check).item.index == 3);
    const auto& count = std::get<ExpectConsumed>(e[3].check).occurrence;
    CHECK((count.kind == OccurrenceSpec::Kind::exactly && count.count == 4));
    const auto& list = std::get<ExpectConsumedExactly>(e[4].check).items;
    REQUIRE(list.size() == 2);
    CHECK((list[0].message == "a" && list[1].broker == "b2" && list[1].index == 0 && !list[1].message));
    const auto& equal = std::get<ExpectStat>(e[5].check);
    CHECK((equal.comparison == ExpectStat::Comparison::equal && equal.value_text == "finished" && !equal.value));
    const auto& not_null = std::get<ExpectStat>(e[6].check);
    CHECK((not_null.comparison == ExpectStat::Comparison::not_equal && not_null.value_text == "null"));
    const auto& absolute = std::get<ExpectStat>(e[7].check);
    CHECK((absolute.comparison == ExpectStat::Comparison::approx && absolute.value == 0.5 && absolute.tolerance == 0.05 &&
           !absolute.tolerance_percent));
    CHECK(std::get<ExpectStat>(e[8].check).tolerance_percent == 10.0);
    CHECK(std::get<ExpectStat>(e[9].check).value == 1000.0);
    const auto& never = std::get<ExpectEvent>(e[10].check);
    CHECK((never.kind == "claim_refused" && never.occurrence.kind == OccurrenceSpec::Kind::never));
    const auto& involving = std::get<ExpectEvent>(e[11].check);
    CHECK((involving.kind == "delete" && involving.actor == "p1" && involving.occurrence.count == 2));
    CHECK(e[12].points == 0);
    CHECK(std::get<ExpectInvariant>(e[12].check).kind == ExpectInvariant::Kind::acked_writes_present);
    CHECK(std::get<ExpectViolation>(e[13].check).monitor == "divergence");
    CHECK(std::get<ExpectViolation>(e[13].check).occurrence.kind == OccurrenceSpec::Kind::at_least_once);
    CHECK(std::get<ExpectViolation>(e[14].check).occurrence.before_ns == ns_per_s);
    CHECK(std::get<ExpectViolation>(e[15].check).occurrence.count == 6);
}

TEST_CASE("expect: names may come before the actors they name", "[loader][expect]") {
    LoadResult result = load_scenario_text("expect:\n  - {broker: b2, state: {up: true}}\nbrokers: 2\n", "t.yaml");
    CHECK(result.errors.empty());
    REQUIRE(result.spec);
    CHECK(result.spec->expectations.size() == 1);
}

TEST_CASE("expect: unknown keys, with the closest valid one", "[loader][expect][errors]") {
    CHECK(errors_of("  - {brokr: b1, topics: {}}\n") ==
          Lines{"t.yaml:6:6: error: unknown key 'brokr' in the expectation; did you mean 'broker'?"});
    CHECK(errors_of("  - {broker: b1, contans: {topic: x}}\n") ==
          Lines{"t.yaml:6:18: error: unknown key 'contans' in the broker expectation; did you mean 'contains'?"});
    CHECK(errors_of("  - {consumer: c1, consumed: {mesage: x}}\n") ==
          Lines{"t.yaml:6:31: error: unknown key 'mesage' in the consumed item; did you mean 'message'?"});
    CHECK(errors_of("  - {event: {kind: ack, sourse: p1}}\n") ==
          Lines{"t.yaml:6:25: error: unknown key 'sourse' in the event; did you mean 'source'?"});
    CHECK(errors_of("  - {stat: events, \"==\": 1, tolerence: 1}\n") ==
          Lines{"t.yaml:6:29: error: unknown key 'tolerence' in the stat expectation; did you mean 'tolerance'?"});
    CHECK(errors_of("  - {broker: b1, state: {up: true, bussy: false}}\n") ==
          Lines{"t.yaml:6:36: error: unknown key 'bussy' in the broker state; did you mean 'busy'?"});
}

TEST_CASE("expect: one subject, and the keys that go with it", "[loader][expect][errors]") {
    CHECK(errors_of("  - {name: x}\n") ==
          Lines{"t.yaml:6:5: error: the expectation needs one of: broker, consumer, stat, event, invariant, fingerprint, "
                "violation, partition, group (what it checks)"});
    CHECK(errors_of("  - {broker: b1, stat: events, \"==\": 1}\n") ==
          Lines{"t.yaml:6:18: error: 'stat' and 'broker' in one expectation: each entry checks one thing (split it into "
                "two entries)"});
    CHECK(errors_of("  - {broker: b1}\n") ==
          Lines{"t.yaml:6:5: error: the broker expectation needs one of: topics, contains, not_contains, state"});
    CHECK(errors_of("  - {broker: b1, contains: {topic: x}, state: {up: true}}\n") ==
          Lines{"t.yaml:6:40: error: 'state' and 'contains' in one broker expectation: each entry checks one thing "
                "(split it into two entries)"});
    CHECK(errors_of("  - {consumer: c1}\n") ==
          Lines{"t.yaml:6:5: error: the consumer expectation needs one of: consumed, consumed_exactly"});
    CHECK(errors_of("  - {consumer: c1, consumed: {message: x, before: 1ms}}\n") ==
          Lines{"t.yaml:6:43: error: 'before' goes beside 'consumed:', not inside it"});
    CHECK(errors_of("  - {consumer: c1, consumed_exactly: [], before: 1ms}\n") ==
          Lines{"t.yaml:6:42: error: 'before' does not go with 'consumed_exactly', which compares the whole list (use "
                "'consumed:' for one item)"});
    CHECK(errors_of("  - {broker: b1, state: {}}\n") ==
          Lines{"t.yaml:6:25: error: 'state' needs 'up' or 'busy' (or both), e.g. {up: true, busy: false}"});
    CHECK(errors_of("  - {event: {source: p1}}\n") ==
          Lines{"t.yaml:6:13: error: missing required key 'kind' in the event"});
    CHECK(errors_of("  - {event: {kind: ack, actor: p1, source: b1}}\n") ==
          Lines{"t.yaml:6:13: error: 'actor' matches either side of the event: give it alone, or 'source'/'target'"});
    CHECK(errors_of("  - {event: ack, never: true, count: 2}\n") ==
          Lines{"t.yaml:6:31: error: 'count' and 'never' in one expectation: 'never: true' is 'count: 0'; keep one"});
    CHECK(errors_of("  - {violation: lost_ack, after: 2s, before: 1s}\n") ==
          Lines{"t.yaml:6:38: error: empty time window: 'before' must be later than 'after'"});
}

TEST_CASE("expect: comparisons", "[loader][expect][errors]") {
    CHECK(errors_of("  - {stat: events}\n") ==
          Lines{"t.yaml:6:5: error: the stat expectation needs one of: ==, !=, <=, >=, <, >, approx"});
    CHECK(errors_of("  - {stat: events, \"=<\": 1}\n") ==
          Lines{"t.yaml:6:20: error: unknown comparison '=<' (use ==, !=, <=, >=, <, >, or approx with tolerance)"});
    CHECK(errors_of("  - {stat: events, \"=\": 1}\n") ==
          Lines{"t.yaml:6:20: error: unknown comparison '=' (use ==, !=, <=, >=, <, >, or approx with tolerance)"});
    CHECK(errors_of("  - {stat: events, \">=\": 1, \"<=\": 9}\n") ==
          Lines{"t.yaml:6:29: error: '<=' and '>=' in one stat expectation: each entry checks one thing (split it into "
                "two entries)"});
    CHECK(errors_of("  - {stat: events, \">=\": many}\n") == Lines{"t.yaml:6:26: error: '>=' must be a number, got 'many'"});
    CHECK(errors_of("  - {stat: events, \"==\": [1]}\n") ==
          Lines{"t.yaml:6:26: error: '==' must be a number, a string, true, false or null, got a list"});
    CHECK(errors_of("  - {stat: events, approx: 10}\n") ==
          Lines{"t.yaml:6:20: error: 'approx' needs 'tolerance' (absolute) or 'tolerance_percent'"});
    CHECK(errors_of("  - {stat: events, approx: 10, tolerance: -1}\n") ==
          Lines{"t.yaml:6:43: error: 'tolerance' must be a non-negative number, got '-1'"});
    CHECK(errors_of("  - {stat: events, approx: 10, tolerance: 1, tolerance_percent: 5}\n") ==
          Lines{"t.yaml:6:46: error: 'tolerance' and 'tolerance_percent' in one expectation; keep one"});
    CHECK(errors_of("  - {stat: events, \"==\": 1, tolerance: 1}\n") ==
          Lines{"t.yaml:6:29: error: 'tolerance' goes with 'approx' (e.g. approx: 0.5, tolerance: 0.05)"});
}

TEST_CASE("expect: names, kinds, monitors, invariants and values", "[loader][expect][errors]") {
    CHECK(errors_of("  - {broker: b9, state: {up: true}}\n") ==
          Lines{"t.yaml:6:14: error: unknown broker 'b9' (brokers: b1, b2)"});
    CHECK(errors_of("  - {consumer: c3, consumed: x}\n") ==
          Lines{"t.yaml:6:16: error: unknown consumer 'c3' (consumers: c1, c2)"});
    CHECK(errors_of("  - {consumer: c1, consumed: {broker: p1}}\n") ==
          Lines{"t.yaml:6:39: error: unknown broker 'p1'; did you mean 'b1'?"});
    CHECK(errors_of("  - {event: {kind: ack, source: p9}}\n") ==
          Lines{"t.yaml:6:33: error: unknown actor 'p9'; did you mean 'p1'?"});
    CHECK(errors_of("  - {event: {kind: claim_refusd}}\n") ==
          Lines{"t.yaml:6:20: error: unknown event kind 'claim_refusd'; did you mean 'claim_refused'?"});
    CHECK(errors_of("  - {violation: lost_acks}\n") ==
          Lines{"t.yaml:6:17: error: unknown monitor 'lost_acks'; did you mean 'lost_ack'?"});
    CHECK(errors_of("  - {invariant: identical}\n") ==
          Lines{"t.yaml:6:17: error: unknown invariant 'identical' (one of: brokers_identical, acked_writes_present, per_key_order)"});
    CHECK(errors_of("  - {fingerprint: abc}\n") ==
          Lines{"t.yaml:6:19: error: 'fingerprint' must be the 16 hex digits `kafkasim run` prints (e.g. "
                "\"84e701055c13629e\"), got 'abc'"});
    CHECK(errors_of("  - {stat: consumer.c1.attempts, \">\": 0}\n") ==
          Lines{"t.yaml:6:12: error: unknown stat 'consumer' in 'consumer.c1.attempts'; did you mean 'consumers'?"});
    CHECK(errors_of("  - {stat: brokers.b3.up, \"==\": true}\n") ==
          Lines{"t.yaml:6:12: error: unknown broker 'b3' in stat 'brokers.b3.up' (brokers: b1, b2)"});
    CHECK(errors_of("  - {event: ack, never: maybe}\n") ==
          Lines{"t.yaml:6:25: error: 'never' must be true or false, got 'maybe'"});
    CHECK(errors_of("  - {event: ack, before: [5ms]}\n") ==
          Lines{"t.yaml:6:26: error: 'before' must be a duration such as '1.5ms', got a list"});
    CHECK(errors_of("  - {invariant: brokers_identical, points: -1}\n") ==
          Lines{"t.yaml:6:44: error: 'points' must be an integer from 0 to 1000000, got '-1'"});
    CHECK(errors_of("  - {invariant: brokers_identical, hint: [a]}\n") ==
          Lines{"t.yaml:6:42: error: 'hint' must be a string, got a list"});
    CHECK(errors_of("  - 3\n") ==
          Lines{"t.yaml:6:5: error: each expectation must be a mapping such as {broker: b1, contains: {topic: \"t\"}}, got '3'"});
    CHECK(errors_of("  broker: b1\n") == Lines{"t.yaml:6:3: error: 'expect' must be a list, got a mapping"});
    CHECK(errors_of("  - {consumer: c1, consumed_exactly: x}\n") ==
          Lines{"t.yaml:6:38: error: 'consumed_exactly' must be a list, got 'x'"});
}

TEST_CASE("expect: every error of a file in one pass, in file order", "[loader][expect][errors]") {
    CHECK(errors_of(R"(  - broker: b9
    state: {up: yes}
  - stat: events
    ">=": x
)") == Lines{"t.yaml:6:13: error: unknown broker 'b9' (brokers: b1, b2)",
             "t.yaml:7:17: error: 'up' must be true or false, got 'yes'",
             "t.yaml:9:11: error: '>=' must be a number, got 'x'"});
}
