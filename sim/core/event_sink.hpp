// EventSink: an observer of a run that sees each event once, as it happens,
// and keeps only what it needs (a counter, a hash, an open file, a time
// series). Streaming commands (`run`, `check`, `sweep`) hand every event to
// the sinks the user asked for and store no per-event data; a recorded run
// (the visualizer) can be replayed through the same sinks, so an output is
// written by one piece of code whichever way the run was made.
//
// Calls, in order: begin(initial state) once; on_event(...) once per event,
// with 0-based indices 0, 1, 2, ... without gaps; end(final state, status)
// once. The references are valid only during the call: a sink copies what it
// keeps. A sink never changes the simulation (it gets const references).
#pragma once

#include <cstdint>
#include <span>

#include "core/monitors.hpp"
#include "core/record.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

class EventSink {
public:
    virtual ~EventSink() = default;

    // Before the first event: the state at time 0 (actors, names, initial
    // dictionaries, the scenario through state.spec()).
    virtual void begin(const Simulation& initial) { (void)initial; }

    // After event number `event` (0-based, the trace's "event" field):
    // its Record, the state right after it, and the monitors' findings this
    // event caused, in firing order (empty when none, or no monitor is on).
    virtual void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                          std::span<const Violation> violations) = 0;

    // After the last event: the final state and why the run stopped.
    virtual void end(const Simulation& final_state, RunStatus status) {
        (void)final_state;
        (void)status;
    }
};

}  // namespace kafkasim
