// Golden traces: a run's JSON-lines trace compared with one kept in the
// repository (tests/golden/NAME.jsonl), and regenerated on request, as
// snapshot tests do. A difference is reported where it starts, in the
// model's terms: the event number and time, both versions of the line, and
// the brokers involved as they were just before it (up, busy, holder, queue,
// dictionary), so a reviewer sees what changed, not only that a hash did.
//
// `check --golden` compares as the run goes: a GoldenComparer sees each
// trace line as the TraceSink renders it and reads the golden file one line
// at a time, keeping only the first difference (the two lines and the
// event's record); the brokers' state before it is rebuilt afterwards by
// running the scenario again up to that event (rerun_to), so nothing of the
// run is stored.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "core/recorded_run.hpp"
#include "report/trace_sink.hpp"

namespace kafkasim {

// The whole trace, exactly as `kafkasim run --trace` writes it.
std::string trace_text(const RecordedRun& run);

struct GoldenComparison {
    bool matches = false;
    std::size_t lines_compared = 0;
    std::string summary;  // one line: "matches (181 events)" or "differs at event 87 (time 131.5ms)"
    std::string report;   // lines (no trailing newline) explaining the first difference; empty when it matches
};

// Compares trace lines, in order, with the lines of a golden trace (a
// trailing "\r" on a golden line is ignored, in case a checkout converted
// line ends) and keeps the first difference.
class GoldenComparer final : public TraceLineListener {
public:
    explicit GoldenComparer(std::istream& golden) : stream_(&golden) {}
    explicit GoldenComparer(std::string_view golden) : text_(golden) {}

    void on_line(std::uint64_t event, const Record& record, std::string_view line) override { compare(event, &record, line); }
    // `record` may be null (a line with no record at hand).
    void compare(std::uint64_t event, const Record* record, std::string_view line);
    // After the run's last line: `events` lines were compared.
    void finish(std::uint64_t events);

    struct Difference {
        std::uint64_t event = 0;
        bool has_run = false;      // the run has a line `event`
        bool has_golden = false;   // the golden trace has one
        std::string run_line;
        std::string golden_line;
        std::optional<Record> record;  // the run's event, when it has one
    };
    bool matches() const { return finished_ && !difference_; }
    const std::optional<Difference>& difference() const { return difference_; }
    std::uint64_t lines_compared() const { return lines_compared_; }
    std::size_t buffer_capacity() const { return line_.capacity(); }

private:
    bool next_golden_line(std::string_view& line);

    std::istream* stream_ = nullptr;
    std::string_view text_;
    std::size_t text_at_ = 0;
    std::string line_;  // the golden line just read (stream_ only)
    std::optional<Difference> difference_;
    std::uint64_t lines_compared_ = 0;
    bool finished_ = false;
};

// The comparison as a check shows it, after GoldenComparer::finish. `names`:
// any state of the run (for actor names); `before`: the model just before
// the first difference (its brokers are shown), or null to leave them out.
GoldenComparison golden_comparison(const GoldenComparer& comparer, const Simulation& names, const Simulation* before);

// `trace` is trace_text(run); `golden` the file's text (a trailing "\r" on a
// line is ignored, in case a checkout converted line ends). The broker state
// in the report needs a run recorded with snapshots (RecordOptions::
// keep_snapshots); without them it is left out.
GoldenComparison compare_with_golden(const RecordedRun& run, std::string_view trace, std::string_view golden);

// "b1: up, busy (held by c1), serving a request, 2 waiting; {"t": ["m"]}"
std::string broker_state_text(const Simulation& state, std::size_t broker);

}  // namespace kafkasim
