// Checks on the brokers' final state: a dictionary exactly, a topic or a
// message held or not, up/down and busy/idle, and the two invariants
// (identical dictionaries; acknowledged publishes still present). The log
// model's invariant, per_key_order, is in check_log.cpp.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "check/check_detail.hpp"
#include "report/format.hpp"

namespace kafkasim::check_detail {

namespace {

ExpectationResult no_such(std::string_view what, std::string_view name, std::string expected) {
    // The loader checks names; a spec built by code may still get one wrong.
    return {false, std::move(expected), "no " + std::string(what) + " named " + quoted(name) + " in the scenario"};
}

std::string topic_names(const Dictionary& dictionary) {
    std::string out;
    for (const auto& [topic, messages] : dictionary) out += (out.empty() ? "" : ", ") + quoted(topic);
    return shorten(out.empty() ? "none" : out);
}

std::string state_text(const Broker& broker, const Simulation& state) {
    std::string out = broker.up ? "up, " : "down, ";
    out += broker.busy ? "busy" : "idle";
    if (broker.holder != no_actor) out += " (held by " + std::string(state.actor_name(broker.holder)) + ")";
    return out;
}

}  // namespace

ExpectationResult check_broker_topics(const ExpectBrokerTopics& expect, const Context& context) {
    const Dictionary expected = dictionary_of(expect.topics);
    const std::string expected_words = dictionary_text(expected);
    const auto broker = context.broker_index(expect.broker);
    if (!broker) return no_such("broker", expect.broker, expected_words);
    const Dictionary actual = dictionary_of(context.state, *broker);
    const auto difference = first_difference(expected, actual);
    if (!difference) return {true, expected_words, dictionary_text(actual)};
    return {false, expected_words,
            "first difference at " + difference->where + ": expected " + difference->left + ", got " + difference->right +
                "; " + expect.broker + " holds " + dictionary_text(actual)};
}

ExpectationResult check_broker_contains(const ExpectBrokerContains& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const auto broker = context.broker_index(expect.broker);
    if (!broker) return no_such("broker", expect.broker, result.expected);
    const Dictionary actual = dictionary_of(context.state, *broker);
    const auto topic = std::find_if(actual.begin(), actual.end(), [&](const auto& t) { return t.first == expect.topic; });
    bool found = false;
    if (topic == actual.end()) {
        result.actual = "no topic " + quoted(expect.topic) + " (topics: " + topic_names(actual) + ")";
    } else if (!expect.message) {
        found = true;
        result.actual = "topic " + quoted(expect.topic) + ": " + messages_text(topic->second);
    } else {
        const auto& messages = topic->second;
        const auto message = std::find(messages.begin(), messages.end(), *expect.message);
        found = message != messages.end();
        result.actual = found ? quoted(*expect.message) + " at [" + std::to_string(message - messages.begin()) +
                                    "] in topic " + quoted(expect.topic)
                              : "topic " + quoted(expect.topic) + ": " + messages_text(messages);
    }
    result.passed = found != expect.negated;
    return result;
}

ExpectationResult check_broker_state(const ExpectBrokerState& expect, const Context& context) {
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const auto broker = context.broker_index(expect.broker);
    if (!broker) return no_such("broker", expect.broker, result.expected);
    const Broker& actual = context.state.brokers()[*broker];
    result.passed = (!expect.up || *expect.up == actual.up) && (!expect.busy || *expect.busy == actual.busy);
    result.actual = state_text(actual, context.state);
    return result;
}

namespace {

ExpectationResult brokers_identical(const Context& context, std::string expected) {
    const auto& brokers = context.run.spec().brokers;
    const Dictionary first = dictionary_of(context.state, 0);
    for (std::size_t b = 1; b < brokers.size(); ++b) {
        const auto difference = first_difference(first, dictionary_of(context.state, b));
        if (!difference) continue;
        return {false, std::move(expected),
                brokers[b].name + " differs from " + brokers[0].name + " at " + difference->where + ": " +
                    brokers[0].name + " has " + difference->left + ", " + brokers[b].name + " has " + difference->right};
    }
    return {true, std::move(expected),
            brokers.size() == 1 ? std::string("one broker")
                                : "all " + std::to_string(brokers.size()) + " identical, " +
                                      count_text(first.size(), "topic", "topics")};
}

// Every publish a broker acknowledged (an ok ack of a publish arrived at the
// producer) must be on that broker at the end, if it is up then, unless that
// broker later served an edit or delete that removed it (the same topic and
// text, or the whole topic) — removals are the producers' right, losses are
// not. Copies are counted: two acked publishes of one text need two copies.
ExpectationResult acked_writes_present(const Context& context, std::string expected) {
    const Simulation& state = context.state;
    std::uint64_t checked = 0;
    std::uint64_t missing = 0;
    std::string first_missing;
    ActorId counted_broker = no_actor;
    StringId counted_topic = no_string;
    std::unordered_map<StringId, std::uint64_t> copies;  // of the counted topic's texts
    // The evidence counted, per (broker, topic, text), the acked publishes
    // served after the last removal (evidence.cpp).
    for (const auto& [key, owed] : context.evidence.acked_writes()) {
        const auto [broker, topic, text] = key;
        if (!state.brokers()[broker].up) continue;
        const std::uint64_t needed = owed.needed;
        checked += needed;
        // Keys come sorted by (broker, topic): count each topic's texts once.
        if (broker != counted_broker || topic != counted_topic) {
            counted_broker = broker;
            counted_topic = topic;
            copies.clear();
            const Broker& holder = state.brokers()[broker];
            const std::int64_t t = holder.find_topic(topic);
            if (t >= 0) {
                for (const StringId message : holder.topics[static_cast<std::size_t>(t)].messages) ++copies[message];
            }
        }
        const auto found = copies.find(text);
        const std::uint64_t present = found == copies.end() ? 0 : found->second;
        if (present >= needed) continue;
        missing += needed - present;
        if (first_missing.empty()) {
            first_missing = quoted(state.strings().text(text)) + " in topic " + quoted(state.strings().text(topic)) +
                            ", acknowledged by " + std::string(state.actor_name(broker)) + " at " +
                            format_duration_ns(owed.example_acked_ns) + ", is not on " + std::string(state.actor_name(broker));
            if (needed > 1) first_missing += " (" + std::to_string(present) + " of " + std::to_string(needed) + " copies)";
        }
    }
    if (missing == 0) {
        return {true, std::move(expected), count_text(checked, "acknowledged publish", "acknowledged publishes") + ", all present"};
    }
    return {false, std::move(expected),
            first_missing + "; " + std::to_string(missing) + " of " + std::to_string(checked) + " missing"};
}

}  // namespace

ExpectationResult check_invariant(const ExpectInvariant& expect, const Context& context) {
    std::string expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    switch (expect.kind) {
        case ExpectInvariant::Kind::brokers_identical: return brokers_identical(context, std::move(expected));
        case ExpectInvariant::Kind::acked_writes_present: return acked_writes_present(context, std::move(expected));
        case ExpectInvariant::Kind::per_key_order: return per_key_order(context, std::move(expected));
    }
    return {};
}

}  // namespace kafkasim::check_detail
