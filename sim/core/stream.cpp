// See stream.hpp.
#include "core/stream.hpp"

#include <cassert>
#include <limits>

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
