// ineffective_faults: what `kafkasim validate` warns about. Generated
// scripts of crashes and restarts are checked against the model itself: a
// fault is reported iff its record in the run says it did nothing.
#include <catch2/catch.hpp>

#include <set>

#include "core/fault_plan.hpp"
#include "core/prng.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("ineffective_faults names the crashes and restarts that change nothing", "[fault_plan]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1"), broker("b2")};
    spec.faults = {restart_at(1 * ns_per_ms, 0), crash_at(2 * ns_per_ms, 1), crash_at(3 * ns_per_ms, 1),
                   restart_at(4 * ns_per_ms, 1), restart_at(5 * ns_per_ms, 1)};
    const std::vector<IneffectiveFault> found = ineffective_faults(spec);
    REQUIRE(found.size() == 3);
    CHECK(found[0].fault == 0);
    CHECK(found[0].message == "restart of b1 at 1ms does nothing: b1 is up (never crashed before); it keeps its dictionary");
    CHECK(found[1].fault == 2);
    CHECK(found[1].message == "crash of b2 at 3ms does nothing: b2 is down already (crashed at 2ms, no restart since)");
    CHECK(found[2].fault == 4);
    CHECK(found[2].message == "restart of b2 at 5ms does nothing: b2 is up (restarted at 4ms); it keeps its dictionary");
}

TEST_CASE("ineffective_faults agrees with the model on generated fault scripts", "[fault_plan][property]") {
    // Random scripts of crashes and restarts (equal times included: they run
    // in scenario order) over three brokers; the model's records are the truth.
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        Prng prng = Prng::stream(seed, "fault-plan");
        ScenarioSpec spec = base_scenario(seed);
        spec.brokers = {broker("b1"), broker("b2"), broker("b3")};
        const std::size_t faults = 1 + prng.below(8);
        for (std::size_t f = 0; f < faults; ++f) {
            const TimeNs at_ns = static_cast<TimeNs>(prng.below(5)) * ns_per_ms;
            const auto b = static_cast<std::uint32_t>(prng.below(3));
            spec.faults.push_back(prng.below(2) == 0 ? crash_at(at_ns, b) : restart_at(at_ns, b));
        }
        std::set<std::size_t> predicted;
        for (const IneffectiveFault& fault : ineffective_faults(spec)) predicted.insert(fault.fault);
        std::set<std::size_t> recorded;
        const RecordedRun run(spec, records_only());
        for (const Record& record : run.records()) {
            if (record.reason == Reason::already_down || record.reason == Reason::already_up) {
                recorded.insert(static_cast<std::size_t>(record.index));
            }
        }
        INFO("seed " << seed);
        CHECK(predicted == recorded);
    }
}
