// Determinism: the same scenario and seed give byte-identical traces and the
// same state hash; another seed gives another trace; a copy of a Simulation
// continues exactly as the original; and RecordedRun::state_after(n), built
// from snapshots, equals a fresh forward run of n events.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/simulation.hpp"
#include "core/string_table.hpp"
#include "report/outputs.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

}  // namespace

TEST_CASE("determinism: two runs give identical trace bytes and state", "[determinism]") {
    const Traced first = trace_of(random_workload(1));
    const Traced second = trace_of(random_workload(1));
    REQUIRE(first.events > 3000);  // a real workload, not a trivial one
    CHECK(first.bytes.size() > 100'000);
    CHECK(first.bytes == second.bytes);
    CHECK(first.fingerprint == second.fingerprint);
    CHECK(first.state_hash == second.state_hash);
    // The fingerprint is FNV-1a over exactly the bytes written.
    CHECK(first.fingerprint == fnv1a64(first.bytes));
    CHECK(write_trace(RecordedRun(random_workload(1), records_only()), nullptr) == first.fingerprint);
}

TEST_CASE("determinism: another seed gives another trace", "[determinism]") {
    const Traced one = trace_of(random_workload(1));
    const Traced two = trace_of(random_workload(2));
    CHECK(one.bytes != two.bytes);
    CHECK(one.fingerprint != two.fingerprint);
    CHECK(one.state_hash != two.state_hash);
}

TEST_CASE("determinism: the run exercises what it claims to", "[determinism]") {
    const RecordedRun run(random_workload(1), records_only());
    const Simulation& state = run.final_state();
    std::uint64_t refused_claims = 0, completed = 0, failed = 0, refused = 0;
    for (const Consumer& c : state.consumers()) {
        refused_claims += c.stats.claims_refused;
        completed += c.stats.sessions_completed;
        failed += c.stats.sessions_failed;
        refused += c.stats.sessions_refused;
    }
    CHECK(completed > 50);
    CHECK(refused + refused_claims > 0);
    CHECK(records_of(run, RecordKind::retry).size() > 0);
    CHECK(state.producers()[0].stats.acked + state.producers()[1].stats.acked > 500);
    CHECK(nothing_held(state));
    (void)failed;
}

TEST_CASE("determinism: a copied simulation continues exactly like the original", "[determinism]") {
    const ScenarioSpec spec = random_workload(3);
    StringTable strings;
    Simulation original(spec, strings);
    for (int i = 0; i < 1500; ++i) REQUIRE(original.step());
    Simulation copy = original;
    CHECK(copy.state_hash() == original.state_hash());
    std::vector<std::uint64_t> hashes_original, hashes_copy;
    while (original.step()) hashes_original.push_back(original.state_hash());
    while (copy.step()) hashes_copy.push_back(copy.state_hash());
    CHECK(hashes_original == hashes_copy);
    CHECK(copy.events_processed() == original.events_processed());
}

TEST_CASE("determinism: state_after(n) equals a fresh forward run of n events", "[determinism][recorded_run]") {
    const ScenarioSpec spec = random_workload(4);
    RecordOptions options;
    options.snapshot_interval = 64;
    options.snapshots_max = 8;  // small, so the snapshots are thinned and the interval doubles
    const RecordedRun run(spec, options);
    const std::size_t total = run.event_count();
    REQUIRE(total > 3000);
    CHECK(run.snapshot_interval() > 64);
    CHECK(run.snapshot_count() <= 8);

    // Forward reference: one fresh simulation, hashes after each event.
    StringTable strings;
    Simulation fresh(spec, strings);
    std::vector<std::uint64_t> hash_after{fresh.state_hash()};
    while (fresh.step()) hash_after.push_back(fresh.state_hash());
    REQUIRE(hash_after.size() == total + 1);
    CHECK(hash_after.back() == run.final_state().state_hash());

    std::vector<std::size_t> probes = {0, 1, 2, 63, 64, 65, 127, 128, 129, total - 1, total};
    for (std::size_t n = 7; n < total; n += 97) probes.push_back(n);
    for (const std::size_t n : probes) {
        INFO("after " << n << " events");
        const Simulation state = run.state_after(n);
        REQUIRE(state.events_processed() == n);
        REQUIRE(state.state_hash() == hash_after[n]);
    }
    // Stepping a rebuilt state walks the recorded run.
    Simulation walker = run.state_after(1000);
    for (std::size_t n = 1001; n <= 1100; ++n) {
        REQUIRE(RecordedRun::step(walker));
        REQUIRE(walker.state_hash() == hash_after[n]);
    }
}

TEST_CASE("recorded run: the last snapshot stays within one interval of the end", "[recorded_run]") {
    // state_after() promises to replay at most one interval past a snapshot;
    // that must hold for any snapshots_max, even or odd, after any number of
    // thinnings.
    const ScenarioSpec spec = random_workload(5);
    for (const std::size_t snapshots_max : {std::size_t{2}, std::size_t{3}, std::size_t{5}, std::size_t{8}}) {
        RecordOptions options;
        options.snapshot_interval = 16;
        options.snapshots_max = snapshots_max;
        const RecordedRun run(spec, options);
        INFO("snapshots_max " << snapshots_max << ", interval " << run.snapshot_interval() << ", snapshots "
                              << run.snapshot_count() << ", events " << run.event_count());
        CHECK(run.snapshot_count() <= snapshots_max);
        CHECK(run.snapshot_count() * run.snapshot_interval() >= run.event_count());
    }
}

TEST_CASE("recorded run: the event limit stops a run", "[recorded_run]") {
    RecordOptions options = records_only();
    options.max_events = 1000;
    const RecordedRun run(random_workload(1), options);
    CHECK(run.status() == RunStatus::event_limit);
    CHECK(run.event_count() == 1000);
    const Traced full = trace_of(random_workload(1));
    // The limited trace is a prefix of the full one.
    std::ostringstream out;
    write_trace(run, &out);
    CHECK(full.bytes.compare(0, out.str().size(), out.str()) == 0);
}

TEST_CASE("recorded run: until stops at a time and the window ends there", "[recorded_run]") {
    ScenarioSpec spec = random_workload(1);
    spec.until_ns = 100 * ms;
    const RecordedRun run(spec, records_only());
    CHECK(run.status() == RunStatus::until_reached);
    CHECK(run.final_state().end_time_ns() == 100 * ms);
    CHECK(run.records().back().time_ns <= 100 * ms);
    CHECK(run.final_state().has_pending_event() == false);
}
