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

// "sent per partition: orders-0 4 · orders-1 3" (the log model).
std::string partition_counts_words(const Simulation& state, std::size_t producer) {
    const LogModel& model = state.log_model();
    std::string words = "per partition:";
    const std::vector<std::uint64_t>& counts = model.producers[producer].partition_counts;
    bool any = false;
    for (std::uint32_t p = 0; p < counts.size(); ++p) {
        if (counts[p] == 0) continue;
        const std::uint32_t topic = model.layout.topic_of[p];
        words += std::string(any ? " \xC2\xB7 " : " ") + topic_partition_name(state.strings().text(model.layout.topic_names[topic]), model.layout.local(p)) +
                 " " + std::to_string(counts[p]);
        any = true;
    }
    return any ? words : "nothing sent yet";
}

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

void VizApp::draw_log_consumer_cells(std::size_t c) {
    // A log consumer: group, member phase, generation; its partitions with
    // position / committed; what it consumed and how much of it again.
    const Simulation& state = *state_;
    const LogModel& model = state.log_model();
    const LogConsumer& member = model.consumers[c];
    const ConsumerSpec& consumer_spec = run_->spec().consumers[c];
    ImGui::TableSetColumnIndex(1);
    const bool rebalancing = model.groups[consumer_spec.group].phase == GroupPhase::preparing &&
                             (member.phase == MemberPhase::joining || member.phase == MemberPhase::stable);
    const ImU32 phase_colour = member.phase == MemberPhase::stable     ? colors::idle
                               : member.phase == MemberPhase::joining  ? colors::rebalance
                               : member.phase == MemberPhase::crashed  ? colors::busy
                                                                       : colors::down;
    pill(member_phase_name(member.phase), phase_colour);
    if (rebalancing) {
        ImGui::SameLine();
        pill("rebalancing", colors::rebalance);
    }
    ImGui::SameLine();
    text_fitted(colors::text_dim, state.strings().text(model.layout.group_names[consumer_spec.group]) + " \xC2\xB7 generation " + std::to_string(member.generation),
                ImGui::GetContentRegionAvail().x);
    if (member.phase == MemberPhase::stable && member.owned.empty()) text_dim("idle: no partition for it");
    for (const OwnedPartition& owned : member.owned) {
        const std::uint32_t topic = model.layout.topic_of[owned.partition];
        const std::string name = topic_partition_name(state.strings().text(model.layout.topic_names[topic]), model.layout.local(owned.partition));
        const std::string position = owned.position < 0 ? std::string("?") : std::to_string(owned.position);
        const std::string committed = owned.committed < 0 ? std::string("-") : std::to_string(owned.committed);
        text_fitted(colors::text, name + " at " + position + ", committed " + committed +
                                      (owned.buffered > 0 ? " \xC2\xB7 " + std::to_string(owned.buffered) + " buffered" : std::string()),
                    ImGui::GetContentRegionAvail().x);
    }
    ImGui::TableSetColumnIndex(2);
    const std::uint64_t duplicates = c < duplicates_.size() ? duplicates_[c] : 0;
    text("consumed " + std::to_string(member.consumed.size()));
    if (duplicates > 0) {
        text_coloured(colors::waiting, std::to_string(duplicates) + " again (duplicates)");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("records a member of its group had consumed before: re-read after a rebalance or a crash");
    } else {
        text_dim("no duplicates");
    }
    if (!member.consumed.empty()) {
        const LogConsumption& last = member.consumed.back();
        const std::uint32_t topic = model.layout.topic_of[last.partition];
        text_fitted(colors::text_dim,
                    "last: " + topic_partition_name(state.strings().text(model.layout.topic_names[topic]), model.layout.local(last.partition)) + "@" +
                        std::to_string(last.offset) + " \"" + state.strings().text(last.value) + "\"",
                    ImGui::GetContentRegionAvail().x);
    }
}

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
        if (!state.is_log_model()) text_dim("to " + targets);  // the log model: to each partition's leader
        if (state.is_log_model()) text_dim("to leaders");
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
        if (state.is_log_model()) text_fitted(colors::text_dim, partition_counts_words(state, p), ImGui::GetContentRegionAvail().x);
    }

    for (std::size_t c = 0; c < state.consumers().size(); ++c) {
        if (state.is_log_model()) {
            row_start(state.consumer_actor(c));
            draw_log_consumer_cells(c);
            continue;
        }
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
