// Checks on the log model's final state (`partition:` and `group:` entries):
// a partition's end offset and records, a group's assignment, committed
// offsets, lag, duplicates and rebalances. The engine's log state is not
// recorded in a run yet, so both fail with a detail that says so rather
// than passing unchecked; the log engine's owner replaces these bodies.
#include "check/check_detail.hpp"

namespace kafkasim::check_detail {

namespace {

constexpr std::string_view not_available = "the log model's results are not available yet";

ExpectationResult unavailable(const ExpectationSpec& expectation) {
    ExpectationResult result;
    result.passed = false;
    result.expected = expected_text(expectation);
    result.actual = std::string(not_available);
    return result;
}

}  // namespace

ExpectationResult check_partition(const ExpectPartition& expect, const Context&) {
    return unavailable(ExpectationSpec{{}, 0, {}, expect, {}});
}

ExpectationResult check_group(const ExpectGroup& expect, const Context&) {
    return unavailable(ExpectationSpec{{}, 0, {}, expect, {}});
}

}  // namespace kafkasim::check_detail
