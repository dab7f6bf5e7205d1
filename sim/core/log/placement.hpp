// Where a topic's partitions live (the log model): the brokers holding each
// partition's replicas, the first being its preferred leader. The rule is
// Kafka's rack-unaware assignment (kafka.admin.AdminUtils.
// assignReplicasToBrokers), with the random start index and replica shift it
// draws per topic replaced by the topic's position in the scenario, so that
// topics spread over the brokers the same way on every run:
//   start = topic_index mod B; shift = topic_index mod B, plus 1 each time the
//   partition number passes a multiple of B;
//   replica 0 of partition p: broker (p + start) mod B;
//   replica j >= 1: broker (first + 1 + (shift + j - 1) mod (B - 1)) mod B.
// With one replica this is "partition p on broker (p + topic_index) mod B".
#pragma once

#include <cstdint>
#include <vector>

namespace kafkasim::log {

// The replicas of every partition of one topic: result[p] lists
// `replication_factor` distinct broker indices (0-based, scenario order),
// leader first. `topic_index`: the topic's position among the scenario's
// topics. Asserts partitions >= 1, brokers >= 1 and
// 1 <= replication_factor <= brokers (the loader reports these as errors).
std::vector<std::vector<std::uint32_t>> place_replicas(std::uint32_t topic_index, std::uint32_t partitions,
                                                       std::uint32_t brokers, std::uint32_t replication_factor = 1);

}  // namespace kafkasim::log
