// A consumer of the log model: a member of a consumer group that pulls.
//   {name, group, topics: [T, ...], poll_interval, max_poll_records,
//    process_time, commit: auto | after_poll | manual, auto_commit_interval,
//    join_at, leave_at, commit_at: [times], timeout}
// The group and topics are names, resolved by resolve_log (read_log.cpp)
// once every section is read. The dictionary model's consumer keys
// (policy, sessions, ...) are reported as such, not as unknown keys.
#include "scenario/duration.hpp"
#include "scenario/log_words.hpp"
#include "scenario/sections.hpp"

#include <algorithm>
#include <limits>

namespace kafkasim::scenario_detail {
namespace {

constexpr std::string_view log_keys[] = {"group", "topics", "poll_interval", "max_poll_records", "process_time",
                                         "commit", "auto_commit_interval", "join_at", "leave_at", "commit_at"};

}  // namespace

std::span<const std::string_view> log_consumer_keys() { return log_keys; }

void read_log_consumer(Reader& reader, const Entry& entry, Draft& draft) {
    ConsumerSpec consumer;
    consumer.pos = reader.source_pos(entry.pos);
    LogConsumerRefs refs;
    refs.consumer = draft.spec.consumers.size();
    RetryDraft retry;
    std::optional<Entry> leave_entry;
    std::vector<KeyRule> rules = {
        {"name", true, [&](const Entry& e) { consumer.name = read_name(reader, e).value_or(""); }},
        {"group", true,
         [&](const Entry& e) {
             if (auto name = read_name(reader, e)) refs.group = NameRef{std::move(*name), e.pos};
         },
         "the consumer group it joins, e.g. group: g1"},
        {"topics", true,
         [&](const Entry& e) {
             for_each_item(reader, e, "each topic", [&](const Entry& item) {
                 if (auto name = read_name(reader, item)) refs.topics.push_back({std::move(*name), item.pos});
             });
             if (e.value.IsSequence() && e.value.size() == 0) reader.error(e.pos, "'topics' must name at least one topic");
         },
         "the topics it subscribes to, e.g. topics: [orders]"},
        {"poll_interval", false,
         [&](const Entry& e) { consumer.poll_interval_ns = read_positive_duration(reader, e).value_or(consumer.poll_interval_ns); }},
        {"max_poll_records", false,
         [&](const Entry& e) {
             if (auto n = read_integer(reader, e, 1, std::numeric_limits<std::uint32_t>::max())) {
                 consumer.max_poll_records = static_cast<std::uint32_t>(*n);
             }
         }},
        {"process_time", false,
         [&](const Entry& e) { consumer.process_time = read_distribution(reader, e).value_or(consumer.process_time); }},
        {"commit", false,
         [&](const Entry& e) { consumer.commit = read_keyword(reader, e, "commit", commit_words).value_or(consumer.commit); }},
        {"auto_commit_interval", false,
         [&](const Entry& e) {
             consumer.auto_commit_interval_ns = read_positive_duration(reader, e).value_or(consumer.auto_commit_interval_ns);
         }},
        {"join_at", false, [&](const Entry& e) { consumer.join_at_ns = read_duration(reader, e).value_or(0); }},
        {"leave_at", false,
         [&](const Entry& e) {
             leave_entry = e;
             consumer.leave_at_ns = read_duration(reader, e);
         }},
        {"commit_at", false,
         [&](const Entry& e) {
             for_each_item(reader, e, "each time of 'commit_at'", [&](const Entry& item) {
                 if (auto at = read_duration(reader, item)) consumer.commit_at_ns.push_back(*at);
             });
             std::sort(consumer.commit_at_ns.begin(), consumer.commit_at_ns.end());
         }},
        {"timeout", false, [&](const Entry& e) { read_retry_key(reader, e, retry); }},
    };
    for (std::string_view key : {"retries", "backoff"}) {
        rules.push_back({key, false, [&](const Entry& e) {
                             reader.error(e.key_pos, quote_for_message(e.key) +
                                                         " is not used by the log model's consumers: a request not "
                                                         "answered within 'timeout' is given up, and the next poll or "
                                                         "heartbeat asks again");
                         }});
    }
    for (std::string_view key : dictionary_consumer_keys()) {
        rules.push_back({key, false,
                         [&](const Entry& e) {
                             reader.error(e.key_pos, not_in_log_model(e.key, "consumers",
                                                                      " (a log consumer joins a 'group' and polls its "
                                                                      "'topics')"));
                         },
                         {}, false});
    }
    read_mapping(reader, entry, "consumer", rules);
    finish_retry(reader, retry, consumer.retry);
    if (leave_entry && consumer.leave_at_ns && *consumer.leave_at_ns <= consumer.join_at_ns) {
        reader.error(leave_entry->pos, "'leave_at' (" + format_duration(*consumer.leave_at_ns) +
                                           ") must be later than 'join_at' (" + format_duration(consumer.join_at_ns) + ")");
    }
    draft.spec.consumers.push_back(std::move(consumer));
    draft.log_consumers.push_back(std::move(refs));
}

}  // namespace kafkasim::scenario_detail
