// See consumer_group.hpp.
#include "core/log/consumer_group.hpp"

#include <algorithm>
#include <cassert>

#include "core/log/partition_log.hpp"

namespace kafkasim::log {

ConsumerGroup::ConsumerGroup(AssignorKind assignor, std::vector<TopicPartitions> topics)
    : assignor_(assignor), topics_(std::move(topics)) {
    committed_.resize(topics_.size());
    for (std::size_t t = 0; t < topics_.size(); ++t) {
        assert(topics_[t].partitions >= 1);
        committed_[t].resize(topics_[t].partitions);
    }
}

const ConsumerGroup::Member* ConsumerGroup::find(std::uint32_t member) const {
    const auto it = std::lower_bound(members_.begin(), members_.end(), member,
                                     [](const Member& m, std::uint32_t id) { return m.id < id; });
    return it != members_.end() && it->id == member ? &*it : nullptr;
}

void ConsumerGroup::join(std::uint32_t member, std::string name, std::vector<std::uint32_t> topics) {
    assert(!is_member(member) && "a consumer joins a group once");
    for (const std::uint32_t topic : topics) {
        assert(topic < topics_.size());
        (void)topic;
    }
    const auto it = std::lower_bound(members_.begin(), members_.end(), member,
                                     [](const Member& m, std::uint32_t id) { return m.id < id; });
    members_.insert(it, Member{member, GroupMember{std::move(name), std::move(topics)}, {}});
    needs_rebalance_ = true;
}

void ConsumerGroup::leave(std::uint32_t member) {
    const auto it = std::lower_bound(members_.begin(), members_.end(), member,
                                     [](const Member& m, std::uint32_t id) { return m.id < id; });
    assert(it != members_.end() && it->id == member && "only a member leaves");
    members_.erase(it);
    needs_rebalance_ = true;
}

bool ConsumerGroup::is_member(std::uint32_t member) const { return find(member) != nullptr; }

void ConsumerGroup::rebalance() {
    std::vector<GroupMember> subscriptions;
    subscriptions.reserve(members_.size());
    for (const Member& member : members_) subscriptions.push_back(member.subscription);
    std::vector<std::vector<TopicPartition>> assignment = assign_partitions(assignor_, subscriptions, topics_);
    for (std::size_t m = 0; m < members_.size(); ++m) members_[m].assigned = std::move(assignment[m]);
    ++generation_;
    needs_rebalance_ = false;
}

std::span<const TopicPartition> ConsumerGroup::assignment(std::uint32_t member) const {
    const Member* found = find(member);
    return found ? std::span<const TopicPartition>(found->assigned) : std::span<const TopicPartition>();
}

std::optional<std::uint32_t> ConsumerGroup::owner(TopicPartition partition) const {
    for (const Member& member : members_) {
        if (std::find(member.assigned.begin(), member.assigned.end(), partition) != member.assigned.end()) return member.id;
    }
    return std::nullopt;
}

void ConsumerGroup::commit(TopicPartition partition, std::uint64_t offset) {
    assert(partition.topic < committed_.size() && partition.partition < committed_[partition.topic].size());
    committed_[partition.topic][partition.partition] = offset;
}

std::optional<std::uint64_t> ConsumerGroup::committed(TopicPartition partition) const {
    assert(partition.topic < committed_.size() && partition.partition < committed_[partition.topic].size());
    return committed_[partition.topic][partition.partition];
}

std::uint64_t ConsumerGroup::lag(TopicPartition partition, std::uint64_t end_offset) const {
    return partition_lag(end_offset, start_offset(partition));
}

}  // namespace kafkasim::log
