// FinishedRun: the read-only view of a run after its last event that every
// output made from the final state shares (stats JSON, summary, stop errors,
// expectations on dictionaries and stats, check reports). Both ways of making
// a run produce one: a StreamedRun (run, check, sweep: no per-event storage)
// and a RecordedRun (the visualizer, tests: every record kept). What an output
// needs from the events themselves it gathers with an EventSink as the run
// goes (event_sink.hpp), so nothing here holds per-event data.
#pragma once

#include <cstdint>

#include "core/monitors.hpp"
#include "core/simulation.hpp"
#include "core/spec.hpp"
#include "core/string_table.hpp"

namespace kafkasim {

class RecordedRun;
class StreamedRun;

class FinishedRun {
public:
    // Views into `run`, which must outlive this view.
    FinishedRun(const RecordedRun& run);  // NOLINT: implicit, so outputs take either kind of run
    FinishedRun(const StreamedRun& run);  // NOLINT

    const ScenarioSpec& spec() const { return *spec_; }
    const StringTable& strings() const { return final_->strings(); }
    // The model after the last event: dictionaries, actors, stats, names.
    const Simulation& final_state() const { return *final_; }
    // What the monitors found (the first Monitors::kept_per_monitor_max of
    // each kind, in event order) and how often each fired.
    const Monitors& monitors() const { return *monitors_; }
    RunStatus status() const { return status_; }
    std::uint64_t event_count() const { return event_count_; }
    // The first event (counted from 1) of the final stretch of events that
    // all happened at the final time; 0 when the run had no event. Stop
    // messages use it to tell a stuck clock from a long run.
    std::uint64_t first_event_at_final_time() const { return first_event_at_final_time_; }

private:
    const ScenarioSpec* spec_;
    const Simulation* final_;
    const Monitors* monitors_;
    RunStatus status_;
    std::uint64_t event_count_;
    std::uint64_t first_event_at_final_time_;
};

}  // namespace kafkasim
