// See scenario_panel.hpp. Layout, top to bottom: the configs as buttons;
// Open / Save as scenario; the scenario shown and its fingerprint; the
// editor's name and Run; the errors (clickable); the editor, filling the rest.
#include <imgui.h>
#include <imgui_stdlib.h>  // InputText on std::string

#include <algorithm>
#include <string>

#include "ui/scenario_panel.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

const EmbeddedConfig* find_embedded_config(std::string_view name) {
    for (const EmbeddedConfig& config : embedded_configs()) {
        const std::string_view file = config.file_name;
        if (file == name) return &config;
        if (file.size() == name.size() + 5 && file.substr(0, name.size()) == name && file.substr(name.size()) == ".yaml") return &config;
    }
    return nullptr;
}

std::size_t text_offset(std::string_view text, int line, int column) {
    std::size_t offset = 0;
    for (int current = 1; current < line && offset < text.size(); ++current) {
        const std::size_t newline = text.find('\n', offset);
        if (newline == std::string_view::npos) return text.size();
        offset = newline + 1;
    }
    const std::size_t line_end = std::min(text.find('\n', offset), text.size());
    return std::min(offset + static_cast<std::size_t>(std::max(column, 1) - 1), line_end);
}

namespace {

// The editor's callback: moves the cursor to a pending jump once the editor
// is active (the frame after it was given focus); ImGui then scrolls to it.
int editor_callback(ImGuiInputTextCallbackData* data) {
    auto& panel = *static_cast<ScenarioPanel*>(data->UserData);
    if (!panel.jump) return 0;
    const std::string_view text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    const int offset = static_cast<int>(text_offset(text, panel.jump->first, panel.jump->second));
    data->CursorPos = offset;
    data->SelectionStart = offset;
    data->SelectionEnd = offset;
    panel.jump.reset();
    return 0;
}

}  // namespace

ScenarioRequest draw_scenario_panel(ScenarioPanel& panel, const Fonts& fonts, WidgetRegistry& widgets) {
    ScenarioRequest request;
    const float unit = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text_dim("Configs");
    const std::vector<EmbeddedConfig>& configs = embedded_configs();
    for (std::size_t i = 0; i < configs.size(); ++i) {
        std::string label(configs[i].file_name);
        label = label.substr(0, label.size() - 5);  // without ".yaml"
        // Wrap the buttons onto as many rows as the width needs.
        const float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
        const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
        if (right < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
        if (ImGui::Button((label + "##config").c_str())) request = {ScenarioRequest::Kind::load_config, i};
        widgets.track(keys::scenario_config(i));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Run configs/%s", configs[i].file_name);
    }
    if (panel.can_open_files) {
        if (ImGui::Button("Open .yaml...")) request.kind = ScenarioRequest::Kind::open_file;
        widgets.track(keys::scenario_open);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load a scenario file from your disk into the editor and run it");
        ImGui::SameLine();
    }
    if (ImGui::Button("Save as scenario")) request.kind = ScenarioRequest::Kind::save;
    widgets.track(keys::scenario_save);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The scenario shown, with your actions, as a YAML file");
    ImGui::SameLine();
    ImGui::Checkbox("with expectations", &panel.save_with_expectations);

    ImGui::AlignTextToFramePadding();
    text_dim("Showing");
    ImGui::SameLine();
    ImGui::PushFont(fonts.bold);
    text(panel.shown_name);
    ImGui::PopFont();
    ImGui::SameLine(0, unit);
    text_dim("fingerprint");
    ImGui::SameLine();
    ImGui::PushFont(fonts.mono);
    text(panel.fingerprint);
    ImGui::PopFont();

    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    text_dim("Editor");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(unit * 12);
    ImGui::InputText("##name", &panel.name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The file name errors and downloads use");
    ImGui::SameLine();
    if (ImGui::Button("Run")) request.kind = ScenarioRequest::Kind::run_editor;
    widgets.track(keys::scenario_run);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Load the editor's text as the scenario (errors are listed here)");

    // The errors, each a line a click jumps to.
    if (!panel.errors.empty()) {
        const float errors_height = std::min(static_cast<float>(panel.errors.size()), 5.0f) * ImGui::GetTextLineHeightWithSpacing() +
                                    ImGui::GetStyle().WindowPadding.y;
        // Long lines scroll sideways, and show whole in a tooltip.
        if (ImGui::BeginChild("errors", ImVec2(0, errors_height), false, ImGuiWindowFlags_HorizontalScrollbar)) {
            for (std::size_t i = 0; i < panel.errors.size(); ++i) {
                const Diagnostic& error = panel.errors[i];
                const std::string line = format_diagnostic(error);
                ImGui::PushID(static_cast<int>(i));
                ImGui::PushStyleColor(ImGuiCol_Text, colors::busy);
                const bool clicked = ImGui::Selectable(line.c_str());
                widgets.track(keys::scenario_error(i));
                ImGui::PopStyleColor();
                if (clicked && error.line > 0) panel.jump = {{error.line, error.column}};
                if (ImGui::IsItemHovered()) {
                    ImGui::BeginTooltip();
                    ImGui::PushTextWrapPos(unit * 30);
                    text(line);
                    if (error.line > 0) text_dim("Click: put the editor's cursor there");
                    ImGui::PopTextWrapPos();
                    ImGui::EndTooltip();
                }
                ImGui::PopID();
            }
        }
        ImGui::EndChild();
    }

    if (panel.jump) ImGui::SetKeyboardFocusHere();
    ImGui::PushFont(fonts.mono);
    ImGui::InputTextMultiline("##editor", &panel.text, ImVec2(-1, std::max(ImGui::GetContentRegionAvail().y, unit * 8)),
                              ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackAlways, editor_callback, &panel);
    widgets.track(keys::scenario_editor);
    ImGui::PopFont();
    return request;
}

}  // namespace kafkasim::viz
