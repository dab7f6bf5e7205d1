// What the evaluator's files share: the run as the checks see it, and the
// phrases their texts are made of. PRIVATE to kafkasim_check.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/check.hpp"
#include "core/finished_run.hpp"
#include "report/json.hpp"

namespace kafkasim::check_detail {

// The finished run, read-only, with the stats JSON built once and what was
// gathered from its events.
struct Context {
    const FinishedRun& run;
    const Simulation& state;  // the final state
    const JsonValue& stats;
    std::uint64_t fingerprint = 0;
    const ExpectationEvidence& evidence;

    std::optional<std::size_t> broker_index(std::string_view name) const;
    std::optional<std::size_t> consumer_index(std::string_view name) const;
    std::optional<ActorId> actor(std::string_view name) const;
};

// A dictionary as text, in insertion order.
using Dictionary = std::vector<std::pair<std::string, std::vector<std::string>>>;
Dictionary dictionary_of(const Simulation& state, std::size_t broker);
Dictionary dictionary_of(const std::vector<TopicSpec>& topics);

// Where two dictionaries first differ: `where` is `topic #2` or
// `"Hello world"[3]`; left and right say what each side has there
// (`"message 3"`, `nothing`, `no topic`).
struct Difference {
    std::string where;
    std::string left;
    std::string right;
};
std::optional<Difference> first_difference(const Dictionary& left, const Dictionary& right);

// Texts. Strings are quoted as JSON strings; long texts are cut with "...".
constexpr std::size_t text_length_max = 300;
std::string quoted(std::string_view text);
std::string shorten(std::string text, std::size_t length_max = text_length_max);
std::string dictionary_text(const Dictionary& dictionary);        // {"t": ["a", "b"]}
std::string messages_text(const std::vector<std::string>& list);  // ["a", "b"]
std::string number_text(double value);                            // shortest exact form
std::string count_text(std::uint64_t count, std::string_view singular, std::string_view plural);
// "3 items: a; b; c": `size` items, the first `shown_max` of them as
// text(i) gives them, then "; ... (N more)".
template <class Text>
std::string list_text(std::size_t size, std::string_view singular, std::string_view plural, std::size_t shown_max, Text text) {
    std::string out = count_text(size, singular, plural) + ": ";
    for (std::size_t i = 0; i < size && i < shown_max; ++i) out += (i > 0 ? "; " : "") + text(i);
    if (size > shown_max) out += "; ... (" + std::to_string(size - shown_max) + " more)";
    return out;
}

// `{message "m", topic "t", broker b1, index 2}`; `{}` matches anything.
std::string item_pattern_text(const ConsumedItemSpec& item);
bool item_matches(const ConsumedItemSpec& item, const Consumption& consumed, const Simulation& state);
// The log model: message is the record's value; partition the number within
// the topic. Broker and index (the dictionary model's) match no record.
bool item_matches(const ConsumedItemSpec& item, const LogConsumption& consumed, const Simulation& state);
// `b1 "Hello world"[1] = "message 2" at 413ms`
std::string consumption_text(const Consumption& consumed, const Simulation& state);
// `orders-1@5 (key "user-1") = "v-11" at 413ms`, as the narrative names a record
std::string consumption_text(const LogConsumption& consumed, const Simulation& state);

// "at least one X", "no X", "exactly 2 Xs" and " after 1ms and before 2ms".
std::string quantity_text(const OccurrenceSpec& occurrence, std::string_view singular, std::string_view plural);
std::string window_text(const OccurrenceSpec& occurrence);
bool in_window(const OccurrenceSpec& occurrence, TimeNs time_ns);
// Whether `found` occurrences (in the window) satisfy the occurrence.
bool occurrence_met(const OccurrenceSpec& occurrence, std::uint64_t found);

// The expected texts, shared with the generated descriptions.
std::string expected_text(const ExpectationSpec& expectation);

// One function per kind of entry.
ExpectationResult check_broker_topics(const ExpectBrokerTopics& expect, const Context& context);
ExpectationResult check_broker_contains(const ExpectBrokerContains& expect, const Context& context);
ExpectationResult check_broker_state(const ExpectBrokerState& expect, const Context& context);
ExpectationResult check_consumed(const ExpectConsumed& expect, const Context& context);
ExpectationResult check_consumed_exactly(const ExpectConsumedExactly& expect, const Context& context);
ExpectationResult check_stat(const ExpectStat& expect, const Context& context);
// `expectation`: the entry's index in the scenario's expectations.
ExpectationResult check_event(const ExpectEvent& expect, const Context& context, std::size_t expectation);
ExpectationResult check_invariant(const ExpectInvariant& expect, const Context& context);
ExpectationResult check_fingerprint(const ExpectFingerprint& expect, const Context& context);
ExpectationResult check_violation(const ExpectViolation& expect, const Context& context);
// The log model (check_log.cpp): a partition's final log, a group's final state.
ExpectationResult check_partition(const ExpectPartition& expect, const Context& context);
ExpectationResult check_group(const ExpectGroup& expect, const Context& context);
// invariant: per_key_order; `expected`: the entry's expected text.
ExpectationResult per_key_order(const Context& context, std::string expected);

}  // namespace kafkasim::check_detail
