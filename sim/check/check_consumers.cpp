// Checks on what a consumer consumed: some item matching a pattern (within a
// time window, or never, or a number of times), or exactly a list in order.
#include "check/check_detail.hpp"
#include "report/format.hpp"

namespace kafkasim::check_detail {

namespace {

constexpr std::size_t items_shown_max = 5;

// "3 items: a; b; c" (at most items_shown_max, then "; ... (N more)").
std::string consumed_list_text(const std::vector<Consumption>& consumed, const Simulation& state) {
    if (consumed.empty()) return "nothing consumed";
    std::string out = count_text(consumed.size(), "item", "items") + " consumed: ";
    for (std::size_t i = 0; i < consumed.size() && i < items_shown_max; ++i) {
        out += (i > 0 ? "; " : "") + consumption_text(consumed[i], state);
    }
    if (consumed.size() > items_shown_max) out += "; ... (" + std::to_string(consumed.size() - items_shown_max) + " more)";
    return out;
}

// Why sessions of consumer `c` did not consume: for each session that ended
// refused or failed, when and the reason the trace gives (the last reason
// recorded for the consumer before the session ended: the release that
// ends a failed session carries none). "" when every session completed.
// Gathered from the events by ExpectationEvidence.
std::string sessions_not_completed_text(const Context& context, std::size_t c) {
    const ExpectationEvidence::ConsumerSessions* sessions = context.evidence.sessions(c);
    if (!sessions || sessions->ended == 0) return "";
    const Simulation& state = context.state;
    std::string shown;
    for (const ExpectationEvidence::SessionEnd& end : sessions->first) {
        shown += (shown.empty() ? "" : "; ") + std::string(outcome_name(end.outcome)) + " at " + format_duration_ns(end.time_ns) +
                 " (" + std::string(reason_name(end.reason));
        if (end.topic != no_string && (end.reason == Reason::missing_topic || end.reason == Reason::missing_index)) {
            shown += " " + quoted(state.strings().text(end.topic));
        }
        shown += ")";
    }
    constexpr std::size_t shown_max = ExpectationEvidence::sessions_shown_max;
    if (sessions->ended > shown_max) shown += "; ... (" + std::to_string(sessions->ended - shown_max) + " more)";
    return "; " + count_text(sessions->ended, "session", "sessions") + " did not complete: " + shown;
}

}  // namespace

ExpectationResult check_consumed(const ExpectConsumed& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const auto consumer = context.consumer_index(expect.consumer);
    if (!consumer) return {false, result.expected, "no consumer named " + quoted(expect.consumer) + " in the scenario"};
    const Simulation& state = context.state;
    const auto& consumed = state.consumers()[*consumer].consumed;
    std::uint64_t inside = 0;
    std::uint64_t outside = 0;
    const Consumption* first_inside = nullptr;
    const Consumption* first_outside = nullptr;
    for (const Consumption& item : consumed) {
        if (!item_matches(expect.item, item, state)) continue;
        if (in_window(expect.occurrence, item.time_ns)) {
            if (inside++ == 0) first_inside = &item;
        } else if (outside++ == 0) {
            first_outside = &item;
        }
    }
    result.passed = occurrence_met(expect.occurrence, inside);
    const std::string window = window_text(expect.occurrence);
    if (inside > 0) {
        result.actual = count_text(inside, "matching item", "matching items") + window + ", the first: " +
                        consumption_text(*first_inside, state);
    } else if (outside > 0) {
        result.actual = "no matching item" + window + "; " + std::to_string(outside) + " outside, the first: " +
                        consumption_text(*first_outside, state);
    } else {
        result.actual = "no matching item; " + consumed_list_text(consumed, state) + sessions_not_completed_text(context, *consumer);
    }
    return result;
}

ExpectationResult check_consumed_exactly(const ExpectConsumedExactly& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const auto consumer = context.consumer_index(expect.consumer);
    if (!consumer) return {false, result.expected, "no consumer named " + quoted(expect.consumer) + " in the scenario"};
    const Simulation& state = context.state;
    const auto& consumed = state.consumers()[*consumer].consumed;
    result.actual = consumed_list_text(consumed, state);
    if (consumed.size() != expect.items.size()) {
        result.actual += " (" + std::to_string(consumed.size()) + " instead of " + std::to_string(expect.items.size()) + ")" +
                         sessions_not_completed_text(context, *consumer);
        return result;
    }
    for (std::size_t i = 0; i < consumed.size(); ++i) {
        if (item_matches(expect.items[i], consumed[i], state)) continue;
        result.actual += " (item " + std::to_string(i) + " does not match " + item_pattern_text(expect.items[i]) + ")";
        return result;
    }
    result.passed = true;
    return result;
}

}  // namespace kafkasim::check_detail
