// check_expect: the names an expect: entry mentions (brokers, consumers, any
// actor, and the actor part of a stat path; the log model's topic-partitions,
// groups and group members) must exist. Checked after the
// whole file is read, since expect: may come before the actors it names.
#include "scenario/sections.hpp"

#include <algorithm>
#include <array>

namespace kafkasim::scenario_detail {
namespace {

// The stats JSON's top-level fields (README, "Stats JSON"); fields are only
// ever added there, so a name missing here is a typo. The last three are the
// log model's only.
constexpr std::array<std::string_view, 13> stat_roots = {
    "scenario", "seed", "end_time_us", "events", "status", "brokers", "producers", "consumers",
    "violation_counts", "violations", "model", "topics", "groups"};
constexpr std::array<std::string_view, 3> log_stat_roots = {"model", "topics", "groups"};

template <class Actors>
std::vector<std::string_view> names_of(const Actors& actors) {
    std::vector<std::string_view> names;
    for (const auto& actor : actors) names.push_back(actor.name);
    return names;
}

bool contains(const std::vector<std::string_view>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

void unknown(Reader& reader, Pos pos, std::string_view kind, std::string_view name,
             const std::vector<std::string_view>& names, std::string_view where) {
    reader.error(pos, "unknown " + std::string(kind) + " " + quote_for_message(name) + std::string(where) +
                          suggestion(name, names, std::string(kind) + "s"));
}

// "brokers.b1.requests_served": the root must be a stats field and, under
// brokers/producers/consumers, the next part an actor of that kind, under
// topics a declared topic, under groups a group (names may contain dots: the
// longest name that fits wins, as in JsonValue::find_path). The fields below
// are checked against the stats themselves before the run (check/stat_paths).
void check_stat_path(Reader& reader, const ScenarioSpec& spec, const ExpectRef& ref) {
    const std::string_view path = ref.text;
    const std::string_view root = path.substr(0, path.find('.'));
    if (std::find(stat_roots.begin(), stat_roots.end(), root) == stat_roots.end()) {
        reader.error(ref.pos, "unknown stat " + quote_for_message(root) + " in " + quote_for_message(path) +
                                  suggestion(root, stat_roots, "top-level fields"));
        return;
    }
    const bool log_root = std::find(log_stat_roots.begin(), log_stat_roots.end(), root) != log_stat_roots.end();
    if (log_root && spec.model != BrokerModel::log) {
        reader.error(ref.pos, "stat " + quote_for_message(root) + " in " + quote_for_message(path) +
                                  " is the log model's: it needs `model: log`");
        return;
    }
    std::vector<std::string_view> names;
    std::string_view kind;
    if (root == "brokers") {
        names = names_of(spec.brokers);
        kind = "broker";
    } else if (root == "producers") {
        names = names_of(spec.producers);
        kind = "producer";
    } else if (root == "consumers") {
        names = names_of(spec.consumers);
        kind = "consumer";
    } else if (root == "topics") {
        names = names_of(spec.topics);
        kind = "topic";
    } else if (root == "groups") {
        names = names_of(spec.groups);
        kind = "group";
    }
    if (kind.empty() || root.size() == path.size()) return;
    const std::string_view rest = path.substr(root.size() + 1);
    for (std::string_view name : names) {
        if (rest.size() >= name.size() && rest.substr(0, name.size()) == name &&
            (rest.size() == name.size() || rest[name.size()] == '.')) {
            return;
        }
    }
    const std::string_view written = rest.substr(0, rest.find('.'));
    unknown(reader, ref.pos, kind, written, names, " in stat " + quote_for_message(path));
}

// "orders-5": the topic is declared and has that partition.
void check_topic_partition(Reader& reader, const ScenarioSpec& spec, const ExpectRef& ref) {
    const auto topic = std::find_if(spec.topics.begin(), spec.topics.end(),
                                    [&](const LogTopicSpec& t) { return t.name == ref.text; });
    if (topic == spec.topics.end()) {
        unknown(reader, ref.pos, "topic", ref.text, names_of(spec.topics), "");
        return;
    }
    if (ref.partition >= topic->partitions) {
        reader.error(ref.partition_pos, "topic " + quote_for_message(ref.text) + " has no partition " +
                                            std::to_string(ref.partition) + " (its partitions are 0 to " +
                                            std::to_string(topic->partitions - 1) + ")");
    }
}

// A consumer listed in a group's assignment must be one of its members.
void check_group_member(Reader& reader, const ScenarioSpec& spec, const ExpectRef& ref) {
    const auto consumer = std::find_if(spec.consumers.begin(), spec.consumers.end(),
                                       [&](const ConsumerSpec& c) { return c.name == ref.text; });
    if (consumer == spec.consumers.end()) {
        unknown(reader, ref.pos, "consumer", ref.text, names_of(spec.consumers), "");
        return;
    }
    if (consumer->group < spec.groups.size() && spec.groups[consumer->group].name != ref.group) {
        reader.error(ref.pos, "consumer " + quote_for_message(ref.text) + " is not a member of group " +
                                  quote_for_message(ref.group) + " (it is in " +
                                  quote_for_message(spec.groups[consumer->group].name) + ")");
    }
}

}  // namespace

void check_expect(Reader& reader, const Draft& draft) {
    const ScenarioSpec& spec = draft.spec;
    const std::vector<std::string_view> brokers = names_of(spec.brokers);
    const std::vector<std::string_view> consumers = names_of(spec.consumers);
    std::vector<std::string_view> actors = brokers;
    for (std::string_view name : names_of(spec.producers)) actors.push_back(name);
    for (std::string_view name : consumers) actors.push_back(name);

    for (const ExpectRef& ref : draft.expect_refs) {
        switch (ref.kind) {
            case ExpectRef::Kind::broker:
                if (!contains(brokers, ref.text)) unknown(reader, ref.pos, "broker", ref.text, brokers, "");
                break;
            case ExpectRef::Kind::consumer:
                if (!contains(consumers, ref.text)) unknown(reader, ref.pos, "consumer", ref.text, consumers, "");
                break;
            case ExpectRef::Kind::actor:
                if (!contains(actors, ref.text)) unknown(reader, ref.pos, "actor", ref.text, actors, "");
                break;
            case ExpectRef::Kind::stat_path: check_stat_path(reader, spec, ref); break;
            case ExpectRef::Kind::topic_partition: check_topic_partition(reader, spec, ref); break;
            case ExpectRef::Kind::group: {
                const std::vector<std::string_view> groups = names_of(spec.groups);
                if (!contains(groups, ref.text)) unknown(reader, ref.pos, "group", ref.text, groups, "");
                break;
            }
            case ExpectRef::Kind::group_member: check_group_member(reader, spec, ref); break;
        }
    }
}

}  // namespace kafkasim::scenario_detail
