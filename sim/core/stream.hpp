// Streaming a run through EventSinks: each event is handed to the sinks as
// it happens and nothing per event is kept, so memory does not grow with the
// length of the run (see event_sink.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "core/event_sink.hpp"
#include "core/finished_run.hpp"
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

// A run made by streaming: it owns the scenario, the string table, the model
// and its monitors, and keeps no per-event data: after run() it holds the
// final state, the monitors' findings, the status and the event count, and
// nothing that grows with the number of events (see event_sink.hpp). What
// the headless commands (run, check, sweep) use; the visualizer records
// (RecordedRun) because it seeks.
class StreamedRun {
public:
    // Prepares the initial state; run() processes the events.
    StreamedRun(ScenarioSpec spec, std::uint64_t max_events);
    StreamedRun(const StreamedRun&) = delete;
    StreamedRun& operator=(const StreamedRun&) = delete;

    // Runs to the end (or max_events), handing each event to `sinks` in
    // order (see stream_events). Call once.
    RunStatus run(std::span<EventSink* const> sinks);

    const ScenarioSpec& spec() const { return *spec_; }
    const StringTable& strings() const { return *strings_; }
    // Before run(): the initial state; after: the final state.
    const Simulation& final_state() const { return state_; }
    const Monitors& monitors() const { return monitors_; }
    RunStatus status() const { return status_; }
    std::uint64_t event_count() const { return state_.events_processed(); }
    std::uint64_t first_event_at_final_time() const { return first_event_at_final_time_; }
    std::uint64_t max_events() const { return max_events_; }

private:
    std::unique_ptr<ScenarioSpec> spec_;  // stable addresses: the simulation points here
    std::unique_ptr<StringTable> strings_;
    Simulation state_;
    Monitors monitors_;
    std::uint64_t max_events_;
    RunStatus status_ = RunStatus::finished;
    std::uint64_t first_event_at_final_time_ = 0;
    bool ran_ = false;
};

// The model after the first `events` events of `spec`'s run, rebuilt by
// running it again from time 0 with a fresh string table (the engine is
// deterministic, and texts are interned in the same order, so names and
// StringIds match the first run's). For reports about one moment of a
// streamed run, which kept no snapshot: costs `events` steps, no storage.
// `strings` must outlive the result.
Simulation rerun_to(const ScenarioSpec& spec, StringTable& strings, std::uint64_t events);

}  // namespace kafkasim
