// See stream.hpp.
#include "core/stream.hpp"

#include <cassert>
#include <limits>
#include <vector>

namespace kafkasim {

RunStatus stream_events(Simulation& state, Monitors* monitors, std::uint64_t max_events,
                        std::span<EventSink* const> sinks) {
    state.set_monitors(monitors);
    for (EventSink* sink : sinks) sink->begin(state);
    const std::vector<Violation>* findings = monitors ? &monitors->violations() : nullptr;
    while (state.events_processed() < max_events) {
        const std::size_t findings_before = findings ? findings->size() : 0;
        if (!state.step()) break;
        const std::span<const Violation> caused =
            findings ? std::span<const Violation>(*findings).subspan(findings_before) : std::span<const Violation>();
        const std::uint64_t event = state.events_processed() - 1;
        const Record& record = state.last_record();
        for (EventSink* sink : sinks) sink->on_event(event, record, state, caused);
    }
    // Simulation::run with no event left to take: the status it gives for
    // this stop (finished, until_reached, event_limit or time_limit).
    const RunStatus status = state.run(state.events_processed());
    state.set_monitors(nullptr);
    for (EventSink* sink : sinks) sink->end(state, status);
    return status;
}

namespace {

// Where the final stretch of same-time events began (FinishedRun::
// first_event_at_final_time): one comparison per event.
class FinalInstantSink final : public EventSink {
public:
    void on_event(std::uint64_t event, const Record& record, const Simulation&, std::span<const Violation>) override {
        if (event == 0 || record.time_ns != last_time_ns_) first_ = event + 1;
        last_time_ns_ = record.time_ns;
    }
    std::uint64_t first() const { return first_; }

private:
    TimeNs last_time_ns_ = 0;
    std::uint64_t first_ = 0;
};

}  // namespace

StreamedRun::StreamedRun(ScenarioSpec spec, std::uint64_t max_events)
    : spec_(std::make_unique<ScenarioSpec>(std::move(spec))),
      strings_(std::make_unique<StringTable>()),
      state_(*spec_, *strings_),
      monitors_(spec_->monitors),
      max_events_(max_events) {}

RunStatus StreamedRun::run(std::span<EventSink* const> sinks) {
    assert(!ran_ && "a StreamedRun runs once");
    ran_ = true;
    FinalInstantSink final_instant;
    std::vector<EventSink*> all;
    all.reserve(sinks.size() + 1);
    all.push_back(&final_instant);
    all.insert(all.end(), sinks.begin(), sinks.end());
    status_ = stream_events(state_, &monitors_, max_events_, all);
    first_event_at_final_time_ = final_instant.first();
    return status_;
}

Simulation rerun_to(const ScenarioSpec& spec, StringTable& strings, std::uint64_t events) {
    Simulation state(spec, strings);
    state.run(events);
    return state;
}

FinishedRun::FinishedRun(const StreamedRun& run)
    : spec_(&run.spec()),
      final_(&run.final_state()),
      monitors_(&run.monitors()),
      status_(run.status()),
      event_count_(run.event_count()),
      first_event_at_final_time_(run.first_event_at_final_time()) {}

void replay_events(const RecordedRun& run, std::span<EventSink* const> sinks) {
    // A copy of the run's string table: the replay interns the same texts in
    // the same order, so every StringId in its records matches the run's.
    StringTable strings = run.strings();
    Simulation state(run.spec(), strings);
    Monitors monitors(run.spec().monitors);
    // A run that stopped on its own stops the same way again (its last
    // step() may drop cancelled timers: stopping at the event count would
    // skip that); only a run stopped by the event limit needs the limit.
    const std::uint64_t max_events =
        run.status() == RunStatus::event_limit ? run.event_count() : std::numeric_limits<std::uint64_t>::max();
    stream_events(state, &monitors, max_events, sinks);
    assert(state.events_processed() == run.event_count() && "a recorded run could not be replayed");
}

}  // namespace kafkasim
