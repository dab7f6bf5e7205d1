// The Explain panel: the current event in one line, and why it happened in
// one sentence. The simulator recorded the reason with the event
// (report/format.hpp renders it); the viz only shows it. Below, what the
// monitors found at this event, if anything. Everything wraps, and the
// panel grows to its text (layout.hpp): nothing here is cut off.
#include <algorithm>
#include <cmath>
#include <string>

#include "model/violation_index.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

void VizApp::draw_explain(const PanelRect& rect) {
    window_begin("Explain", rect, 0, explain_resized_);
    const std::size_t cursor = ui_.playback.cursor;
    if (cursor > 0) {
        const Record& record = run_->records()[cursor - 1];
        pill(indexed("#", static_cast<std::int64_t>(cursor)), colors::current_ring, colors::text);
        ImGui::SameLine();
        text_dim("t = " + instant_label(record.time_ns));
        ImGui::SameLine();
        pill(record_kind_name(record.kind), IM_COL32(52, 73, 94, 255));
        if (record.reason != Reason::none) {
            ImGui::SameLine();
            pill(reason_name(record.reason), IM_COL32(127, 140, 141, 255));
        }
    }
    ImGui::PushFont(fonts_.bold);
    ImGui::TextWrapped("%s", display_text(describe_text_).c_str());
    ImGui::PopFont();
    if (!explain_text_.empty()) ImGui::TextWrapped("%s", display_text(explain_text_).c_str());
    if (cursor > 0) {
        // Each finding on its own: the pill and the monitor on one line, the
        // sentence wrapped below it (after a SameLine, TextWrapped would wrap
        // from the pill's end and its continuation would be hard to follow).
        for (const Violation& violation : violations_at(run_->monitors().violations(), cursor - 1)) {
            pill(violation.healed ? "healed" : "monitor", violation.healed ? colors::idle : colors::removed);
            ImGui::SameLine();
            ImGui::PushFont(fonts_.bold);
            text(monitor_name(violation.monitor));
            ImGui::PopFont();
            ImGui::TextWrapped("%s", display_text(violation.detail).c_str());
        }
    }
    // What the text needs, for the next frame's layout (the panel grows to it).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float title_bar = ImGui::GetFontSize() + 2 * style.FramePadding.y;
    explain_height_wanted_ = std::ceil(ImGui::GetCursorPosY() - style.ItemSpacing.y + style.WindowPadding.y);
    explain_height_wanted_ = std::max(explain_height_wanted_, title_bar);
    ImGui::End();
}

}  // namespace kafkasim::viz
