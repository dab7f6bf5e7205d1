// The closing summary's log-model parts (summary_log.cpp).
#pragma once

#include <string>

#include "core/finished_run.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

// "Partitions", "Groups" and "Consumed": what the log model ends with.
// Sets any_cut when a list was shortened (limits, unless limits.full).
std::string summary_log_state(const FinishedRun& run, const SummaryLimits& limits, bool& any_cut);
// The consumers' rows of the stats table: polls, records fetched and
// consumed, duplicates, commits, rebalances.
std::string summary_log_consumers(const FinishedRun& run);

}  // namespace kafkasim
