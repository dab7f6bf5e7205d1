// Derived measurements of the log model (model: log), computed from the
// state a run ends with: a group's lag and the records its members consumed
// more than once. Observers of the run (stats, monitors, expectations) use
// these; no actor does.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/log_state.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

// The topics a group's consumers subscribe to (from the scenario: the
// group's members may have left), ascending topic indices.
std::vector<std::uint32_t> group_topics(const ScenarioSpec& spec, std::size_t group);

// A group's lag: per partition of its topics (global partition number, in
// ascending order) the log end offset minus the group's committed offset
// (0 when it never committed: it would read from the start), never
// negative; and their sum.
struct GroupLag {
    std::vector<std::pair<std::uint32_t, std::uint64_t>> partitions;
    std::uint64_t total = 0;
};
GroupLag group_lag(const Simulation& simulation, std::size_t group);

// How many of each consumer's consumptions were of a record that a member
// of its group had consumed before (the same partition, offset and log
// incarnation): re-reads after a rebalance or a crash. "Before": earlier
// in time, ties by consumer index then list order. Result per consumer.
std::vector<std::uint64_t> consumer_duplicates(const Simulation& simulation);

// A record's identity across a run: its partition, its offset and the
// incarnation of the partition's log (a lost log starts offsets again).
constexpr std::uint64_t consumption_id(std::uint32_t partition, std::uint64_t offset, std::uint32_t incarnation) {
    // partition < 2^24 (at most 10,000 per topic, a handful of topics),
    // incarnation < 2^8 in practice (crashes), offset < 2^32 per incarnation.
    return (std::uint64_t{partition} << 40) ^ (std::uint64_t{incarnation} << 32) ^ offset;
}

// Per-key order as one consumer saw it (`invariant: per_key_order` and the
// per_key_order monitor share this rule): each record it consumes must come
// after the last record of the same key it consumed, where "after" is
// offset order within a partition and append time (then partition, then
// offset) across partitions. A record it had consumed before (a re-read
// after a rebalance) is no break. Feed one consumer's consumptions in order.
class KeyOrderTracker {
public:
    // The previous record of the same key when `item` breaks the order.
    struct Break {
        LogConsumption before;
    };
    std::optional<Break> observe(const LogConsumption& item);

private:
    std::unordered_map<StringId, LogConsumption> last_by_key_;  // looked up only, never iterated
    std::unordered_set<std::uint64_t> seen_;
};

}  // namespace kafkasim
