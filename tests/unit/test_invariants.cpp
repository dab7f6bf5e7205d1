// check_invariants() after every event, in the release test build too (the
// sanitizer build also calls it inside step()): every shipped scenario and
// test scenario under several seeds, and many random workloads with faults.
// Each run must keep every invariant of simulation.hpp at every event.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/simulation.hpp"
#include "fault_builders.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// Steps to the end (or `max_events`), checking after each event.
std::uint64_t run_checked(const ScenarioSpec& spec, std::uint64_t max_events) {
    StringTable strings;
    Simulation simulation(spec, strings);
    simulation.check_invariants();
    while (simulation.events_processed() < max_events && simulation.step()) simulation.check_invariants();
    return simulation.events_processed();
}

}  // namespace

TEST_CASE("every scenario keeps the model's invariants at every event", "[invariants]") {
    const std::vector<std::string> files = scenario_files({"configs", "tests/scenarios"});
    REQUIRE(files.size() >= 10);
    for (const std::string& file : files) {
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        for (std::uint64_t seed = 1; seed <= 4; ++seed) {
            CAPTURE(file, seed);
            ScenarioSpec spec = *loaded.spec;
            spec.seed = seed;
            CHECK(run_checked(spec, 60'000) > 0);
        }
    }
}

TEST_CASE("random workloads with faults keep the model's invariants at every event", "[invariants]") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        ScenarioSpec spec = random_workload(seed);
        spec.consumers[0].retry.timeout_ns = 4 * ns_per_ms;
        spec.consumers[0].retry.retries = 2;
        spec.producers[0].retry.timeout_ns = 3 * ns_per_ms;
        spec.producers[0].retry.retries = 1;
        spec.brokers[1].queue_capacity = 2 + static_cast<std::uint32_t>(seed % 5);
        spec.faults = every_fault_kind(seed);
        CHECK(run_checked(spec, 200'000) > 100);
    }
}
