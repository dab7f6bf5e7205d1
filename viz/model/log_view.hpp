// What the viz shows of the log model (model: log), computed from the state
// at the cursor and the current record, with no ImGui, so the panels draw
// it and the tests check it against the state (tests/unit/test_viz_log.cpp):
// - each broker's partitions (the ones it leads) as rows of cells, with the
//   markers under them: each group's committed offset and each owner's
//   position (the Brokers panel);
// - the window of cells a row has room for, which always holds the cell the
//   current event touched;
// - what the current record did to a partition (appended, fetched,
//   committed, consumed), so the panel highlights it;
// - each consumer's assignment in words and each group's rebalance banner
//   (Producers & consumers, Topology).
// Offsets follow Kafka's convention: a committed offset and a position are
// the offset of the next record to read, so a marker sits on the left edge
// of that cell (at the end offset: past the last cell, caught up).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/simulation.hpp"

namespace kafkasim::viz {

struct OffsetMarker {
    enum class Kind : std::uint8_t {
        committed,  // the group's committed offset (owner = group index)
        position,   // a member's position (owner = consumer index)
    };
    Kind kind = Kind::committed;
    std::uint32_t owner = 0;
    std::uint64_t offset = 0;
    friend bool operator==(const OffsetMarker&, const OffsetMarker&) = default;
};

// One partition a broker leads. Its records are the state's
// (log_model().partitions[partition].records()), not copied.
struct PartitionRow {
    std::uint32_t partition = 0;  // global number
    std::uint32_t topic = 0;      // topic index
    std::uint32_t number = 0;     // partition number within the topic
    std::uint64_t end_offset = 0;
    // Committed markers of the groups subscribed to the topic that have
    // committed it (ascending group), then the positions of the members
    // owning it (ascending consumer; a position not known yet, -1, has none).
    std::vector<OffsetMarker> markers;
};

// The partitions broker `broker` leads, ascending global number. Empty in
// the dictionary model.
std::vector<PartitionRow> led_partitions(const Simulation& state, std::size_t broker);

// The cells [first, last) of a row with room for `capacity` cells (>= 1):
// the whole log when it fits, else a window ending at the newest record, or
// around `focus` (an offset the current event touched) when given.
struct CellWindow {
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // exclusive
};
CellWindow cell_window(std::uint64_t end_offset, std::uint64_t capacity, std::optional<std::uint64_t> focus);

// What the current record did to a partition's log or its offsets.
struct LogStepChange {
    enum class Kind : std::uint8_t {
        none,
        appended,   // offset = the new record's
        fetched,    // offsets [offset, offset + count) were read (served, or arrived at the consumer)
        committed,  // the group's committed offset became `offset`
        consumed,   // consumer `by` processed `offset`
    };
    Kind kind = Kind::none;
    std::uint32_t partition = no_partition;  // global number
    std::uint64_t offset = 0;
    std::uint32_t count = 0;
    ActorId by = no_actor;  // the client concerned
};
LogStepChange log_step_change(const Simulation& state, const Record& record);

// The global number of `record`'s partition (its topic and partition()
// fields), or no_partition when it names none (a group kind, a bad topic).
std::uint32_t record_global_partition(const Simulation& state, const Record& record);

// "orders-0, orders-2", "idle (no partitions)", "joining", "left",
// "crashed", "not joined yet": a log consumer's assignment in words.
std::string assignment_words(const Simulation& state, std::size_t consumer);

// A group rebalancing at the cursor: its phase is preparing, or the
// current record is its rebalance_start or rebalance_end.
struct RebalanceBanner {
    std::uint32_t group = 0;
    std::uint32_t generation_from = 0;
    std::uint32_t generation_to = 0;
    bool ended = false;  // the current record is its rebalance_end
    std::string text;    // "g1 rebalancing: generation 2 -> 3" / "g1 rebalanced: generation 3"
};
// One per rebalancing group, ascending group. `record`: the current one, or null.
std::vector<RebalanceBanner> rebalance_banners(const Simulation& state, const Record* record);

}  // namespace kafkasim::viz
