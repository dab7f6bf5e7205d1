// The wall clock of the progress line (report/progress.hpp): the one clock
// the commands read, at the edge, and only to decide when to redraw a line
// on the terminal; no result depends on it.
#pragma once

#include <chrono>

#include "report/progress.hpp"

namespace kafkasim::cli {

inline ProgressClock steady_clock_seconds() {
    return [] { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); };
}

}  // namespace kafkasim::cli
