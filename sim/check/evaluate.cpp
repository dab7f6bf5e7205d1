// evaluate_expectations: builds what the checks read (the stats JSON, once,
// when an entry reads it) and sends each entry to the check of its kind.
#include <algorithm>
#include <type_traits>

#include "check/check_detail.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

std::vector<ExpectationResult> evaluate_expectations(const RecordedRun& run, std::uint64_t fingerprint,
                                                     std::optional<std::uint64_t> scenario_seed) {
    ExpectationEvidence evidence(run.spec());
    evidence.begin(run.final_state());
    run.for_each_event([&](std::uint64_t event, const Record& record, std::span<const Violation>) { evidence.observe(event, record); });
    return evaluate_expectations(run, evidence, fingerprint, scenario_seed);
}

std::vector<ExpectationResult> evaluate_expectations(const FinishedRun& run, const ExpectationEvidence& evidence,
                                                     std::uint64_t fingerprint, std::optional<std::uint64_t> scenario_seed) {
    const bool other_seed = scenario_seed && *scenario_seed != run.spec().seed;
    using namespace check_detail;
    // The stats tree holds every consumption: built only for `stat:` entries.
    const bool stats_wanted = std::any_of(run.spec().expectations.begin(), run.spec().expectations.end(),
                                          [](const ExpectationSpec& e) { return std::holds_alternative<ExpectStat>(e.check); });
    const JsonValue stats = stats_wanted ? stats_json(run) : JsonValue::object();
    const Context context{run, run.final_state(), stats, fingerprint, evidence};
    std::vector<ExpectationResult> results;
    results.reserve(run.spec().expectations.size());
    for (const ExpectationSpec& expectation : run.spec().expectations) {
        const std::size_t index = results.size();
        results.push_back(std::visit(
            [&](const auto& expect) -> ExpectationResult {
                using T = std::decay_t<decltype(expect)>;
                if constexpr (std::is_same_v<T, ExpectBrokerTopics>) return check_broker_topics(expect, context);
                if constexpr (std::is_same_v<T, ExpectBrokerContains>) return check_broker_contains(expect, context);
                if constexpr (std::is_same_v<T, ExpectBrokerState>) return check_broker_state(expect, context);
                if constexpr (std::is_same_v<T, ExpectConsumed>) return check_consumed(expect, context);
                if constexpr (std::is_same_v<T, ExpectConsumedExactly>) return check_consumed_exactly(expect, context);
                if constexpr (std::is_same_v<T, ExpectStat>) return check_stat(expect, context);
                if constexpr (std::is_same_v<T, ExpectEvent>) return check_event(expect, context, index);
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
                if constexpr (std::is_same_v<T, ExpectPartition>) return check_partition(expect, context);
                if constexpr (std::is_same_v<T, ExpectGroup>) return check_group(expect, context);
            },
            expectation.check));
    }
    return results;
}

}  // namespace kafkasim
