// Determinism with every fault kind enabled: the same scenario and seed give
// byte-identical traces (violations included); drop decisions come from the
// scenario seed (the network stream), so another seed loses other messages
// while the same seed loses the same ones; snapshots replay faults exactly.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/simulation.hpp"
#include "core/string_table.hpp"
#include "fault_builders.hpp"
#include "report/outputs.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

// random_workload (b1, b2, p1, p2, c1..c3) with a crash and restart of each
// broker, a slow link, lossy links and a partition that heals, and clients
// with timeouts and retries.
ScenarioSpec faulty_workload(std::uint64_t seed) {
    ScenarioSpec spec = random_workload(seed);
    constexpr ActorIndex b1 = 0, b2 = 1, p1 = 2, p2 = 3, c1 = 4, c2 = 5;
    spec.faults = {
        crash_at(60 * ms, 0),
        restart_at(90 * ms, 0, true),
        slow(links({p1}, {b2}, true), 3 * ms, 20 * ms, 150 * ms),
        drop(links({}, {}), 0.05, 0, std::nullopt),
        drop(links({c2}, {}, true), 0.2, 100 * ms, 300 * ms),
        partition({{p2, b2}, {b1, c1}}, 200 * ms, 260 * ms),
        crash_at(320 * ms, 1),
        restart_at(340 * ms, 1),
    };
    spec.producers[0].retry = retry_policy(8 * ms, 3, 1 * ms, true);
    spec.producers[1].retry = retry_policy(10 * ms);
    for (ConsumerSpec& consumer : spec.consumers) consumer.retry = retry_policy(6 * ms, 2, 2 * ms);
    return spec;
}

// Which messages were lost at random: (time sent, sender, receiver).
using Drops = std::vector<std::tuple<TimeNs, ActorId, ActorId>>;

Drops random_drops(const ScenarioSpec& spec) {
    const RecordedRun run(spec, records_only());
    Drops drops;
    for (const Record& record : records_of(run, RecordKind::dropped)) {
        if (record.reason == Reason::drop_random) drops.emplace_back(record.sent_ns, record.source, record.target);
    }
    return drops;
}

}  // namespace

TEST_CASE("determinism with faults: the same seed gives the same trace bytes", "[determinism][fault]") {
    const Traced first = trace_of(faulty_workload(1));
    const Traced second = trace_of(faulty_workload(1));
    CHECK(first.bytes.size() > 100'000);
    CHECK(first.bytes == second.bytes);
    CHECK(first.fingerprint == second.fingerprint);
    CHECK(first.state_hash == second.state_hash);
    // Every fault kind and its consequences are in it.
    for (const char* kind : {"\"crash\"", "\"restart\"", "\"fault_start\"", "\"fault_end\"", "\"dropped\"", "\"timeout\"",
                             "\"resend\"", "\"violations\""}) {
        INFO(kind);
        CHECK(first.bytes.find(kind) != std::string::npos);
    }
    CHECK(first.bytes.find("\"partitioned\"") != std::string::npos);
    CHECK(first.bytes.find("\"drop_random\"") != std::string::npos);
}

TEST_CASE("determinism with faults: drop decisions come from the seed", "[determinism][fault][drop]") {
    const Drops one = random_drops(faulty_workload(1));
    const Drops again = random_drops(faulty_workload(1));
    const Drops two = random_drops(faulty_workload(2));
    CHECK(one.size() > 50);
    CHECK(one == again);
    CHECK(one != two);

    // The same workload timing, another seed: only the drop draws (and the
    // latencies, from the same network stream) change.
    ScenarioSpec fixed_one = faulty_workload(1);
    fixed_one.network.latency = DistributionSpec::constant(1 * ms);
    ScenarioSpec fixed_two = fixed_one;
    fixed_two.seed = 2;
    CHECK(random_drops(fixed_one) != random_drops(fixed_two));
    CHECK(trace_of(fixed_one).bytes != trace_of(fixed_two).bytes);
}

TEST_CASE("determinism with faults: a rebuilt state continues like the recorded run", "[determinism][fault][recorded_run]") {
    const ScenarioSpec spec = faulty_workload(3);
    RecordOptions options;
    options.snapshot_interval = 256;
    const RecordedRun run(spec, options);
    StringTable strings;
    Simulation fresh(spec, strings);
    std::vector<std::uint64_t> hash_after{fresh.state_hash()};
    while (fresh.step()) hash_after.push_back(fresh.state_hash());
    REQUIRE(hash_after.size() == run.event_count() + 1);
    for (std::size_t n = 0; n <= run.event_count(); n += 211) {
        INFO("after " << n << " events");
        CHECK(run.state_after(n).state_hash() == hash_after[n]);
    }
}
