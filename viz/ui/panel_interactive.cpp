// The Interactive window (interactive mode): the time every action happens
// at, with "Go to" to move there, and one tab per kind of action: Producers,
// Consumers, Faults, Branches & save, plus the Over time chart it displaces
// (and, run by a VizSession, the Scenario panel: app.hpp's ExtraTab).
// Buttons only request a command (VizApp::request); it is performed after
// the last panel of the frame. Every widget the script driver may use is
// tracked under a key from widget_keys.hpp.
#include <imgui.h>
#include <imgui_stdlib.h>  // InputText on std::string

#include <string>

#include "scenario/duration.hpp"
#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

bool VizApp::tracked_button(const std::string& key, const char* label, float width) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0));
    widgets_.track(key);
    return pressed;
}

void VizApp::draw_action_message(std::string_view origin) {
    if (action_.serial == 0 || action_.origin != origin) return;
    ImGui::PushTextWrapPos(0);
    text_coloured(action_.ok ? IM_COL32(30, 130, 76, 255) : colors::busy, action_.message);
    ImGui::PopTextWrapPos();
}

void VizApp::draw_time_bar() {
    InteractiveUi& form = ui_.interactive;
    const float unit = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    text_dim("Actions happen at");
    ImGui::SameLine();
    ImGui::PushFont(fonts_.bold);
    text("t = " + instant_label(action_time_ns()));
    ImGui::PopFont();
    ImGui::SameLine(0, unit * 1.5f);
    text_dim("Go to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(unit * 6);
    const bool entered = ImGui::InputTextWithHint("##time", "250ms", &form.time_text,
                                                  ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_EnterReturnsTrue);
    widgets_.track(keys::time_field);
    ImGui::SameLine();
    if (tracked_button(keys::time_go, "Go") || entered) {
        const DurationParse time = parse_duration_explained(form.time_text);
        if (time.value) {
            // Moving to act somewhere pauses: the action must land at the time asked for.
            ui_.playback.playing = false;
            seek_time_to(*time.value);
            form.time_error.clear();
        } else {
            form.time_error = "invalid duration: " + time.error;
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Move the cursor to this simulated time (e.g. 250ms, 1.5s), and pause");
    if (!form.time_error.empty()) {
        ImGui::SameLine();
        text_coloured(colors::busy, form.time_error);
    }
}

void VizApp::draw_interactive(const PanelRect& rect) {
    window_begin("Interactive", rect);
    // Outlined fields and check boxes: a form on a light panel needs its edges.
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Border, colors::panel_line);
    draw_time_bar();
    sync();  // Go may have moved the cursor: the tabs show the new state
    if (ImGui::BeginTabBar("interactive_tabs")) {
        struct Tab {
            const char* label;
            const std::string& key;
            void (VizApp::*draw)();
        };
        const Tab tabs[] = {
            {"Producers", keys::tab_producers, &VizApp::draw_producers_tab},
            {"Consumers", keys::tab_consumers, &VizApp::draw_consumers_tab},
            {"Faults", keys::tab_faults, &VizApp::draw_faults_tab},
            {"Branches & save", keys::tab_branches, &VizApp::draw_branches_tab},
            {"Over time", keys::tab_over_time, &VizApp::draw_over_time_chart},
        };
        for (const Tab& tab : tabs) {
            const bool open = ImGui::BeginTabItem(tab.label);
            widgets_.track(tab.key);
            if (!open) continue;
            // A child per tab: its rows scroll under the time bar and the tabs, which stay put.
            if (ImGui::BeginChild("tab_body", ImVec2(0, 0), false)) (this->*tab.draw)();
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (extra_tab_) {
            const bool select = extra_tab_->select != nullptr && *extra_tab_->select;
            if (select) *extra_tab_->select = false;
            const bool open = ImGui::BeginTabItem(extra_tab_->label.c_str(), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
            widgets_.track(extra_tab_->key);
            if (open) {
                if (ImGui::BeginChild("tab_body", ImVec2(0, 0), false)) extra_tab_->draw();
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    ImGui::End();
}

}  // namespace kafkasim::viz
