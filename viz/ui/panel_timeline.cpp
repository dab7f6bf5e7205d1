// The Timeline & controls panel: position (event, time), step, play/pause,
// speed, scrubber, restart, and jumps to the next/previous event of an actor
// or kind. Its title bar is the status line: scenario, seed, position.
#include <algorithm>
#include <cmath>
#include <string>

#include "report/format.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// Fixed-width button so labels that change (Play/Pause) do not shift the row.
bool button(const char* label, float width = 0) { return ImGui::Button(label, ImVec2(width, 0)); }

std::string kind_label(const std::optional<RecordKind>& kind) {
    return kind ? std::string(record_kind_name(*kind)) : std::string("any kind");
}

}  // namespace

void VizApp::draw_timeline(const PanelRect& rect) {
    const auto& records = run_->records();
    const std::size_t event_count = run_->event_count();
    Playback& playback = ui_.playback;
    // The title is the status line; "###timeline" keeps the window's identity.
    const std::string title = display_text(scenario_label_) + "  \xC2\xB7  seed " + std::to_string(run_->spec().seed) + "  \xC2\xB7  event " +
                              std::to_string(playback.cursor) + " of " + std::to_string(event_count) + "  \xC2\xB7  t = " +
                              instant_label(playback.clock_ns) + (playback.playing ? "  \xC2\xB7  playing" : "") + "###timeline";
    window_begin(title.c_str(), rect, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const float unit = ImGui::GetFontSize();

    // Row 1: transport, position, speed.
    if (button("\xE2\x87\xA4 Start", unit * 4.5f)) seek(0);  // ⇤
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("First event (Home)");
    ImGui::SameLine();
    if (button("\xE2\x97\x80 Back", unit * 4.5f)) {  // ◀
        playback.playing = false;
        if (playback.cursor > 0) seek(playback.cursor - 1);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step one event back (Left)");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, playback.playing ? IM_COL32(250, 215, 160, 255) : IM_COL32(190, 230, 200, 255));
    if (button(playback.playing ? "\xE2\x80\x96 Pause" : "\xE2\x96\xB6 Play", unit * 5.0f)) toggle_play();  // ‖ ▶
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play or pause (Space)");
    ImGui::SameLine();
    if (button("Step \xE2\x96\xB6", unit * 4.5f)) {
        playback.playing = false;
        seek(playback.cursor + 1);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step one event forward (Right)");
    ImGui::SameLine();
    if (button("End \xE2\x87\xA5", unit * 4.5f)) {  // ⇥
        playback.playing = false;
        seek(event_count);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Last event (End)");
    ImGui::SameLine();
    if (button("Restart", unit * 4.5f)) {
        seek(0);
        playback.playing = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the start and play");
    ImGui::SameLine();
    if (tracked_button("export/open", "Export\xE2\x80\xA6", unit * 4.5f)) ImGui::OpenPopup("File > Export");  // …
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("File > Export: the run as a Perfetto trace, a Mermaid diagram or a CSV time series");
    draw_export_popup();

    ImGui::SameLine(0, unit * 1.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::PushFont(fonts_.bold);
    text("Event " + std::to_string(playback.cursor) + " / " + std::to_string(event_count));
    ImGui::SameLine(0, unit * 1.2f);
    text("t = " + instant_label(playback.clock_ns));
    ImGui::PopFont();

    ImGui::SameLine(0, unit * 1.5f);
    text_dim("Speed");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(unit * 6);
    ImGui::SliderScalar("##speed", ImGuiDataType_Double, &playback.speed_ns_per_s, &speed_ns_per_s_min, &speed_ns_per_s_max, "",
                        ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Simulated time per second of playback (logarithmic)");
    ImGui::SameLine();
    value_slot(rounded_label(playback.speed_ns_per_s) + " per second", ImGui::CalcTextSize("888Âµs per second").x + unit * 0.5f);
    ImGui::Checkbox("Skip quiet gaps", &playback.skip_quiet);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("While no message is in flight, jump ahead to the next event");

    // Row 2: the scrubber over the whole run.
    int scrub = static_cast<int>(playback.cursor);
    const std::string run_words = " of " + std::to_string(event_count) + " (" + rounded_label(static_cast<double>(run_->final_state().now_ns()), 4) + " run)";
    // The slot fits the widest position, so the scrubber does not move while it is dragged.
    value_slot("event " + std::to_string(playback.cursor) + run_words, ImGui::CalcTextSize(("event " + std::to_string(event_count) + run_words).c_str()).x + unit);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##scrub", &scrub, 0, static_cast<int>(event_count), "", ImGuiSliderFlags_AlwaysClamp)) {
        seek(static_cast<std::size_t>(scrub));
    }

    // Row 3: jumps, and the keys.
    ImGui::AlignTextToFramePadding();
    text_dim("Jump to the");
    ImGui::SameLine();
    const Simulation& names = *state_;
    ImGui::SetNextItemWidth(unit * 7);
    const std::string actor_preview = ui_.jump.actor == no_actor ? std::string("any actor") : display_text(names.actor_name(ui_.jump.actor));
    if (ImGui::BeginCombo("##jump_actor", actor_preview.c_str())) {
        if (ImGui::Selectable("any actor", ui_.jump.actor == no_actor)) ui_.jump.actor = no_actor;
        for (ActorId actor = 0; actor < names.actor_count(); ++actor) {
            const std::string name = display_text(names.actor_name(actor));
            if (ImGui::Selectable(name.c_str(), ui_.jump.actor == actor)) ui_.jump.actor = actor;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(unit * 10);
    if (ImGui::BeginCombo("##jump_kind", kind_label(ui_.jump.kind).c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable("any kind", !ui_.jump.kind)) ui_.jump.kind.reset();
        for (std::size_t k = 0; k < record_kind_count; ++k) {
            const auto kind = static_cast<RecordKind>(k);
            if (kind == RecordKind::delete_message) continue;  // "delete" covers both
            const std::string name(record_kind_name(kind));
            if (ImGui::Selectable(name.c_str(), ui_.jump.kind == kind)) ui_.jump.kind = kind;
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (button("\xE2\x97\x80 previous")) {
        if (const auto cursor = previous_match(records, playback.cursor, ui_.jump)) {
            playback.playing = false;
            seek(*cursor);
        }
    }
    ImGui::SameLine();
    if (button("next \xE2\x96\xB6")) {
        if (const auto cursor = next_match(records, playback.cursor, ui_.jump)) {
            playback.playing = false;
            seek(*cursor);
        }
    }
    ImGui::SameLine(0, unit * 2);
    text_dim("Keys: Space play/pause \xC2\xB7 \xE2\x86\x90/\xE2\x86\x92 step \xC2\xB7 Home/End first/last event");
    ImGui::End();
}

// File > Export: the format, the file (default: next to where the viz was
// started, named after the scenario), and what the last export did.
void VizApp::draw_export_popup() {
    if (!ImGui::BeginPopup("File > Export")) return;
    ExportUi& state = ui_.export_ui;
    text("Export the whole run as");
    for (const ExportFormat format : {ExportFormat::perfetto, ExportFormat::mermaid, ExportFormat::csv}) {
        ImGui::SameLine();
        const std::string label(export_format_name(format));
        const bool chosen = ImGui::RadioButton(label.c_str(), state.format == format);
        widgets_.track("export/format/" + label);
        if (chosen) {
            // A default name follows the format; a typed one stays.
            const bool was_default = state.path.empty() || state.path == default_export_path(scenario_label_, state.format);
            state.format = format;
            if (was_default) state.path = default_export_path(scenario_label_, format);
        }
    }
    if (state.path.empty()) state.path = default_export_path(scenario_label_, state.format);
    char path[1024];
    const std::size_t length = std::min(state.path.size(), sizeof path - 1);
    state.path.copy(path, length);
    path[length] = '\0';
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    if (ImGui::InputText("File", path, sizeof path)) state.path = path;
    if (tracked_button("export/write", "Export")) export_run(state.format, state.path);
    ImGui::SameLine();
    if (tracked_button("export/close", "Close")) ImGui::CloseCurrentPopup();
    if (!state.last.message.empty()) {
        if (state.last.ok) text_dim(state.last.message);
        else text("error: " + state.last.message);
    }
    ImGui::EndPopup();
}

const ExportResult& VizApp::export_run(ExportFormat format, const std::string& path) {
    ui_.export_ui.last = export_run_to_file(*run_, format, path);
    if (ui_.export_ui.last.ok && export_delivery_) ui_.export_ui.last = export_delivery_(path);
    return ui_.export_ui.last;
}

}  // namespace kafkasim::viz
