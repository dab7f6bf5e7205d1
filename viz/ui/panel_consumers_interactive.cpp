// The Consumers tab: the original consumer page, one per consumer, walked
// by the person. "Start session" makes the consumer ask every broker its
// status; then, as consumer_prompt() says what the session waits for, the
// tab offers the choices as the consumer saw them: a broker (or its policy),
// a topic of the list the broker returned, an index of that topic's
// messages. Each pick is injected at the action time; the consumer then
// consumes the message and releases the broker by itself. Simulated time
// may keep running while the person looks: the choice lands when pressed.
#include <algorithm>
#include <string>

#include "interactive/prompt.hpp"
#include "ui/app.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

constexpr int columns_max = 3;
constexpr std::size_t consumed_shown_max = 5;

std::string_view status_word(const interactive::BrokerOption& option) {
    if (!option.answered) return "no answer";
    if (option.down) return "down";
    if (option.refused) return "refused";
    return option.busy ? "busy" : "idle";
}

ImU32 status_colour(const interactive::BrokerOption& option) {
    if (!option.answered || option.down || option.refused) return colors::down;
    return option.busy ? colors::busy : colors::idle;
}

}  // namespace

interactive::ScriptCommand VizApp::consumer_command(interactive::Injection::Kind kind, std::size_t c) const {
    interactive::ScriptCommand command;
    command.injection.kind = kind;
    command.injection.at_ns = action_time_ns();
    command.injection.actor = static_cast<std::uint32_t>(c);
    return command;
}

void VizApp::draw_consumers_tab() {
    if (state_->is_log_model()) draw_add_consumer_forms();
    const std::size_t count = run_->spec().consumers.size();
    if (count == 0) {
        text_dim("This scenario has no consumer.");
        return;
    }
    const int columns = static_cast<int>(std::min<std::size_t>(count, columns_max));
    if (!ImGui::BeginTable("consumer_pages", columns, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) return;
    for (std::size_t c = 0; c < count; ++c) {
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(c));
        draw_consumer(c);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void VizApp::draw_consumer(std::size_t c) {
    if (state_->is_log_model()) return draw_log_consumer(c);
    using interactive::ConsumerPrompt;
    using interactive::Injection;
    const Simulation& state = *state_;
    const Consumer& consumer = state.consumers()[c];
    const ScenarioSpec& spec = run_->spec();
    const ActorId actor = state.consumer_actor(c);
    const auto command_for = [&](Injection::Kind kind) { return consumer_command(kind, c); };

    actor_name(state, actor, fonts_.title);
    ImGui::SameLine();
    pill(stage_label(consumer.stage), stage_colour(consumer.stage));
    if (tracked_button(keys::consumer_session(c), "Start session", -1)) request(command_for(Injection::Kind::session_start), keys::consumer(c));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The consumer asks every broker for its status; you make each choice");

    // Only a manual session (one the person started) waits for picks; the
    // scenario's own sessions choose by themselves.
    const bool running = consumer.stage != Stage::idle && consumer.session < spec.consumers[c].sessions.size();
    const bool manual = running && spec.consumers[c].sessions[consumer.session].manual;
    const ConsumerPrompt prompt = interactive::consumer_prompt(state, c);
    if (manual && prompt.awaits == ConsumerPrompt::Awaits::broker) {
        text("Pick a broker (statuses as " + std::string(state.actor_name(actor)) + " saw them):");
        for (std::size_t b = 0; b < prompt.brokers.size(); ++b) {
            const interactive::BrokerOption& option = prompt.brokers[b];
            ImGui::PushID(static_cast<int>(b));
            const std::string label = "Pick " + option.name;
            if (tracked_button(keys::consumer_broker(c, b), label.c_str())) {
                interactive::ScriptCommand command = command_for(Injection::Kind::pick_broker);
                command.injection.broker = static_cast<std::uint32_t>(b);
                request(std::move(command), keys::consumer(c));
            }
            ImGui::SameLine();
            pill(status_word(option), status_colour(option));
            if (option.answered && !option.down && !option.refused) {
                ImGui::SameLine();
                text_dim("queue " + std::to_string(option.queue_length));
            }
            ImGui::PopID();
        }
        const std::string policy = "Use policy (" + std::string(policy_name(spec.consumers[c].policy)) + ")";
        if (tracked_button(keys::consumer_policy(c), policy.c_str())) request(command_for(Injection::Kind::pick_broker), keys::consumer(c));
    } else if (manual && prompt.awaits == ConsumerPrompt::Awaits::topic) {
        text("Pick a topic (from " + std::string(state.actor_name(consumer.target)) + "):");
        if (prompt.topics.empty()) text_dim("the broker has no topic: start another session");
        for (const std::string& topic : prompt.topics) {
            ImGui::PushID(topic.c_str());
            if (tracked_button(keys::consumer_topic(c, topic), topic.c_str(), -1)) {
                interactive::ScriptCommand command = command_for(Injection::Kind::pick_topic);
                command.injection.topic = topic;
                request(std::move(command), keys::consumer(c));
            }
            ImGui::PopID();
        }
    } else if (manual && prompt.awaits == ConsumerPrompt::Awaits::index) {
        text("Pick a message of \"" + prompt.chosen_topic + "\":");
        if (prompt.messages_count == 0) text_dim("the topic is empty: start another session");
        // The reply carried the count; the texts are the held broker's, which
        // no other consumer can read meanwhile (a producer may still write).
        const Broker& broker = state.brokers()[consumer.target];
        const std::int64_t position = broker.find_topic(consumer.chosen_topic);
        for (std::uint32_t i = 0; i < prompt.messages_count; ++i) {
            std::string label = indexed("[", i, "] ");
            if (position >= 0 && i < broker.topics[static_cast<std::size_t>(position)].messages.size()) {
                label += state.strings().text(broker.topics[static_cast<std::size_t>(position)].messages[i]);
            }
            ImGui::PushID(static_cast<int>(i));
            if (tracked_button(keys::consumer_index(c, i), label.c_str(), -1)) {
                interactive::ScriptCommand command = command_for(Injection::Kind::pick_index);
                command.injection.index = i;
                request(std::move(command), keys::consumer(c));
            }
            ImGui::PopID();
        }
    } else if (running) {
        ImGui::PushTextWrapPos(0);
        text_dim(manual ? "waiting: " + stage_label(consumer.stage) + " (play, or Go to a later time)"
                        : std::string("a session of the scenario: it chooses by itself"));
        ImGui::PopTextWrapPos();
    }
    draw_action_message(keys::consumer(c));

    text("Consumed (" + std::to_string(consumer.consumed.size()) + ")");
    const std::size_t shown = std::min(consumer.consumed.size(), consumed_shown_max);
    for (std::size_t i = 0; i < shown; ++i) {
        const Consumption& item = consumer.consumed[consumer.consumed.size() - 1 - i];  // newest first
        const std::string line = "\"" + state.strings().text(item.text) + "\"  " + state.strings().text(item.topic) +
                                 indexed("[", item.index, "] from ") + std::string(state.actor_name(item.broker));
        text_fitted(colors::text_dim, line, ImGui::GetContentRegionAvail().x);
    }
    if (consumer.consumed.size() > shown) text_dim("... and " + std::to_string(consumer.consumed.size() - shown) + " earlier");
}

}  // namespace kafkasim::viz
