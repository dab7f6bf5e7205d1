// Consumer-group partition assignment (the log model's group coordinator):
// which member of a group reads which partitions. Kafka's two classic
// assignors, with members ordered by name (our deterministic stand-in for
// Kafka's member ids, which Kafka also sorts):
// - range (org.apache.kafka.clients.consumer.RangeAssignor): per topic, its
//   subscribers sorted by name; with P partitions and C subscribers, member
//   i gets the contiguous range starting at (P / C) * i + min(i, P % C), of
//   length P / C, plus one for the first P % C members;
// - round_robin (RoundRobinAssignor): every subscribed partition, topics in
//   name order then partitions ascending, dealt in turn to the members
//   sorted by name, skipping a member not subscribed to that topic.
// Names compare by their UTF-8 bytes (code-point order), as Java's String
// order does for every name without characters beyond U+FFFF.
// Members beyond the partitions they could get receive nothing: idle.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kafkasim::log {

enum class AssignorKind : std::uint8_t { range, round_robin };

// A topic of the cluster: its name and partition count (>= 1).
struct TopicPartitions {
    std::string name;
    std::uint32_t partitions = 1;
};

// A member of the group: its name (unique in the group) and the topics it
// subscribes to, as indices into the `topics` span passed with it.
struct GroupMember {
    std::string name;
    std::vector<std::uint32_t> topics;
};

struct TopicPartition {
    std::uint32_t topic = 0;      // index into `topics`
    std::uint32_t partition = 0;
    friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
    friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
};

// The assignment: result[m] lists member m's partitions (m indexes
// `members`, in the caller's order), sorted by topic name then partition.
// Every partition of a topic that at least one member subscribes to goes to
// exactly one member that subscribes to it; other topics are not assigned.
// Errors (asserted, programmer errors: the loader validates): duplicate
// member names, a topic index out of range.
std::vector<std::vector<TopicPartition>> assign_partitions(AssignorKind kind, std::span<const GroupMember> members,
                                                           std::span<const TopicPartitions> topics);

}  // namespace kafkasim::log
