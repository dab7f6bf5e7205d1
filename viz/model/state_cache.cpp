// See state_cache.hpp.
#include "model/state_cache.hpp"

#include <algorithm>
#include <cassert>

namespace kafkasim::viz {

RecordOptions viz_record_options() {
    RecordOptions options;
    // At most 64 snapshots: a 1M-event run settles on an interval of 16384
    // events, so the worst seek is one snapshot copy + 16383 steps (a few ms,
    // bench/bench_seek.cpp), while the snapshots of a run whose dictionaries
    // grow large stay a fraction of the memory 512 would take.
    options.snapshot_interval = 1024;
    options.snapshots_max = 64;
    return options;
}

StateCache::StateCache(const RecordedRun& run) : run_(&run), state_(run.state_after(0)) {}

const Simulation& StateCache::at(std::size_t events) {
    assert(events <= run_->event_count());
    if (events == events_) return state_;
    // Steps a seek would take from its snapshot (state_after's rule).
    const std::uint64_t interval = run_->snapshot_interval();
    const std::size_t snapshot = std::min<std::size_t>(events / interval, run_->snapshot_count() - 1);
    const std::size_t seek_steps = events - snapshot * interval;
    // Copying a snapshot costs about as much as a few hundred steps.
    constexpr std::size_t copy_cost_steps = 256;
    if (events > events_ && events - events_ <= seek_steps + copy_cost_steps) {
        while (events_ < events) {
            const bool stepped = state_.step();
            assert(stepped && "a recorded event could not be replayed");
            (void)stepped;
            ++events_;
            ++steps_taken_;
        }
    } else {
        state_ = run_->state_after(events);
        events_ = events;
        ++seeks_taken_;
    }
    assert(state_.events_processed() == events_);
    return state_;
}

}  // namespace kafkasim::viz
