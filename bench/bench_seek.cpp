// How long the visualizer takes to show any event of a one-million-event run
// (issue 3 asks for < 50 ms per jump): a random-access seek (copy the nearest
// snapshot, re-run forward), the same through the viz's StateCache, the worst
// case (the event just before a snapshot), one step forward, and the one-time
// costs of recording the run and building the "Over time" history. Run:
//   build/bin/bench_seek --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <memory>

#include "bench/workloads.hpp"
#include "core/recorded_run.hpp"
#include "model/broker_history.hpp"
#include "model/state_cache.hpp"

namespace {

using namespace kafkasim;

constexpr std::uint64_t run_events = 1'000'000;

// The six-actor workload, cut at exactly one million events.
std::unique_ptr<RecordedRun> record_run(RecordOptions options) {
    options.max_events = run_events;
    return std::make_unique<RecordedRun>(bench::six_actor_workload(100'000), options);
}

// Recorded once per option set and shared by the benchmarks below.
const RecordedRun& viz_run() {
    static const std::unique_ptr<RecordedRun> run = record_run(viz::viz_record_options());
    return *run;
}
const RecordedRun& default_run() {
    static const std::unique_ptr<RecordedRun> run = record_run(RecordOptions{});
    return *run;
}

// A fixed sequence of targets: the same jumps on every run.
std::size_t next_target(std::uint64_t& x, std::size_t count) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>((x >> 33) % (count + 1));
}

void annotate(benchmark::State& state, const RecordedRun& run) {
    state.counters["events"] = static_cast<double>(run.event_count());
    state.counters["interval"] = static_cast<double>(run.snapshot_interval());
    state.counters["snapshots"] = static_cast<double>(run.snapshot_count());
}

// state_after(n) for random n: what any jump costs.
void BM_seek_random(benchmark::State& state, const RecordedRun& (*run_of)()) {
    const RecordedRun& run = run_of();
    std::uint64_t x = 42;
    for (auto _ : state) {
        const Simulation simulation = run.state_after(next_target(x, run.event_count()));
        benchmark::DoNotOptimize(simulation.now_ns());
    }
    annotate(state, run);
}
BENCHMARK_CAPTURE(BM_seek_random, viz_options, viz_run)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_seek_random, default_options, default_run)->Unit(benchmark::kMillisecond);

// The worst case: the event just before a snapshot (a whole interval to re-run).
void BM_seek_worst(benchmark::State& state, const RecordedRun& (*run_of)()) {
    const RecordedRun& run = run_of();
    const std::size_t interval = run.snapshot_interval();
    std::size_t snapshot = 1;
    const std::size_t last = run.snapshot_count() - 1;
    for (auto _ : state) {
        const Simulation simulation = run.state_after(snapshot * interval - 1);
        benchmark::DoNotOptimize(simulation.now_ns());
        snapshot = snapshot % last + 1;
    }
    annotate(state, run);
}
BENCHMARK_CAPTURE(BM_seek_worst, viz_options, viz_run)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_seek_worst, default_options, default_run)->Unit(benchmark::kMillisecond);

// What the viz does on a click in the log or the scrubber: StateCache::at(n).
void BM_cache_jump(benchmark::State& state) {
    const RecordedRun& run = viz_run();
    viz::StateCache cache(run);
    std::uint64_t x = 7;
    for (auto _ : state) benchmark::DoNotOptimize(cache.at(next_target(x, run.event_count())).now_ns());
    annotate(state, run);
}
BENCHMARK(BM_cache_jump)->Unit(benchmark::kMillisecond);

// Playing or pressing Right: one Simulation::step() on the cached state.
void BM_cache_step_forward(benchmark::State& state) {
    const RecordedRun& run = viz_run();
    viz::StateCache cache(run);
    std::size_t n = run.event_count() / 2;
    cache.at(n);
    for (auto _ : state) {
        if (++n > run.event_count()) {
            state.PauseTiming();
            n = run.event_count() / 2;
            cache.at(n);
            state.ResumeTiming();
        }
        benchmark::DoNotOptimize(cache.at(n).now_ns());
    }
    annotate(state, run);
}
BENCHMARK(BM_cache_step_forward)->Unit(benchmark::kMicrosecond);

// One-time costs when the viz opens a million-event run.
void BM_record_run(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(record_run(viz::viz_record_options())->event_count());
}
BENCHMARK(BM_record_run)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_build_history(benchmark::State& state) {
    const RecordedRun& run = viz_run();
    for (auto _ : state) benchmark::DoNotOptimize(viz::build_run_history(run).end_ns);
    annotate(state, run);
}
BENCHMARK(BM_build_history)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
