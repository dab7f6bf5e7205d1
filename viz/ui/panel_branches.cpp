// The Branches & save tab: the actions of the current branch and of the
// previous one (the branch left when the person acted before its last
// action), Switch / Discard, and Save as scenario (the base scenario plus
// every action, optionally with the end state as expect: entries).
#include <imgui.h>
#include <imgui_stdlib.h>  // InputText on std::string

#include <string>

#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

void injection_list(const std::vector<interactive::Injection>& injections, const ScenarioSpec& base) {
    if (injections.empty()) return text_dim("  (no action yet)");
    // Named as the branch has them (it may add consumers). Drawn each frame
    // while the tab shows: a few actions, re-applied in microseconds.
    const ScenarioSpec branch = interactive::apply_injections(base, injections);
    for (const interactive::Injection& injection : injections) text_dim("  " + interactive::describe(injection, branch));
}

}  // namespace

void VizApp::draw_branches_tab() {
    const interactive::Exploration& exploration = *exploration_;
    InteractiveUi& form = ui_.interactive;

    if (ImGui::BeginTable("branch_columns", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        text("Current branch (shown), " + std::to_string(exploration.current().size()) + " actions:");
        injection_list(exploration.current(), exploration.base());
        ImGui::TableNextColumn();
        const bool has_previous = exploration.previous().has_value();
        text(has_previous ? "Previous branch, " + std::to_string(exploration.previous()->size()) + " actions:" : std::string("Previous branch:"));
        if (has_previous) {
            injection_list(*exploration.previous(), exploration.base());
        } else {
            text_dim("  none: acting before the last action starts one");
        }
        ImGui::BeginDisabled(!has_previous);
        if (tracked_button(keys::branch_switch, "Switch to previous")) {
            interactive::ScriptCommand command;
            command.kind = interactive::ScriptCommand::Kind::switch_branch;
            request(std::move(command), keys::branches);
        }
        ImGui::SameLine();
        if (tracked_button(keys::branch_discard, "Discard previous")) {
            interactive::ScriptCommand command;
            command.kind = interactive::ScriptCommand::Kind::discard;
            request(std::move(command), keys::branches);
        }
        ImGui::EndDisabled();
        draw_action_message(keys::branches);
        ImGui::EndTable();
    }

    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    text("Save as scenario");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputText("##path", &form.save_path, ImGuiInputTextFlags_AutoSelectAll);
    widgets_.track(keys::save_path);
    ImGui::Checkbox("with expectations (end state)", &form.save_expectations);
    widgets_.track(keys::save_expect);
    ImGui::SameLine();
    if (tracked_button(keys::save_button, "Save")) {
        interactive::ScriptCommand command;
        command.kind = interactive::ScriptCommand::Kind::save;
        command.path = form.save_path;
        command.with_expectations = form.save_expectations;
        request(std::move(command), keys::save);
    }
    draw_action_message(keys::save);
    text_dim("Fingerprint of this run: " + fingerprint() + " (kafkasim run of the saved file prints the same)");
}

}  // namespace kafkasim::viz
