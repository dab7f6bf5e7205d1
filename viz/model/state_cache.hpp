// The model state the viz shows: the Simulation after the cursor's events,
// kept between frames. Moving one event forward (playing, stepping) is one
// Simulation::step(); any other move is a seek through the recorded run's
// snapshots (RecordedRun::state_after). Either way the result is exactly the
// state the run had at that event: the viz never undoes anything by hand.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/recorded_run.hpp"

namespace kafkasim::viz {

// Snapshot settings for the viz: a bounded number of snapshots (memory) and a
// seek cost of at most one interval of re-simulation. On a one-million-event
// run this keeps a seek in a few milliseconds (bench/bench_seek.cpp).
RecordOptions viz_record_options();

class StateCache {
public:
    explicit StateCache(const RecordedRun& run);

    // The state after `events` events (0 <= events <= run.event_count()).
    const Simulation& at(std::size_t events);
    std::size_t events() const { return events_; }

    // How the cache got there, for tests and the status line.
    std::uint64_t steps_taken() const { return steps_taken_; }
    std::uint64_t seeks_taken() const { return seeks_taken_; }

private:
    const RecordedRun* run_;
    Simulation state_;
    std::size_t events_ = 0;
    std::uint64_t steps_taken_ = 0;
    std::uint64_t seeks_taken_ = 0;
};

}  // namespace kafkasim::viz
