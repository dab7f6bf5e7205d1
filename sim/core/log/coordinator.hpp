// Which broker coordinates a consumer group (the log model), when the
// scenario does not name one. Kafka's rule (GroupCoordinator /
// GroupMetadataManager.partitionFor): the group's offsets and membership
// live in partition Utils.abs(groupId.hashCode()) % 50 of the internal
// topic __consumer_offsets (offsets.topic.num.partitions = 50), and that
// partition's leader coordinates the group. With our placement
// (placement.hpp, the topic taken as position 0), partition q is on broker
// q mod B.
#pragma once

#include <cassert>
#include <cstdint>

namespace kafkasim::log {

// Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE gives 0.
constexpr std::int32_t kafka_abs(std::int32_t n) { return n == INT32_MIN ? 0 : (n < 0 ? -n : n); }

constexpr std::uint32_t offsets_topic_partitions = 50;

// `group_hash`: Java's String.hashCode() of the group's name
// (text/utf8_text.hpp, java_string_hash). brokers >= 1.
constexpr std::uint32_t default_coordinator(std::int32_t group_hash, std::uint32_t brokers) {
    assert(brokers >= 1);
    const auto partition = static_cast<std::uint32_t>(kafka_abs(group_hash)) % offsets_topic_partitions;
    return partition % brokers;
}

}  // namespace kafkasim::log
