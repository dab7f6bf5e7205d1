// The log model's top-level keys: `model: dictionary | log` (read before
// every other key, so each reader knows which model's keys it accepts),
// `topics:` [{name, partitions}] and `groups:` [{name, assignment,
// session_timeout, heartbeat_interval, auto_offset_reset, coordinator}];
// and resolve_log, which ties the names consumers, producers and groups
// give to the topics, groups and brokers once the whole file is read (any
// section may come first).
//
// `until` is not required of a log scenario whose consumers never leave,
// though they poll forever: the example (a documented interface)
// has neither, so ending such a run is the engine's to decide.
#include "core/log/coordinator.hpp"
#include "text/utf8_text.hpp"
#include "scenario/duration.hpp"
#include "scenario/log_words.hpp"
#include "scenario/sections.hpp"

#include <algorithm>
#include <map>

namespace kafkasim::scenario_detail {
namespace {

// A topic's partitions: enough for any lesson, and a typo's extra zeros
// stop here rather than in the engine's memory.
constexpr std::uint64_t partitions_max = 10'000;
// Kafka's heartbeat.interval.ms default, and its rule of thumb: at most a
// third of the session timeout, so two heartbeats can be lost in a row.
constexpr TimeNs heartbeat_interval_default_ns = 3 * ns_per_s;

void read_topic(Reader& reader, const Entry& entry, Draft& draft, std::map<std::string, Pos, std::less<>>& seen) {
    LogTopicSpec topic;
    topic.pos = reader.source_pos(entry.pos);
    Pos name_pos = entry.pos;
    const KeyRule rules[] = {
        {"name", true,
         [&](const Entry& e) {
             topic.name = read_name(reader, e).value_or("");
             name_pos = e.pos;
         }},
        {"partitions", false,
         [&](const Entry& e) {
             const auto partitions = read_integer(reader, e, 1, partitions_max);
             // Charged: each partition is a log the engine keeps.
             if (partitions && reader.charge(e.pos, *partitions, 0)) topic.partitions = static_cast<std::uint32_t>(*partitions);
         }},
    };
    if (!read_mapping(reader, entry, "topic", rules) || topic.name.empty()) return;
    auto [previous, inserted] = seen.emplace(topic.name, name_pos);
    if (!inserted) {
        reader.error(name_pos, "duplicate topic " + quote_for_message(topic.name) + " (first declared at line " +
                                   std::to_string(previous->second.line) + ")");
        return;
    }
    draft.spec.topics.push_back(std::move(topic));
}

void read_group(Reader& reader, const Entry& entry, Draft& draft, std::map<std::string, Pos, std::less<>>& seen) {
    GroupSpec group;
    group.pos = reader.source_pos(entry.pos);
    Pos name_pos = entry.pos;
    std::optional<NameRef> coordinator;
    std::optional<Entry> session_entry;
    std::optional<Entry> heartbeat_entry;
    std::optional<TimeNs> heartbeat_ns;
    const KeyRule rules[] = {
        {"name", true,
         [&](const Entry& e) {
             group.name = read_name(reader, e).value_or("");
             name_pos = e.pos;
         }},
        {"assignment", false,
         [&](const Entry& e) {
             group.assignment = read_keyword(reader, e, "assignment", assignment_words).value_or(group.assignment);
         }},
        {"session_timeout", false,
         [&](const Entry& e) {
             session_entry = e;
             group.session_timeout_ns = read_positive_duration(reader, e).value_or(group.session_timeout_ns);
         }},
        {"heartbeat_interval", false,
         [&](const Entry& e) {
             heartbeat_entry = e;
             heartbeat_ns = read_positive_duration(reader, e);
         }},
        {"auto_offset_reset", false,
         [&](const Entry& e) {
             group.auto_offset_reset =
                 read_keyword(reader, e, "auto_offset_reset", offset_reset_words).value_or(group.auto_offset_reset);
         }},
        {"coordinator", false,
         [&](const Entry& e) {
             if (auto name = read_name(reader, e)) coordinator = NameRef{std::move(*name), e.pos};
         }},
    };
    if (!read_mapping(reader, entry, "group", rules)) return;
    if (heartbeat_ns) {
        group.heartbeat_interval_ns = *heartbeat_ns;
        if (*heartbeat_ns >= group.session_timeout_ns) {
            reader.error(heartbeat_entry->pos, "'heartbeat_interval' (" + format_duration(*heartbeat_ns) +
                                                   ") must be shorter than 'session_timeout' (" +
                                                   format_duration(group.session_timeout_ns) +
                                                   "): the coordinator removes a member it has not heard from "
                                                   "within its session timeout");
        }
    } else if (!heartbeat_entry) {
        group.heartbeat_interval_ns = std::min(heartbeat_interval_default_ns, group.session_timeout_ns / 3);
        if (group.heartbeat_interval_ns == 0 && session_entry) {
            reader.error(session_entry->pos, "'session_timeout' (" + format_duration(group.session_timeout_ns) +
                                                 ") leaves no time for a heartbeat (by default a third of it): give at "
                                                 "least 3ns, or a 'heartbeat_interval'");
        }
    }
    if (group.name.empty()) return;
    auto [previous, inserted] = seen.emplace(group.name, name_pos);
    if (!inserted) {
        reader.error(name_pos, "duplicate group " + quote_for_message(group.name) + " (first given at line " +
                                   std::to_string(previous->second.line) + ")");
        return;
    }
    draft.spec.groups.push_back(std::move(group));
    draft.group_coordinators.push_back(std::move(coordinator));
}

template <class Items>
std::vector<std::string_view> names_of(const Items& items) {
    std::vector<std::string_view> names;
    for (const auto& item : items) names.push_back(item.name);
    return names;
}

// The index of `ref` among the declared topics, or nullopt after "unknown topic".
std::optional<std::uint32_t> find_topic(Reader& reader, const std::vector<std::string_view>& topics, const NameRef& ref,
                                        std::string_view where) {
    const auto found = std::find(topics.begin(), topics.end(), ref.name);
    if (found != topics.end()) return static_cast<std::uint32_t>(found - topics.begin());
    std::string message = "unknown topic " + quote_for_message(ref.name) + " in " + std::string(where);
    if (topics.empty()) {
        message += ": the scenario declares no topics (the log model lists them at the top level, e.g. topics: "
                   "[{name: orders, partitions: 3}])";
    } else {
        message += suggestion(ref.name, topics, "topics");
    }
    reader.error(ref.pos, std::move(message));
    return std::nullopt;
}

// Every group a consumer names has a GroupSpec: the listed ones, then one
// with the defaults per group first named by a consumer, in file order.
void resolve_consumer_groups(Reader& reader, Draft& draft, const std::vector<std::string_view>& topics) {
    ScenarioSpec& spec = draft.spec;
    for (const LogConsumerRefs& refs : draft.log_consumers) {
        ConsumerSpec& consumer = spec.consumers[refs.consumer];
        if (refs.group) {
            const auto is_named = [&](const GroupSpec& group) { return group.name == refs.group->name; };
            const auto found = std::find_if(spec.groups.begin(), spec.groups.end(), is_named);
            consumer.group = static_cast<std::uint32_t>(found - spec.groups.begin());
            if (found == spec.groups.end()) {
                GroupSpec group;
                group.name = refs.group->name;
                group.pos = reader.source_pos(refs.group->pos);
                spec.groups.push_back(std::move(group));
            }
        }
        for (const NameRef& ref : refs.topics) {
            const auto topic = find_topic(reader, topics, ref, "the consumer's topics");
            if (!topic) continue;
            if (std::find(consumer.topics.begin(), consumer.topics.end(), *topic) != consumer.topics.end()) {
                reader.error(ref.pos, "topic " + quote_for_message(ref.name) + " is listed twice in the consumer's topics");
                continue;
            }
            consumer.topics.push_back(*topic);
        }
    }
}

void resolve_coordinators(Reader& reader, Draft& draft) {
    const std::vector<std::string_view> brokers = names_of(draft.spec.brokers);
    for (std::size_t g = 0; g < draft.group_coordinators.size(); ++g) {
        const std::optional<NameRef>& ref = draft.group_coordinators[g];
        if (!ref) continue;
        const auto found = std::find(brokers.begin(), brokers.end(), ref->name);
        if (found == brokers.end()) {
            reader.error(ref->pos, "unknown broker " + quote_for_message(ref->name) + " as the group's coordinator" +
                                       suggestion(ref->name, brokers, "brokers"));
            continue;
        }
        draft.spec.groups[g].coordinator = static_cast<std::uint32_t>(found - brokers.begin());
    }
    // The others: Kafka's rule (core/log/coordinator.hpp), the leader of
    // the group's __consumer_offsets partition.
    if (brokers.empty()) return;
    for (GroupSpec& group : draft.spec.groups) {
        if (!group.coordinator) {
            group.coordinator = log::default_coordinator(java_string_hash(group.name), static_cast<std::uint32_t>(brokers.size()));
        }
    }
}

}  // namespace

std::string needs_log_model(std::string_view key, std::string_view whose) {
    return quote_for_message(key) + " is a key of the log model's " + std::string(whose) +
           ": it needs `model: log` at the top of the scenario";
}

std::string not_in_log_model(std::string_view key, std::string_view whose, std::string_view why) {
    return quote_for_message(key) + " is a key of the dictionary model's " + std::string(whose) +
           ", not of `model: log`" + std::string(why);
}

void read_model(Reader& reader, const Entry& document, Draft& draft) {
    for (const YamlPair& pair : document.value.pairs()) {
        if (!pair.first.IsScalar() || pair.first.Scalar() != "model") continue;
        // Of duplicate keys the first counts (read_mapping reports the others).
        Entry entry;
        entry.key = "model";
        entry.key_pos = node_pos(pair.first, document.pos);
        entry.pos = pair.second.IsNull() ? entry.key_pos : node_pos(pair.second, entry.key_pos);
        entry.label = "'model'";
        entry.value = pair.second;
        draft.spec.model = read_keyword(reader, entry, "model", model_words).value_or(draft.spec.model);
        return;
    }
}

void read_log_topics(Reader& reader, const Entry& entry, Draft& draft) {
    if (!draft.log_model()) {
        reader.error(entry.key_pos, "'topics' at the top level declares the log model's topics: it needs `model: log` "
                                    "(the dictionary model's topics are each broker's 'topics')");
        return;
    }
    std::map<std::string, Pos, std::less<>> seen;
    for_each_item(reader, entry, "each topic", [&](const Entry& item) { read_topic(reader, item, draft, seen); });
}

void read_groups(Reader& reader, const Entry& entry, Draft& draft) {
    if (!draft.log_model()) {
        reader.error(entry.key_pos, "'groups' declares the log model's consumer groups: it needs `model: log`");
        return;
    }
    std::map<std::string, Pos, std::less<>> seen;
    for_each_item(reader, entry, "each group", [&](const Entry& item) { read_group(reader, item, draft, seen); });
}

void resolve_log(Reader& reader, Draft& draft) {
    if (!draft.log_model()) return;
    // spec.topics is not changed below: the views stay valid.
    const std::vector<std::string_view> topics = names_of(draft.spec.topics);
    for (const TopicRef& ref : draft.producer_topics) find_topic(reader, topics, ref.topic, ref.where);
    resolve_consumer_groups(reader, draft, topics);
    resolve_coordinators(reader, draft);
}

}  // namespace kafkasim::scenario_detail
