// The log model's expect: subjects. Each holds its keys in a mapping of its
// own, under the subject key:
//   partition: {topic: orders, partition: 1, end_offset: 3,
//               records: [{key: user-1, value: v-1}, ...]}
//   group: {name: g1, assignment: {c1: [orders-0, orders-2], c2: []},
//           committed: {orders-0: 5}, lag: 0, duplicates: 0, rebalances: 2}
// Topic-partitions are written "TOPIC-N" and split at the last '-' (topic
// names may hold '-'). Topics, partition numbers, groups and members are
// checked by check_expect (read_expect_names.cpp) once every section is read.
#include "scenario/expect_item.hpp"
#include "scenario/values.hpp"

#include <limits>

namespace kafkasim::scenario_detail {
namespace {

constexpr std::uint64_t count_max = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t partition_max = std::numeric_limits<std::uint32_t>::max();

// False (reported) in the dictionary model.
bool log_model_subject(ExpectItem& item, std::string_view subject) {
    if (item.draft.log_model()) return true;
    for (const YamlPair& pair : item.entry.value.pairs()) {
        if (pair.first.IsScalar() && pair.first.Scalar() == subject) {
            item.reader.error(node_pos(pair.first, item.entry.pos),
                              quote_for_message(subject) + " checks the log model's " +
                                  (subject == "group" ? "consumer groups" : "partitions") + ": it needs `model: log`");
            break;
        }
    }
    return false;
}

std::optional<std::uint64_t> read_count(Reader& reader, const Entry& entry) { return read_integer(reader, entry, 0, count_max); }

// "orders-2" -> {orders, 2}, reported at `pos` when it is not TOPIC-N.
std::optional<TopicPartitionName> parse_topic_partition(Reader& reader, std::string_view text, Pos pos) {
    const std::size_t dash = text.rfind('-');
    if (dash != std::string_view::npos && dash > 0) {
        if (auto partition = parse_integer(text.substr(dash + 1), 0, partition_max)) {
            return TopicPartitionName{std::string(text.substr(0, dash)), static_cast<std::uint32_t>(*partition)};
        }
    }
    reader.error(pos, quote_for_message(text) + " is not a topic-partition: write the topic, '-' and the partition "
                                                "number, e.g. 'orders-0'");
    return std::nullopt;
}

// The name's topic and partition, checked once the topics are known.
void ref_partition(ExpectItem& item, const TopicPartitionName& name, Pos pos, Pos partition_pos) {
    ExpectRef ref{.kind = ExpectRef::Kind::topic_partition, .text = name.topic, .pos = pos};
    ref.partition = name.partition;
    ref.partition_pos = partition_pos;
    item.ref(std::move(ref));
}

std::optional<TopicPartitionName> read_topic_partition(ExpectItem& item, const Entry& entry) {
    auto text = read_name(item.reader, entry);
    if (!text) return std::nullopt;
    auto name = parse_topic_partition(item.reader, *text, entry.pos);
    if (name) ref_partition(item, *name, entry.pos, entry.pos);
    return name;
}

// A record of the log: {key, value}, either left out to match anything, or
// a plain string meaning {value: ...}.
ExpectLogRecord read_log_record(Reader& reader, const Entry& entry) {
    ExpectLogRecord record;
    if (entry.value.IsScalar()) {
        record.value = read_string(reader, entry);
        return record;
    }
    const KeyRule rules[] = {
        {"key", false, [&](const Entry& e) { record.key = read_string(reader, e); }},
        {"value", false, [&](const Entry& e) { record.value = read_string(reader, e); }},
    };
    read_mapping(reader, entry, "record", rules);
    return record;
}

}  // namespace

void read_partition_expectation(ExpectItem& item) {
    Reader& reader = item.reader;
    ExpectPartition partition;
    std::vector<KeyRule> rules = {
        {"partition", false,
         [&](const Entry& e) {
             if (!item.draft.log_model()) return;  // reported below
             std::optional<Pos> topic_pos;
             std::optional<Pos> number_pos;
             const KeyRule inner[] = {
                 {"topic", true,
                  [&](const Entry& t) {
                      partition.topic = read_name(reader, t).value_or("");
                      topic_pos = t.pos;
                  }},
                 {"partition", true,
                  [&](const Entry& p) {
                      partition.partition = static_cast<std::uint32_t>(read_integer(reader, p, 0, partition_max).value_or(0));
                      number_pos = p.pos;
                  }},
                 {"end_offset", false, [&](const Entry& o) { partition.end_offset = read_count(reader, o); }},
                 {"records", false,
                  [&](const Entry& r) {
                      partition.records.emplace();
                      for_each_item(reader, r, "each record", [&](const Entry& record) {
                          partition.records->push_back(read_log_record(reader, record));
                      });
                  }},
             };
             read_mapping(reader, e, "partition expectation", inner);
             if (!partition.topic.empty() && number_pos) {
                 ref_partition(item, {partition.topic, partition.partition}, *topic_pos, *number_pos);
             }
         }},
    };
    read_item_mapping(item, "partition expectation", std::move(rules));
    if (!log_model_subject(item, "partition")) return;
    item.spec.check = std::move(partition);
}

void read_group_expectation(ExpectItem& item) {
    Reader& reader = item.reader;
    ExpectGroup group;
    std::vector<KeyRule> rules = {
        {"group", false,
         [&](const Entry& e) {
             if (!item.draft.log_model()) return;  // reported below
             std::vector<std::pair<std::string, Pos>> members;  // checked once the name is known
             const KeyRule inner[] = {
                 {"name", true,
                  [&](const Entry& n) {
                      group.group = read_name(reader, n).value_or("");
                      if (!group.group.empty()) item.ref(ExpectRef::Kind::group, group.group, n.pos);
                  }},
                 {"assignment", false,
                  [&](const Entry& a) {
                      group.assignment.emplace();
                      for_each_entry(reader, a, "consumer", [&](const Entry& consumer) {
                          members.emplace_back(consumer.key, consumer.key_pos);
                          std::vector<TopicPartitionName> partitions;
                          Entry list = consumer;
                          list.label = "the partitions of " + quote_for_message(consumer.key);
                          for_each_item(reader, list, "each partition of " + quote_for_message(consumer.key),
                                        [&](const Entry& p) {
                                            if (auto name = read_topic_partition(item, p)) partitions.push_back(*name);
                                        });
                          group.assignment->emplace_back(consumer.key, std::move(partitions));
                      });
                  }},
                 {"committed", false,
                  [&](const Entry& c) {
                      group.committed.emplace();
                      for_each_entry(reader, c, "partition", [&](const Entry& offset) {
                          const auto name = parse_topic_partition(reader, offset.key, offset.key_pos);
                          if (name) ref_partition(item, *name, offset.key_pos, offset.key_pos);
                          const auto value = read_count(reader, offset);
                          if (name && value) group.committed->emplace_back(*name, *value);
                      });
                  }},
                 {"lag", false, [&](const Entry& n) { group.lag = read_count(reader, n); }},
                 {"duplicates", false, [&](const Entry& n) { group.duplicates = read_count(reader, n); }},
                 {"rebalances", false, [&](const Entry& n) { group.rebalances = read_count(reader, n); }},
             };
             read_mapping(reader, e, "group expectation", inner);
             for (auto& [name, pos] : members) {
                 ExpectRef ref{.kind = ExpectRef::Kind::group_member, .text = std::move(name), .pos = pos};
                 ref.group = group.group;
                 item.ref(std::move(ref));
             }
         }},
    };
    read_item_mapping(item, "group expectation", std::move(rules));
    if (!log_model_subject(item, "group")) return;
    item.spec.check = std::move(group);
}

}  // namespace kafkasim::scenario_detail
