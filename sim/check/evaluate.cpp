// evaluate_expectations: builds what the checks read (the stats JSON, once)
// and sends each entry to the check of its kind.
#include <type_traits>

#include "check/check_detail.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

std::vector<ExpectationResult> evaluate_expectations(const RecordedRun& run, std::uint64_t fingerprint,
                                                     std::optional<std::uint64_t> scenario_seed) {
    const bool other_seed = scenario_seed && *scenario_seed != run.spec().seed;
    using namespace check_detail;
    const JsonValue stats = stats_json(run);
    const Context context{run, run.final_state(), stats, fingerprint};
    std::vector<ExpectationResult> results;
    results.reserve(run.spec().expectations.size());
    for (const ExpectationSpec& expectation : run.spec().expectations) {
        results.push_back(std::visit(
            [&](const auto& expect) -> ExpectationResult {
                using T = std::decay_t<decltype(expect)>;
                if constexpr (std::is_same_v<T, ExpectBrokerTopics>) return check_broker_topics(expect, context);
                if constexpr (std::is_same_v<T, ExpectBrokerContains>) return check_broker_contains(expect, context);
                if constexpr (std::is_same_v<T, ExpectBrokerState>) return check_broker_state(expect, context);
                if constexpr (std::is_same_v<T, ExpectConsumed>) return check_consumed(expect, context);
                if constexpr (std::is_same_v<T, ExpectConsumedExactly>) return check_consumed_exactly(expect, context);
                if constexpr (std::is_same_v<T, ExpectStat>) return check_stat(expect, context);
                if constexpr (std::is_same_v<T, ExpectEvent>) return check_event(expect, context);
                if constexpr (std::is_same_v<T, ExpectInvariant>) return check_invariant(expect, context);
                if constexpr (std::is_same_v<T, ExpectFingerprint>) {
                    if (other_seed) {
                        ExpectationResult skipped;
                        skipped.skipped = true;
                        skipped.expected = expect.hex;
                        skipped.actual = "skipped: the fingerprint belongs to the scenario's seed " + std::to_string(*scenario_seed) +
                                         ", this run used seed " + std::to_string(run.spec().seed);
                        return skipped;
                    }
                    return check_fingerprint(expect, context);
                }
                if constexpr (std::is_same_v<T, ExpectViolation>) return check_violation(expect, context);
            },
            expectation.check));
    }
    return results;
}

}  // namespace kafkasim
