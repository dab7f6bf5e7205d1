// See log_stats.hpp.
#include "core/log_stats.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_set>

namespace kafkasim {

std::vector<std::uint32_t> group_topics(const ScenarioSpec& spec, std::size_t group) {
    std::vector<std::uint32_t> topics;
    for (const ConsumerSpec& consumer : spec.consumers) {
        if (consumer.group != group) continue;
        topics.insert(topics.end(), consumer.topics.begin(), consumer.topics.end());
    }
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    return topics;
}

GroupLag group_lag(const Simulation& s, std::size_t g) {
    const LogModel& model = s.log_model();
    const log::ConsumerGroup& group = model.groups[g].group;
    GroupLag lag;
    for (const std::uint32_t t : group_topics(s.spec(), g)) {
        for (std::uint32_t p = 0; p < s.spec().topics[t].partitions; ++p) {
            const std::uint32_t global = model.layout.global(t, p);
            const std::uint64_t value = group.lag(log::TopicPartition{t, p}, model.partitions[global].end_offset());
            lag.partitions.emplace_back(global, value);
            lag.total += value;
        }
    }
    return lag;
}

std::vector<std::uint64_t> consumer_duplicates(const Simulation& s) {
    const ScenarioSpec& spec = s.spec();
    const LogModel& model = s.log_model();
    std::vector<std::uint64_t> duplicates(spec.consumers.size(), 0);
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
        // Every consumption of the group's members, in the order they
        // happened: (time, consumer, position in its list).
        std::vector<std::tuple<TimeNs, std::size_t, std::size_t>> order;
        for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
            if (spec.consumers[c].group != g || c >= model.consumers.size()) continue;
            for (std::size_t i = 0; i < model.consumers[c].consumed.size(); ++i) {
                order.emplace_back(model.consumers[c].consumed[i].time_ns, c, i);
            }
        }
        std::sort(order.begin(), order.end());
        std::unordered_set<std::uint64_t> seen;  // (membership only: the result does not depend on its order)
        seen.reserve(order.size());
        for (const auto& [time_ns, c, i] : order) {
            const LogConsumption& item = model.consumers[c].consumed[i];
            if (!seen.insert(consumption_id(item.partition, item.offset, item.log_incarnation)).second) duplicates[c]++;
        }
    }
    return duplicates;
}

std::optional<KeyOrderTracker::Break> KeyOrderTracker::observe(const LogConsumption& item) {
    if (!seen_.insert(consumption_id(item.partition, item.offset, item.log_incarnation)).second) return std::nullopt;
    if (item.key == no_string) return std::nullopt;  // records without a key have no order to keep
    auto [found, inserted] = last_by_key_.try_emplace(item.key, item);
    if (inserted) return std::nullopt;
    const LogConsumption before = found->second;
    const bool in_order = before.partition == item.partition && before.log_incarnation == item.log_incarnation
                              ? before.offset < item.offset
                              : std::tuple(before.appended_ns, before.partition, before.offset) <
                                    std::tuple(item.appended_ns, item.partition, item.offset);
    if (in_order) {
        found->second = item;
        return std::nullopt;
    }
    return Break{before};
}

}  // namespace kafkasim
