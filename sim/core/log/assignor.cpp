// See assignor.hpp for the rules and their sources.
#include "core/log/assignor.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace kafkasim::log {

namespace {

bool subscribes(const GroupMember& member, std::uint32_t topic) {
    return std::find(member.topics.begin(), member.topics.end(), topic) != member.topics.end();
}

// Member indices sorted by name; topic indices sorted by name.
std::vector<std::size_t> members_by_name(std::span<const GroupMember> members) {
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return members[a].name < members[b].name; });
    for (std::size_t i = 1; i < order.size(); ++i) {
        assert(members[order[i - 1]].name != members[order[i]].name && "member names are unique in a group");
    }
    return order;
}

std::vector<std::uint32_t> topics_by_name(std::span<const TopicPartitions> topics) {
    std::vector<std::uint32_t> order(topics.size());
    std::iota(order.begin(), order.end(), std::uint32_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return topics[a].name < topics[b].name; });
    return order;
}

void assign_range(std::span<const GroupMember> members, std::span<const TopicPartitions> topics,
                  const std::vector<std::size_t>& sorted_members, std::vector<std::vector<TopicPartition>>& result) {
    for (std::uint32_t topic = 0; topic < topics.size(); ++topic) {
        std::vector<std::size_t> subscribers;
        for (const std::size_t m : sorted_members) {
            if (subscribes(members[m], topic)) subscribers.push_back(m);
        }
        if (subscribers.empty()) continue;
        const std::uint32_t partitions = topics[topic].partitions;
        const std::uint32_t count = static_cast<std::uint32_t>(subscribers.size());
        const std::uint32_t per_member = partitions / count;
        const std::uint32_t with_extra = partitions % count;
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::uint32_t start = per_member * i + std::min(i, with_extra);
            const std::uint32_t length = per_member + (i < with_extra ? 1 : 0);
            for (std::uint32_t p = start; p < start + length; ++p) result[subscribers[i]].push_back({topic, p});
        }
    }
}

void assign_round_robin(std::span<const GroupMember> members, std::span<const TopicPartitions> topics,
                        const std::vector<std::size_t>& sorted_members, std::vector<std::vector<TopicPartition>>& result) {
    if (sorted_members.empty()) return;
    std::size_t next = 0;  // the circular iterator over sorted_members
    for (const std::uint32_t topic : topics_by_name(topics)) {
        const bool anyone = std::any_of(members.begin(), members.end(), [&](const GroupMember& m) { return subscribes(m, topic); });
        if (!anyone) continue;
        for (std::uint32_t p = 0; p < topics[topic].partitions; ++p) {
            // Bounded: some member subscribes, so within one lap.
            while (!subscribes(members[sorted_members[next]], topic)) next = (next + 1) % sorted_members.size();
            result[sorted_members[next]].push_back({topic, p});
            next = (next + 1) % sorted_members.size();
        }
    }
}

}  // namespace

std::vector<std::vector<TopicPartition>> assign_partitions(AssignorKind kind, std::span<const GroupMember> members,
                                                           std::span<const TopicPartitions> topics) {
    for (const GroupMember& member : members) {
        for (const std::uint32_t topic : member.topics) {
            assert(topic < topics.size() && "a member subscribes to a topic that exists");
            (void)topic;
        }
    }
    const std::vector<std::size_t> sorted_members = members_by_name(members);
    std::vector<std::vector<TopicPartition>> result(members.size());
    if (kind == AssignorKind::range) {
        assign_range(members, topics, sorted_members, result);
    } else {
        assign_round_robin(members, topics, sorted_members, result);
    }
    // One documented order for every assignor: topic name, then partition.
    std::vector<std::uint32_t> rank(topics.size());
    const std::vector<std::uint32_t> by_name = topics_by_name(topics);
    for (std::uint32_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = i;
    for (auto& partitions : result) {
        std::sort(partitions.begin(), partitions.end(), [&](const TopicPartition& a, const TopicPartition& b) {
            return rank[a.topic] != rank[b.topic] ? rank[a.topic] < rank[b.topic] : a.partition < b.partition;
        });
    }
    return result;
}

}  // namespace kafkasim::log
