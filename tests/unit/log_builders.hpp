// Hand-built log-model scenarios (model: log) for core tests: no YAML, so
// the engine is tested alone. The loader's own tests cover the keys.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim::testing {

inline ScenarioSpec log_scenario(std::uint32_t brokers, std::vector<LogTopicSpec> topics, TimeNs until_ns) {
    ScenarioSpec spec;
    spec.name = "log-test";
    spec.model = BrokerModel::log;
    spec.until_ns = until_ns;
    spec.network.latency = DistributionSpec::constant(100 * ns_per_us);
    for (std::uint32_t b = 0; b < brokers; ++b) {
        BrokerSpec broker;
        broker.name = "b" + std::to_string(b + 1);
        broker.service_time = DistributionSpec::constant(10 * ns_per_us);
        spec.brokers.push_back(broker);
    }
    spec.topics = std::move(topics);
    return spec;
}

inline LogTopicSpec log_topic(std::string name, std::uint32_t partitions) {
    LogTopicSpec topic;
    topic.name = std::move(name);
    topic.partitions = partitions;
    return topic;
}

// A group coordinated by `coordinator` (the loader computes Kafka's rule;
// tests name it).
inline std::uint32_t add_group(ScenarioSpec& spec, std::string name, TimeNs session_timeout_ns = 30 * ns_per_ms,
                               log::AssignorKind assignment = log::AssignorKind::range, std::uint32_t coordinator = 0) {
    GroupSpec group;
    group.name = std::move(name);
    group.assignment = assignment;
    group.session_timeout_ns = session_timeout_ns;
    group.heartbeat_interval_ns = session_timeout_ns / 3;
    group.coordinator = coordinator;
    spec.groups.push_back(group);
    return static_cast<std::uint32_t>(spec.groups.size() - 1);
}

inline ProducerActionSpec send_action(TimeNs at_ns, std::string topic, std::optional<std::string> key, std::string value) {
    ProducerActionSpec action;
    action.at_ns = at_ns;
    action.op.kind = OpKind::send;
    action.op.topic = std::move(topic);
    action.op.key = std::move(key);
    action.op.message = std::move(value);
    return action;
}

inline ProducerSpec log_producer(std::string name, std::vector<ProducerActionSpec> actions = {}) {
    ProducerSpec producer;
    producer.name = std::move(name);
    producer.actions = std::move(actions);
    return producer;
}

// A workload of `count` sends, one every `interarrival_ns`, keys cycled.
inline ProducerWorkloadSpec send_workload(std::string topic, std::uint64_t count, TimeNs interarrival_ns,
                                          std::vector<std::string> keys = {}, std::string value = "v-{n}") {
    ProducerWorkloadSpec workload;
    workload.topics = {std::move(topic)};
    workload.count = count;
    workload.interarrival = DistributionSpec::constant(interarrival_ns);
    workload.keys = std::move(keys);
    workload.message_template = std::move(value);
    return workload;
}

inline ConsumerSpec member(std::string name, std::uint32_t group, std::vector<std::uint32_t> topics,
                           CommitMode commit = CommitMode::after_poll) {
    ConsumerSpec consumer;
    consumer.name = std::move(name);
    consumer.group = group;
    consumer.topics = std::move(topics);
    consumer.commit = commit;
    consumer.poll_interval_ns = 5 * ns_per_ms;
    consumer.max_poll_records = 10;
    consumer.process_time = DistributionSpec::constant(100 * ns_per_us);
    consumer.auto_commit_interval_ns = 50 * ns_per_ms;
    return consumer;
}

}  // namespace kafkasim::testing
