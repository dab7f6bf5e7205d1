// The evaluator's timing entries (events of a kind, from/to/involving an
// actor, in a window, never, a count), the monitors' violations and the
// fingerprint, with exact texts (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("event: a kind, optionally from/to an actor, in a window", "[check][event]") {
    check_texts(check_one("{event: {kind: claim_refused, source: c2, target: b1}}"), true,
                "at least one claim_refused event from c2 to b1", "1, the first at 54.5ms (event 28)");
    check_texts(check_one("{event: {kind: claim_refused, source: c1}}"), false, "at least one claim_refused event from c1",
                "none");
    check_texts(check_one("{event: claim_refused, before: 50ms}"), false, "at least one claim_refused event before 50ms",
                "none before 50ms; 1 outside, the first at 54.5ms (event 28)");
    check_texts(check_one("{event: claim_refused, after: 50ms, before: 55ms}"), true,
                "at least one claim_refused event after 50ms and before 55ms",
                "1 after 50ms and before 55ms, the first at 54.5ms (event 28)");
    // actor: either side. p2's publish arrives at b2 at 21ms (event 8).
    check_texts(check_one("{event: {kind: publish, actor: p2}, count: 1}"), true, "exactly 1 publish event involving p2",
                "1, the first at 21ms (event 8)");
    check_texts(check_one("{event: {kind: publish, actor: b2}}"), true, "at least one publish event involving b2",
                "2, the first at 11ms (event 2)");
    check_texts(check_one("{event: {kind: ack, target: p1}, count: 3}"), false, "exactly 3 ack events to p1",
                "2, the first at 12.5ms (event 5)");
    check_texts(check_one("{event: {kind: crash}, never: true}"), true, "no crash event", "none");
    check_texts(check_one("{event: {kind: claim_refused}, never: true, after: 55ms}"), true,
                "no claim_refused event after 55ms", "none after 55ms; 1 outside, the first at 54.5ms (event 28)");
    check_texts(check_one("{event: {kind: ack, source: b2}, never: true}"), false, "no ack event from b2",
                "2, the first at 12.5ms (event 6)");
}

TEST_CASE("violation: a monitor's findings, happening or never, in a window", "[check][violation]") {
    check_texts(check_one("{violation: divergence}"), true, "at least one divergence violation",
                "1, the first at 21.5ms (event 9): b1 and b2 hold different dictionaries");
    check_texts(check_one("{violation: divergence, never: true}"), false, "no divergence violation",
                "1, the first at 21.5ms (event 9): b1 and b2 hold different dictionaries");
    check_texts(check_one("{violation: divergence, before: 20ms}"), false, "at least one divergence violation before 20ms",
                "none before 20ms; 1 outside, the first at 21.5ms (event 9): b1 and b2 hold different dictionaries");
    check_texts(check_one("{violation: no_broker, never: true}"), true, "no no_broker violation", "none");
    check_texts(check_one("{violation: lost_ack, count: 0}"), true, "exactly 0 lost_ack violations", "none");
    check_texts(check_one("{violation: divergence, never: true}",
                          [](ScenarioSpec& spec) { spec.monitors.divergence = false; }),
                false, "no divergence violation", "the divergence monitor is off in this scenario (monitors:)");
    // b2 crashes at 30ms (event 11): "only on b2" is on no up broker ("message 3" still is on b1).
    check_texts(check_one("{violation: lost_ack, after: 29ms}", crash_and_restart_b2), true,
                "at least one lost_ack violation after 29ms",
                R"(1 after 29ms, the first at 30ms (event 11): "only on b2" in "news", acknowledged by b2, is on no up broker)");
}

TEST_CASE("fingerprint: the trace hash kafkasim run prints", "[check][fingerprint]") {
    check_texts(check_one(R"({fingerprint: "6a3faadadebf13e1"})"), true, "6a3faadadebf13e1", "6a3faadadebf13e1");
    check_texts(check_one(R"({fingerprint: "6A3FAADADEBF13E1"})"), true, "6a3faadadebf13e1", "6a3faadadebf13e1");
    check_texts(check_one(R"({fingerprint: "0000000000000000"})"), false, "0000000000000000", "6a3faadadebf13e1");
    // Another network, another trace.
    const ExpectationResult slower = check_one(R"({fingerprint: "6a3faadadebf13e1"})", [](ScenarioSpec& spec) {
        spec.network.latency = DistributionSpec::constant(2 * ns_per_ms);
    });
    CHECK_FALSE(slower.passed);
    CHECK(slower.actual.size() == 16);
    CHECK(slower.actual != "6a3faadadebf13e1");
}
