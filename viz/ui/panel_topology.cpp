// The Topology panel (ImDrawList): producers on the left, brokers in the
// middle, consumers on the right (model/topology_layout: cards for a small
// scenario, a grid of named nodes and a "+N more" box for hundreds), a link
// for every pair that talks, and every message in flight as a labelled dot
// moving from sender to receiver at (t - sent) / (deliver - sent) of the way.
// Requests are filled dots, replies rings; a request and its reply travel on
// opposite sides of the link, so the status race (two consumers asking both
// brokers) and a producer's fan-out to both brokers read at a glance. A
// network fault in force marks its links (model/network_faults): cut by a
// partition (red, dashed, crossed), slow (orange, "+20ms"), lossy (purple,
// dotted, "drop 30%"), and is named above the picture.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "model/log_view.hpp"
#include "model/network_faults.hpp"
#include "model/producer_progress.hpp"
#include "model/topology_layout.hpp"
#include "report/format.hpp"
#include "ui/app.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

struct Node {
    ImVec2 centre;
    ImVec2 half;  // half width, half height
    bool hidden = false;  // counted in its role's "+N more" box (centre and half are that box's)
};

ImVec2 add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 sub(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 scale(ImVec2 a, float s) { return ImVec2(a.x * s, a.y * s); }

Node node_of(const Box& box) {
    return Node{ImVec2(box.x + box.width * 0.5f, box.y + box.height * 0.5f), ImVec2(box.width * 0.5f, box.height * 0.5f), false};
}

// Where the ray from the node's centre towards `direction` leaves its box.
ImVec2 box_exit(const Node& node, ImVec2 direction) {
    const float dx = std::fabs(direction.x);
    const float dy = std::fabs(direction.y);
    float t = 1e9f;
    if (dx > 1e-6f) t = std::min(t, node.half.x / dx);
    if (dy > 1e-6f) t = std::min(t, node.half.y / dy);
    return add(node.centre, scale(direction, t));
}

// A line drawn in dashes (`dash` on, `gap` off), for links that are not working normally.
void dashed_line(ImDrawList* draw, ImVec2 from, ImVec2 to, ImU32 colour, float thickness, float dash, float gap) {
    const ImVec2 d = sub(to, from);
    const float length = std::sqrt(d.x * d.x + d.y * d.y);
    if (length < 1) return;
    const ImVec2 step = scale(d, 1.0f / length);
    for (float t = 0; t < length; t += dash + gap) {
        draw->AddLine(add(from, scale(step, t)), add(from, scale(step, std::min(t + dash, length))), colour, thickness);
    }
}

// "+20ms", "drop 30%", "cut": what a fault does to a link, in a few characters.
std::string link_fault_words(const LinkFaults& faults) {
    std::string words;
    if (faults.cut) words = "cut";
    if (faults.extra_latency_ns > 0) words += (words.empty() ? "+" : " +") + time_label(faults.extra_latency_ns);
    if (faults.drop_probability > 0) {
        words += (words.empty() ? "drop " : " drop ") + std::to_string(static_cast<int>(std::lround(faults.drop_probability * 100))) + "%";
    }
    return words;
}

}  // namespace

void VizApp::draw_topology(const PanelRect& rect) {
    window_begin("Topology", rect, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const Simulation& state = *state_;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float unit = ImGui::GetFontSize();
    const std::size_t brokers = state.brokers().size();
    const std::size_t producers = state.producers().size();
    const std::size_t consumers = state.consumers().size();
    const std::size_t cursor = ui_.playback.cursor;

    // The network faults in force, named on top (the sentence of their fault_start record).
    const float line_height = ImGui::GetTextLineHeightWithSpacing();
    bool any_network_fault = false;
    for (const FaultSpec& fault : run_->spec().faults) {
        any_network_fault = any_network_fault || (fault.kind != FaultSpec::Kind::crash && fault.kind != FaultSpec::Kind::restart);
    }
    for (const FaultSpan& span : fault_spans_) {
        if (span.start_event >= cursor || !state.fault_active(span.fault)) continue;
        std::string words = describe(run_->records()[span.start_event], state);
        const std::string begins = " begins";
        if (words.size() > begins.size() && words.compare(words.size() - begins.size(), begins.size(), begins) == 0) {
            words.erase(words.size() - begins.size());
        }
        const FaultSpec& fault = run_->spec().faults[span.fault];
        const ImU32 colour = fault.kind == FaultSpec::Kind::partition ? colors::fault_cut
                             : fault.kind == FaultSpec::Kind::slow    ? colors::fault_slow
                                                                      : colors::fault_drop;
        const std::string sentence = words + (span.healed ? " until " + time_label(span.end_ns) : std::string(", never heals"));
        pill(fit_text(sentence, ImGui::GetContentRegionAvail().x - unit), colour);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", display_text(sentence).c_str());
    }

    // The log model: a group rebalancing is named on top, and its members drawn in the rebalance colour.
    const bool log_model = state.is_log_model();
    const std::vector<RebalanceBanner> banners = rebalance_banners(state, cursor > 0 ? &run_->records()[cursor - 1] : nullptr);
    std::vector<bool> rebalancing_group(log_model ? state.log_model().groups.size() : 0, false);
    for (const RebalanceBanner& banner : banners) {
        rebalancing_group[banner.group] = true;
        pill(fit_text(banner.text, ImGui::GetContentRegionAvail().x - unit), colors::rebalance);
    }

    // The legend's entries, measured first: it wraps onto as many lines as it needs.
    struct LegendEntry {
        ImU32 colour;
        const char* label;
        int shape;  // 0 dot, 1 ring, 2 dashed line, 3 box
    };
    std::vector<LegendEntry> legend = {
        {message_colour(MessageType::publish, MessageType::reply), "write", 0},
        {message_colour(MessageType::status, MessageType::reply), "status", 0},
        {message_colour(MessageType::claim, MessageType::reply), "claim", 0},
        {message_colour(MessageType::get_topic, MessageType::reply), "read", 0},
        {message_colour(MessageType::release, MessageType::reply), "release", 0},
        {colors::text_dim, "request", 0},
        {colors::text_dim, "reply", 1},
    };
    if (log_model) {
        legend = {
            {message_colour(MessageType::append, MessageType::reply), "record", 0},
            {message_colour(MessageType::fetch, MessageType::reply), "fetch", 0},
            {message_colour(MessageType::join_group, MessageType::reply), "group protocol", 0},
            {colors::text_dim, "request", 0},
            {colors::text_dim, "reply", 1},
            {colors::committed, "coordinator", 3},
            {colors::rebalance, "rebalancing", 3},
        };
    }
    if (any_network_fault) {
        legend.push_back({colors::fault_cut, "cut (partition)", 2});
        legend.push_back({colors::fault_slow, "slow", 2});
        legend.push_back({colors::fault_drop, "lossy", 2});
    }
    const std::string in_flight = std::to_string(dots_.size()) + " in flight";
    const float radius = unit * 0.42f;
    const float entry_gap = unit;
    const auto entry_width = [&](const LegendEntry& entry) {
        return (entry.shape == 2 ? unit * 1.6f : radius * 2 + 2) + 3 + ImGui::CalcTextSize(entry.label).x;
    };
    const float legend_width = ImGui::GetContentRegionAvail().x;
    int legend_lines = 1;
    {
        float x = 0;
        for (const LegendEntry& entry : legend) {
            const float width = entry_width(entry);
            if (x > 0 && x + width > legend_width) {
                ++legend_lines;
                x = 0;
            }
            x += width + entry_gap;
        }
        if (x > 0 && x + ImGui::CalcTextSize(in_flight.c_str()).x > legend_width) ++legend_lines;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const float legend_height = static_cast<float>(legend_lines) * line_height + 4;
    const float top = origin.y + unit * 0.5f;
    const float height = std::max(area.y - legend_height - unit, unit * 4);

    // Layout: three bands; the compact nodes' names are in the bold font.
    ImGui::PushFont(fonts_.bold);
    float name_width_max = 0;
    for (ActorId actor = 0; actor < state.actor_count(); ++actor) {
        name_width_max = std::max(name_width_max, ImGui::CalcTextSize(display_text(state.actor_name(actor)).c_str()).x);
    }
    ImGui::PopFont();
    // Full cards widen to their widest line: the name (title font) or the status.
    const auto status_line = [&](ActorId actor) -> std::string {
        if (log_model && state.is_broker(actor)) {
            const std::size_t b = actor - state.broker_actor(0);
            if (!state.brokers()[b].up) return "down";
            std::string leads;
            for (const PartitionRow& row : led_partitions(state, b)) {
                leads += (leads.empty() ? "" : ", ") +
                         topic_partition_name(state.strings().text(state.log_model().layout.topic_names[row.topic]), row.number);
            }
            return leads.empty() ? "leads nothing" : "leads " + leads;
        }
        if (log_model && state.is_consumer(actor)) return assignment_words(state, actor - state.consumer_actor(0));
        if (state.is_broker(actor)) {
            const Broker& broker = state.brokers()[actor - state.broker_actor(0)];
            return !broker.up ? "down" : broker.busy ? "busy: " + std::string(state.actor_name(broker.holder)) : "idle";
        }
        if (state.is_consumer(actor)) return stage_label(state.consumers()[actor - state.consumer_actor(0)].stage);
        const Producer& producer = state.producers()[actor - state.producer_actor(0)];
        return "acked " + std::to_string(producer.stats.acked) + "/" + std::to_string(producer.stats.sent);
    };
    float card_text_width_max = 0;
    if (state.actor_count() <= 64) {  // beyond, the nodes are compact anyway
        for (ActorId actor = 0; actor < state.actor_count(); ++actor) {
            card_text_width_max = std::max(card_text_width_max, ImGui::CalcTextSize(display_text(status_line(actor)).c_str()).x);
            ImGui::PushFont(fonts_.title);
            card_text_width_max = std::max(card_text_width_max, ImGui::CalcTextSize(display_text(state.actor_name(actor)).c_str()).x);
            ImGui::PopFont();
        }
    }
    TopologyInput input;
    input.counts = {producers, brokers, consumers};
    input.x = origin.x;
    input.y = top;
    input.width = area.x;
    input.height = height;
    input.unit = unit;
    input.name_width_max = name_width_max;
    input.card_text_width_max = card_text_width_max;
    const TopologyLayout layout = layout_topology(input);
    std::vector<Node> nodes(state.actor_count());
    const auto first_actor = [&](Role role) {
        return role == Role::broker ? state.broker_actor(0) : role == Role::producer ? state.producer_actor(0) : state.consumer_actor(0);
    };
    for (std::size_t r = 0; r < role_count; ++r) {
        for (std::size_t i = 0; i < layout.nodes[r].size(); ++i) {
            Node& node = nodes[first_actor(static_cast<Role>(r)) + i];
            const bool hidden = layout.nodes[r][i].width <= 0;
            node = node_of(hidden ? layout.more[r] : layout.nodes[r][i]);
            node.hidden = hidden;
        }
    }

    // Links: producer -> its targets; consumer <-> every broker; an actor in
    // a "more" box links through it, once per pair.
    const bool many = layout.compact;
    const ImU32 link_colour = many ? with_alpha(colors::link, 0.45f) : colors::link;
    std::vector<std::pair<ActorId, ActorId>> faulted;  // links drawn marked, for their labels
    const auto link = [&](ActorId a, ActorId b, bool first_of_more) {
        if ((nodes[a].hidden || nodes[b].hidden) && !first_of_more) return;
        const ImVec2 direction = sub(nodes[b].centre, nodes[a].centre);
        const ImVec2 from = box_exit(nodes[a], direction);
        const ImVec2 to = box_exit(nodes[b], scale(direction, -1));
        const LinkFaults faults = link_faults_either_way(state, a, b);
        if (faults.cut) {
            dashed_line(draw, from, to, colors::fault_cut, 2.5f, unit * 0.5f, unit * 0.3f);
        } else if (faults.drop_probability > 0) {
            dashed_line(draw, from, to, colors::fault_drop, 2.5f, unit * 0.2f, unit * 0.2f);
        } else if (faults.extra_latency_ns > 0) {
            draw->AddLine(from, to, colors::fault_slow, 4.0f);
        } else {
            draw->AddLine(from, to, link_colour, many ? 1.0f : 2.0f);
            return;
        }
        faulted.emplace_back(a, b);
    };
    // Hidden actors: the first of each role draws the links of its "more" box.
    std::array<ActorId, role_count> first_hidden{};
    for (std::size_t r = 0; r < role_count; ++r) {
        first_hidden[r] = layout.hidden[r] > 0 ? static_cast<ActorId>(first_actor(static_cast<Role>(r)) + input.counts[r] - layout.hidden[r]) : no_actor;
    }
    const auto role_of = [&](ActorId actor) {
        return state.is_broker(actor) ? Role::broker : state.is_consumer(actor) ? Role::consumer : Role::producer;
    };
    const auto draws_for_more = [&](ActorId actor) { return actor == first_hidden[static_cast<std::size_t>(role_of(actor))]; };
    for (std::size_t p = 0; p < producers; ++p) {
        const ActorId actor = state.producer_actor(p);
        for (const std::uint32_t target : run_->spec().producers[p].targets) link(actor, state.broker_actor(target), draws_for_more(actor));
    }
    for (std::size_t c = 0; c < consumers && !log_model; ++c) {
        const ActorId actor = state.consumer_actor(c);
        for (std::size_t b = 0; b < brokers; ++b) link(actor, state.broker_actor(b), draws_for_more(actor));
    }
    if (log_model) {
        // Producers send to every partition's leader; a consumer talks to its
        // group's coordinator and fetches from the leaders of its partitions:
        // those links (the assignment) are drawn thick in its colour.
        const LogModel& model = state.log_model();
        for (std::size_t p = 0; p < producers; ++p) {
            const ActorId actor = state.producer_actor(p);
            for (std::size_t b = 0; b < brokers; ++b) {
                if (std::find(model.layout.leader.begin(), model.layout.leader.end(), b) != model.layout.leader.end()) {
                    link(actor, state.broker_actor(b), draws_for_more(actor));
                }
            }
        }
        for (std::size_t c = 0; c < consumers; ++c) {
            const ActorId actor = state.consumer_actor(c);
            const LogConsumer& member = model.consumers[c];
            if (member.phase == MemberPhase::not_started || member.phase == MemberPhase::left) continue;
            const std::uint32_t group = run_->spec().consumers[c].group;
            link(actor, state.broker_actor(model.layout.coordinator[group]), draws_for_more(actor));
            if (nodes[actor].hidden) continue;
            std::vector<std::uint32_t> leaders;
            for (const OwnedPartition& owned : member.owned) leaders.push_back(model.layout.leader[owned.partition]);
            std::sort(leaders.begin(), leaders.end());
            leaders.erase(std::unique(leaders.begin(), leaders.end()), leaders.end());
            for (const std::uint32_t b : leaders) {
                const ActorId broker = state.broker_actor(b);
                if (nodes[broker].hidden) continue;
                const ImVec2 direction = sub(nodes[broker].centre, nodes[actor].centre);
                draw->AddLine(box_exit(nodes[actor], direction), box_exit(nodes[broker], scale(direction, -1)),
                              with_alpha(actor_colour(state, actor), 0.75f), many ? 2.0f : 4.0f);
            }
        }
    }

    // Nodes.
    const Record* record = cursor > 0 ? &run_->records()[cursor - 1] : nullptr;
    const auto node_box = [&](ActorId actor, ImU32 fill, ImU32 border, const std::string& line) {
        const Node& node = nodes[actor];
        if (node.hidden) return;
        const ImVec2 min = sub(node.centre, node.half);
        const ImVec2 max = add(node.centre, node.half);
        const float rounding = std::min(unit * 0.5f, node.half.y);
        if (record != nullptr && (record->source == actor || record->target == actor)) {
            // The current event's actors glow.
            draw->AddRect(sub(min, ImVec2(3, 3)), add(max, ImVec2(3, 3)), colors::current_ring, rounding + 3, 0, many ? 3.0f : 4.0f);
        }
        draw->AddRectFilled(min, max, fill, rounding);
        draw->AddRect(min, max, border, rounding, 0, many ? 1.5f : 2.0f);
        const std::string name = display_text(state.actor_name(actor));
        if (many) {
            // Compact: the name only (the status is the fill colour; the tooltip says it).
            ImGui::PushFont(fonts_.bold);
            const std::string shown = fit_text(name, node.half.x * 2 - 4);
            const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
            draw->AddText(ImVec2(node.centre.x - size.x * 0.5f, node.centre.y - size.y * 0.5f), colors::text, shown.c_str());
            ImGui::PopFont();
        } else {
            ImGui::PushFont(fonts_.title);
            const std::string shown_name = fit_text(name, node.half.x * 2 - 6);
            const ImVec2 name_size = ImGui::CalcTextSize(shown_name.c_str());
            const float name_y = line.empty() ? node.centre.y - name_size.y * 0.5f : node.centre.y - name_size.y * 0.95f;
            draw->AddText(ImVec2(node.centre.x - name_size.x * 0.5f, name_y), colors::text, shown_name.c_str());
            ImGui::PopFont();
            if (!line.empty()) {
                const std::string shown = fit_text(line, node.half.x * 2 - 6);
                const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
                draw->AddText(ImVec2(node.centre.x - size.x * 0.5f, node.centre.y + unit * 0.05f), colors::text, shown.c_str());
            }
        }
        if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered()) ImGui::SetTooltip("%s: %s", name.c_str(), display_text(line).c_str());
    };
    for (std::size_t b = 0; b < brokers; ++b) {
        const Broker& broker = state.brokers()[b];
        const ActorId actor = state.broker_actor(b);
        const ImU32 colour = !broker.up ? colors::down : broker.busy ? colors::busy : colors::idle;
        node_box(actor, with_alpha(colour, 0.22f), colour, status_line(actor));
        if (log_model && !nodes[actor].hidden) {
            // The groups it coordinates: a badge on the card's corner (magenta while the group rebalances).
            std::string badge;
            bool rebalancing = false;
            for (std::size_t g = 0; g < state.log_model().groups.size(); ++g) {
                if (state.log_model().layout.coordinator[g] != b) continue;
                badge += (badge.empty() ? "coordinator " : ", ") + state.strings().text(state.log_model().layout.group_names[g]);
                rebalancing = rebalancing || rebalancing_group[g];
            }
            if (!badge.empty()) {
                const Node& node = nodes[actor];
                ImGui::PushFont(fonts_.small);
                badge = fit_text(badge, node.half.x * 2);
                const ImVec2 size = ImGui::CalcTextSize(badge.c_str());
                const ImVec2 min(node.centre.x - size.x * 0.5f - unit * 0.3f, node.centre.y - node.half.y - size.y * 0.6f);
                const ImVec2 max(node.centre.x + size.x * 0.5f + unit * 0.3f, node.centre.y - node.half.y + size.y * 0.4f + 2);
                draw->AddRectFilled(min, max, rebalancing ? colors::rebalance : colors::committed, size.y * 0.5f);
                draw->AddText(ImVec2(min.x + unit * 0.3f, min.y + 1), colors::text_on_colour, badge.c_str());
                ImGui::PopFont();
            }
        }
        // The queue: small boxes under the node (full cards only; the tooltip says it otherwise).
        const std::uint32_t queue_length = broker.queue.size();
        const Node& node = nodes[actor];
        if (many || node.hidden) continue;
        const float box = unit * 0.6f;
        const std::uint32_t drawn = std::min<std::uint32_t>(queue_length, 10);
        const float y = node.centre.y + node.half.y - box - 3;
        for (std::uint32_t i = 0; i < drawn; ++i) {
            const float x = node.centre.x - node.half.x + 4 + i * (box + 3);
            draw->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), colors::queue_fill, 2.0f);
        }
        if (queue_length > 0) {
            const std::string label = "queue " + std::to_string(queue_length);
            ImGui::PushFont(fonts_.small);
            draw->AddText(ImVec2(node.centre.x - node.half.x + 4 + drawn * (box + 3) + 2, y - 2), colors::text_dim, label.c_str());
            ImGui::PopFont();
        }
    }
    for (std::size_t p = 0; p < producers; ++p) {
        const ActorId actor = state.producer_actor(p);
        const Producer& producer = state.producers()[p];
        const ProducerProgress progress = producer_progress(producer, run_->spec().producers[p]);
        node_box(actor, IM_COL32(255, 255, 255, 255), actor_colour(state, actor), status_line(actor));
        // Writes still unanswered: a badge on the card's corner, so "acked 2/4" never reads as finished.
        const Node& node = nodes[actor];
        if (progress.phase != ProducerPhase::waiting || node.hidden || many) continue;
        ImGui::PushFont(fonts_.small);
        const char* badge = progress.attempt_max > 1 ? "resending" : "waiting";
        const ImVec2 size = ImGui::CalcTextSize(badge);
        const ImVec2 corner(node.centre.x + node.half.x, node.centre.y - node.half.y);
        const ImVec2 min(corner.x - size.x - unit * 0.3f, corner.y - size.y * 0.6f);
        const ImVec2 max(corner.x + unit * 0.3f, corner.y + size.y * 0.4f + 2);
        draw->AddRectFilled(min, max, colors::waiting, size.y * 0.5f);
        draw->AddText(ImVec2(min.x + unit * 0.3f, min.y + 1), colors::text_on_colour, badge);
        ImGui::PopFont();
    }
    for (std::size_t c = 0; c < consumers; ++c) {
        const ActorId actor = state.consumer_actor(c);
        if (log_model) {
            const LogConsumer& member = state.log_model().consumers[c];
            const bool in_rebalance = rebalancing_group[run_->spec().consumers[c].group] &&
                                      (member.phase == MemberPhase::joining || member.phase == MemberPhase::stable);
            const ImU32 colour = in_rebalance                              ? colors::rebalance
                                 : member.phase == MemberPhase::stable   ? colors::idle
                                 : member.phase == MemberPhase::crashed  ? colors::busy
                                                                         : colors::down;
            node_box(actor, with_alpha(colour, many ? 0.45f : 0.18f), in_rebalance ? colors::rebalance : actor_colour(state, actor), status_line(actor));
            continue;
        }
        const Consumer& consumer = state.consumers()[c];
        const ImU32 colour = stage_colour(consumer.stage);
        node_box(actor, with_alpha(colour, many ? 0.45f : 0.18f), actor_colour(state, actor), status_line(actor));
    }
    // "+N more": the actors the panel has no room for (all of them are in the other panels).
    for (std::size_t r = 0; r < role_count; ++r) {
        if (layout.hidden[r] == 0) continue;
        const Node more = node_of(layout.more[r]);
        const ImVec2 min = sub(more.centre, more.half);
        const ImVec2 max = add(more.centre, more.half);
        draw->AddRectFilled(min, max, colors::chip, 3.0f);
        draw->AddRect(min, max, colors::text_dim, 3.0f, 0, 1.0f);
        // "+119 more", or "+119" in a narrow box: the count must show whole.
        std::string label = "+" + std::to_string(layout.hidden[r]) + " more";
        if (ImGui::CalcTextSize(label.c_str()).x > more.half.x * 2 - 4) label = "+" + std::to_string(layout.hidden[r]);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        draw->AddText(ImVec2(more.centre.x - size.x * 0.5f, more.centre.y - size.y * 0.5f), colors::text, label.c_str());
        if (ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered()) {
            ImGui::SetTooltip("%zu more actors: too many to draw here; the event log and the other panels show every one", layout.hidden[r]);
        }
    }

    // What each marked link suffers, at its middle (full cards only: in a crowd the colour says it).
    ImGui::PushFont(fonts_.small);
    if (!many) {
        for (const auto& [a, b] : faulted) {
            const std::string words = link_fault_words(link_faults_either_way(state, a, b));
            const ImVec2 middle = scale(add(nodes[a].centre, nodes[b].centre), 0.5f);
            const ImVec2 size = ImGui::CalcTextSize(words.c_str());
            const LinkFaults faults = link_faults_either_way(state, a, b);
            const ImU32 colour = faults.cut ? colors::fault_cut : faults.drop_probability > 0 ? colors::fault_drop : colors::fault_slow;
            const ImVec2 label_min(middle.x - size.x * 0.5f, middle.y - size.y * 0.5f);
            draw->AddRectFilled(sub(label_min, ImVec2(3, 1)), ImVec2(label_min.x + size.x + 3, label_min.y + size.y + 1), IM_COL32(255, 255, 255, 235), 3.0f);
            draw->AddRect(sub(label_min, ImVec2(3, 1)), ImVec2(label_min.x + size.x + 3, label_min.y + size.y + 1), colour, 3.0f);
            draw->AddText(label_min, colour, words.c_str());
        }
    }

    // Messages in flight.
    std::vector<Box> labels_drawn;
    for (const FlightDot& dot : dots_) {
        if (dot.source >= nodes.size() || dot.target >= nodes.size()) continue;
        const ImVec2 direction = sub(nodes[dot.target].centre, nodes[dot.source].centre);
        const ImVec2 from = box_exit(nodes[dot.source], direction);
        const ImVec2 to = box_exit(nodes[dot.target], scale(direction, -1));
        const float length = std::sqrt(direction.x * direction.x + direction.y * direction.y);
        if (length < 1) continue;
        // Requests and replies on opposite sides of the link (the normal flips with the direction).
        const ImVec2 normal(-direction.y / length, direction.x / length);
        const float dot_radius = many ? radius * 0.6f : radius;
        const ImVec2 side = scale(normal, dot_radius * 1.3f);
        const ImVec2 position = add(add(from, scale(sub(to, from), dot.progress)), side);
        const ImU32 colour = message_colour(dot.type, dot.request);
        const bool reply = dot.type == MessageType::reply;
        const bool failed = reply && dot.error != ErrorCode::none;
        if (dot.lost) {
            draw->AddCircle(position, dot_radius, with_alpha(colour, 0.5f), 16, 2.0f);
            const float r = dot_radius * 0.8f;
            draw->AddLine(ImVec2(position.x - r, position.y - r), ImVec2(position.x + r, position.y + r), colors::removed, 2.5f);
            draw->AddLine(ImVec2(position.x - r, position.y + r), ImVec2(position.x + r, position.y - r), colors::removed, 2.5f);
        } else if (reply) {
            draw->AddCircleFilled(position, dot_radius, IM_COL32(255, 255, 255, 255), 16);
            draw->AddCircle(position, dot_radius, failed ? colors::removed : colour, 16, many ? 2.0f : 3.0f);
        } else {
            draw->AddCircleFilled(position, dot_radius, colour, 16);
        }
        if (many) continue;  // hundreds of labels would hide the picture
        const std::string label = std::string(flight_label(dot)) + (dot.lost ? " (lost)" : "");
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        // The label sits beyond the dot, on its side of the link; two messages
        // sent together (a commit and a join) stack their labels, never overprint.
        ImVec2 label_centre = add(position, scale(normal, dot_radius + size.y * 0.75f));
        ImVec2 label_min(label_centre.x - size.x * 0.5f, label_centre.y - size.y * 0.5f);
        for (int shift = 0; shift < 4; ++shift) {
            const Box here{label_min.x - 2, label_min.y, size.x + 4, size.y};
            if (std::none_of(labels_drawn.begin(), labels_drawn.end(), [&](const Box& other) { return here.overlaps(other); })) break;
            label_centre = add(label_centre, scale(normal, size.y * 1.05f));
            label_min = ImVec2(label_centre.x - size.x * 0.5f, label_centre.y - size.y * 0.5f);
        }
        labels_drawn.push_back(Box{label_min.x - 2, label_min.y, size.x + 4, size.y});
        draw->AddRectFilled(sub(label_min, ImVec2(2, 0)), ImVec2(label_min.x + size.x + 2, label_min.y + size.y),
                            IM_COL32(255, 255, 255, 200), 3.0f);
        draw->AddText(label_min, failed || dot.lost ? colors::removed : colour, label.c_str());
    }
    ImGui::PopFont();

    // Legend, below the picture, wrapping as measured above.
    const float legend_y = origin.y + area.y - legend_height;
    ImGui::SetCursorScreenPos(ImVec2(origin.x, legend_y));
    const float right_edge = origin.x + legend_width;
    for (const LegendEntry& entry : legend) {
        const float width = entry_width(entry);
        if (ImGui::GetCursorScreenPos().x > origin.x && ImGui::GetCursorScreenPos().x + width > right_edge) ImGui::NewLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = p.y + ImGui::GetTextLineHeight() * 0.5f;
        float mark_width = radius * 2 + 2;
        if (entry.shape == 2) {
            mark_width = unit * 1.6f;
            if (entry.colour == colors::fault_slow) {
                draw->AddLine(ImVec2(p.x, y), ImVec2(p.x + mark_width, y), entry.colour, 4.0f);
            } else {
                const bool cut = entry.colour == colors::fault_cut;
                dashed_line(draw, ImVec2(p.x, y), ImVec2(p.x + mark_width, y), entry.colour, 2.5f, unit * (cut ? 0.5f : 0.2f), unit * (cut ? 0.3f : 0.2f));
            }
        } else if (entry.shape == 3) {
            draw->AddRectFilled(ImVec2(p.x, y - radius * 0.8f), ImVec2(p.x + radius * 2, y + radius * 0.8f), entry.colour, 3.0f);
        } else if (entry.shape == 1) {
            draw->AddCircle(ImVec2(p.x + radius, y), radius * 0.9f, entry.colour, 16, 2.5f);
        } else {
            draw->AddCircleFilled(ImVec2(p.x + radius, y), radius * 0.9f, entry.colour, 16);
        }
        ImGui::Dummy(ImVec2(mark_width, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, 3);
        text_dim(entry.label);
        ImGui::SameLine(0, entry_gap);
    }
    if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(in_flight.c_str()).x > right_edge) ImGui::NewLine();
    text_dim(in_flight);
    ImGui::End();
}

}  // namespace kafkasim::viz
