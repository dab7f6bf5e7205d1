// consumers: a count (`consumers: 2` -> c1, c2 with the defaults) or a list of
// {name, policy, on_all_busy, max_attempts, choose_time, sessions, workload,
// timeout, retries, backoff}; a session is {at, topic, index} plus, for a
// person-driven session, {broker, broker_at, topic_at, index_at, manual}.
// The log model's consumers are read by read_log_consumer.cpp.
#include "scenario/sections.hpp"
#include "scenario/values.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace kafkasim::scenario_detail {
namespace {

constexpr std::string_view dictionary_keys[] = {"policy", "on_all_busy", "max_attempts", "choose_time", "sessions",
                                                "workload"};

constexpr Keyword<ChoiceSpec::Kind> choice_keywords[] = {
    {"random", ChoiceSpec::Kind::random},
    {"first", ChoiceSpec::Kind::first},
    {"last", ChoiceSpec::Kind::last},
};

constexpr Keyword<PolicyKind> policies[] = {
    {"seed", PolicyKind::seed},
    {"first_idle", PolicyKind::first_idle},
    {"round_robin", PolicyKind::round_robin},
    {"random_idle", PolicyKind::random_idle},
    {"least_loaded", PolicyKind::least_loaded},
};

std::optional<ChoiceSpec::Kind> choice_keyword(const std::string& word) {
    for (const auto& keyword : choice_keywords) {
        if (keyword.word == word) return keyword.value;
    }
    return std::nullopt;
}

// topic: random | first | last | NAME | {name: NAME}. The keywords win over a
// topic of the same name; {name: random} names such a topic.
std::optional<ChoiceSpec> read_topic_choice(Reader& reader, const Entry& entry) {
    ChoiceSpec choice;
    if (entry.value.IsScalar()) {
        if (auto kind = choice_keyword(entry.value.Scalar())) {
            choice.kind = *kind;
            return choice;
        }
    } else if (entry.value.IsMap()) {
        const KeyRule rules[] = {
            {"name", true, [&](const Entry& e) { choice.topic = read_name(reader, e).value_or(""); }},
        };
        read_mapping(reader, entry, "topic choice", rules);
        choice.kind = ChoiceSpec::Kind::named;
        return choice;
    } else {
        reader.error(entry.pos, entry.label + " must be random, first, last or a topic name, got " +
                                    describe(entry.value));
        return std::nullopt;
    }
    auto name = read_name(reader, entry);
    if (!name) return std::nullopt;
    choice.kind = ChoiceSpec::Kind::named;
    choice.topic = std::move(*name);
    return choice;
}

// index: random | first | last | an integer >= 0 (0-based, as in the original).
std::optional<ChoiceSpec> read_index_choice(Reader& reader, const Entry& entry) {
    ChoiceSpec choice;
    if (entry.value.IsScalar()) {
        const std::string& text = entry.value.Scalar();
        if (auto kind = choice_keyword(text)) {
            choice.kind = *kind;
            return choice;
        }
        const bool looks_numeric = !text.empty() && (text.front() == '-' || (text.front() >= '0' && text.front() <= '9'));
        if (looks_numeric) {
            auto index = read_integer(reader, entry, 0, index_max);
            if (!index) return std::nullopt;
            choice.kind = ChoiceSpec::Kind::named;
            choice.index = static_cast<std::int64_t>(*index);
            return choice;
        }
        // A misspelt keyword, most likely.
        read_keyword(reader, entry, "index choice", choice_keywords);
        return std::nullopt;
    }
    reader.error(entry.pos, entry.label + " must be random, first, last or an integer >= 0, got " +
                                describe(entry.value));
    return std::nullopt;
}

// A session a person drives (interactive mode) also has: broker (a name,
// resolved in resolve_session_brokers), broker_at / topic_at / index_at
// (absolute times of the person's choices) and manual (a choice with no time
// waits for the person).
void read_session(Reader& reader, const Entry& entry, ConsumerSpec& consumer, Draft& draft) {
    SessionSpec session;
    session.pos = reader.source_pos(entry.pos);
    auto choice_time = [&](std::optional<TimeNs>& at) { return [&](const Entry& e) { at = read_duration(reader, e); }; };
    const KeyRule rules[] = {
        {"at", true, [&](const Entry& e) { session.at_ns = read_duration(reader, e).value_or(0); }},
        {"topic", false, [&](const Entry& e) { session.topic = read_topic_choice(reader, e).value_or(session.topic); }},
        {"index", false, [&](const Entry& e) { session.index = read_index_choice(reader, e).value_or(session.index); }},
        {"broker", false,
         [&](const Entry& e) {
             if (auto name = read_name(reader, e)) {
                 draft.session_brokers.push_back(
                     {draft.spec.consumers.size(), consumer.sessions.size(), std::move(*name), e.pos});
             }
         }},
        {"broker_at", false, choice_time(session.broker_at_ns)},
        {"topic_at", false, choice_time(session.topic_at_ns)},
        {"index_at", false, choice_time(session.index_at_ns)},
        {"manual", false, [&](const Entry& e) { session.manual = read_boolean(reader, e).value_or(false); }},
    };
    read_mapping(reader, entry, "session", rules);
    consumer.sessions.push_back(std::move(session));
}

void read_workload(Reader& reader, const Entry& entry, ConsumerSpec& consumer) {
    ConsumerWorkloadSpec workload;
    const KeyRule rules[] = {
        {"start", false, [&](const Entry& e) { workload.start_ns = read_duration(reader, e).value_or(0); }},
        {"think_time", true,
         [&](const Entry& e) { workload.think_time = read_distribution(reader, e).value_or(workload.think_time); }},
        {"count", true, [&](const Entry& e) { workload.count = read_integer(reader, e, 0, max_count).value_or(0); }},
        {"topic", false, [&](const Entry& e) { workload.topic = read_topic_choice(reader, e).value_or(workload.topic); }},
        {"index", false, [&](const Entry& e) { workload.index = read_index_choice(reader, e).value_or(workload.index); }},
    };
    if (read_mapping(reader, entry, "consumer workload", rules)) consumer.workload = std::move(workload);
}

// Where each of the two spellings of max_attempts was given, to refuse both.
struct MaxAttemptsSources {
    std::optional<Pos> in_consumer;
    std::optional<Pos> in_retry;
};

// on_all_busy: fail | {retry_after: DURATION, max_attempts: N}.
void read_on_all_busy(Reader& reader, const Entry& entry, ConsumerSpec& consumer, MaxAttemptsSources& sources) {
    if (entry.value.IsMap()) {
        std::optional<TimeNs> retry_after;
        const KeyRule rules[] = {
            {"retry_after", true, [&](const Entry& e) { retry_after = read_positive_duration(reader, e); }},
            {"max_attempts", false,
             [&](const Entry& e) {
                 sources.in_retry = e.key_pos;
                 if (auto n = read_integer(reader, e, 1, max_attempts_limit)) {
                     consumer.max_attempts = static_cast<std::uint32_t>(*n);
                 }
             }},
        };
        read_mapping(reader, entry, "on_all_busy retry", rules);
        // A placeholder when retry_after is bad: the error already voids the spec.
        consumer.retry_after_ns = retry_after.value_or(1);
        return;
    }
    if (entry.value.IsScalar() && entry.value.Scalar() == "fail") {
        consumer.retry_after_ns.reset();
        return;
    }
    std::string message = "'on_all_busy' must be 'fail' or {retry_after: DURATION, max_attempts: N}, got " +
                          describe(entry.value);
    if (entry.value.IsScalar() && entry.value.Scalar() == "retry") message += " (retry needs a retry_after)";
    reader.error(entry.pos, std::move(message));
}

void read_consumer(Reader& reader, const Entry& entry, Draft& draft) {
    ConsumerSpec consumer;
    consumer.pos = reader.source_pos(entry.pos);
    MaxAttemptsSources max_attempts;
    RetryDraft retry;
    auto retry_key = [&](const Entry& e) { read_retry_key(reader, e, retry); };
    std::vector<KeyRule> rules = {
        {"name", true, [&](const Entry& e) { consumer.name = read_name(reader, e).value_or(""); }},
        {"policy", false,
         [&](const Entry& e) { consumer.policy = read_keyword(reader, e, "policy", policies).value_or(consumer.policy); }},
        {"on_all_busy", false, [&](const Entry& e) { read_on_all_busy(reader, e, consumer, max_attempts); }},
        {"max_attempts", false,
         [&](const Entry& e) {
             max_attempts.in_consumer = e.key_pos;
             if (auto n = read_integer(reader, e, 1, max_attempts_limit)) {
                 consumer.max_attempts = static_cast<std::uint32_t>(*n);
             }
         }},
        {"choose_time", false,
         [&](const Entry& e) { consumer.choose_time = read_distribution(reader, e).value_or(consumer.choose_time); }},
        {"sessions", false,
         [&](const Entry& e) {
             for_each_item(reader, e, "each session", [&](const Entry& item) { read_session(reader, item, consumer, draft); });
         }},
        {"workload", false, [&](const Entry& e) { read_workload(reader, e, consumer); }},
        {"timeout", false, retry_key},
        {"retries", false, retry_key},
        {"backoff", false, retry_key},
    };
    for (std::string_view key : log_consumer_keys()) {
        rules.push_back({key, false, [&](const Entry& e) { reader.error(e.key_pos, needs_log_model(e.key, "consumers")); },
                         {}, false});
    }
    read_mapping(reader, entry, "consumer", rules);
    finish_retry(reader, retry, consumer.retry);
    if (max_attempts.in_consumer && max_attempts.in_retry) {
        // Report the later one; the earlier is what a reader of the file sees first.
        Pos first = *max_attempts.in_consumer;
        Pos second = *max_attempts.in_retry;
        if (std::pair{second.line, second.column} < std::pair{first.line, first.column}) std::swap(first, second);
        reader.error(second, "'max_attempts' is given twice, here and at line " + std::to_string(first.line) +
                                 " (on_all_busy's max_attempts sets the same limit); keep one");
    }
    draft.spec.consumers.push_back(std::move(consumer));
}

}  // namespace

std::span<const std::string_view> dictionary_consumer_keys() { return dictionary_keys; }

void read_consumers(Reader& reader, const Entry& entry, Draft& draft) {
    if (entry.value.IsScalar() && draft.log_model()) {
        reader.error(entry.pos, "the log model's consumers each name their group and topics: list them, e.g. "
                                "consumers: [{name: c1, group: g1, topics: [orders]}]");
        return;
    }
    if (entry.value.IsScalar()) {
        const auto count = read_integer(reader, entry, 0, max_actors);
        if (!count || !reader.charge(entry.pos, *count, 0)) return;
        for (std::uint64_t i = 1; i <= *count; ++i) {
            ConsumerSpec consumer;
            consumer.name = numbered_name('c', i);
            consumer.pos = reader.source_pos(entry.pos);
            draft.spec.consumers.push_back(std::move(consumer));
        }
        return;
    }
    if (!entry.value.IsSequence()) {
        reader.error(entry.pos, "'consumers' must be a list of consumers or a number of consumers, got " +
                                    describe(entry.value));
        return;
    }
    for_each_item(reader, entry, "each consumer", [&](const Entry& item) {
        if (draft.log_model()) {
            read_log_consumer(reader, item, draft);
        } else {
            read_consumer(reader, item, draft);
        }
    });
}

void resolve_session_brokers(Reader& reader, Draft& draft) {
    std::vector<std::string_view> broker_names;
    for (const BrokerSpec& broker : draft.spec.brokers) broker_names.push_back(broker.name);
    for (const SessionBrokerRef& ref : draft.session_brokers) {
        const auto found = std::find(broker_names.begin(), broker_names.end(), ref.name);
        if (found == broker_names.end()) {
            reader.error(ref.pos, "unknown broker " + quote_for_message(ref.name) + " in the session" +
                                      suggestion(ref.name, broker_names, "brokers"));
            continue;
        }
        draft.spec.consumers[ref.consumer].sessions[ref.session].broker =
            static_cast<std::uint32_t>(found - broker_names.begin());
    }
}

}  // namespace kafkasim::scenario_detail
