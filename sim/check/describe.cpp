// What each entry expects, in words: the "expected" text of its result, and
// the generated name of an entry that has none.
#include <type_traits>

#include "check/check_detail.hpp"
#include "report/format.hpp"

namespace kafkasim {

using namespace check_detail;

namespace {

constexpr std::size_t title_length_max = 100;

std::string state_words(const ExpectBrokerState& expect, std::string_view separator) {
    std::string out;
    if (expect.up) out += *expect.up ? "up" : "down";
    if (expect.up && expect.busy) out += separator;
    if (expect.busy) out += *expect.busy ? "busy" : "idle";
    return out;
}

std::string contains_words(const ExpectBrokerContains& expect) {
    if (!expect.message) return (expect.negated ? "no topic " : "topic ") + quoted(expect.topic);
    return (expect.negated ? "no " : "") + quoted(*expect.message) + " in topic " + quoted(expect.topic);
}

std::string comparison_words(const ExpectStat& expect) {
    using Comparison = ExpectStat::Comparison;
    switch (expect.comparison) {
        case Comparison::equal: return "== " + expect.value_text;
        case Comparison::not_equal: return "!= " + expect.value_text;
        case Comparison::less_equal: return "<= " + expect.value_text;
        case Comparison::greater_equal: return ">= " + expect.value_text;
        case Comparison::less: return "< " + expect.value_text;
        case Comparison::greater: return "> " + expect.value_text;
        case Comparison::approx:
            if (expect.tolerance_percent) return "approx " + expect.value_text + " +/- " + number_text(*expect.tolerance_percent) + "%";
            return "approx " + expect.value_text + " +/- " + number_text(expect.tolerance);
    }
    return {};
}

std::string event_words(const ExpectEvent& expect) {
    std::string out = quantity_text(expect.occurrence, expect.kind + " event", expect.kind + " events");
    if (expect.source) out += " from " + *expect.source;
    if (expect.target) out += " to " + *expect.target;
    if (expect.actor) out += " involving " + *expect.actor;
    return out + window_text(expect.occurrence);
}

std::string consumed_words(const ExpectConsumed& expect) {
    const std::string pattern = item_pattern_text(expect.item);
    const bool any = pattern == "{}";
    std::string out = quantity_text(expect.occurrence, any ? "item" : "item matching " + pattern,
                                    any ? "items" : "items matching " + pattern);
    return out + window_text(expect.occurrence);
}

std::string exactly_words(const ExpectConsumedExactly& expect) {
    std::string out = "[";
    for (std::size_t i = 0; i < expect.items.size(); ++i) out += (i > 0 ? ", " : "") + item_pattern_text(expect.items[i]);
    return shorten(out + "]");
}

std::string invariant_words(ExpectInvariant::Kind kind) {
    switch (kind) {
        case ExpectInvariant::Kind::brokers_identical: return "every broker holds the same dictionary";
        case ExpectInvariant::Kind::acked_writes_present:
            return "every acknowledged publish is still on the broker that acknowledged it (if it is up)";
        case ExpectInvariant::Kind::per_key_order: return "every consumer saw each key's records in the order they were appended";
    }
    return {};
}

std::string invariant_name(ExpectInvariant::Kind kind) {
    switch (kind) {
        case ExpectInvariant::Kind::brokers_identical: return "brokers_identical";
        case ExpectInvariant::Kind::acked_writes_present: return "acked_writes_present";
        case ExpectInvariant::Kind::per_key_order: return "per_key_order";
    }
    return {};
}

// "orders-1", as scenarios write a topic-partition.
std::string partition_name(const std::string& topic, std::uint32_t partition) {
    return topic + "-" + std::to_string(partition);
}

std::string log_records_text(const std::vector<ExpectLogRecord>& records) {
    std::string out = "[";
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::string record;
        if (records[i].key) record += "key " + quoted(*records[i].key);
        if (records[i].value) record += (record.empty() ? "" : ", ") + ("value " + quoted(*records[i].value));
        out += (i > 0 ? ", " : "") + ("{" + record + "}");
    }
    return shorten(out + "]");
}

// "end offset 3, records [...]": the parts the entry checks.
std::string partition_words(const ExpectPartition& expect) {
    std::string out;
    if (expect.end_offset) out += "end offset " + std::to_string(*expect.end_offset);
    if (expect.records) out += (out.empty() ? "" : ", ") + ("records " + log_records_text(*expect.records));
    return out.empty() ? "exists" : out;
}

std::string partitions_text(const std::vector<TopicPartitionName>& partitions) {
    std::string out = "[";
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        out += (i > 0 ? ", " : "") + partition_name(partitions[i].topic, partitions[i].partition);
    }
    return out + "]";
}

// With values ("assignment {c1: [orders-0]}, lag 0") for the expected text;
// `brief`: the long parts by name only ("assignment, lag 0"), for a title.
std::string group_words(const ExpectGroup& expect, bool brief) {
    std::vector<std::string> parts;
    if (expect.assignment) {
        std::string text = "assignment";
        if (!brief) {
            text += " {";
            for (std::size_t i = 0; i < expect.assignment->size(); ++i) {
                const auto& [consumer, partitions] = (*expect.assignment)[i];
                text += (i > 0 ? ", " : "") + consumer + ": " + partitions_text(partitions);
            }
            text += "}";
        }
        parts.push_back(shorten(std::move(text)));
    }
    if (expect.committed) {
        std::string text = "committed";
        if (!brief) {
            text += " {";
            for (std::size_t i = 0; i < expect.committed->size(); ++i) {
                const auto& [partition, offset] = (*expect.committed)[i];
                text += (i > 0 ? ", " : "") + partition_name(partition.topic, partition.partition) + ": " +
                        std::to_string(offset);
            }
            text += "}";
        }
        parts.push_back(shorten(std::move(text)));
    }
    if (expect.lag) parts.push_back("lag " + std::to_string(*expect.lag));
    if (expect.duplicates) parts.push_back("duplicates " + std::to_string(*expect.duplicates));
    if (expect.rebalances) parts.push_back("rebalances " + std::to_string(*expect.rebalances));
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? ", " : "") + parts[i];
    return out.empty() ? "exists" : out;
}

}  // namespace

namespace check_detail {

std::string expected_text(const ExpectationSpec& expectation) {
    return std::visit(
        [](const auto& expect) -> std::string {
            using T = std::decay_t<decltype(expect)>;
            if constexpr (std::is_same_v<T, ExpectBrokerTopics>) return dictionary_text(dictionary_of(expect.topics));
            if constexpr (std::is_same_v<T, ExpectBrokerContains>) return contains_words(expect);
            if constexpr (std::is_same_v<T, ExpectBrokerState>) return state_words(expect, ", ");
            if constexpr (std::is_same_v<T, ExpectConsumed>) return consumed_words(expect);
            if constexpr (std::is_same_v<T, ExpectConsumedExactly>) {
                return count_text(expect.items.size(), "item", "items") + ": " + exactly_words(expect);
            }
            if constexpr (std::is_same_v<T, ExpectStat>) return comparison_words(expect);
            if constexpr (std::is_same_v<T, ExpectEvent>) return event_words(expect);
            if constexpr (std::is_same_v<T, ExpectInvariant>) return invariant_words(expect.kind);
            if constexpr (std::is_same_v<T, ExpectFingerprint>) return expect.hex;
            if constexpr (std::is_same_v<T, ExpectViolation>) {
                return quantity_text(expect.occurrence, expect.monitor + " violation", expect.monitor + " violations") +
                       window_text(expect.occurrence);
            }
            if constexpr (std::is_same_v<T, ExpectPartition>) return partition_words(expect);
            if constexpr (std::is_same_v<T, ExpectGroup>) return group_words(expect, false);
        },
        expectation.check);
}

}  // namespace check_detail

std::string describe_expectation(const ExpectationSpec& expectation) {
    const std::string text = std::visit(
        [](const auto& expect) -> std::string {
            using T = std::decay_t<decltype(expect)>;
            if constexpr (std::is_same_v<T, ExpectBrokerTopics>) {
                return expect.broker + " holds exactly " + dictionary_text(dictionary_of(expect.topics));
            }
            if constexpr (std::is_same_v<T, ExpectBrokerContains>) {
                if (!expect.message) return expect.broker + (expect.negated ? " has no topic " : " has topic ") + quoted(expect.topic);
                return expect.broker + (expect.negated ? " does not hold " : " holds ") + quoted(*expect.message) +
                       " in topic " + quoted(expect.topic);
            }
            if constexpr (std::is_same_v<T, ExpectBrokerState>) return expect.broker + " is " + state_words(expect, " and ");
            if constexpr (std::is_same_v<T, ExpectConsumed>) return expect.consumer + " consumed " + consumed_words(expect);
            if constexpr (std::is_same_v<T, ExpectConsumedExactly>) return expect.consumer + " consumed exactly " + exactly_words(expect);
            if constexpr (std::is_same_v<T, ExpectStat>) return expect.path + " " + comparison_words(expect);
            if constexpr (std::is_same_v<T, ExpectEvent>) return event_words(expect);
            if constexpr (std::is_same_v<T, ExpectInvariant>) return "invariant " + invariant_name(expect.kind);
            if constexpr (std::is_same_v<T, ExpectFingerprint>) return "trace fingerprint " + expect.hex;
            if constexpr (std::is_same_v<T, ExpectViolation>) return expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
            if constexpr (std::is_same_v<T, ExpectPartition>) {
                const std::string name = partition_name(expect.topic, expect.partition);
                if (expect.end_offset && !expect.records) return name + " has end offset " + std::to_string(*expect.end_offset);
                if (expect.records && !expect.end_offset) return name + " holds " + log_records_text(*expect.records);
                return name + " has " + partition_words(expect);
            }
            if constexpr (std::is_same_v<T, ExpectGroup>) return "group " + expect.group + ": " + group_words(expect, true);
        },
        expectation.check);
    return shorten(text, title_length_max);
}

std::string expectation_title(const ExpectationSpec& expectation) {
    return expectation.name.empty() ? describe_expectation(expectation) : expectation.name;
}

std::string expectation_kind(const ExpectationSpec& expectation) {
    static constexpr const char* kinds[] = {"broker", "broker", "broker", "consumer", "consumer",
                                            "stat", "event", "invariant", "fingerprint", "violation",
                                            "partition", "group"};
    static_assert(std::size(kinds) == std::variant_size_v<decltype(ExpectationSpec::check)>);
    return kinds[expectation.check.index()];
}

bool needs_fingerprint(const ScenarioSpec& spec) {
    for (const ExpectationSpec& expectation : spec.expectations) {
        if (std::holds_alternative<ExpectFingerprint>(expectation.check)) return true;
    }
    return false;
}

}  // namespace kafkasim
