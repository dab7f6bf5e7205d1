// Why a run stopped before its end, in one sentence that run, check, sweep,
// kafkasim-explore and kafkasim-viz all print (after their own "error: ").
#include <string>

#include "report/format.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

// Events are named by the trace's numbers ("event": 0 is the first), so a
// user can look the event up in `--trace` and `check` output.
std::optional<std::string> stop_error(const FinishedRun& run) {
    const Simulation& state = run.final_state();
    if (run.status() == RunStatus::time_limit) {
        const TimeLimitHit& hit = *state.time_limit_hit();
        return "simulated time would pass " + std::string(time_max_words) + " at event " + std::to_string(hit.event - 1) + " (" +
               std::string(state.actor_name(hit.actor)) + ", " + std::string(record_kind_name(hit.kind)) +
               "): the largest time is " + format_duration_ns(time_max_ns) + "; shorten the scenario's times";
    }
    if (run.status() != RunStatus::event_limit) return std::nullopt;
    const std::string stopped = "stopped after " + std::to_string(run.event_count()) + " events (--max-events)";
    const std::optional<TimeNs> until_ns = run.spec().until_ns;
    if (!until_ns) return stopped + ": the scenario may never end; set until: or raise --max-events";
    const std::string where = stopped + " at simulated time " + format_duration_ns(state.now_ns()) + ", before until (" +
                              format_duration_ns(*until_ns) + ")";
    // Stuck: at least half of the events (and more than one) happened at the
    // final instant. More events would not bring `until` closer.
    const std::uint64_t first = run.first_event_at_final_time();
    if (run.event_count() > 1 && first <= run.event_count() / 2) {
        return where + ": simulated time does not advance (events " + std::to_string(first - 1) + " to " +
               std::to_string(run.event_count() - 1) + " all happened at " + format_duration_ns(state.now_ns()) +
               "): look for a loop of zero-time steps (zero latency, service and retry_after)";
    }
    return where + "; raise --max-events";
}

}  // namespace kafkasim
