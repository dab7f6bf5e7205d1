// The command users run, measured next to the engine's ceiling in the same
// process: `kafkasim run SCENARIO -q --stats-json FILE` (streamed: no trace,
// no fingerprint), the same with the summary (which renders and hashes the
// trace for its fingerprint), `--trace`, and the model alone, each as events
// per second and as a ratio to the bare 4-ary heap loop (bench/workloads.hpp)
// measured just before, which cancels most of a shared machine's load
// (rates are per CPU second of the process).
//
//   build/bin/bench_cli --benchmark_counters_tabular=true
//   KAFKASIM_BENCH_SCENARIO=bench/scenarios/six-actors-2m.yaml build/bin/bench_cli
//
// The default scenario is bench/scenarios/six-actors-20m.yaml (about 20
// million events); each benchmark runs it once per repetition. The
// `_monitors_off` variants run it with `monitors: none` appended (the
// monitors' own per-event costs belong to the model, not to the outputs).
// Peak memory is measured outside, on the binary:
//   /usr/bin/time -v build/bin/kafkasim run bench/scenarios/six-actors-20m.yaml -q --stats-json /dev/null
#include <benchmark/benchmark.h>

#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "bench/workloads.hpp"
#include "cli/cli.hpp"
#include "core/stream.hpp"
#include "scenario/load.hpp"

namespace {

using namespace kafkasim;

// Discards everything (the summary, a trace to "stdout").
class NullBuffer : public std::streambuf {
protected:
    int overflow(int c) override { return c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

double bare_events_per_s = 0;  // set by BM_bare_heap_loop, which runs first

// CPU seconds of this process: rates per CPU second, because other work on
// a shared machine stretches wall time (every benchmark is one thread).
double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

std::string scenario_path() {
    if (const char* path = std::getenv("KAFKASIM_BENCH_SCENARIO")) return path;
    return std::string(KAFKASIM_SOURCE_DIR) + "/bench/scenarios/six-actors-20m.yaml";
}

// The scenario with `monitors: none` appended, in the temporary directory.
std::string monitors_off_path() {
    static const std::string path = [] {
        const std::string copy = (std::filesystem::temp_directory_path() / "kafkasim-bench-monitors-off.yaml").string();
        std::ifstream in(scenario_path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf() << "\nmonitors: none\n";
        std::ofstream(copy, std::ios::binary) << text.str();
        return copy;
    }();
    return path;
}

// Events of one run of `path` (the model alone, streamed with no sink).
std::uint64_t events_of(const std::string& path) {
    LoadResult loaded = load_scenario_file(path);
    if (!loaded.spec) std::abort();
    StreamedRun run(std::move(*loaded.spec), UINT64_MAX);
    run.run({});
    return run.event_count();
}

void BM_bare_heap_loop(benchmark::State& state) {
    const auto total = static_cast<std::uint64_t>(state.range(0));
    std::uint64_t events = 0;
    const double start = cpu_seconds();
    for (auto _ : state) {
        benchmark::DoNotOptimize(bench::bare_heap_loop(total));
        events += total;
    }
    const double seconds = cpu_seconds() - start;
    bare_events_per_s = static_cast<double>(events) / seconds;
    state.counters["events_per_s"] = bare_events_per_s;
}

// One benchmark: the command `args` (after "kafkasim"), run once per
// iteration, its rate and its ratio to the bare loop.
void run_command_benchmark(benchmark::State& state, std::vector<std::string> args, std::uint64_t events) {
    NullBuffer null;
    std::ostream out(&null);
    std::ostream err(&null);
    std::uint64_t total = 0;
    const double start = cpu_seconds();
    for (auto _ : state) {
        const int code = cli::main_dispatch(args, {out, err});
        if (code != cli::exit_ok) state.SkipWithError("the command failed");
        total += events;
    }
    const double seconds = cpu_seconds() - start;
    const double rate = static_cast<double>(total) / seconds;
    state.counters["events"] = static_cast<double>(events);
    state.counters["events_per_s"] = rate;
    if (bare_events_per_s > 0) state.counters["ratio_to_bare"] = rate / bare_events_per_s;
}

void model_benchmark(benchmark::State& state, const std::string& path, std::uint64_t events) {
    LoadResult loaded = load_scenario_file(path);
    std::uint64_t total = 0;
    const double start = cpu_seconds();
    for (auto _ : state) {
        StreamedRun run(*loaded.spec, UINT64_MAX);
        run.run({});
        benchmark::DoNotOptimize(run.final_state().state_hash());
        total += run.event_count();
    }
    const double seconds = cpu_seconds() - start;
    const double rate = static_cast<double>(total) / seconds;
    state.counters["events"] = static_cast<double>(events);
    state.counters["events_per_s"] = rate;
    if (bare_events_per_s > 0) state.counters["ratio_to_bare"] = rate / bare_events_per_s;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = scenario_path();
    const std::string quiet_path = monitors_off_path();
    const std::uint64_t events = events_of(path);
    const std::uint64_t events_monitors_off = events_of(quiet_path);
    const std::string max = "--max-events=" + std::to_string(events + 1);

    benchmark::RegisterBenchmark("bare_heap_loop", BM_bare_heap_loop)->Arg(10'000'000)->Unit(benchmark::kMillisecond);
    auto command = [&](const char* name, const std::string& file, std::vector<std::string> options, std::uint64_t n) {
        std::vector<std::string> args{"run", file, max};
        args.insert(args.end(), options.begin(), options.end());
        benchmark::RegisterBenchmark(name, [args, n](benchmark::State& state) { run_command_benchmark(state, args, n); })
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
    };
    benchmark::RegisterBenchmark("model_alone", [&](benchmark::State& state) { model_benchmark(state, path, events); })
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    command("run_q_stats_json", path, {"-q", "--stats-json", "/dev/null"}, events);
    command("run_summary_stats_json", path, {"--stats-json", "/dev/null"}, events);
    command("run_q_trace", path, {"-q", "--trace", "/dev/null"}, events);
    benchmark::RegisterBenchmark("model_alone_monitors_off",
                                 [&](benchmark::State& state) { model_benchmark(state, quiet_path, events_monitors_off); })
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    command("run_q_stats_json_monitors_off", quiet_path, {"-q", "--stats-json", "/dev/null"}, events_monitors_off);
    command("run_summary_stats_json_monitors_off", quiet_path, {"--stats-json", "/dev/null"}, events_monitors_off);

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::filesystem::remove(quiet_path);
    return 0;
}
