// The Producers tab: one form per producer, the original producer page:
// topic, message and index fields, and Publish / Edit / Delete topic /
// Delete message. A button sends that operation from this producer to its
// target brokers at the action time (an Injection of kind operation).
#include <imgui.h>
#include <imgui_stdlib.h>  // InputText on std::string

#include <algorithm>
#include <string>

#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// Forms side by side, at most this many per row (wider ones would squeeze the fields).
constexpr int forms_per_row_max = 3;

}  // namespace

void VizApp::draw_producers_tab() {
    const std::size_t count = run_->spec().producers.size();
    if (count == 0) {
        text_dim("This scenario has no producer.");
        return;
    }
    ui_.interactive.producers.resize(count);
    const int columns = static_cast<int>(std::min<std::size_t>(count, forms_per_row_max));
    if (!ImGui::BeginTable("producer_forms", columns, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) return;
    for (std::size_t p = 0; p < count; ++p) {
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(p));
        draw_producer(p);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void VizApp::producer_text_field(std::size_t p, const char* label, const char* field, std::string& value, float label_width) {
    form_label(label, label_width);
    const std::string id = std::string("##") + field;
    ImGui::InputText(id.c_str(), &value, ImGuiInputTextFlags_AutoSelectAll);
    widgets_.track(keys::producer_field(p, field));
}

void VizApp::draw_producer(std::size_t p) {
    if (state_->is_log_model()) return draw_log_producer(p);
    const Simulation& state = *state_;
    const ScenarioSpec& spec = run_->spec();
    ProducerForm& form = ui_.interactive.producers[p];
    const float unit = ImGui::GetFontSize();
    const float label_width = unit * 4.2f;

    actor_name(state, state.producer_actor(p), fonts_.title);
    ImGui::SameLine();
    std::string targets = "to";
    for (const std::uint32_t target : spec.producers[p].targets) targets += " " + std::string(state.actor_name(state.broker_actor(target)));
    ImGui::AlignTextToFramePadding();
    text_dim(targets);

    producer_text_field(p, "Topic", "topic", form.topic, label_width);
    producer_text_field(p, "Message", "message", form.message, label_width);
    form_label("Index", label_width);
    ImGui::SetNextItemWidth(unit * 4);
    // No +/- buttons (step 0): the field is one widget, clicked and typed into.
    ImGui::InputInt("##index", &form.index, 0, 0);
    widgets_.track(keys::producer_field(p, "index"));
    form.index = std::max(form.index, 0);

    const auto send = [&](OpKind kind) {
        interactive::ScriptCommand command;
        command.injection.kind = interactive::Injection::Kind::operation;
        command.injection.at_ns = action_time_ns();
        command.injection.actor = static_cast<std::uint32_t>(p);
        OperationSpec& op = command.injection.op;
        op.kind = kind;
        op.topic = form.topic;
        if (kind == OpKind::publish || kind == OpKind::edit) op.message = form.message;
        if (kind == OpKind::edit || kind == OpKind::delete_message) op.index = form.index;
        request(std::move(command), keys::producer(p));
    };
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    if (tracked_button(keys::producer_field(p, "publish"), "Publish", half)) send(OpKind::publish);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Append Message to Topic (created if absent) on every target broker");
    ImGui::SameLine();
    if (tracked_button(keys::producer_field(p, "edit"), "Edit", half)) send(OpKind::edit);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Replace Topic[Index] with Message");
    if (tracked_button(keys::producer_field(p, "delete-topic"), "Delete topic", half)) send(OpKind::delete_topic);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove Topic and all its messages");
    ImGui::SameLine();
    if (tracked_button(keys::producer_field(p, "delete-message"), "Delete message", half)) send(OpKind::delete_message);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove Topic[Index]");
    draw_action_message(keys::producer(p));
}

}  // namespace kafkasim::viz
