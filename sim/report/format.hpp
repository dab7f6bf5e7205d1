// Text at the edges: times, quoted strings, record sentences. Shared by the
// CLI narrative, the text summary and the visualizer's event log and Explain
// panel, so that every product says the same thing the same way.
#pragma once

#include <string>
#include <string_view>

#include "core/record.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

// "1.500ms", "2s", "250us", "0": exact, shortest unit that keeps it whole
// when possible, else milliseconds with up to 6 decimals.
std::string format_duration_ns(TimeNs duration_ns);
// Fixed-width time for timelines: "    1.500000 s" style is too long; this is
// milliseconds with three decimals, e.g. "   12.345ms".
std::string format_time_ms(TimeNs time_ns);
// A microsecond figure for JSON-like text: 1500 ns -> "1.5".
std::string format_us(TimeNs time_ns);

// One line saying what the event did, e.g.
// `b1 appended "message 3" to "Hello world" at [3] for p1`.
// `names` is any state of the same run (names and strings never change).
std::string describe(const Record& record, const Simulation& names);
// Why it happened, for the Explain panel; uses the state right after the
// event (consumers' views of the brokers) when given.
std::string explain(const Record& record, const Simulation& after);

}  // namespace kafkasim
