// Hand-built scenarios for core tests: no YAML, so the model is tested alone.
#pragma once

#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim::testing {

inline BrokerSpec broker(std::string name, TimeNs service_ns = 0, std::vector<TopicSpec> topics = {}) {
    BrokerSpec spec;
    spec.name = std::move(name);
    spec.service_time = DistributionSpec::constant(service_ns);
    spec.topics = std::move(topics);
    return spec;
}

inline ProducerActionSpec action(TimeNs at_ns, OpKind kind, std::string topic, std::string message = "", std::int64_t index = 0) {
    ProducerActionSpec spec;
    spec.at_ns = at_ns;
    spec.op.kind = kind;
    spec.op.topic = std::move(topic);
    spec.op.message = std::move(message);
    spec.op.index = index;
    return spec;
}

inline ProducerSpec producer(std::string name, std::vector<std::uint32_t> targets, std::vector<ProducerActionSpec> actions = {}) {
    ProducerSpec spec;
    spec.name = std::move(name);
    spec.targets = std::move(targets);
    spec.actions = std::move(actions);
    return spec;
}

inline ChoiceSpec named_topic(std::string topic) {
    ChoiceSpec choice;
    choice.kind = ChoiceSpec::Kind::named;
    choice.topic = std::move(topic);
    return choice;
}

inline ChoiceSpec named_index(std::int64_t index) {
    ChoiceSpec choice;
    choice.kind = ChoiceSpec::Kind::named;
    choice.index = index;
    return choice;
}

inline ChoiceSpec choice(ChoiceSpec::Kind kind) {
    ChoiceSpec result;
    result.kind = kind;
    return result;
}

inline SessionSpec session(TimeNs at_ns, ChoiceSpec topic, ChoiceSpec index) {
    SessionSpec spec;
    spec.at_ns = at_ns;
    spec.topic = std::move(topic);
    spec.index = std::move(index);
    return spec;
}

inline ConsumerSpec consumer(std::string name, std::vector<SessionSpec> sessions, PolicyKind policy = PolicyKind::seed) {
    ConsumerSpec spec;
    spec.name = std::move(name);
    spec.sessions = std::move(sessions);
    spec.policy = policy;
    return spec;
}

// The original initial load (design document): four topics of three messages.
inline std::vector<TopicSpec> original_topics() {
    return {
        {"Hola mundo", {"mensaje 1", "mensaje 2", "mensaje 3"}},
        {"Hello world", {"message 1", "message 2", "message 3"}},
        {"Hallo welt", {"botschaft 1", "botschaft 2", "botschaft 3"}},
        {"Ciao mondo", {"messaggio 1", "messaggio 2", "messaggio 3"}},
    };
}

// A producer with generated traffic only: `count` publishes to `targets`.
inline ProducerSpec workload_producer(std::string name, std::vector<std::uint32_t> targets, DistributionSpec interarrival,
                                      std::uint64_t count, std::vector<std::string> topics,
                                      std::string message_template = "m-{n}", TimeNs start_ns = 0) {
    ProducerSpec spec = producer(std::move(name), std::move(targets));
    ProducerWorkloadSpec workload;
    workload.start_ns = start_ns;
    workload.interarrival = interarrival;
    workload.count = count;
    workload.topics = std::move(topics);
    workload.message_template = std::move(message_template);
    spec.workload = std::move(workload);
    return spec;
}

// A consumer with generated sessions only: `count` sessions, `think_time` apart.
inline ConsumerSpec workload_consumer(std::string name, DistributionSpec think_time, std::uint64_t count,
                                      ChoiceSpec topic, ChoiceSpec index, PolicyKind policy = PolicyKind::seed,
                                      TimeNs start_ns = 0) {
    ConsumerSpec spec = consumer(std::move(name), {}, policy);
    ConsumerWorkloadSpec workload;
    workload.start_ns = start_ns;
    workload.think_time = think_time;
    workload.count = count;
    workload.topic = std::move(topic);
    workload.index = std::move(index);
    spec.workload = std::move(workload);
    return spec;
}

inline ScenarioSpec base_scenario(std::uint64_t seed = 1) {
    ScenarioSpec spec;
    spec.name = "test";
    spec.file = "<test>";
    spec.seed = seed;
    spec.network.latency = DistributionSpec::constant(1 * ns_per_ms);
    return spec;
}

// Every source of randomness at once: random latency, random service times,
// random inter-arrivals and topic order, random policies, choices, think and
// choose times, retries, and writes racing with reads.
inline ScenarioSpec random_workload(std::uint64_t seed) {
    constexpr TimeNs us = ns_per_us;
    constexpr TimeNs ms = ns_per_ms;
    ScenarioSpec spec = base_scenario(seed);
    spec.name = "random-workload";
    spec.network.latency = DistributionSpec::uniform(200 * us, 2 * ms);
    BrokerSpec b1 = broker("b1", 0, original_topics());
    b1.service_time = DistributionSpec::exponential(300 * us);
    BrokerSpec b2 = broker("b2", 0, original_topics());
    b2.service_time = DistributionSpec::uniform(100 * us, 600 * us);
    spec.brokers = {b1, b2};
    ProducerSpec p1 = workload_producer("p1", {0, 1}, DistributionSpec::exponential(2 * ms), 300,
                                        {"Hello world", "news", "Hola mundo"}, "p1 says {n} on {topic}");
    p1.workload->topic_order = ProducerWorkloadSpec::TopicOrder::random;
    ProducerSpec p2 = workload_producer("p2", {1}, DistributionSpec::uniform(1 * ms, 5 * ms), 200, {"news"});
    p2.actions = {action(50 * ms, OpKind::delete_topic, "Hallo welt"), action(120 * ms, OpKind::edit, "news", "edited", 0),
                  action(200 * ms, OpKind::delete_message, "Hello world", "", 0)};
    spec.producers = {p1, p2};
    const PolicyKind policies[] = {PolicyKind::seed, PolicyKind::random_idle, PolicyKind::least_loaded};
    for (int i = 0; i < 3; ++i) {
        ConsumerSpec c = workload_consumer("c" + std::to_string(i + 1), DistributionSpec::exponential(5 * ms), 60,
                                           choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random), policies[i]);
        c.choose_time = DistributionSpec::uniform(0, 3 * ms);
        if (i != 0) c.retry_after_ns = 1 * ms;
        spec.consumers.push_back(c);
    }
    return spec;
}

}  // namespace kafkasim::testing
