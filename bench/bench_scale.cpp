// Costs that must not grow with the wrong thing (issue 11), as benchmarks:
// - 10,000 deletes at index 0 of a 200,000-message topic, monitors on, next
//   to 10,000 appends to the same topic (target: deletes within 2x appends);
// - 100,000 actors (2 brokers, 99,998 consumers with one session each):
//   build and run the model, with the link state it held.
// Run:
//   build/bin/bench_scale --benchmark_counters_tabular=true
// Peak RSS of the same 100,000-actor scenario through the CLI: bench/scale_100k.sh.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>

#include "core/monitors.hpp"
#include "core/simulation.hpp"

namespace {

using namespace kafkasim;

// Two brokers holding topic "t" with `length` messages; p1 sends `ops`
// deletes at index 0 (or appends) to both, 20 us apart; the network and
// the brokers are fast, so the run is the operations themselves.
ScenarioSpec topic_operations(bool deletes, int ops, int length) {
    ScenarioSpec spec;
    spec.name = deletes ? "deletes-at-0" : "appends";
    spec.file = "<bench>";
    spec.seed = 1;
    spec.network.latency = DistributionSpec::constant(10 * ns_per_us);
    TopicSpec topic;
    topic.name = "t";
    for (int i = 0; i < length; ++i) topic.messages.push_back("m" + std::to_string(i));
    for (const char* name : {"b1", "b2"}) {
        BrokerSpec broker;
        broker.name = name;
        broker.service_time = DistributionSpec::constant(1 * ns_per_us);
        broker.topics = {topic};
        spec.brokers.push_back(broker);
    }
    ProducerSpec producer;
    producer.name = "p1";
    producer.targets = {0, 1};
    for (int k = 0; k < ops; ++k) {
        ProducerActionSpec action;
        action.at_ns = k * 20 * ns_per_us;
        action.op.kind = deletes ? OpKind::delete_message : OpKind::publish;
        action.op.topic = "t";
        action.op.index = 0;
        action.op.message = deletes ? "" : "n" + std::to_string(k);
        producer.actions.push_back(action);
    }
    spec.producers.push_back(producer);
    return spec;
}

// Seconds to run the scenario with every monitor on (construction, which
// loads the topic, is not counted).
double run_seconds(const ScenarioSpec& spec, std::uint64_t& events) {
    StringTable strings;
    Simulation simulation(spec, strings);
    Monitors monitors(spec.monitors);
    simulation.set_monitors(&monitors);
    const auto start = std::chrono::steady_clock::now();
    simulation.run(UINT64_MAX);
    const auto stop = std::chrono::steady_clock::now();
    events += simulation.events_processed();
    benchmark::DoNotOptimize(monitors.violations().size());
    return std::chrono::duration<double>(stop - start).count();
}

// Both workloads in the same process, interleaved: the ratio is what the
// target is about (this machine is noisy).
void BM_delete_at_0_vs_append(benchmark::State& state) {
    const int ops = static_cast<int>(state.range(0));
    const int length = static_cast<int>(state.range(1));
    const ScenarioSpec deletes = topic_operations(true, ops, length);
    const ScenarioSpec appends = topic_operations(false, ops, length);
    double delete_seconds = 0;
    double append_seconds = 0;
    std::uint64_t events = 0;
    for (auto _ : state) {
        delete_seconds += run_seconds(deletes, events);
        append_seconds += run_seconds(appends, events);
    }
    const double iterations = static_cast<double>(state.iterations());
    state.counters["delete_ms"] = 1e3 * delete_seconds / iterations;
    state.counters["append_ms"] = 1e3 * append_seconds / iterations;
    state.counters["delete_over_append"] = delete_seconds / append_seconds;
}
BENCHMARK(BM_delete_at_0_vs_append)->Args({10'000, 200'000})->Unit(benchmark::kMillisecond)->Iterations(3);

// 2 brokers and `consumers` consumers, each with one session at time 0
// (random topic and index): every consumer asks both brokers at once.
ScenarioSpec many_consumers(std::size_t consumers) {
    ScenarioSpec spec;
    spec.name = "many-consumers";
    spec.file = "<bench>";
    spec.seed = 1;
    spec.network.latency = DistributionSpec::uniform(1 * ns_per_ms, 3 * ns_per_ms);
    for (const char* name : {"b1", "b2"}) {
        BrokerSpec broker;
        broker.name = name;
        broker.service_time = DistributionSpec::constant(10 * ns_per_us);
        broker.topics = {{"Hello world", {"message 1", "message 2", "message 3"}}};
        spec.brokers.push_back(broker);
    }
    spec.consumers.resize(consumers);
    for (std::size_t c = 0; c < consumers; ++c) {
        ConsumerSpec& consumer = spec.consumers[c];
        consumer.name = "c" + std::to_string(c + 1);
        SessionSpec session;
        session.at_ns = 0;
        consumer.sessions.push_back(session);
    }
    return spec;
}

void BM_many_consumers(benchmark::State& state) {
    const ScenarioSpec spec = many_consumers(static_cast<std::size_t>(state.range(0)) - 2);
    std::uint64_t events = 0;
    std::size_t link_bytes = 0;
    for (auto _ : state) {
        StringTable strings;
        Simulation simulation(spec, strings);
        simulation.run(UINT64_MAX);
        events += simulation.events_processed();
        link_bytes = std::max(link_bytes, simulation.link_clocks().bytes());
        benchmark::DoNotOptimize(simulation.now_ns());
    }
    state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
    state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
    state.counters["link_bytes_end"] = static_cast<double>(link_bytes);
}
BENCHMARK(BM_many_consumers)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
