// Events per second of the full model on the six-actor workload, with and
// without recording, next to a bare 4-ary-heap loop with trivial handlers
// (the ceiling any model on this queue can reach). Run:
//   build/bench/bench_engine --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "bench/workloads.hpp"
#include "core/event_queue.hpp"
#include "core/prng.hpp"
#include "core/recorded_run.hpp"
#include "core/recorder.hpp"
#include "core/simulation.hpp"

namespace {

using namespace kafkasim;

// The model alone: no observer.
void BM_model_events(benchmark::State& state) {
    const ScenarioSpec spec = bench::six_actor_workload(static_cast<std::uint64_t>(state.range(0)));
    std::uint64_t events = 0;
    for (auto _ : state) {
        StringTable strings;
        Simulation simulation(spec, strings);
        simulation.run(UINT64_MAX);
        events += simulation.events_processed();
        benchmark::DoNotOptimize(simulation.state_hash());
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_model_events)->Arg(50'000)->Unit(benchmark::kMillisecond);

// The model with a Recorder attached (what `kafkasim run` does).
void BM_model_events_recorded(benchmark::State& state) {
    const ScenarioSpec spec = bench::six_actor_workload(static_cast<std::uint64_t>(state.range(0)));
    std::uint64_t events = 0;
    for (auto _ : state) {
        StringTable strings;
        Recorder recorder;
        Simulation simulation(spec, strings);
        simulation.set_recorder(&recorder);
        simulation.run(UINT64_MAX);
        events += simulation.events_processed();
        benchmark::DoNotOptimize(recorder.records().size());
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_model_events_recorded)->Arg(50'000)->Unit(benchmark::kMillisecond);

// The baseline: six actors bouncing events through the same 4-ary heap with
// trivial handlers (each event schedules one more at a random delay).
void BM_bare_heap_loop(benchmark::State& state) {
    const auto total = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t events = 0;
    for (auto _ : state) {
        EventQueue queue;
        Prng prng(1);
        for (std::uint16_t actor = 0; actor < 6; ++actor) queue.push(0, 0, actor, 0);
        std::uint64_t processed = 0;
        while (processed < total) {
            const Event event = queue.pop();
            ++processed;
            queue.push(event.time_ns + 1 + static_cast<TimeNs>(prng.below(1000)), 0, static_cast<std::uint16_t>((event.actor + 1) % 6), 0);
        }
        events += processed;
        benchmark::DoNotOptimize(queue.size());
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_bare_heap_loop)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
