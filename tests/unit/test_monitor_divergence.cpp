// The divergence monitor: the up brokers' dictionaries differ once every
// write has landed (or been lost). It fires at the event that settles the
// difference, heals when they agree again, and stays quiet while the
// fan-out is merely on its way. Actors: b1 = 0, b2 = 1, p1 = 2, p2 = 3.
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

std::vector<Violation> violations_of(const RecordedRun& run, MonitorKind kind) {
    std::vector<Violation> result;
    for (const Violation& violation : run.monitors().violations()) {
        if (violation.monitor == kind) result.push_back(violation);
    }
    return result;
}

const Record& record_at(const RecordedRun& run, std::uint64_t event) { return run.records()[event]; }

}  // namespace

TEST_CASE("divergence fires when a partitioned write settles, and heals when the brokers agree", "[monitor][divergence]") {
    // p1 writes "m" to both at 0, but p1 and b2 are partitioned until 10 ms:
    // b1 has it (published at 1 ms), b2 does not. At 20 ms p2 writes the
    // same to b2 only (published at 21 ms): the dictionaries agree again.
    ScenarioSpec spec = base_scenario(2);
    spec.brokers = {broker("b1"), broker("b2")};
    spec.producers = {producer("p1", {0, 1}, {action(0, OpKind::publish, "t", "m")}),
                      producer("p2", {1}, {action(20 * ms, OpKind::publish, "t", "m")})};
    spec.faults = {partition({{2, 0}, {1}}, 0, 10 * ms)};
    const RecordedRun run(spec, records_only());

    const auto found = violations_of(run, MonitorKind::divergence);
    REQUIRE(found.size() == 2);
    CHECK_FALSE(found[0].healed);
    CHECK(found[0].time_ns == 1 * ms);
    // The event that settled it: the last write in flight, b1 applying "m"
    // (the copy to b2 was dropped just before, at the same instant).
    CHECK(record_at(run, found[0].event).kind == RecordKind::published);
    CHECK(record_at(run, found[0].event).target == 0);
    CHECK(record_at(run, found[0].event - 1).kind == RecordKind::dropped);
    CHECK(found[0].detail == "b1 and b2 hold different dictionaries");

    CHECK(found[1].healed);
    CHECK(found[1].time_ns == 21 * ms);
    CHECK(record_at(run, found[1].event).kind == RecordKind::published);
    CHECK(record_at(run, found[1].event).target == 1);
    CHECK(run.monitors().count(MonitorKind::divergence) == 1);  // a healing is reported, not counted
}

TEST_CASE("divergence stays quiet while the fan-out is on its way", "[monitor][divergence]") {
    // b2 is 5 ms slower to serve: for 5 ms after each write b1 has it and
    // b2 not, but a write is still in flight, so that is no divergence.
    // Writes 10 ms apart settle in between, so the monitor does look.
    ScenarioSpec spec = base_scenario(2);
    spec.brokers = {broker("b1"), broker("b2", 5 * ms)};
    std::vector<ProducerActionSpec> actions;
    for (int i = 0; i < 20; ++i) actions.push_back(action(i * 10 * ms, OpKind::publish, "t", "m" + std::to_string(i)));
    actions.push_back(action(250 * ms, OpKind::edit, "t", "edited", 3));
    actions.push_back(action(260 * ms, OpKind::delete_message, "t", "", 0));
    spec.producers = {producer("p1", {0, 1}, std::move(actions))};
    const RecordedRun run(spec, records_only());
    CHECK(run.monitors().count(MonitorKind::divergence) == 0);
    CHECK(violations_of(run, MonitorKind::divergence).empty());
    CHECK(dictionary(run.final_state(), 0) == dictionary(run.final_state(), 1));
}

TEST_CASE("divergence compares only the up brokers, and off it reports nothing", "[monitor][divergence]") {
    // b1 crashes at 5 ms (non-durable: empty), restarts empty at 10 ms while b2 keeps "m".
    ScenarioSpec spec = base_scenario(2);
    spec.brokers = {broker("b1"), broker("b2")};
    spec.producers = {producer("p1", {0, 1}, {action(0, OpKind::publish, "t", "m")})};
    spec.faults = {crash_at(5 * ms, 0), restart_at(10 * ms, 0)};
    const RecordedRun run(spec, records_only());
    const auto found = violations_of(run, MonitorKind::divergence);
    REQUIRE(found.size() == 1);  // not while b1 is down, only once it is back empty
    CHECK(found[0].time_ns == 10 * ms);
    CHECK(record_at(run, found[0].event).kind == RecordKind::restart);

    spec.monitors.divergence = false;
    const RecordedRun quiet(spec, records_only());
    CHECK(quiet.monitors().count(MonitorKind::divergence) == 0);
    CHECK(quiet.monitors().violations().empty());
}
