// Messages in the network at a displayed time, as dots between sender and
// receiver. A message sent at `sent` and delivered at `deliver` is drawn at
// progress (t - sent) / (deliver - sent) along its link, so while playing the
// dots move smoothly between events; when paused at an event t is that
// event's time and the message just sent sits at its sender.
#pragma once

#include <vector>

#include "core/simulation.hpp"

namespace kafkasim::viz {

struct FlightDot {
    TimeNs sent_ns = 0;
    TimeNs deliver_ns = 0;
    float progress = 0;  // 0 at the source, 1 at the target
    ActorId source = no_actor;
    ActorId target = no_actor;
    MessageType type = MessageType::reply;
    MessageType request = MessageType::reply;  // replies: what they answer
    ErrorCode error = ErrorCode::none;
    bool busy = false;                         // status replies: the broker was busy
    bool lost = false;                         // a fault dropped it: it will never arrive
};

// (time - sent) / (deliver - sent), clamped to [0, 1]; 1 for zero latency.
float flight_progress(TimeNs sent_ns, TimeNs deliver_ns, TimeNs time_ns);

// Fills `dots` (cleared first; its capacity is reused from frame to frame)
// with the messages in flight in `state`, seen at `time_ns` (>= state.now_ns()),
// ordered by (deliver, source, target, type) so drawing order is stable.
void collect_in_flight(const Simulation& state, TimeNs time_ns, std::vector<FlightDot>& dots);

// A short label for a dot: "status", "claim", "reply: claim ok", "reply: status busy".
const char* flight_label(const FlightDot& dot);

}  // namespace kafkasim::viz
