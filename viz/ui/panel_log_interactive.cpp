// The Interactive window's Producers and Consumers tabs in the log model
// (model: log): a producer sends a record (topic, value, optional key: the
// key picks the partition by murmur2); a consumer joins its group now,
// leaves it now, or commits its positions now; a new consumer, subscribed as
// the group's first member, joins a group now. Each button queues one
// Injection at the action time, like the dictionary model's pages.
#include <imgui.h>
#include <imgui_stdlib.h>  // InputText on std::string

#include <algorithm>
#include <string>

#include "model/log_view.hpp"
#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

void VizApp::draw_log_producer(std::size_t p) {
    const Simulation& state = *state_;
    const ScenarioSpec& spec = run_->spec();
    ProducerForm& form = ui_.interactive.producers[p];
    const float label_width = ImGui::GetFontSize() * 4.2f;
    if (!form.log_defaults && !spec.topics.empty()) {
        form.topic = spec.topics.front().name;  // the dictionary's default topic is no topic here
        form.message = "record";
        form.log_defaults = true;
    }

    actor_name(state, state.producer_actor(p), fonts_.title);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_dim("to the partition's leader");
    producer_text_field(p, "Topic", "topic", form.topic, label_width);
    producer_text_field(p, "Value", "message", form.message, label_width);  // the script driver's key: "message"
    producer_text_field(p, "Key", "key", form.key, label_width);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The same key always goes to the same partition; empty: no key (the partitioner spreads them)");
    if (tracked_button(keys::producer_field(p, "send"), "Send", -1)) {
        interactive::ScriptCommand command;
        command.injection.kind = interactive::Injection::Kind::operation;
        command.injection.at_ns = action_time_ns();
        command.injection.actor = static_cast<std::uint32_t>(p);
        OperationSpec& op = command.injection.op;
        op.kind = OpKind::send;
        op.topic = form.topic;
        op.message = form.message;
        if (!form.key.empty()) op.key = form.key;
        request(std::move(command), keys::producer(p));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Send the record: the leader of its partition appends it at the next offset");
    draw_action_message(keys::producer(p));
}

void VizApp::draw_log_consumer(std::size_t c) {
    using interactive::Injection;
    const Simulation& state = *state_;
    const LogModel& model = state.log_model();
    const LogConsumer& member = model.consumers[c];
    const ConsumerSpec& consumer_spec = run_->spec().consumers[c];
    const auto command_for = [&](Injection::Kind kind) { return consumer_command(kind, c); };
    actor_name(state, state.consumer_actor(c), fonts_.title);
    ImGui::SameLine();
    pill(member_phase_name(member.phase), member.phase == MemberPhase::stable ? colors::idle
                                          : member.phase == MemberPhase::joining ? colors::rebalance
                                                                                 : colors::down);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    text_dim(state.strings().text(model.layout.group_names[consumer_spec.group]) + " gen " + std::to_string(member.generation));
    text_fitted(colors::text, assignment_words(state, c), ImGui::GetContentRegionAvail().x);
    if (tracked_button(keys::consumer_join(c), "Join")) request(command_for(Injection::Kind::join), keys::consumer(c));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Join the group now: the group rebalances and gives it partitions");
    ImGui::SameLine();
    if (tracked_button(keys::consumer_leave(c), "Leave")) request(command_for(Injection::Kind::leave), keys::consumer(c));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Leave the group now (committing first if it auto-commits): the others rebalance");
    ImGui::SameLine();
    if (tracked_button(keys::consumer_commit(c), "Commit")) request(command_for(Injection::Kind::commit), keys::consumer(c));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Commit its positions now: a new owner resumes from there after a rebalance");
    draw_action_message(keys::consumer(c));
    text_dim("consumed " + std::to_string(member.consumed.size()) + ", again " + std::to_string(c < duplicates_.size() ? duplicates_[c] : 0));
}

void VizApp::draw_add_consumer_forms() {
    const ScenarioSpec& spec = run_->spec();
    ui_.interactive.new_consumer_names.resize(spec.groups.size());
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
        std::string& name = ui_.interactive.new_consumer_names[g];
        if (name.empty()) {
            // The next free "cN": a name no actor has.
            for (std::size_t n = spec.consumers.size() + 1;; ++n) {
                const std::string candidate = "c" + std::to_string(n);
                const auto named = [&](const auto& list) {
                    return std::any_of(list.begin(), list.end(), [&](const auto& actor) { return actor.name == candidate; });
                };
                if (!named(spec.brokers) && !named(spec.producers) && !named(spec.consumers)) {
                    name = candidate;
                    break;
                }
            }
        }
        ImGui::PushID(static_cast<int>(g));
        ImGui::AlignTextToFramePadding();
        text("New consumer in " + spec.groups[g].name + ":");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        ImGui::InputText("##name", &name, ImGuiInputTextFlags_AutoSelectAll);
        widgets_.track(keys::add_consumer_name(g));
        ImGui::SameLine();
        const std::string label = "Add to " + spec.groups[g].name;
        if (tracked_button(keys::add_consumer(g), label.c_str())) {
            interactive::ScriptCommand command;
            command.injection.kind = interactive::Injection::Kind::add_consumer;
            command.injection.at_ns = action_time_ns();
            command.injection.actor = static_cast<std::uint32_t>(g);
            command.injection.name = name;
            request(std::move(command), keys::add_consumer(g));
            name.clear();  // the next one gets the next free name
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new consumer, subscribed like the group's first member, joins now");
        draw_action_message(keys::add_consumer(g));
        ImGui::PopID();
    }
}

}  // namespace kafkasim::viz
