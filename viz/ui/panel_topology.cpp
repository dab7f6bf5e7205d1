// The Topology panel (ImDrawList): producers on the left, brokers in the
// middle, consumers on the right, a link for every pair that talks, and every
// message in flight as a labelled dot moving from sender to receiver at
// (t - sent) / (deliver - sent) of the way. Requests are filled dots, replies
// rings; a request and its reply travel on opposite sides of the link, so the
// status race (two consumers asking both brokers) and a producer's fan-out to
// both brokers read at a glance.
#include <algorithm>
#include <cmath>
#include <string>

#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

struct Node {
    ImVec2 centre;
    ImVec2 half;  // half width, half height
};

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 scale(ImVec2 a, float s) { return ImVec2(a.x * s, a.y * s); }

// Where the ray from the node's centre towards `direction` leaves its box.
ImVec2 box_exit(const Node& node, ImVec2 direction) {
    const float dx = std::fabs(direction.x);
    const float dy = std::fabs(direction.y);
    float t = 1e9f;
    if (dx > 1e-6f) t = std::min(t, node.half.x / dx);
    if (dy > 1e-6f) t = std::min(t, node.half.y / dy);
    return add(node.centre, scale(direction, t));
}

// Evenly spread `count` nodes down a column.
float row_y(std::size_t i, std::size_t count, float top, float height) {
    return top + height * (static_cast<float>(i) + 0.5f) / static_cast<float>(std::max<std::size_t>(count, 1));
}

}  // namespace

void VizApp::draw_topology(const PanelRect& rect) {
    window_begin("Topology", rect, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const Simulation& state = *state_;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float unit = ImGui::GetFontSize();
    const float legend_height = ImGui::GetTextLineHeightWithSpacing() + 4;
    const float top = origin.y + unit * 0.5f;
    const float height = std::max(area.y - legend_height - unit, unit * 4);

    // Layout: three columns.
    const std::size_t brokers = state.brokers().size();
    const std::size_t producers = state.producers().size();
    const std::size_t consumers = state.consumers().size();
    std::vector<Node> nodes(state.actor_count());
    const ImVec2 half(std::clamp(area.x * 0.085f, unit * 3.6f, unit * 6.0f), unit * 1.45f);
    const ImVec2 broker_half(half.x * 1.1f, unit * 2.1f);
    // Columns: producers (when there are any), brokers, consumers.
    const bool has_producers = producers > 0;
    const float x_producers = origin.x + area.x * 0.12f;
    const float x_brokers = origin.x + area.x * (has_producers ? 0.5f : 0.3f);
    const float x_consumers = origin.x + area.x * (has_producers ? 0.88f : 0.78f);
    for (std::size_t b = 0; b < brokers; ++b) nodes[state.broker_actor(b)] = {ImVec2(x_brokers, row_y(b, brokers, top, height)), broker_half};
    for (std::size_t p = 0; p < producers; ++p) nodes[state.producer_actor(p)] = {ImVec2(x_producers, row_y(p, producers, top, height)), half};
    for (std::size_t c = 0; c < consumers; ++c) nodes[state.consumer_actor(c)] = {ImVec2(x_consumers, row_y(c, consumers, top, height)), half};

    // Links: producer -> its targets; consumer <-> every broker.
    const auto link = [&](ActorId a, ActorId b) {
        const ImVec2 direction = sub(nodes[b].centre, nodes[a].centre);
        draw->AddLine(box_exit(nodes[a], direction), box_exit(nodes[b], scale(direction, -1)), colors::link, 2.0f);
    };
    for (std::size_t p = 0; p < producers; ++p) {
        for (const std::uint32_t target : run_->spec().producers[p].targets) link(state.producer_actor(p), state.broker_actor(target));
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        for (std::size_t b = 0; b < brokers; ++b) link(state.consumer_actor(c), state.broker_actor(b));
    }

    // Nodes.
    const std::size_t cursor = ui_.playback.cursor;
    const Record* record = cursor > 0 ? &run_->records()[cursor - 1] : nullptr;
    const auto node_box = [&](ActorId actor, ImU32 fill, ImU32 border, const std::string& line) {
        Node& node = nodes[actor];
        // Grow to fit the status line (up to a limit; beyond it the text is cut with "…").
        const float line_width = ImGui::CalcTextSize(line.c_str()).x;
        node.half.x = std::clamp(line_width * 0.5f + unit * 0.5f, node.half.x, unit * 6.5f);
        const ImVec2 min = sub(node.centre, node.half);
        const ImVec2 max = add(node.centre, node.half);
        const float rounding = unit * 0.5f;
        if (record != nullptr && (record->source == actor || record->target == actor)) {
            // The current event's actors glow.
            draw->AddRect(sub(min, ImVec2(4, 4)), add(max, ImVec2(4, 4)), colors::current_ring, rounding + 4, 0, 4.0f);
        }
        draw->AddRectFilled(min, max, fill, rounding);
        draw->AddRect(min, max, border, rounding, 0, 2.0f);
        const std::string name(state.actor_name(actor));
        ImGui::PushFont(fonts_.title);
        const ImVec2 name_size = ImGui::CalcTextSize(name.c_str());
        const float name_y = line.empty() ? node.centre.y - name_size.y * 0.5f : node.centre.y - name_size.y * 0.95f;
        draw->AddText(ImVec2(node.centre.x - name_size.x * 0.5f, name_y), colors::text, name.c_str());
        ImGui::PopFont();
        if (!line.empty()) {
            const std::string shown = fit_text(line, node.half.x * 2 - 6);
            const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
            draw->AddText(ImVec2(node.centre.x - size.x * 0.5f, node.centre.y + unit * 0.05f), colors::text, shown.c_str());
        }
    };
    for (std::size_t b = 0; b < brokers; ++b) {
        const Broker& broker = state.brokers()[b];
        const ActorId actor = state.broker_actor(b);
        const ImU32 colour = !broker.up ? colors::down : broker.busy ? colors::busy : colors::idle;
        const std::string line = !broker.up ? "down" : broker.busy ? "busy: " + std::string(state.actor_name(broker.holder)) : "idle";
        node_box(actor, with_alpha(colour, 0.22f), colour, line);
        // The queue: small boxes under the node.
        const std::uint32_t queue_length = broker.queue.size();
        const Node& node = nodes[actor];
        const float box = unit * 0.6f;
        const std::uint32_t drawn = std::min<std::uint32_t>(queue_length, 10);
        const float y = node.centre.y + node.half.y + 5;
        for (std::uint32_t i = 0; i < drawn; ++i) {
            const float x = node.centre.x - node.half.x + i * (box + 3);
            draw->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), colors::queue_fill, 2.0f);
        }
        if (queue_length > 0) {
            const std::string label = "queue " + std::to_string(queue_length);
            ImGui::PushFont(fonts_.small);
            draw->AddText(ImVec2(node.centre.x - node.half.x + drawn * (box + 3) + 2, y - 2), colors::text_dim, label.c_str());
            ImGui::PopFont();
        }
    }
    for (std::size_t p = 0; p < producers; ++p) {
        const ActorId actor = state.producer_actor(p);
        const ProducerStats& stats = state.producers()[p].stats;
        node_box(actor, IM_COL32(255, 255, 255, 255), actor_colour(state, actor),
                 "acked " + std::to_string(stats.acked) + "/" + std::to_string(stats.sent));
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        const ActorId actor = state.consumer_actor(c);
        const Consumer& consumer = state.consumers()[c];
        const ImU32 colour = stage_colour(consumer.stage);
        node_box(actor, with_alpha(colour, 0.18f), actor_colour(state, actor), stage_label(consumer.stage));
    }

    // Messages in flight.
    ImGui::PushFont(fonts_.small);
    const float radius = unit * 0.42f;
    for (const FlightDot& dot : dots_) {
        if (dot.source >= nodes.size() || dot.target >= nodes.size()) continue;
        const ImVec2 direction = sub(nodes[dot.target].centre, nodes[dot.source].centre);
        const ImVec2 from = box_exit(nodes[dot.source], direction);
        const ImVec2 to = box_exit(nodes[dot.target], scale(direction, -1));
        const float length = std::sqrt(direction.x * direction.x + direction.y * direction.y);
        if (length < 1) continue;
        // Requests and replies on opposite sides of the link (the normal flips with the direction).
        const ImVec2 normal(-direction.y / length, direction.x / length);
        const ImVec2 side = scale(normal, radius * 1.3f);
        const ImVec2 position = add(add(from, scale(sub(to, from), dot.progress)), side);
        const ImU32 colour = message_colour(dot.type, dot.request);
        const bool reply = dot.type == MessageType::reply;
        const bool failed = reply && dot.error != ErrorCode::none;
        if (dot.lost) {
            draw->AddCircle(position, radius, with_alpha(colour, 0.5f), 16, 2.0f);
            const float r = radius * 0.8f;
            draw->AddLine(ImVec2(position.x - r, position.y - r), ImVec2(position.x + r, position.y + r), colors::removed, 2.5f);
            draw->AddLine(ImVec2(position.x - r, position.y + r), ImVec2(position.x + r, position.y - r), colors::removed, 2.5f);
        } else if (reply) {
            draw->AddCircleFilled(position, radius, IM_COL32(255, 255, 255, 255), 16);
            draw->AddCircle(position, radius, failed ? colors::removed : colour, 16, 3.0f);
        } else {
            draw->AddCircleFilled(position, radius, colour, 16);
        }
        const std::string label = std::string(flight_label(dot)) + (dot.lost ? " (lost)" : "");
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        // The label sits beyond the dot, on its side of the link.
        const ImVec2 label_centre = add(position, scale(normal, radius + size.y * 0.75f));
        const ImVec2 label_min(label_centre.x - size.x * 0.5f, label_centre.y - size.y * 0.5f);
        draw->AddRectFilled(sub(label_min, ImVec2(2, 0)), ImVec2(label_min.x + size.x + 2, label_min.y + size.y),
                            IM_COL32(255, 255, 255, 200), 3.0f);
        draw->AddText(label_min, failed || dot.lost ? colors::removed : colour, label.c_str());
    }
    ImGui::PopFont();

    // Legend.
    const float legend_y = origin.y + area.y - legend_height;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, legend_y));
    const auto legend_dot = [&](ImU32 colour, const char* label, bool ring) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 centre(p.x + radius, p.y + ImGui::GetTextLineHeight() * 0.5f);
        if (ring) {
            draw->AddCircle(centre, radius * 0.9f, colour, 16, 2.5f);
        } else {
            draw->AddCircleFilled(centre, radius * 0.9f, colour, 16);
        }
        ImGui::Dummy(ImVec2(radius * 2 + 2, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 3);
        text_dim(label);
        ImGui::SameLine(0, unit);
    };
    legend_dot(message_colour(MessageType::publish, MessageType::reply), "write", false);
    legend_dot(message_colour(MessageType::status, MessageType::reply), "status", false);
    legend_dot(message_colour(MessageType::claim, MessageType::reply), "claim", false);
    legend_dot(message_colour(MessageType::get_topic, MessageType::reply), "read", false);
    legend_dot(message_colour(MessageType::release, MessageType::reply), "release", false);
    legend_dot(colors::text_dim, "request", false);
    legend_dot(colors::text_dim, "reply", true);
    text_dim(std::to_string(dots_.size()) + " in flight");
    ImGui::End();
}

}  // namespace kafkasim::viz
