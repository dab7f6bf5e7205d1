// Checks on the log model's final state (`partition:` and `group:` entries,
// `invariant: per_key_order`): a partition's end offset and records, a
// group's assignment, committed offsets, lag, duplicates and rebalances,
// and the order each consumer saw each key's records in. The measurements
// are core/log_stats.hpp's, the ones the stats JSON prints, so a grade and
// --stats-json never disagree.
//
// The texts: `expected` is the entry in words (describe.cpp); `actual` says
// what the run has for every part the entry checks, each part that differs
// followed by what was expected there ("lag 3 (expected 0)").
#include <algorithm>
#include <tuple>

#include "check/check_detail.hpp"
#include "core/log_stats.hpp"
#include "report/format.hpp"

namespace kafkasim::check_detail {

namespace {

constexpr std::size_t records_shown_max = 5;

ExpectationResult not_log_model(std::string expected) {
    // The loader refuses these entries without `model: log`; a spec built by code may not.
    return {false, std::move(expected), "the scenario runs the dictionary model: this needs `model: log`"};
}

std::optional<std::uint32_t> topic_index(const ScenarioSpec& spec, std::string_view name) {
    for (std::uint32_t t = 0; t < spec.topics.size(); ++t) {
        if (spec.topics[t].name == name) return t;
    }
    return std::nullopt;
}

std::optional<std::size_t> group_index(const ScenarioSpec& spec, std::string_view name) {
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
        if (spec.groups[g].name == name) return g;
    }
    return std::nullopt;
}

std::string key_text(const Simulation& state, StringId key) {
    return key == no_string ? std::string("no key") : "key " + quoted(state.strings().text(key));
}

// {offset 2, key "user-1", value "v-3"}
std::string log_record_text(const log::LogRecord& record, const Simulation& state) {
    return "{offset " + std::to_string(record.offset) + ", " + key_text(state, record.key) + ", value " +
           quoted(state.strings().text(record.value)) + "}";
}

// {key "user-1", value "v-3"}, the fields the pattern gives.
std::string log_pattern_text(const ExpectLogRecord& pattern) {
    std::string out;
    if (pattern.key) out += "key " + quoted(*pattern.key);
    if (pattern.value) out += (out.empty() ? "" : ", ") + ("value " + quoted(*pattern.value));
    return "{" + out + "}";
}

bool log_record_matches(const ExpectLogRecord& pattern, const log::LogRecord& record, const Simulation& state) {
    if (pattern.key && (record.key == no_string || state.strings().text(record.key) != *pattern.key)) return false;
    if (pattern.value && state.strings().text(record.value) != *pattern.value) return false;
    return true;
}

// "3 records: {...}; {...}; ..." (at most records_shown_max).
std::string log_records_text(const std::vector<log::LogRecord>& records, const Simulation& state) {
    if (records.empty()) return "no records";
    return list_text(records.size(), "record", "records", records_shown_max,
                     [&](std::size_t i) { return log_record_text(records[i], state); });
}

// Where `records` first fails the expected list, or "".
std::string records_difference(const std::vector<ExpectLogRecord>& expected, const std::vector<log::LogRecord>& records,
                               const Simulation& state) {
    if (records.size() != expected.size()) {
        return std::to_string(records.size()) + " instead of " + std::to_string(expected.size());
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (log_record_matches(expected[i], records[i], state)) continue;
        return "offset " + std::to_string(i) + " does not match " + log_pattern_text(expected[i]);
    }
    return {};
}

std::string partitions_text(std::vector<std::string> names) {
    std::string out = "[";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i];
    return out + "]";
}

std::string partition_name(const TopicPartitionName& name) { return topic_partition_name(name.topic, name.partition); }

// The parts of a group: entry, each with what the run has and, when it
// differs, what was expected; joined with ", ".
struct Parts {
    std::string text;
    bool passed = true;
    void add(std::string found, std::string expected_there = {}) {
        text += (text.empty() ? "" : ", ") + shorten(std::move(found));
        if (expected_there.empty()) return;
        passed = false;
        text += " (expected " + shorten(std::move(expected_there)) + ")";
    }
};

void assignment_part(Parts& parts, const ExpectGroup& expect, const Context& context, std::size_t g) {
    const ScenarioSpec& spec = context.run.spec();
    const CoordinatedGroup& group = context.state.log_model().groups[g];
    std::string found;
    std::string expected_there;
    for (const auto& [consumer, partitions] : *expect.assignment) {
        std::vector<std::string> want;
        for (const TopicPartitionName& name : partitions) want.push_back(partition_name(name));
        std::vector<std::string> have;
        const auto c = context.consumer_index(consumer);
        const bool member = c && group.find(static_cast<std::uint32_t>(*c)) != nullptr;
        if (member) {
            for (const log::TopicPartition& tp : group.group.assignment(static_cast<std::uint32_t>(*c))) {
                have.push_back(topic_partition_name(spec.topics[tp.topic].name, tp.partition));
            }
        }
        // As sets: the order an entry lists them in does not matter.
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        want.erase(std::unique(want.begin(), want.end()), want.end());
        found += (found.empty() ? "" : ", ") + consumer + ": " + partitions_text(have) + (member ? "" : " (not a member)");
        if (want != have) expected_there += (expected_there.empty() ? "" : ", ") + consumer + ": " + partitions_text(want);
    }
    parts.add("assignment {" + found + "}", expected_there.empty() ? "" : "{" + expected_there + "}");
}

void committed_part(Parts& parts, const ExpectGroup& expect, const Context& context, std::size_t g) {
    const ScenarioSpec& spec = context.run.spec();
    const log::ConsumerGroup& group = context.state.log_model().groups[g].group;
    std::string found;
    std::string expected_there;
    for (const auto& [name, offset] : *expect.committed) {
        const auto t = topic_index(spec, name.topic);
        const std::optional<std::uint64_t> committed =
            t && name.partition < spec.topics[*t].partitions ? group.committed(log::TopicPartition{*t, name.partition})
                                                              : std::nullopt;
        found += (found.empty() ? "" : ", ") + partition_name(name) + ": " +
                 (committed ? std::to_string(*committed) : std::string("never committed"));
        if (committed != offset) {
            expected_there += (expected_there.empty() ? "" : ", ") + partition_name(name) + ": " + std::to_string(offset);
        }
    }
    parts.add("committed {" + found + "}", expected_there.empty() ? "" : "{" + expected_there + "}");
}

// "lag 3 (orders-0: 1, orders-2: 2)": the partitions that lag, when any.
std::string lag_text(const Context& context, const GroupLag& lag) {
    std::string out = "lag " + std::to_string(lag.total);
    std::string lagging;
    for (const auto& [global, value] : lag.partitions) {
        if (value == 0) continue;
        const LogLayout& layout = context.state.log_model().layout;
        lagging += (lagging.empty() ? "" : ", ") +
                   topic_partition_name(context.run.spec().topics[layout.topic_of[global]].name, layout.local(global)) +
                   ": " + std::to_string(value);
    }
    return lagging.empty() ? out : out + " [" + lagging + "]";
}

void count_part(Parts& parts, std::string_view what, std::uint64_t found, std::optional<std::uint64_t> expected,
                std::string found_text = {}) {
    if (!expected) return;
    if (found_text.empty()) found_text = std::string(what) + " " + std::to_string(found);
    parts.add(std::move(found_text), found == *expected ? "" : std::to_string(*expected));
}

}  // namespace

ExpectationResult check_partition(const ExpectPartition& expect, const Context& context) {
    std::string expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    if (!context.state.is_log_model()) return not_log_model(std::move(expected));
    const ScenarioSpec& spec = context.run.spec();
    const auto t = topic_index(spec, expect.topic);
    if (!t) return {false, std::move(expected), "no topic named " + quoted(expect.topic) + " in the scenario"};
    if (expect.partition >= spec.topics[*t].partitions) {
        return {false, std::move(expected),
                "topic " + quoted(expect.topic) + " has no partition " + std::to_string(expect.partition) + " (it has " +
                    count_text(spec.topics[*t].partitions, "partition", "partitions") + ")"};
    }
    const LogModel& model = context.state.log_model();
    const log::PartitionLog& partition = model.partitions[model.layout.global(*t, expect.partition)];
    ExpectationResult result;
    result.expected = std::move(expected);
    result.passed = true;
    result.actual = "end offset " + std::to_string(partition.end_offset());
    if (expect.end_offset && *expect.end_offset != partition.end_offset()) {
        result.passed = false;
        result.actual += " (expected " + std::to_string(*expect.end_offset) + ")";
    }
    result.actual += ", " + log_records_text(partition.records(), context.state);
    if (expect.records) {
        const std::string difference = records_difference(*expect.records, partition.records(), context.state);
        if (!difference.empty()) {
            result.passed = false;
            result.actual += " (" + difference + ")";
        }
    }
    return result;
}

ExpectationResult check_group(const ExpectGroup& expect, const Context& context) {
    std::string expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    if (!context.state.is_log_model()) return not_log_model(std::move(expected));
    const auto g = group_index(context.run.spec(), expect.group);
    if (!g) return {false, std::move(expected), "no group named " + quoted(expect.group) + " in the scenario"};
    const CoordinatedGroup& group = context.state.log_model().groups[*g];
    Parts parts;
    if (expect.assignment) assignment_part(parts, expect, context, *g);
    if (expect.committed) committed_part(parts, expect, context, *g);
    if (expect.lag) {
        const GroupLag lag = group_lag(context.state, *g);
        count_part(parts, "lag", lag.total, expect.lag, lag_text(context, lag));
    }
    if (expect.duplicates) {
        const std::vector<std::uint64_t> per_consumer = consumer_duplicates(context.state);
        std::uint64_t duplicates = 0;
        for (std::size_t c = 0; c < per_consumer.size(); ++c) {
            if (context.run.spec().consumers[c].group == *g) duplicates += per_consumer[c];
        }
        count_part(parts, "duplicates", duplicates, expect.duplicates);
    }
    count_part(parts, "rebalances", group.rebalances, expect.rebalances);
    if (parts.text.empty()) parts.add("generation " + std::to_string(group.group.generation()));
    return {parts.passed, std::move(expected), std::move(parts.text)};
}

// Every consumer's consumptions through the per-key order rule (the
// per_key_order monitor's, core/log_stats.hpp). The detail names the
// earliest break in time (ties: the first consumer in the scenario).
ExpectationResult per_key_order(const Context& context, std::string expected) {
    if (!context.state.is_log_model()) return not_log_model(std::move(expected));
    const Simulation& state = context.state;
    const LogModel& model = state.log_model();
    std::uint64_t keyed = 0;
    std::uint64_t breaks = 0;
    std::optional<std::tuple<TimeNs, std::size_t, LogConsumption, LogConsumption>> first;  // time, consumer, item, before
    for (std::size_t c = 0; c < model.consumers.size(); ++c) {
        KeyOrderTracker tracker;
        for (const LogConsumption& item : model.consumers[c].consumed) {
            if (item.key != no_string) ++keyed;
            const auto broken = tracker.observe(item);
            if (!broken) continue;
            ++breaks;
            if (!first || item.time_ns < std::get<0>(*first)) first.emplace(item.time_ns, c, item, broken->before);
        }
    }
    if (!first) {
        return {true, std::move(expected),
                count_text(keyed, "keyed record", "keyed records") + " consumed, every key in order"};
    }
    const auto& [time_ns, c, item, before] = *first;
    auto where = [&](const LogConsumption& at) {
        const LogLayout& layout = model.layout;
        return topic_partition_name(context.run.spec().topics[layout.topic_of[at.partition]].name, layout.local(at.partition)) +
               "@" + std::to_string(at.offset) + " (appended at " + format_duration_ns(at.appended_ns) + ")";
    };
    return {false, std::move(expected),
            context.run.spec().consumers[c].name + " consumed " + key_text(state, item.key) + " " + where(item) + " at " +
                format_duration_ns(time_ns) + ", after " + where(before) + "; " +
                count_text(breaks, "break", "breaks") + " in all"};
}

}  // namespace kafkasim::check_detail
