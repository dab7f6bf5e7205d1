// See in_flight.hpp.
#include "model/in_flight.hpp"

#include <algorithm>
#include <array>
#include <tuple>

namespace kafkasim::viz {

float flight_progress(TimeNs sent_ns, TimeNs deliver_ns, TimeNs time_ns) {
    if (deliver_ns <= sent_ns) return 1.0f;
    const double progress = static_cast<double>(time_ns - sent_ns) / static_cast<double>(deliver_ns - sent_ns);
    return static_cast<float>(std::clamp(progress, 0.0, 1.0));
}

void collect_in_flight(const Simulation& state, TimeNs time_ns, std::vector<FlightDot>& dots) {
    dots.clear();
    state.for_each_in_flight([&](const Message& message, TimeNs deliver_ns) {
        FlightDot dot;
        dot.sent_ns = message.sent_ns;
        dot.deliver_ns = deliver_ns;
        dot.progress = flight_progress(message.sent_ns, deliver_ns, time_ns);
        dot.source = message.source;
        dot.target = message.target;
        dot.type = message.type;
        dot.request = message.request;
        dot.error = message.error;
        dot.busy = message.busy;
        dot.lost = message.lost != Reason::none;
        dots.push_back(dot);
    });
    // The event queue is a heap: its order is not meaningful.
    std::sort(dots.begin(), dots.end(), [](const FlightDot& a, const FlightDot& b) {
        return std::tie(a.deliver_ns, a.source, a.target, a.type, a.sent_ns) <
               std::tie(b.deliver_ns, b.source, b.target, b.type, b.sent_ns);
    });
}

const char* flight_label(const FlightDot& dot) {
    if (dot.type != MessageType::reply) {
        static constexpr std::array<const char*, message_type_count> request_labels = {
            "publish", "edit", "delete", "delete", "status", "claim", "list topics", "get topic", "get message", "release", "reply",
            "append", "fetch", "commit", "join", "heartbeat", "leave",
        };
        return request_labels[static_cast<std::size_t>(dot.type)];
    }
    const bool ok = dot.error == ErrorCode::none;
    switch (dot.request) {
        case MessageType::publish:
        case MessageType::edit:
        case MessageType::delete_topic:
        case MessageType::delete_message: return ok ? "ack" : "error";
        case MessageType::status: return dot.busy ? "status: busy" : "status: idle";
        case MessageType::claim: return ok ? "claim ok" : "claim refused";
        case MessageType::list_topics: return ok ? "topics" : "no topics";
        case MessageType::get_topic: return ok ? "messages" : "no topic";
        case MessageType::get_message: return ok ? "message" : "no message";
        case MessageType::release: return "released";
        case MessageType::reply: break;
        case MessageType::append: return ok ? "ack" : "error";
        case MessageType::fetch: return ok ? "records" : "fetch error";
        case MessageType::offset_commit: return ok ? "committed" : "commit refused";
        case MessageType::join_group: return ok ? "assignment" : "join refused";
        case MessageType::heartbeat: return ok ? "heartbeat ok" : "rebalance";
        case MessageType::leave_group: return "left";
    }
    return "reply";
}

}  // namespace kafkasim::viz
