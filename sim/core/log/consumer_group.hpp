// One consumer group as its coordinator sees it (the log model): members and
// their subscriptions, the assignment of the current generation, and the
// committed offset of every partition. A pure value: the engine decides
// when things happen (a join, a leave, a member's session timing out, a
// commit arriving) and calls these; nothing here reads time.
//
// Kafka's rules, simplified as the teaching model states them:
// - any change of membership needs a rebalance; rebalance() computes the
//   next generation's assignment with the group's assignor (assignor.hpp);
// - the new owner of a partition resumes from the group's committed offset,
//   or from the log start (offset 0: auto.offset.reset=earliest) if the
//   group never committed it; progress not committed is read again;
// - a commit stores an offset for a partition: the offset of the next record
//   to read (Kafka's convention: last processed + 1).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/log/assignor.hpp"

namespace kafkasim::log {

class ConsumerGroup {
public:
    // `topics`: every topic of the cluster (index = topic index), with its
    // partition count.
    ConsumerGroup(AssignorKind assignor, std::vector<TopicPartitions> topics);

    // Adds a member (`member`: the caller's id, e.g. the consumer's index;
    // `name` orders members for the assignor). Asserts it is not a member.
    void join(std::uint32_t member, std::string name, std::vector<std::uint32_t> topics);
    // Removes a member (left, or its session timed out). Its partitions
    // have no owner until the next rebalance().
    void leave(std::uint32_t member);
    bool is_member(std::uint32_t member) const;
    std::size_t member_count() const { return members_.size(); }
    // Membership changed since the last rebalance().
    bool needs_rebalance() const { return needs_rebalance_; }

    // The next generation: a new assignment of every subscribed partition
    // to the current members. Deterministic: the same members (whatever
    // their join order) give the same assignment.
    void rebalance();
    std::uint32_t generation() const { return generation_; }

    // Member's partitions in the current generation (empty when idle or not
    // a member), sorted by topic name then partition.
    std::span<const TopicPartition> assignment(std::uint32_t member) const;
    // Which member owns a partition in the current generation, if any.
    std::optional<std::uint32_t> owner(TopicPartition partition) const;

    void commit(TopicPartition partition, std::uint64_t offset);
    std::optional<std::uint64_t> committed(TopicPartition partition) const;
    // Where a new owner starts reading: the committed offset, else 0.
    std::uint64_t start_offset(TopicPartition partition) const { return committed(partition).value_or(0); }
    // end_offset - committed (0 when never committed counts from 0).
    std::uint64_t lag(TopicPartition partition, std::uint64_t end_offset) const;

    // A coordinator that restarts with its offsets (a durable broker): the
    // committed offsets and the generation of `before`, no members.
    void restore_committed(const ConsumerGroup& before) {
        committed_ = before.committed_;
        generation_ = before.generation_;
    }

    const std::vector<TopicPartitions>& topics() const { return topics_; }
    AssignorKind assignor() const { return assignor_; }

private:
    struct Member {
        std::uint32_t id = 0;
        GroupMember subscription;
        std::vector<TopicPartition> assigned;
    };
    const Member* find(std::uint32_t member) const;

    AssignorKind assignor_;
    std::vector<TopicPartitions> topics_;
    std::vector<Member> members_;  // sorted by id: iteration order is stable
    // committed_[topic][partition]; no value: never committed.
    std::vector<std::vector<std::optional<std::uint64_t>>> committed_;
    std::uint32_t generation_ = 0;
    bool needs_rebalance_ = false;
};

}  // namespace kafkasim::log
