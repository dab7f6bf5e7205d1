// `kafkasim compare`: the same questions asked of two finished runs, which
// may run different broker models (the dictionary and the log), side by
// side: throughput, waiting, and what each design guarantees. Every number
// comes from the run's stats (core/stats.hpp, core/log_stats.hpp) or its
// monitors, so the table agrees with --stats-json.
#pragma once

#include <string>
#include <vector>

#include "core/finished_run.hpp"

namespace kafkasim {

// One row of the comparison: a name and the value for each run, as text
// ("-" where the question does not apply to that run's model).
struct CompareRow {
    std::string name;
    std::vector<std::string> values;
};

// The rows for `runs` (in order), grouped by blank-named separator rows.
std::vector<CompareRow> compare_rows(const std::vector<const FinishedRun*>& runs);

// The rows as an aligned text table: a header with each run's scenario
// name and model, then one line per row.
std::string compare_table(const std::vector<const FinishedRun*>& runs);

}  // namespace kafkasim
