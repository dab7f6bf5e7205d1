// The run's outputs for users and scripts: the stats JSON (a documented
// interface: field names never change), the JSON-lines trace and its
// fingerprint, and the human summary. Outputs of the final state take a
// FinishedRun (a StreamedRun or a RecordedRun); outputs of the events are
// EventSinks (trace_sink.hpp, NarrativeSink below) that a streamed run feeds
// as it goes and a recorded run feeds from its records, through the same code.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "core/event_sink.hpp"
#include "core/finished_run.hpp"
#include "core/recorded_run.hpp"
#include "report/json.hpp"

namespace kafkasim {

// The stats object: scenario, seed, end_time_us, events, brokers.<name>,
// producers.<name>, consumers.<name> (see README, "Stats JSON").
// With `monitors`, also `violation_counts` and `violations` (see README).
JsonValue stats_json(const ScenarioSpec& spec, const Simulation& final_state, RunStatus status, const Monitors* monitors = nullptr);
JsonValue stats_json(const FinishedRun& run);
// The same stats as text, exactly stats_json(run).dump(2), written as it is
// made: no tree of every consumption and message (--stats-json of a long run).
void write_stats_json(const FinishedRun& run, std::ostream& out);

// Appends one trace line (no newline) for record number `event`.
// `violations`: the monitors' findings caused by this event (may be empty).
void append_trace_line(std::string& out, std::size_t event, const Record& record, const Simulation& names,
                       std::string_view violations = {});

// Writes the whole trace of a recorded run (one JSON object per line) to
// `out` when not null and returns its fingerprint: FNV-1a 64 over exactly
// those bytes. A streamed run uses TraceSink (trace_sink.hpp), the same code.
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
std::string summary_text(const FinishedRun& run, std::uint64_t fingerprint, const SummaryLimits& limits = {});

// The narrated timeline (-v): one line per event, each monitor finding under
// the event that caused it, written to `out` as the run goes (no buffer
// beyond one line). Reads only names from the state it is handed.
class NarrativeSink final : public EventSink {
public:
    explicit NarrativeSink(std::ostream& out) : out_(out) {}
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    std::size_t buffer_capacity() const { return line_.capacity(); }

private:
    std::ostream& out_;
    std::string line_;
};
// The narrative of a recorded run, through NarrativeSink.
void write_narrative(const RecordedRun& run, std::ostream& out);

std::string_view run_status_name(RunStatus status);

// Why the run stopped before its end, as a sentence to follow "error: " (no
// newline): the time limit (status time_limit: "simulated time would pass 292
// years at event N (actor, kind)...") or --max-events (event_limit; says
// whether simulated time still advanced). Nothing when the run finished or
// reached `until`.
std::optional<std::string> stop_error(const FinishedRun& run);

}  // namespace kafkasim
