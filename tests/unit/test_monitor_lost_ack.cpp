// The lost_ack monitor: a publish a broker acknowledged is held by no broker
// any more (checked when a broker crashes or restarts). It fires when the
// only copies die with non-durable brokers; not while another broker keeps
// a copy, not for a durable broker (down, it keeps its dictionary), and not
// for a message the producer itself edited away or deleted.
// Actors: b1 = 0, b2 = 1, p1 = 2.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/monitors.hpp"
#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

std::vector<Violation> lost_acks(const RecordedRun& run) {
    std::vector<Violation> result;
    for (const Violation& violation : run.monitors().violations()) {
        if (violation.monitor == MonitorKind::lost_ack) result.push_back(violation);
    }
    return result;
}

// p1 publishes "m" at 0 to `targets` (acked at 2 ms), then `later`.
ScenarioSpec acked_then(std::vector<std::uint32_t> targets, std::vector<FaultSpec> faults,
                        std::vector<ProducerActionSpec> later = {}) {
    ScenarioSpec spec = base_scenario(8);
    spec.brokers = {broker("b1"), broker("b2")};
    std::vector<ProducerActionSpec> actions = {action(0, OpKind::publish, "t", "m")};
    for (ProducerActionSpec& a : later) actions.push_back(std::move(a));
    spec.producers = {producer("p1", std::move(targets), std::move(actions))};
    spec.faults = std::move(faults);
    return spec;
}

}  // namespace

TEST_CASE("lost_ack fires when the only broker that acknowledged a publish crashes", "[monitor][lost_ack]") {
    const RecordedRun run(acked_then({0}, {crash_at(5 * ms, 0)}), records_only());
    const auto found = lost_acks(run);
    REQUIRE(found.size() == 1);
    CHECK(found[0].time_ns == 5 * ms);
    CHECK(run.records()[found[0].event].kind == RecordKind::crash);
    CHECK(found[0].detail == "\"m\" in \"t\", acknowledged by b1, is on no up broker");
    CHECK(run.monitors().count(MonitorKind::lost_ack) == 1);
}

TEST_CASE("lost_ack fires when the last copy goes, not before", "[monitor][lost_ack]") {
    // Both brokers acknowledged "m". b1 crashes at 5 ms (b2 still has it) and
    // comes back empty at 8 ms; b2 crashes at 10 ms: now it is gone. Each
    // acknowledgement is reported once.
    const RecordedRun run(acked_then({0, 1}, {crash_at(5 * ms, 0), restart_at(8 * ms, 0), crash_at(10 * ms, 1)}),
                          records_only());
    const auto found = lost_acks(run);
    REQUIRE(found.size() == 2);
    for (const Violation& violation : found) {
        CHECK(violation.time_ns == 10 * ms);
        CHECK(run.records()[violation.event].kind == RecordKind::crash);
        CHECK(run.records()[violation.event].source == 1);
    }
}

TEST_CASE("lost_ack stays quiet while another broker keeps a copy", "[monitor][lost_ack]") {
    const RecordedRun run(acked_then({0, 1}, {crash_at(5 * ms, 0), restart_at(8 * ms, 0)}), records_only());
    CHECK(lost_acks(run).empty());
    CHECK(run.monitors().count(MonitorKind::lost_ack) == 0);
}

TEST_CASE("lost_ack stays quiet for a durable broker: down is not lost", "[monitor][lost_ack][durable]") {
    ScenarioSpec spec = acked_then({0}, {crash_at(5 * ms, 0), restart_at(8 * ms, 0)});
    spec.brokers[0].durable = true;
    const RecordedRun run(spec, records_only());
    CHECK(lost_acks(run).empty());
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m"}}});
}

TEST_CASE("lost_ack stays quiet for what the producer edited or deleted itself", "[monitor][lost_ack]") {
    SECTION("edited") {
        const RecordedRun run(acked_then({0}, {crash_at(10 * ms, 0)}, {action(3 * ms, OpKind::edit, "t", "m2", 0)}),
                              records_only());
        // "m2" was acknowledged as an edit, not a publish: nothing to report.
        CHECK(lost_acks(run).empty());
    }
    SECTION("message deleted") {
        const RecordedRun run(acked_then({0}, {crash_at(10 * ms, 0)}, {action(3 * ms, OpKind::delete_message, "t", "", 0)}),
                              records_only());
        CHECK(lost_acks(run).empty());
    }
    SECTION("topic deleted") {
        const RecordedRun run(acked_then({0}, {crash_at(10 * ms, 0)}, {action(3 * ms, OpKind::delete_topic, "t")}),
                              records_only());
        CHECK(lost_acks(run).empty());
    }
    SECTION("a later publish of another message is still reported") {
        const RecordedRun run(acked_then({0}, {crash_at(10 * ms, 0)},
                                         {action(3 * ms, OpKind::delete_message, "t", "", 0),
                                          action(4 * ms, OpKind::publish, "t", "n")}),
                              records_only());
        const auto found = lost_acks(run);
        REQUIRE(found.size() == 1);
        CHECK(found[0].detail == "\"n\" in \"t\", acknowledged by b1, is on no up broker");
    }
}

TEST_CASE("lost_ack off: nothing reported", "[monitor][lost_ack]") {
    ScenarioSpec spec = acked_then({0}, {crash_at(5 * ms, 0)});
    spec.monitors.lost_ack = false;
    const RecordedRun run(spec, records_only());
    CHECK(lost_acks(run).empty());
    CHECK(run.monitors().count(MonitorKind::lost_ack) == 0);
}
