// Golden traces: a run's JSON-lines trace compared with one kept in the
// repository (tests/golden/NAME.jsonl), and regenerated on request, as
// snapshot tests do. A difference is reported where it starts, in the
// model's terms: the event number and time, both versions of the line, and
// the brokers involved as they were just before it (up, busy, holder, queue,
// dictionary), so a reviewer sees what changed, not only that a hash did.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/recorded_run.hpp"

namespace kafkasim {

// The whole trace, exactly as `kafkasim run --trace` writes it.
std::string trace_text(const RecordedRun& run);

struct GoldenComparison {
    bool matches = false;
    std::size_t lines_compared = 0;
    std::string summary;  // one line: "matches (181 events)" or "differs at event 87 (time 131.5ms)"
    std::string report;   // lines (no trailing newline) explaining the first difference; empty when it matches
};

// `trace` is trace_text(run); `golden` the file's text (a trailing "\r" on a
// line is ignored, in case a checkout converted line ends). The broker state
// in the report needs a run recorded with snapshots (RecordOptions::
// keep_snapshots); without them it is left out.
GoldenComparison compare_with_golden(const RecordedRun& run, std::string_view trace, std::string_view golden);

// "b1: up, busy (held by c1), serving a request, 2 waiting; {"t": ["m"]}"
std::string broker_state_text(const Simulation& state, std::size_t broker);

}  // namespace kafkasim
