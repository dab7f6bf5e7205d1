// The benchmark workload: the original six actors (two brokers, two
// producers, two consumers) under generated traffic, sized by event count.
// Shared by the engine and seek benchmarks so their figures compare.
#pragma once

#include <cstdint>

#include "core/event_queue.hpp"
#include "core/prng.hpp"
#include "core/spec.hpp"

namespace kafkasim::bench {

// About `operations` publishes per producer; consumers run sessions with no
// think or choose time, so every actor stays busy. ~6.3 events per publish.
inline ScenarioSpec six_actor_workload(std::uint64_t operations, std::uint64_t seed = 1) {
    ScenarioSpec spec;
    spec.name = "bench-six-actors";
    spec.file = "<bench>";
    spec.seed = seed;
    spec.network.latency = DistributionSpec::uniform(200 * ns_per_us, 400 * ns_per_us);
    for (const char* name : {"b1", "b2"}) {
        BrokerSpec broker;
        broker.name = name;
        broker.service_time = DistributionSpec::exponential(50 * ns_per_us);
        broker.topics = {{"Hello world", {"message 1", "message 2", "message 3"}}};
        spec.brokers.push_back(broker);
    }
    for (const char* name : {"p1", "p2"}) {
        ProducerSpec producer;
        producer.name = name;
        producer.targets = {0, 1};
        ProducerWorkloadSpec workload;
        workload.interarrival = DistributionSpec::exponential(1 * ns_per_ms);
        workload.count = operations;
        workload.topics = {"Hello world", "Hola mundo", "Hallo welt", "Ciao mondo"};
        workload.message_template = "m-{n}";
        producer.workload = workload;
        spec.producers.push_back(producer);
    }
    for (const char* name : {"c1", "c2"}) {
        ConsumerSpec consumer;
        consumer.name = name;
        consumer.retry_after_ns = 100 * ns_per_us;
        consumer.max_attempts = 1000;
        ConsumerWorkloadSpec workload;
        workload.think_time = DistributionSpec::exponential(500 * ns_per_us);
        workload.count = operations;
        consumer.workload = workload;
        spec.consumers.push_back(consumer);
    }
    return spec;
}

// The baseline every benchmark compares with: six actors bouncing `total`
// events through the engine's 4-ary heap with trivial handlers (each event
// schedules one more at a random delay). The ceiling any model on this
// queue can reach. Returns the queue size, so the work cannot be dropped.
inline std::size_t bare_heap_loop(std::uint64_t total) {
    EventQueue queue;
    Prng prng(1);
    for (std::uint16_t actor = 0; actor < 6; ++actor) queue.push(0, 0, actor, 0);
    for (std::uint64_t processed = 0; processed < total; ++processed) {
        const Event event = queue.pop();
        queue.push(event.time_ns + 1 + static_cast<TimeNs>(prng.below(1000)), 0, static_cast<std::uint16_t>((event.actor + 1) % 6), 0);
    }
    return queue.size();
}

}  // namespace kafkasim::bench
