// Where the Topology panel puts each actor: producers on the left, brokers in
// the middle, consumers on the right, one band per role. A pure function of
// the counts and the panel's size (no ImGui), so its promises are tested over
// many sizes (tests/unit/test_viz_topology_layout.cpp):
// - every box lies inside the area (never on the legend below it);
// - no two boxes overlap;
// - every actor has a box, or is counted in its role's "+N more" box.
// Small topologies get full cards (name and status line) in one column per
// role. When a column cannot hold its cards, the nodes become compact (the
// name only, status by colour) and a role spreads over several columns;
// beyond what even that holds, the last cell of the role is a "+N more" box.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace kafkasim::viz {

struct Box {
    float x = 0;  // top left
    float y = 0;
    float width = 0;   // 0: not drawn
    float height = 0;
    bool overlaps(const Box& other) const {
        return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
    }
};

enum class Role : std::uint8_t { producer, broker, consumer };
constexpr std::size_t role_count = 3;

struct TopologyInput {
    std::array<std::size_t, role_count> counts{};  // by Role
    float x = 0;        // the area (screen pixels)
    float y = 0;
    float width = 0;
    float height = 0;
    float unit = 16;    // the font size: cards are sized in it
    float name_width_max = 0;  // the widest actor name in the compact nodes' font
    float card_text_width_max = 0;  // the widest name or status line of a full card: cards widen to it, within limits
};

struct TopologyLayout {
    bool compact = false;  // nodes show the name only
    // Per role, per actor of the role: its box (width 0: hidden in "more").
    std::array<std::vector<Box>, role_count> nodes;
    std::array<Box, role_count> more{};            // the "+N more" box (width 0: none)
    std::array<std::size_t, role_count> hidden{};  // actors counted in it
};

TopologyLayout layout_topology(const TopologyInput& input);

}  // namespace kafkasim::viz
