// See recorded_run.hpp.
#include "core/recorded_run.hpp"

#include <cassert>

#include "core/recorder.hpp"

namespace kafkasim {

namespace {

Simulation make_initial(const ScenarioSpec& spec, StringTable& strings) { return Simulation(spec, strings); }

}  // namespace

RecordedRun::RecordedRun(ScenarioSpec spec, const RecordOptions& options)
    : spec_(std::make_unique<ScenarioSpec>(std::move(spec))),
      strings_(std::make_unique<StringTable>()),
      interval_(options.snapshot_interval),
      final_(make_initial(*spec_, *strings_)),
      monitors_(spec_->monitors) {
    assert(options.snapshot_interval > 0 && options.snapshots_max >= 2);
    Recorder recorder;
    final_.set_recorder(&recorder);
    final_.set_monitors(&monitors_);
    if (options.keep_snapshots) {
        snapshots_.push_back(final_);
        snapshots_.back().set_recorder(nullptr);
        snapshots_.back().set_monitors(nullptr);
    }
    for (;;) {
        // Run to the next snapshot boundary, a multiple of the interval (after
        // a thinning the run may stand between two), or to the event limit.
        const std::uint64_t boundary = (final_.events_processed() / interval_ + 1) * interval_;
        const std::uint64_t limit = boundary < options.max_events ? boundary : options.max_events;
        status_ = final_.run(limit);
        if (status_ != RunStatus::event_limit || final_.events_processed() >= options.max_events) break;
        if (!options.keep_snapshots) continue;
        if (snapshots_.size() >= options.snapshots_max) {
            // Keep snapshots at multiples of the doubled interval. Snapshot 0
            // stays in place: moving it onto itself would empty its vectors.
            std::size_t kept = 1;
            for (std::size_t i = 2; i < snapshots_.size(); i += 2) snapshots_[kept++] = std::move(snapshots_[i]);
            snapshots_.erase(snapshots_.begin() + static_cast<std::ptrdiff_t>(kept), snapshots_.end());
            interval_ *= 2;
        }
        if (final_.events_processed() % interval_ == 0) {
            snapshots_.push_back(final_);
            snapshots_.back().set_recorder(nullptr);
            snapshots_.back().set_monitors(nullptr);
        }
    }
    final_.set_recorder(nullptr);
    final_.set_monitors(nullptr);
    for (auto& snapshot : snapshots_) {
        snapshot.set_recorder(nullptr);
        snapshot.set_monitors(nullptr);
    }
    records_ = recorder.take();
    assert(records_.size() == final_.events_processed());
    std::size_t first = records_.size();
    while (first > 1 && records_[first - 2].time_ns == records_.back().time_ns) --first;
    first_event_at_final_time_ = first;
}

FinishedRun::FinishedRun(const RecordedRun& run)
    : spec_(&run.spec()),
      final_(&run.final_state()),
      monitors_(&run.monitors()),
      status_(run.status()),
      event_count_(run.event_count()),
      first_event_at_final_time_(run.first_event_at_final_time()) {}

Simulation RecordedRun::state_after(std::size_t events) const {
    assert(!snapshots_.empty() && "recorded without snapshots");
    assert(events <= records_.size());
    std::size_t index = static_cast<std::size_t>(events / interval_);
    if (index >= snapshots_.size()) index = snapshots_.size() - 1;
    Simulation state = snapshots_[index];
    // Bounded: at most one interval (plus the tail after the last snapshot).
    while (state.events_processed() < events) {
        const bool stepped = state.step();
        assert(stepped && "a recorded event could not be replayed");
        (void)stepped;
    }
    return state;
}

}  // namespace kafkasim
