// The Event log panel, after imgui_demo's ExampleAppLog: every event as one
// line (number, time, actor, kind, sentence), filtered by actor and kind,
// drawn through ImGuiListClipper so only the visible lines cost anything (a
// million-event run scrolls as smoothly as a small one). The current event is
// highlighted, events still to come are dimmed, and a click jumps there. An
// event that a monitor flagged shows a red pill per finding before its text.
#include <algorithm>
#include <string>

#include "model/violation_index.hpp"
#include "report/format.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

void VizApp::draw_event_log(const PanelRect& rect) {
    window_begin("Event log", rect);
    const auto& records = run_->records();
    const Simulation& names = *state_;
    const float unit = ImGui::GetFontSize();
    EventFilter& filter = ui_.log_filter;

    // Filters: actor, kinds (by family or one by one), follow.
    ImGui::AlignTextToFramePadding();
    text_dim("Show");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(unit * 6.5f);
    const std::string actor_preview = filter.actor == no_actor ? std::string("all actors") : display_text(names.actor_name(filter.actor));
    if (ImGui::BeginCombo("##log_actor", actor_preview.c_str())) {
        if (ImGui::Selectable("all actors", filter.actor == no_actor)) filter.actor = no_actor;
        for (ActorId actor = 0; actor < names.actor_count(); ++actor) {
            const std::string name = display_text(names.actor_name(actor));
            if (ImGui::Selectable(name.c_str(), filter.actor == actor)) filter.actor = actor;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const std::size_t kinds_shown = filter.kinds.count();
    const std::string kinds_label = kinds_shown == record_kind_count ? "all kinds" : std::to_string(kinds_shown) + " kinds";
    if (ImGui::Button((kinds_label + " \xE2\x96\xBE").c_str())) ImGui::OpenPopup("kinds");
    if (ImGui::BeginPopup("kinds")) {
        if (ImGui::SmallButton("all")) filter.kinds.set();
        ImGui::SameLine();
        if (ImGui::SmallButton("none")) filter.kinds.reset();
        for (std::size_t g = 0; g < kind_group_count; ++g) {
            const auto group = static_cast<KindGroup>(g);
            const std::string group_name(kind_group_name(group));
            bool all = filter.group_state(group) == 1;
            ImGui::Separator();
            if (ImGui::Checkbox(group_name.c_str(), &all)) filter.set_group(group, all);
            ImGui::Indent();
            int on_line = 0;
            for (std::size_t k = 0; k < record_kind_count; ++k) {
                const auto kind = static_cast<RecordKind>(k);
                if (kind_group(kind) != group) continue;
                std::string name(record_kind_name(kind));
                if (kind == RecordKind::delete_topic) name = "delete topic";
                if (kind == RecordKind::delete_message) name = "delete message";
                bool shown = filter.kinds.test(k);
                if (on_line++ % 3 != 0) ImGui::SameLine(0, unit);
                if (ImGui::Checkbox(name.c_str(), &shown)) filter.kinds.set(k, shown);
            }
            ImGui::Unindent();
        }
        ImGui::EndPopup();
    }
    ImGui::SameLine();
    ImGui::Checkbox("Follow", &ui_.log_follow);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the current event in view");

    log_.update(records, filter);
    const auto& rows = log_.rows();
    ImGui::SameLine();
    text_dim(std::to_string(rows.size()) + " of " + std::to_string(records.size()));

    // Column positions (from the row start), sized for the widest entry of each.
    const auto trimmed_time = [](TimeNs time_ns) {
        std::string label = format_time_ms(time_ns);
        label.erase(0, label.find_first_not_of(' '));
        return label;
    };
    const float gap = unit * 0.6f;
    ImGui::PushFont(fonts_.mono);
    const float number_width = ImGui::CalcTextSize(indexed("#", static_cast<std::int64_t>(records.size())).c_str()).x;
    const float time_width = records.empty() ? 0 : ImGui::CalcTextSize(trimmed_time(records[records.size() - 1].time_ns).c_str()).x;
    ImGui::PopFont();
    float actor_width = 0;
    ImGui::PushFont(fonts_.bold);
    for (ActorId actor = 0; actor < names.actor_count(); ++actor) {
        const std::string name(names.actor_name(actor));
        actor_width = std::max(actor_width, ImGui::CalcTextSize(name.c_str()).x);
    }
    ImGui::PopFont();
    ImGui::PushFont(fonts_.small);
    // The kind column fits the longest kind name ("offset_commit_reply"), in the font it is drawn in.
    ImGui::PushFont(fonts_.small);
    float kind_width = 0;
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        const std::string_view name = record_kind_name(static_cast<RecordKind>(k));
        kind_width = std::max(kind_width, ImGui::CalcTextSize(name.data(), name.data() + name.size()).x);
    }
    ImGui::PopFont();
    ImGui::PopFont();
    const float x_time = ImGui::GetStyle().WindowPadding.x + number_width + gap;
    const float x_actor = x_time + time_width + gap;
    const float x_kind = x_actor + actor_width + gap;
    const float x_text = x_kind + kind_width + gap;

    ImGui::BeginChild("log_lines", ImVec2(0, 0), true);
    const float line_height = ImGui::GetTextLineHeightWithSpacing();
    const std::size_t cursor = ui_.playback.cursor;
    // The current event's row, or where it would be when it is filtered out.
    const std::size_t current_row = cursor > 0 ? log_.row_at_or_after(cursor - 1) : 0;
    if (ui_.log_follow && scroll_log_to_cursor_ && !rows.empty()) {
        // Keep the current line about a third from the top.
        const float target = static_cast<float>(current_row) * line_height - ImGui::GetWindowHeight() * 0.35f;
        ImGui::SetScrollY(std::max(target, 0.0f));
    }
    scroll_log_to_cursor_ = false;

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), line_height);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::size_t index = rows[static_cast<std::size_t>(row)];
            const Record& record = records[index];
            const bool current = index + 1 == cursor;
            const bool future = index + 1 > cursor;
            ImGui::PushID(row);
            const ImVec2 start = ImGui::GetCursorScreenPos();
            if (ImGui::Selectable("##row", current, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  ImVec2(0, ImGui::GetTextLineHeight()))) {
                ui_.playback.playing = false;
                seek_event(ui_.playback, records, index + 1);
                cursor_set_by_log_ = true;
            }
            ImGui::SameLine();
            ImGui::SetCursorScreenPos(start);
            const ImU32 plain = future ? colors::text_dim : colors::text;
            ImGui::PushFont(fonts_.mono);
            text_coloured(colors::text_dim, indexed("#", static_cast<std::int64_t>(index + 1)));
            const std::string time = trimmed_time(record.time_ns);
            ImGui::SameLine(x_time + time_width - ImGui::CalcTextSize(time.c_str()).x);  // right-aligned
            text_coloured(plain, time);
            ImGui::PopFont();
            ImGui::SameLine(x_actor);
            // The actor the event happens at: the broker for arrivals and service, the client otherwise.
            const KindGroup group = kind_group(record.kind);
            const bool at_target = group == KindGroup::request_arrived || group == KindGroup::request_served ||
                                   group == KindGroup::reply_arrived;
            // (The coordinator's own steps have the broker as their source.)
            const ActorId at = at_target ? record.target : record.source;
            ImGui::PushFont(fonts_.bold);
            text_coloured(future ? colors::text_dim : actor_colour(names, at), at == no_actor ? "-" : names.actor_name(at));
            ImGui::PopFont();
            ImGui::SameLine(x_kind);
            // The smaller font sits on the same baseline as its neighbours.
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (unit - fonts_.small->FontSize) * 0.7f);
            ImGui::PushFont(fonts_.small);
            const ImU32 kind_colour = log_kind_colour(record.kind);
            text_coloured(future || kind_colour == 0 ? colors::text_dim : kind_colour, record_kind_name(record.kind));
            ImGui::PopFont();
            ImGui::SameLine(x_text);
            // Monitor findings first, so a long sentence never hides them.
            for (const Violation& violation : violations_at(run_->monitors().violations(), index)) {
                pill(monitor_name(violation.monitor), violation.healed ? colors::idle : colors::removed);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", display_text(violation.detail).c_str());
                ImGui::SameLine(0, gap * 0.5f);
            }
            // The sentence fits the line, marked with "…" when cut; hovering the
            // line shows all of it, wrapped, with the reason and the findings.
            const std::string sentence = describe(record, names);
            const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorScreenPos().x;
            text_coloured(plain, fit_text(sentence, room));
            const ImVec2 row_max(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x, start.y + line_height);
            if (ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(start, row_max)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(unit * 30);
                ImGui::PushFont(fonts_.bold);
                text(sentence);
                ImGui::PopFont();
                if (index + 1 == cursor && !explain_text_.empty()) text(explain_text_);  // the why, for the current event
                for (const Violation& violation : violations_at(run_->monitors().violations(), index)) {
                    text_coloured(violation.healed ? colors::idle : colors::removed, std::string(monitor_name(violation.monitor)) + ": " + violation.detail);
                }
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::PopID();
        }
    }
    clipper.End();
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace kafkasim::viz
