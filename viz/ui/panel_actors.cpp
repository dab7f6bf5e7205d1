// The Producers & consumers panel: each client's state. Producers: what they
// will send next and their acks. Consumers: the stage of the current session
// (asking status, claiming, listing topics, choosing...), what each broker
// answered to the status question, the broker claimed or held, and what has
// been consumed so far.
#include <algorithm>
#include <string>

#include "model/producer_progress.hpp"
#include "report/format.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

std::string op_words(const OperationSpec& op) {
    switch (op.kind) {
        case OpKind::publish: return "publish \"" + op.message + "\" to \"" + op.topic + "\"";
        case OpKind::edit: return "edit \"" + op.topic + "\"[" + std::to_string(op.index) + "]";
        case OpKind::delete_topic: return "delete topic \"" + op.topic + "\"";
        case OpKind::delete_message: return "delete \"" + op.topic + "\"[" + std::to_string(op.index) + "]";
        case OpKind::send: return "send \"" + op.message + "\"" + (op.key ? " (key \"" + *op.key + "\")" : "") + " to \"" + op.topic + "\"";
    }
    return "?";
}

}  // namespace

void VizApp::draw_actors(const PanelRect& rect) {
    window_begin("Producers & consumers", rect, 0, explain_resized_);
    const Simulation& state = *state_;
    const ScenarioSpec& spec = run_->spec();
    const std::size_t cursor = ui_.playback.cursor;
    const Record* record = cursor > 0 ? &run_->records()[cursor - 1] : nullptr;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("actors", 3, flags)) {
        ImGui::End();
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    // The Actor column fits the longest name.
    float name_width = ImGui::GetFontSize() * 2.6f;
    ImGui::PushFont(fonts_.title);
    for (ActorId actor = state.producer_actor(0); actor < state.actor_count(); ++actor) {
        const std::string name(state.actor_name(actor));
        name_width = std::max(name_width, ImGui::CalcTextSize(name.c_str()).x);
    }
    ImGui::PopFont();
    ImGui::TableSetupColumn("Actor", ImGuiTableColumnFlags_WidthFixed, name_width);
    ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 0.55f);
    ImGui::TableSetupColumn("Done so far", ImGuiTableColumnFlags_WidthStretch, 0.45f);
    ImGui::TableHeadersRow();
    const auto row_start = [&](ActorId actor) {
        ImGui::TableNextRow();
        if (record != nullptr && (record->source == actor || record->target == actor)) {
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(colors::current_ring, 0.25f));
        }
        ImGui::TableSetColumnIndex(0);
        actor_name(state, actor, fonts_.title);
    };

    for (std::size_t p = 0; p < state.producers().size(); ++p) {
        const Producer& producer = state.producers()[p];
        const ProducerSpec& producer_spec = spec.producers[p];
        row_start(state.producer_actor(p));
        ImGui::TableSetColumnIndex(1);
        std::string targets;
        for (const std::uint32_t target : producer_spec.targets) {
            targets += (targets.empty() ? "" : ", ") + std::string(state.actor_name(state.broker_actor(target)));
        }
        const bool scripted_left = producer.next_action < producer_spec.actions.size();
        const bool workload_left = producer_spec.workload && producer.workload_issued < producer_spec.workload->count;
        // "done" only when nothing is left to issue and no write is unanswered (model/producer_progress).
        const ProducerProgress progress = producer_progress(producer, producer_spec);
        switch (progress.phase) {
            case ProducerPhase::producing: pill("producing", IM_COL32(188, 143, 0, 255)); break;
            case ProducerPhase::waiting: pill(progress.attempt_max > 1 ? "resending" : "waiting", colors::waiting); break;
            case ProducerPhase::done: pill("done", IM_COL32(149, 165, 166, 255)); break;
        }
        ImGui::SameLine();
        text_dim("to " + targets);
        if (progress.unanswered > 0) {
            std::string waiting = std::to_string(progress.unanswered) + " unanswered";
            if (progress.attempt_max > 1) waiting += ", attempt " + std::to_string(progress.attempt_max);
            text_fitted(colors::waiting, waiting, ImGui::GetContentRegionAvail().x);
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip(producer_spec.retry.timeout_ns ? "Sent, no ack or error yet: the producer will resend or give up after its timeout"
                                                                 : "Sent, no ack or error yet. This producer has no timeout: if the write or its ack was lost, it never finds out");
            }
        }
        if (scripted_left) {
            const ProducerActionSpec& next = producer_spec.actions[producer.next_action];
            text_fitted(colors::text_dim, "next at " + time_label(next.at_ns) + ": " + op_words(next.op), ImGui::GetContentRegionAvail().x);
        } else if (workload_left) {
            text_dim("workload: " + std::to_string(producer.workload_issued) + " of " + std::to_string(producer_spec.workload->count) + " issued");
        }
        ImGui::TableSetColumnIndex(2);
        text("sent " + std::to_string(producer.stats.sent) + " \xC2\xB7 acked " + std::to_string(producer.stats.acked));
        if (producer.stats.failed > 0) text_coloured(colors::busy, "failed " + std::to_string(producer.stats.failed));
    }

    for (std::size_t c = 0; c < state.consumers().size(); ++c) {
        const Consumer& consumer = state.consumers()[c];
        const ActorId actor = state.consumer_actor(c);
        row_start(actor);
        ImGui::TableSetColumnIndex(1);
        pill(stage_label(consumer.stage), stage_colour(consumer.stage));
        if (consumer.stage != Stage::idle && consumer.attempt > 1) {
            ImGui::SameLine();
            text_dim("attempt " + std::to_string(consumer.attempt));
        }
        if (consumer.target != no_actor && consumer.stage != Stage::idle) {
            const Broker& target = state.brokers()[consumer.target];
            const bool holds = target.busy && target.holder == actor;
            ImGui::SameLine();
            text(holds ? "holds" : "wants");
            ImGui::SameLine(0, 4);
            actor_name(state, consumer.target, fonts_.bold);
        }
        if (consumer.stage == Stage::asking_status || consumer.stage == Stage::choosing_broker) {
            // The status replies so far: the race is visible here.
            std::string views;
            for (std::size_t b = 0; b < consumer.views.size(); ++b) {
                const BrokerView& view = consumer.views[b];
                views += (b == 0 ? "" : " \xC2\xB7 ") + std::string(state.actor_name(state.broker_actor(b))) + ": " +
                         (!view.answered ? "?" : view.down ? "down" : view.refused ? "refused" : view.busy ? "busy" : "idle");
            }
            text_dim(views);
        } else if (consumer.chosen_topic != no_string &&
                   (consumer.stage == Stage::reading_topic || consumer.stage == Stage::choosing_index || consumer.stage == Stage::reading_message)) {
            text_dim("topic \"" + state.strings().text(consumer.chosen_topic) + "\"" +
                     (consumer.chosen_index >= 0 ? " [" + std::to_string(consumer.chosen_index) + "]" : std::string()));
        }
        ImGui::TableSetColumnIndex(2);
        text("consumed " + std::to_string(consumer.consumed.size()) + " \xC2\xB7 sessions " +
             std::to_string(consumer.stats.sessions_completed) + "/" + std::to_string(consumer.stats.sessions_started));
        // The last consumed, newest first.
        const std::size_t shown = std::min<std::size_t>(consumer.consumed.size(), 1);
        for (std::size_t i = 0; i < shown; ++i) {
            const Consumption& item = consumer.consumed[consumer.consumed.size() - 1 - i];
            const std::string line = "last: \"" + state.strings().text(item.text) + "\" from " + std::string(state.actor_name(item.broker));
            text_fitted(colors::text_dim, line, ImGui::GetContentRegionAvail().x);
        }
    }
    ImGui::EndTable();
    ImGui::End();
}

}  // namespace kafkasim::viz
