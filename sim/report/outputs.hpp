// The run's outputs for users and scripts: the stats JSON (a documented
// interface: field names never change), the JSON-lines trace and its
// fingerprint, and the human summary.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "core/recorded_run.hpp"
#include "report/json.hpp"

namespace kafkasim {

// The stats object: scenario, seed, end_time_us, events, brokers.<name>,
// producers.<name>, consumers.<name> (see README, "Stats JSON").
// With `monitors`, also `violation_counts` and `violations` (see README).
JsonValue stats_json(const ScenarioSpec& spec, const Simulation& final_state, RunStatus status, const Monitors* monitors = nullptr);
JsonValue stats_json(const RecordedRun& run);

// Appends one trace line (no newline) for record number `event`.
// `violations`: the monitors' findings caused by this event (may be empty).
void append_trace_line(std::string& out, std::size_t event, const Record& record, const Simulation& names,
                       std::string_view violations = {});

// Writes the whole trace (one JSON object per line) to `out` when not null and
// returns its fingerprint: FNV-1a 64 over exactly those bytes.
std::uint64_t write_trace(const RecordedRun& run, std::ostream* out);
std::string format_fingerprint(std::uint64_t fingerprint);  // 16 hex digits

// How much of the final dictionaries and consumptions the summary prints:
// long runs stay readable (the first ones, with counts of the rest) unless
// `full` (`kafkasim run --full`).
struct SummaryLimits {
    bool full = false;
    std::size_t topics_max = 10;     // per broker
    std::size_t messages_max = 10;   // per topic
    std::size_t consumed_max = 20;   // per consumer
};

// The text a person reads after `kafkasim run`.
std::string summary_text(const RecordedRun& run, std::uint64_t fingerprint, const SummaryLimits& limits = {});
// The narrated timeline (-v): one line per event.
void write_narrative(const RecordedRun& run, std::ostream& out);

std::string_view run_status_name(RunStatus status);

// Why the run stopped before its end, as a sentence to follow "error: " (no
// newline): the time limit (status time_limit: "simulated time would pass 292
// years at event N (actor, kind)...") or --max-events (event_limit; says
// whether simulated time still advanced). Nothing when the run finished or
// reached `until`.
std::optional<std::string> stop_error(const RecordedRun& run);

}  // namespace kafkasim
