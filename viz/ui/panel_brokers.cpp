// The Brokers panel: one card per broker with up/down, busy/idle (colour and
// text), the holder, the queue, and the dictionary as a table (topic ->
// messages with their indices). The current event's change is highlighted
// where it lands: a message added (green), edited (yellow), removed (struck
// out in red), a topic created or deleted, a message or topic read (blue).
#include <algorithm>
#include <string>

#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// Chips for one topic's messages, wrapped to the cell width. Long topics show
// a window around the highlighted index (or the newest messages).
// `scroll_to_change`: bring the changed message into view (the cursor just moved).
void draw_messages(const Simulation& state, const Topic& topic, const StepChange& change, bool this_topic, bool scroll_to_change) {
    const auto& messages = topic.messages;
    const std::int64_t count = static_cast<std::int64_t>(messages.size());
    const bool highlight_index = this_topic && (change.kind == StepChange::Kind::message_added ||
                                                change.kind == StepChange::Kind::topic_created ||
                                                change.kind == StepChange::Kind::message_edited ||
                                                change.kind == StepChange::Kind::message_read);
    const bool removed_here = this_topic && change.kind == StepChange::Kind::message_removed;
    const bool topic_read = this_topic && change.kind == StepChange::Kind::topic_read;
    constexpr std::int64_t shown_max = 8;
    std::int64_t first = 0;
    std::int64_t last = count;  // exclusive
    if (count > shown_max) {
        const std::int64_t focus = (highlight_index || removed_here) ? std::clamp<std::int64_t>(change.index, 0, count - 1) : count - 1;
        first = std::clamp<std::int64_t>(focus - shown_max + 3, 0, count - shown_max);
        last = first + shown_max;
    }
    const float right_edge = ImGui::GetContentRegionMax().x + ImGui::GetWindowPos().x;
    bool first_on_line = true;
    const auto place = [&](const std::string& label) {
        // Wrap like words: start a new line when the chip would overflow the cell.
        if (!first_on_line) {
            ImGui::SameLine(0, 4);
            const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetFontSize() * 0.6f;
            if (ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
        }
        first_on_line = false;
    };
    if (first > 0) {
        const std::string label = "\xE2\x80\xA6 " + std::to_string(first) + " earlier";
        place(label);
        text_dim(label);
    }
    for (std::int64_t i = first; i < last; ++i) {
        // A removed message is drawn where it was, struck out, before the one that took its index.
        if (removed_here && i == change.index) {
            const std::string ghost = indexed("[", i, "] ") + state.strings().text(change.text);
            place(ghost);
            chip(ghost, with_alpha(colors::removed, 0.18f), colors::removed, true);
            if (scroll_to_change) ImGui::SetScrollHereY(0.5f);
        }
        const std::string label = indexed("[", i, "] ") + state.strings().text(messages[static_cast<std::size_t>(i)]);
        place(label);
        ImU32 background = colors::chip;
        ImU32 outline = 0;
        if (highlight_index && i == change.index) {
            const ImU32 colour = change.kind == StepChange::Kind::message_edited ? colors::edited
                                 : change.kind == StepChange::Kind::message_read ? colors::read
                                                                                : colors::added;
            background = with_alpha(colour, 0.35f);
            outline = colour;
        } else if (topic_read) {
            background = with_alpha(colors::read, 0.2f);
        }
        chip(label, background, outline);
        if (outline != 0 && scroll_to_change) ImGui::SetScrollHereY(0.5f);
    }
    if (removed_here && change.index >= count) {  // the last message was removed
        const std::string ghost = indexed("[", change.index, "] ") + state.strings().text(change.text);
        place(ghost);
        chip(ghost, with_alpha(colors::removed, 0.18f), colors::removed, true);
    }
    if (last < count) {
        const std::string label = "\xE2\x80\xA6 " + std::to_string(count - last) + " more";
        place(label);
        text_dim(label);
    }
    if (count == 0 && !removed_here) text_dim("(empty)");
}

// "+ added [3] "message 4" to "Hello world" (by p1)": the step's change in words.
std::string change_sentence(const Simulation& state, const StepChange& change, ActorId by) {
    const auto quoted = [&](StringId id) { return "\"" + state.strings().text(id) + "\""; };
    const std::string index = indexed("[", change.index, "]");
    const std::string who = by == no_actor ? std::string() : " by " + std::string(state.actor_name(by));
    switch (change.kind) {
        case StepChange::Kind::message_added: return "+ added " + index + " " + quoted(change.text) + " to " + quoted(change.topic) + who;
        case StepChange::Kind::topic_created: return "+ new topic " + quoted(change.topic) + " with " + quoted(change.text) + who;
        case StepChange::Kind::message_edited: return "~ set " + quoted(change.topic) + index + " to " + quoted(change.text) + who;
        case StepChange::Kind::message_removed: return "\xE2\x88\x92 removed " + quoted(change.topic) + index + " " + quoted(change.text) + who;
        case StepChange::Kind::topic_deleted:
            return "\xE2\x88\x92 deleted topic " + quoted(change.topic) + " (" + std::to_string(change.count) + " messages)" + who;
        case StepChange::Kind::topic_read: return "read topic " + quoted(change.topic) + " (" + std::to_string(change.count) + " messages)" + " for " + std::string(state.actor_name(by));
        case StepChange::Kind::message_read: return "read " + quoted(change.topic) + index + " for " + std::string(state.actor_name(by));
        case StepChange::Kind::topics_listed: return "listed " + std::to_string(change.count) + " topics for " + std::string(state.actor_name(by));
        case StepChange::Kind::none: break;
    }
    return "";
}

ImU32 change_colour(StepChange::Kind kind) {
    switch (kind) {
        case StepChange::Kind::message_added:
        case StepChange::Kind::topic_created: return colors::added;
        case StepChange::Kind::message_edited: return colors::edited;
        case StepChange::Kind::message_removed:
        case StepChange::Kind::topic_deleted: return colors::removed;
        default: return colors::read;
    }
}

}  // namespace

float VizApp::begin_broker_card(std::size_t b, float height) {
    const Simulation& state = *state_;
    const ActorId actor = state.broker_actor(b);
    const std::size_t cursor = ui_.playback.cursor;
    const Record* record = cursor > 0 ? &run_->records()[cursor - 1] : nullptr;
    const bool current_actor = record != nullptr && (record->source == actor || record->target == actor);
    ImGui::PushID(static_cast<int>(b));
    ImGui::PushStyleColor(ImGuiCol_Border, current_actor ? colors::current_ring : colors::panel_line);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, current_actor ? 2.5f : 1.0f);
    ImGui::BeginChild("card", ImVec2(0, height), true);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts_.title);
    text(state.actor_name(actor));
    ImGui::PopFont();
    ImGui::SameLine();
    const float pill_y = ImGui::GetCursorPosY() + (fonts_.title->FontSize - ImGui::GetFontSize()) * 0.5f;
    ImGui::SetCursorPosY(pill_y);
    return pill_y;
}

void VizApp::draw_change_band(ImU32 colour, const std::string& sentence) {
    const ImVec2 position = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImGui::GetWindowDrawList()->AddRectFilled(position, ImVec2(position.x + width, position.y + line), with_alpha(colour, 0.25f), 3.0f);
    ImGui::GetWindowDrawList()->AddRectFilled(position, ImVec2(position.x + 4, position.y + line), colour);
    ImGui::SetCursorScreenPos(ImVec2(position.x + 8, position.y));
    ImGui::PushFont(fonts_.bold);
    text_fitted(colors::text, sentence, width - 12);
    ImGui::PopFont();
}

void VizApp::draw_broker_card(std::size_t b, float height) {
    if (state_->is_log_model()) {
        draw_log_broker_card(b, height);
        return;
    }
    const Simulation& state = *state_;
    const Broker& broker = state.brokers()[b];
    const ActorId actor = state.broker_actor(b);
    const bool touched = change_.kind != StepChange::Kind::none && change_.broker == actor;
    const std::size_t cursor = ui_.playback.cursor;
    const Record* record = cursor > 0 ? &run_->records()[cursor - 1] : nullptr;

    // Header: name, up/down, busy/idle, holder, queue.
    const float pill_y = begin_broker_card(b, height);
    if (!broker.up) {
        pill("DOWN", colors::down);
    } else if (broker.busy) {
        pill("BUSY", colors::busy);
        ImGui::SameLine();
        ImGui::SetCursorPosY(pill_y);
        text("held by");
        ImGui::SameLine(0, 4);
        ImGui::SetCursorPosY(pill_y);
        actor_name(state, broker.holder, fonts_.bold);
    } else {
        pill("IDLE", colors::idle);
    }
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::SetCursorPosY(pill_y);
    const std::uint32_t queue_length = broker.queue.size();
    text_dim("queue");
    ImGui::SameLine(0, 4);
    ImGui::SetCursorPosY(pill_y);
    {
        // The length first (it must always show), then one small box per
        // waiting request, at most 12 and only as many as the card has room for.
        ImGui::PushFont(fonts_.bold);
        text(std::to_string(queue_length));
        ImGui::PopFont();
        ImGui::SameLine(0, 6);
        ImGui::SetCursorPosY(pill_y);
        const float box = ImGui::GetFontSize() * 0.7f;
        const ImVec2 start = ImGui::GetCursorScreenPos();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const auto room = static_cast<std::uint32_t>(std::max(ImGui::GetContentRegionAvail().x, 0.0f) / (box + 2));
        const std::uint32_t drawn = std::min<std::uint32_t>({queue_length, 12, room});
        for (std::uint32_t i = 0; i < drawn; ++i) {
            const ImVec2 top_left(start.x + i * (box + 2), start.y + (ImGui::GetFontSize() - box) * 0.5f + 1);
            draw->AddRectFilled(top_left, ImVec2(top_left.x + box, top_left.y + box), colors::queue_fill, 2.0f);
        }
        ImGui::Dummy(ImVec2(std::max(drawn * (box + 2), 1.0f), ImGui::GetFontSize()));
    }
    text_dim("served " + std::to_string(broker.stats.requests_served) + " \xC2\xB7 rejected " +
             std::to_string(broker.stats.requests_rejected) + " \xC2\xB7 topics " + std::to_string(broker.topics.size()));

    // What this step did here.
    if (touched) draw_change_band(change_colour(change_.kind), change_sentence(state, change_, record->source));

    // The dictionary.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("dictionary", 2, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Topic", ImGuiTableColumnFlags_WidthStretch, 0.32f);
        ImGui::TableSetupColumn("Messages (index: text)", ImGuiTableColumnFlags_WidthStretch, 0.68f);
        ImGui::TableHeadersRow();
        for (const Topic& topic : broker.topics) {
            const bool this_topic = touched && topic.name == change_.topic;
            ImGui::TableNextRow();
            if (this_topic && change_.kind == StepChange::Kind::topic_created) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(colors::added, 0.25f));
            } else if (this_topic) {
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(change_colour(change_.kind), 0.12f));
            }
            ImGui::TableSetColumnIndex(0);
            ImGui::PushFont(fonts_.bold);
            ImGui::TextWrapped("%s", display_text(state.strings().text(topic.name)).c_str());
            ImGui::PopFont();
            if (this_topic && change_.kind == StepChange::Kind::topic_created) text_coloured(colors::added, "new topic");
            ImGui::TableSetColumnIndex(1);
            draw_messages(state, topic, change_, this_topic, scroll_cards_to_change_);
        }
        if (touched && change_.kind == StepChange::Kind::topic_deleted) {
            // The deleted topic, once more, struck out.
            ImGui::TableNextRow();
            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, with_alpha(colors::removed, 0.15f));
            ImGui::TableSetColumnIndex(0);
            chip(state.strings().text(change_.topic), with_alpha(colors::removed, 0.18f), colors::removed, true);
            ImGui::TableSetColumnIndex(1);
            text_coloured(colors::removed, "deleted with its " + std::to_string(change_.count) + " messages");
        }
        if (broker.topics.empty() && !(touched && change_.kind == StepChange::Kind::topic_deleted)) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            text_dim("(no topics)");
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::PopID();
}

void VizApp::draw_brokers(const PanelRect& rect) {
    window_begin("Brokers", rect);
    const std::size_t count = state_->brokers().size();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float available = ImGui::GetContentRegionAvail().y;
    const float height = std::max((available - spacing * static_cast<float>(count - 1)) / static_cast<float>(count), ImGui::GetFontSize() * 10);
    for (std::size_t b = 0; b < count; ++b) draw_broker_card(b, height);
    scroll_cards_to_change_ = false;
    ImGui::End();
}

}  // namespace kafkasim::viz
