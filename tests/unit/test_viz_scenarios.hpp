// Hand-built runs for the visualizer's model tests: generated traffic (so
// queues form and claims race) and a scripted edit/delete story (so every
// dictionary change appears once).
#pragma once

#include "core/recorded_run.hpp"
#include "scenario_builders.hpp"

namespace kafkasim::viz::testing {

using namespace kafkasim::testing;

// Two brokers, two producers and three consumers with workloads and random
// latencies: a few thousand events with queues, lost races and retries.
inline ScenarioSpec busy_scenario(std::uint64_t seed = 7, std::uint64_t publishes = 150, std::uint64_t sessions = 40) {
    ScenarioSpec spec = base_scenario(seed);
    spec.network.latency = DistributionSpec::uniform(500 * ns_per_us, 1500 * ns_per_us);
    spec.brokers.push_back(broker("b1", 0, original_topics()));
    spec.brokers.push_back(broker("b2", 0, original_topics()));
    spec.brokers[0].service_time = DistributionSpec::exponential(400 * ns_per_us);
    spec.brokers[1].service_time = DistributionSpec::exponential(400 * ns_per_us);
    for (int p = 0; p < 2; ++p) {
        ProducerSpec producer_spec = producer(p == 0 ? "p1" : "p2", p == 0 ? std::vector<std::uint32_t>{0, 1} : std::vector<std::uint32_t>{0});
        ProducerWorkloadSpec workload;
        workload.start_ns = p * ns_per_ms;
        workload.interarrival = DistributionSpec::exponential(2 * ns_per_ms);
        workload.count = publishes;
        workload.topics = {"Hello world", p == 0 ? "orders" : "logs"};
        workload.message_template = "{topic} #{n}";
        producer_spec.workload = workload;
        spec.producers.push_back(producer_spec);
    }
    const PolicyKind policies[] = {PolicyKind::seed, PolicyKind::least_loaded, PolicyKind::random_idle};
    for (int c = 0; c < 3; ++c) {
        std::string name = "c";
        name += std::to_string(c + 1);  // not "c" + to_string(): a false -Wrestrict in GCC 12
        ConsumerSpec consumer_spec = consumer(name, {}, policies[c]);
        consumer_spec.choose_time = DistributionSpec::uniform(200 * ns_per_us, 2 * ns_per_ms);
        if (c == 2) consumer_spec.retry_after_ns = 3 * ns_per_ms;
        ConsumerWorkloadSpec workload;
        workload.start_ns = 2 * ns_per_ms;  // all at once: a status race
        workload.think_time = DistributionSpec::exponential(4 * ns_per_ms);
        workload.count = sessions;
        workload.topic = choice(ChoiceSpec::Kind::random);
        workload.index = choice(c == 1 ? ChoiceSpec::Kind::last : ChoiceSpec::Kind::random);
        consumer_spec.workload = workload;
        spec.consumers.push_back(consumer_spec);
    }
    return spec;
}

// Scripted: a publish to a new topic, an edit, a message delete and a topic
// delete on both brokers, and one consumer reading.
inline ScenarioSpec edit_delete_scenario() {
    ScenarioSpec spec = base_scenario(1);
    spec.brokers.push_back(broker("b1", 500 * ns_per_us, original_topics()));
    spec.brokers.push_back(broker("b2", 500 * ns_per_us, original_topics()));
    spec.producers.push_back(producer("p1", {0, 1},
                                      {
                                          action(10 * ns_per_ms, OpKind::publish, "Bonjour le monde", "message 1"),
                                          action(20 * ns_per_ms, OpKind::edit, "Hello world", "HELLO", 1),
                                          action(30 * ns_per_ms, OpKind::delete_message, "Hola mundo", "", 0),
                                          action(40 * ns_per_ms, OpKind::delete_topic, "Ciao mondo"),
                                      }));
    spec.consumers.push_back(consumer("c1", {session(0, named_topic("Hello world"), named_index(1))}));
    return spec;
}

// Snapshots every few events, so the tests cross many snapshot boundaries
// (and the interval doubles a few times).
inline RecordOptions dense_snapshots() {
    RecordOptions options;
    options.snapshot_interval = 8;
    options.snapshots_max = 16;
    return options;
}

}  // namespace kafkasim::viz::testing
