// The Faults tab: crash / restart each broker, and a partition editor (each
// actor in no group or in group A, B or C; Start partition cuts the groups
// off from each other, Heal ends the latest partition). Each button injects
// the fault at the action time.
#include <string>

#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

void VizApp::draw_faults_tab() {
    using interactive::Injection;
    const Simulation& state = *state_;
    const float unit = ImGui::GetFontSize();
    const auto command_for = [&](Injection::Kind kind, std::uint32_t actor) {
        interactive::ScriptCommand command;
        command.injection.kind = kind;
        command.injection.at_ns = action_time_ns();
        command.injection.actor = actor;
        return command;
    };

    if (ImGui::BeginTable("fault_columns", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("brokers", ImGuiTableColumnFlags_WidthStretch, 0.42f);
        ImGui::TableSetupColumn("partition", ImGuiTableColumnFlags_WidthStretch, 0.58f);
        ImGui::TableNextColumn();
        text("Brokers");
        for (std::size_t b = 0; b < state.brokers().size(); ++b) {
            const Broker& broker = state.brokers()[b];
            const auto actor = static_cast<std::uint32_t>(b);
            ImGui::PushID(static_cast<int>(b));
            ImGui::AlignTextToFramePadding();
            actor_name(state, state.broker_actor(b), fonts_.bold);
            ImGui::SameLine(unit * 2.5f);
            pill(broker.up ? "up" : "down", broker.up ? colors::idle : colors::down);
            ImGui::SameLine(unit * 5.5f);
            if (tracked_button(keys::crash(b), "Crash")) request(command_for(Injection::Kind::crash, actor), keys::faults);
            ImGui::SameLine();
            if (tracked_button(keys::restart(b), "Restart")) request(command_for(Injection::Kind::restart, actor), keys::faults);
            ImGui::PopID();
        }

        ImGui::TableNextColumn();
        text("Partition: who can still reach whom");
        std::vector<int>& groups = ui_.interactive.partition_group;
        groups.resize(state.actor_count(), 0);
        static constexpr const char* group_labels[partition_groups_max + 1] = {"none", "A", "B", "C"};
        for (ActorId actor = 0; actor < state.actor_count(); ++actor) {
            ImGui::PushID(static_cast<int>(actor));
            ImGui::AlignTextToFramePadding();
            actor_name(state, actor, fonts_.bold);
            for (int group = 0; group <= partition_groups_max; ++group) {
                ImGui::SameLine(unit * (2.5f + 3.2f * static_cast<float>(group)));
                ImGui::RadioButton(group_labels[group], &groups[actor], group);
                widgets_.track(keys::partition_group(actor, group));
            }
            ImGui::PopID();
        }
        if (tracked_button(keys::partition_start, "Start partition")) {
            interactive::ScriptCommand command = command_for(Injection::Kind::partition_start, 0);
            for (int group = 1; group <= partition_groups_max; ++group) {
                std::vector<ActorIndex> members;
                for (ActorId actor = 0; actor < state.actor_count(); ++actor) {
                    if (groups[actor] == group) members.push_back(static_cast<ActorIndex>(actor));
                }
                // Empty groups are left out; Exploration refuses fewer than two.
                if (!members.empty()) command.injection.groups.push_back(std::move(members));
            }
            request(std::move(command), keys::faults);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Messages between different groups are lost; actors in no group reach everyone");
        ImGui::SameLine();
        if (tracked_button(keys::partition_heal, "Heal")) request(command_for(Injection::Kind::partition_heal, 0), keys::faults);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("End the latest partition");
        ImGui::EndTable();
    }
    draw_action_message(keys::faults);
}

}  // namespace kafkasim::viz
