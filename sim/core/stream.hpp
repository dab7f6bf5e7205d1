// Streaming a run through EventSinks: each event is handed to the sinks as
// it happens and nothing per event is kept, so memory does not grow with the
// length of the run (see event_sink.hpp).
#pragma once

#include <cstdint>
#include <span>

#include "core/event_sink.hpp"
#include "core/monitors.hpp"
#include "core/recorded_run.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

// Steps `state` until it is done or has processed `max_events` events in
// total, calling every sink's begin (with `state` as it is on entry),
// on_event after each event, and end. `monitors` (may be null) is attached to
// `state` for the run and detached after; each event's findings passed to the
// sinks are the violations it appended to `monitors->violations()` (the first
// Monitors::kept_per_monitor_max of each kind, as the trace shows them).
// Returns why the run stopped. A recorder attached to `state` keeps working.
RunStatus stream_events(Simulation& state, Monitors* monitors, std::uint64_t max_events,
                        std::span<EventSink* const> sinks);

// Hands a finished recorded run to `sinks` as if it were happening now: the
// same calls, records, states and findings as stream_events gave during the
// run. Re-simulates from the initial state (the engine is deterministic), so
// it costs one run and works with or without snapshots.
void replay_events(const RecordedRun& run, std::span<EventSink* const> sinks);

}  // namespace kafkasim
