// The stat paths of expect: entries, checked before the run: a misspelt field
// ("brokers.b1.utilizaton") is a mistake in the scenario, reported with its
// position like the loader's errors, not a failed expectation at the end.
// The stats JSON has the same fields before a run as after it, except the
// items of lists (consumed, violations, a partition's records; not a
// topic's partitions, which the scenario fixes) and the brokers' topics,
// which a path may name ahead; and, in the log model, the
// objects the run fills with names the scenario fixes: a group's
// `assignment` (its consumers), its `committed` (the partitions of its
// topics) and a consumer's `positions` (the partitions of its topics).
#pragma once

#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim {

struct StatPathProblem {
    SourcePos pos;
    std::string message;
};

std::vector<StatPathProblem> check_stat_paths(const ScenarioSpec& spec);

}  // namespace kafkasim
