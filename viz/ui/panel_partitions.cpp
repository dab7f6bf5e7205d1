// The Brokers panel in the log model (model: log): per broker, up/down, the
// groups it coordinates, and each partition it leads as a row of cells, one
// per record, numbered by offset (key and value on hover; a stripe in the
// key's colour, so one key's records read as one colour). Under the cells,
// two lanes of markers (model/log_view): each group's committed offset and
// each owner's position, labelled by group and consumer, on the left edge of
// the cell they point at (the next record to read). What the current event
// did is highlighted: the record it appended (green), the records it
// fetched or processed (blue), the committed marker it moved (ringed).
#include <algorithm>
#include <array>
#include <string>

#include "model/log_view.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// A key's colour: records of one key share it (no key: none).
ImU32 key_colour(StringId key) {
    static constexpr std::array<ImU32, 8> palette = {
        IM_COL32(31, 119, 180, 255), IM_COL32(255, 127, 14, 255), IM_COL32(148, 103, 189, 255), IM_COL32(23, 190, 207, 255),
        IM_COL32(227, 119, 194, 255), IM_COL32(140, 86, 75, 255), IM_COL32(188, 189, 34, 255), IM_COL32(127, 127, 127, 255),
    };
    return key == no_string ? 0 : palette[key % palette.size()];
}

}  // namespace

void VizApp::draw_log_broker_card(std::size_t b, float height) {
    const Simulation& state = *state_;
    const LogModel& model = state.log_model();
    const Broker& broker = state.brokers()[b];

    // Header: name, up/down, the groups it coordinates.
    const float pill_y = begin_broker_card(b, height);
    pill(broker.up ? "UP" : "DOWN", broker.up ? colors::idle : colors::down);
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        if (model.layout.coordinator[g] != b) continue;
        ImGui::SameLine();
        ImGui::SetCursorPosY(pill_y);
        const bool rebalancing = model.groups[g].phase == GroupPhase::preparing;
        pill("coordinator of " + state.strings().text(model.layout.group_names[g]), rebalancing ? colors::rebalance : colors::committed);
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("generation %u, %s, %u rebalances so far", model.groups[g].group.generation(),
                              std::string(group_phase_name(model.groups[g].phase)).c_str(), model.groups[g].rebalances);
        }
    }

    // What this step did here (the event's sentence, in the change's colour).
    const std::vector<PartitionRow> rows = led_partitions(state, b);
    const bool touched = log_change_.kind != LogStepChange::Kind::none &&
                         std::any_of(rows.begin(), rows.end(), [&](const PartitionRow& row) { return row.partition == log_change_.partition; });
    if (touched) {
        draw_change_band(log_change_.kind == LogStepChange::Kind::appended    ? colors::added
                         : log_change_.kind == LogStepChange::Kind::committed ? colors::committed
                                                                              : colors::read,
                         describe_text_);
    }
    if (rows.empty()) text_dim("leads no partition");

    // The partitions, in a region of their own that scrolls when they are many.
    ImGui::BeginChild("partitions", ImVec2(0, 0), false);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImGui::PushFont(fonts_.small);
    const float small = ImGui::GetFontSize();
    const float cell_width = std::max(ImGui::CalcTextSize("8888").x + 4, small * 2.0f);
    const float cell_height = small * 1.7f;
    const float cell_gap = 2;
    ImGui::PopFont();
    const float lane_height = small * 1.3f;
    // A log too long for one line of cells wraps onto as many as the card
    // has room for (each line with its two marker lanes under it).
    const float line_height = cell_height + 2 + 2 * lane_height + 4;
    const float header_height = ImGui::GetTextLineHeightWithSpacing();
    const float row_room = rows.empty() ? 0 : ImGui::GetContentRegionAvail().y / static_cast<float>(rows.size()) - header_height;
    const auto lines_room = static_cast<std::uint64_t>(std::max(row_room / line_height, 1.0f));
    for (const PartitionRow& row : rows) {
        const std::string name = topic_partition_name(state.strings().text(model.layout.topic_names[row.topic]), row.number);
        const bool changed_here = touched && log_change_.partition == row.partition;
        const float width = ImGui::GetContentRegionAvail().x;
        // One cell's room kept free on the right: a caught-up marker sits past the last cell.
        const auto per_line = static_cast<std::uint64_t>(std::max((width - 4) / (cell_width + cell_gap) - 1, 1.0f));
        const std::uint64_t lines_needed = std::max<std::uint64_t>((row.end_offset + per_line - 1) / per_line, 1);
        const std::uint64_t lines = std::min(lines_room, lines_needed);
        const float right_edge = ImGui::GetCursorScreenPos().x + width;
        const std::optional<std::uint64_t> focus = changed_here ? std::optional<std::uint64_t>(log_change_.offset) : std::nullopt;
        const CellWindow window = cell_window(row.end_offset, per_line * lines, focus);
        const std::uint64_t lines_used = std::max<std::uint64_t>((window.last - window.first + per_line - 1) / per_line, 1);

        ImGui::PushFont(fonts_.bold);
        text(name);
        ImGui::PopFont();
        ImGui::SameLine();
        std::string about = "end offset " + std::to_string(row.end_offset);
        if (window.first > 0 || window.last < row.end_offset) {
            about += " \xC2\xB7 showing " + std::to_string(window.first) + "\xE2\x80\x93" + std::to_string(window.last - 1);
        }
        text_dim(about);

        // The cells.
        const ImVec2 strip = ImGui::GetCursorScreenPos();
        // Where offset's cell is: its line, and its left edge. The caught-up
        // edge (window.last) of a full last line takes the spare slot at its end.
        const auto line_of = [&](std::uint64_t offset) { return std::min((offset - window.first) / per_line, lines_used - 1); };
        const auto x_of = [&](std::uint64_t offset) {
            return strip.x + static_cast<float>(offset - window.first - line_of(offset) * per_line) * (cell_width + cell_gap);
        };
        const auto y_of = [&](std::uint64_t line) { return strip.y + static_cast<float>(line) * line_height; };
        const std::vector<log::LogRecord>& records = model.partitions[row.partition].records();
        ImGui::PushFont(fonts_.small);
        for (std::uint64_t offset = window.first; offset < window.last; ++offset) {
            const log::LogRecord& item = records[offset];
            const ImVec2 min(x_of(offset), y_of(line_of(offset)));
            const ImVec2 max(min.x + cell_width, min.y + cell_height);
            const bool in_change = changed_here && offset >= log_change_.offset && offset < log_change_.offset + log_change_.count;
            ImU32 fill = colors::log_cell;
            ImU32 border = colors::panel_line;
            if (in_change && log_change_.kind == LogStepChange::Kind::appended) {
                fill = with_alpha(colors::added, 0.45f);
                border = colors::added;
            } else if (in_change && log_change_.kind != LogStepChange::Kind::committed) {
                fill = with_alpha(colors::read, 0.4f);
                border = colors::read;
            }
            draw->AddRectFilled(min, max, fill, 2.0f);
            draw->AddRect(min, max, border, 2.0f, 0, in_change ? 2.0f : 1.0f);
            if (const ImU32 stripe = key_colour(item.key); stripe != 0) {
                draw->AddRectFilled(ImVec2(min.x + 2, max.y - 4), ImVec2(max.x - 2, max.y - 1), stripe);
            }
            const std::string label = std::to_string(offset);
            const ImVec2 size = ImGui::CalcTextSize(label.c_str());
            draw->AddText(ImVec2(min.x + (cell_width - size.x) * 0.5f, min.y + (cell_height - 4 - size.y) * 0.5f), colors::text, label.c_str());
            if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(min, max)) {
                ImGui::BeginTooltip();
                ImGui::PushFont(fonts_.bold);
                text(name + " offset " + std::to_string(offset));
                ImGui::PopFont();
                text(item.key == no_string ? std::string("no key") : "key \"" + state.strings().text(item.key) + "\"");
                text("value \"" + state.strings().text(item.value) + "\"");
                text_dim("appended at " + instant_label(item.timestamp_ns));
                ImGui::EndTooltip();
            }
        }
        if (row.end_offset == 0) draw->AddText(ImVec2(strip.x, strip.y + (cell_height - small) * 0.5f), colors::text_dim, "(empty)");

        // The markers, under the line of their cell: committed offsets on the
        // first lane, positions on the second.
        for (int lane = 0; lane < 2; ++lane) {
            std::vector<float> next_free_x(lines_used, strip.x - 1e6f);  // labels at one offset go side by side
            for (const OffsetMarker& marker : row.markers) {
                if ((marker.kind == OffsetMarker::Kind::committed) != (lane == 0)) continue;
                const bool before = marker.offset < window.first;
                const bool after = marker.offset > window.last;  // window.last itself: the caught-up edge
                const std::uint64_t at = before ? window.first : after ? window.last : marker.offset;
                const std::uint64_t line = line_of(at);
                const float top = y_of(line) + cell_height + 2 + static_cast<float>(lane) * lane_height;
                const float x = before ? strip.x : x_of(at) - cell_gap * 0.5f;
                const bool committed = marker.kind == OffsetMarker::Kind::committed;
                const std::string owner = committed ? state.strings().text(model.layout.group_names[marker.owner])
                                                    : std::string(state.actor_name(state.consumer_actor(marker.owner)));
                const ImU32 colour = committed ? colors::committed : actor_colour(state, state.consumer_actor(marker.owner));
                const bool moved = committed && changed_here && log_change_.kind == LogStepChange::Kind::committed;
                const std::string label = std::string(before ? "\xE2\x97\x82" : "") + owner + " " + std::to_string(marker.offset) + (after ? "\xE2\x96\xB8" : "");
                const ImVec2 size = ImGui::CalcTextSize(label.c_str());
                // Right of its triangle, or left of it where the row ends.
                float label_x = std::max(x + 4, next_free_x[line]);
                if (label_x + size.x > right_edge) label_x = std::max(x - 4 - size.x, strip.x);
                draw->AddTriangleFilled(ImVec2(x, top), ImVec2(x - 4, top + 7), ImVec2(x + 4, top + 7), colour);
                draw->AddLine(ImVec2(x, top), ImVec2(x, top + lane_height - 2), colour, 2.0f);
                const ImVec2 label_min(label_x, top + (lane_height - size.y) * 0.5f);
                if (moved) draw->AddRect(ImVec2(label_min.x - 2, label_min.y - 1), ImVec2(label_min.x + size.x + 2, label_min.y + size.y + 1), colors::current_ring, 3.0f, 0, 2.0f);
                draw->AddText(label_min, colour, label.c_str());
                next_free_x[line] = label_x + size.x + 6;
                const ImVec2 hover_min(std::min(x - 4, label_x), top);
                const ImVec2 hover_max(label_x + size.x, top + lane_height);
                if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(hover_min, hover_max)) {
                    ImGui::SetTooltip(committed ? "%s committed %llu: the group's next owner of %s starts reading here"
                                                : "%s position %llu: the next offset of %s it processes",
                                      owner.c_str(), static_cast<unsigned long long>(marker.offset), name.c_str());
                }
            }
        }
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(std::max(width, 1.0f), line_height * static_cast<float>(lines_used)));
        if (changed_here && scroll_cards_to_change_) ImGui::SetScrollHereY(0.5f);
    }
    ImGui::EndChild();
    ImGui::EndChild();
    ImGui::PopID();
}

}  // namespace kafkasim::viz
