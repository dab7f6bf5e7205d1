// Checks on what a consumer consumed: some item matching a pattern (within a
// time window, or never, or a number of times), or exactly a list in order.
// The dictionary model's consumers keep Consumptions, the log model's
// LogConsumptions (key, partition, offset): one check of each kind serves
// both, through item_matches and consumption_text of either.
#include "check/check_detail.hpp"
#include "report/format.hpp"

namespace kafkasim::check_detail {

namespace {

constexpr std::size_t items_shown_max = 5;

// "3 items: a; b; c" (at most items_shown_max, then "; ... (N more)").
template <class List>
std::string consumed_list_text(const List& consumed, const Simulation& state) {
    if (consumed.empty()) return "nothing consumed";
    return list_text(consumed.size(), "item consumed", "items consumed", items_shown_max,
                     [&](std::size_t i) { return consumption_text(consumed[i], state); });
}

// Why sessions of consumer `c` did not consume: for each session that ended
// refused or failed, when and the reason the trace gives (the last reason
// recorded for the consumer before the session ended: the release that
// ends a failed session carries none). "" when every session completed.
// Gathered from the events by ExpectationEvidence.
std::string dictionary_sessions_text(const Context& context, std::size_t c) {
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

// Where a log consumer ended, for a consumer that consumed too little:
// "; c1 ended stable, owning orders-0, orders-1" (or "owning nothing").
std::string log_member_text(const Context& context, std::size_t c) {
    const Simulation& state = context.state;
    const LogConsumer& consumer = state.log_model().consumers[c];
    const LogLayout& layout = state.log_model().layout;
    std::string owned;
    for (const OwnedPartition& partition : consumer.owned) {
        owned += (owned.empty() ? "" : ", ") +
                 topic_partition_name(state.strings().text(layout.topic_names[layout.topic_of[partition.partition]]),
                                      layout.local(partition.partition));
    }
    return "; " + context.run.spec().consumers[c].name + " ended " + std::string(member_phase_name(consumer.phase)) +
           ", owning " + (owned.empty() ? std::string("nothing") : owned);
}

std::string sessions_not_completed_text(const Context& context, std::size_t c) {
    return context.state.is_log_model() ? log_member_text(context, c) : dictionary_sessions_text(context, c);
}

// List: a consumer's `consumed` (Consumption or LogConsumption items).
template <class List>
ExpectationResult consumed_in(const ExpectConsumed& expect, const Context& context, std::size_t consumer,
                              const List& consumed) {
    using Item = typename List::value_type;
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const Simulation& state = context.state;
    std::uint64_t inside = 0;
    std::uint64_t outside = 0;
    const Item* first_inside = nullptr;
    const Item* first_outside = nullptr;
    for (const Item& item : consumed) {
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
        result.actual = "no matching item; " + consumed_list_text(consumed, state) + sessions_not_completed_text(context, consumer);
    }
    return result;
}

template <class List>
ExpectationResult consumed_exactly_in(const ExpectConsumedExactly& expect, const Context& context, std::size_t consumer,
                                      const List& consumed) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const Simulation& state = context.state;
    result.actual = consumed_list_text(consumed, state);
    if (consumed.size() != expect.items.size()) {
        result.actual += " (" + std::to_string(consumed.size()) + " instead of " + std::to_string(expect.items.size()) + ")" +
                         sessions_not_completed_text(context, consumer);
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

}  // namespace

namespace {

// `check(consumed)` on the named consumer's consumed list, of the model the
// scenario runs (Consumption or LogConsumption).
template <class Expect, class Check>
ExpectationResult on_consumed_list(const Expect& expect, const Context& context, Check check) {
    const auto consumer = context.consumer_index(expect.consumer);
    if (!consumer) {
        return {false, expected_text(ExpectationSpec{{}, 0, {}, expect, {}}),
                "no consumer named " + quoted(expect.consumer) + " in the scenario"};
    }
    const Simulation& state = context.state;
    if (state.is_log_model()) return check(*consumer, state.log_model().consumers[*consumer].consumed);
    return check(*consumer, state.consumers()[*consumer].consumed);
}

}  // namespace

ExpectationResult check_consumed(const ExpectConsumed& expect, const Context& context) {
    return on_consumed_list(expect, context,
                            [&](std::size_t consumer, const auto& consumed) { return consumed_in(expect, context, consumer, consumed); });
}

ExpectationResult check_consumed_exactly(const ExpectConsumedExactly& expect, const Context& context) {
    return on_consumed_list(expect, context, [&](std::size_t consumer, const auto& consumed) {
        return consumed_exactly_in(expect, context, consumer, consumed);
    });
}

}  // namespace kafkasim::check_detail
