// A RecordedRun: a finished run with every event kept, for what needs random
// access: the visualizer (seeks, history), interactive mode and tests. The
// headless commands stream instead (StreamedRun, stream.hpp); both give a
// FinishedRun view to the outputs they share. It owns the scenario, the string table,
// every Record, and periodic snapshots of the Simulation, so the state after
// any number of events is rebuilt exactly: copy the nearest snapshot at or
// before it and re-run the engine forward (deterministic). Stepping backward is
// a seek, never an undo.
//
// Memory stays bounded: at most `snapshots_max` snapshots are kept; when the
// run outgrows them, every other one is dropped and the interval doubles.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/finished_run.hpp"
#include "core/monitors.hpp"
#include "core/record.hpp"
#include "core/recorder.hpp"
#include "core/simulation.hpp"
#include "core/spec.hpp"
#include "core/string_table.hpp"

namespace kafkasim {

struct RecordOptions {
    std::uint64_t max_events = 10'000'000;
    std::uint64_t snapshot_interval = 1024;  // initial; doubles as needed
    std::size_t snapshots_max = 512;
    bool keep_snapshots = true;              // false: only records and the final state
};

class RecordedRun {
public:
    RecordedRun(ScenarioSpec spec, const RecordOptions& options);
    RecordedRun(const RecordedRun&) = delete;
    RecordedRun& operator=(const RecordedRun&) = delete;

    const ScenarioSpec& spec() const { return *spec_; }
    const StringTable& strings() const { return *strings_; }
    const RecordLog& records() const { return records_; }
    std::size_t event_count() const { return records_.size(); }
    RunStatus status() const { return status_; }
    const Simulation& final_state() const { return final_; }
    // What the monitors saw (violations in event order, counts per monitor).
    const Monitors& monitors() const { return monitors_; }

    // Calls visit(event, record, findings) for every event in order, with the
    // monitors' findings it caused (a span, empty when none): what sinks saw
    // during the run, for outputs that read only names from the state.
    template <class Visit>
    void for_each_event(Visit visit) const {
        const std::vector<Violation>& found = monitors_.violations();
        std::size_t next = 0;
        for (std::size_t i = 0; i < records_.size(); ++i) {
            const std::size_t first = next;
            while (next < found.size() && found[next].event == i) ++next;
            visit(static_cast<std::uint64_t>(i), records_[i], std::span<const Violation>(found).subspan(first, next - first));
        }
    }

    // The model after the first `events` events (0: the initial state;
    // event_count(): the final state). Needs keep_snapshots.
    Simulation state_after(std::size_t events) const;
    // Advances a state obtained from state_after by one event.
    static bool step(Simulation& state) { return state.step(); }
    std::uint64_t snapshot_interval() const { return interval_; }
    // See FinishedRun::first_event_at_final_time.
    std::uint64_t first_event_at_final_time() const { return first_event_at_final_time_; }
    std::size_t snapshot_count() const { return snapshots_.size(); }

private:
    std::unique_ptr<ScenarioSpec> spec_;      // stable addresses: simulations point here
    std::unique_ptr<StringTable> strings_;
    RecordLog records_;
    std::vector<Simulation> snapshots_;       // snapshots_[i]: after i * interval_ events
    std::uint64_t interval_ = 1024;
    Simulation final_;
    Monitors monitors_;
    RunStatus status_ = RunStatus::finished;
    std::uint64_t first_event_at_final_time_ = 0;
};

}  // namespace kafkasim
