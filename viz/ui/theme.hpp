// Colours, fonts and style of kafkasim-viz: a light theme with large type
// (it is meant to be projected in a lecture), and one colour per meaning:
// idle/busy brokers, consumer stages, message kinds, each actor.
#pragma once

#include <imgui.h>

#include <vector>

#include "core/simulation.hpp"

namespace kafkasim::viz {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
    ImFont* small = nullptr;
    ImFont* title = nullptr;  // actor names on cards and nodes
    float size_px = 16;
    const char* cjk_path = nullptr;  // the CJK font merged in, when one is installed
};

// The base font size for a display: readable from the back of a room.
float font_size_for_display(float display_height);
// Loads DejaVu Sans (regular, bold, mono) when installed, with the glyphs of
// the scripts it covers and of `text_code_points` (sorted: run_code_points in
// glyphs.hpp), a CJK font merged in when one is installed, and a placeholder
// box for each of those code points no font has; else ImGui's built-in font
// scaled up. Builds the font atlas (call once, before the backend uploads it).
Fonts load_fonts(float size_px, const std::vector<char32_t>& text_code_points = {});
void apply_style(float size_px);

namespace colors {
// Status.
constexpr ImU32 idle = IM_COL32(39, 174, 96, 255);
constexpr ImU32 busy = IM_COL32(214, 69, 65, 255);
constexpr ImU32 down = IM_COL32(90, 90, 90, 255);
constexpr ImU32 text = IM_COL32(30, 33, 40, 255);
constexpr ImU32 text_dim = IM_COL32(120, 124, 132, 255);
constexpr ImU32 text_on_colour = IM_COL32(255, 255, 255, 255);
constexpr ImU32 panel_line = IM_COL32(200, 203, 210, 255);
constexpr ImU32 link = IM_COL32(185, 190, 200, 255);
constexpr ImU32 cursor = IM_COL32(20, 20, 20, 255);
constexpr ImU32 current_ring = IM_COL32(245, 176, 65, 255);
// Dictionary changes.
constexpr ImU32 added = IM_COL32(46, 204, 113, 255);
constexpr ImU32 edited = IM_COL32(241, 196, 15, 255);
constexpr ImU32 removed = IM_COL32(231, 76, 60, 255);
constexpr ImU32 read = IM_COL32(93, 173, 226, 255);
constexpr ImU32 chip = IM_COL32(232, 235, 240, 255);
constexpr ImU32 queue_fill = IM_COL32(230, 126, 34, 255);
// Something still owed: a write not yet answered, a resend to come.
constexpr ImU32 waiting = IM_COL32(211, 84, 0, 255);
// Network faults: a cut link (partition), a slow one, a lossy one.
constexpr ImU32 fault_cut = IM_COL32(192, 57, 43, 255);
constexpr ImU32 fault_slow = IM_COL32(211, 137, 0, 255);
constexpr ImU32 fault_drop = IM_COL32(142, 68, 173, 255);
// The log model: a group rebalancing (banner, members), a group's committed
// offset marker, a partition's cells.
constexpr ImU32 rebalance = IM_COL32(192, 41, 140, 255);
constexpr ImU32 committed = IM_COL32(44, 62, 80, 255);
constexpr ImU32 log_cell = IM_COL32(236, 240, 246, 255);
constexpr ImU32 lag = IM_COL32(41, 128, 185, 255);
}  // namespace colors

ImU32 with_alpha(ImU32 colour, float alpha);
ImVec4 to_vec4(ImU32 colour);
// Actors: brokers slate, producers warm, consumers a distinct hue each.
ImU32 actor_colour(const Simulation& names, ActorId actor);
ImU32 stage_colour(Stage stage);
// A message's colour by what it is about (a reply takes its request's).
ImU32 message_colour(MessageType type, MessageType request);
// The log model's record kinds by what they are about: records sent and
// appended (orange, as writes), fetches and processing (teal), commits
// (slate), the group protocol (purple), rebalances (magenta). 0 for the
// dictionary model's kinds and the shared ones (faults, acks), drawn dim.
ImU32 log_kind_colour(RecordKind kind);

}  // namespace kafkasim::viz
