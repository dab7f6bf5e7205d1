// faults: a list of what goes wrong and when. Each item is one fault:
//   {at: T, crash: BROKER}
//   {at: T, restart: BROKER, reload_initial: BOOL}
//   {slow: {link: L | actor: A, extra_latency: D, from: T, until: T}}
//   {drop: {link: L | actor: A, probability: P, from: T, until: T}}
//   {partition: {groups: [[A, B], [C]], from: T, until: T}}
// In the log model a crash or restart may name a consumer instead of a broker.
// A link L is "A->B" (one direction), "A<->B" (both), "A" (every link into
// or out of A, like `actor: A`) or "all". `from` defaults to 0; without
// `until` the fault never heals. Names are kept as written and resolved in
// resolve_faults, once every actor is known: faults may come first in the file.
#include "scenario/sections.hpp"
#include "scenario/values.hpp"
#include "scenario/duration.hpp"
#include "scenario/suggest.hpp"
#include "text/decimal.hpp"

#include <charconv>
#include <map>

namespace kafkasim::scenario_detail {
namespace {

constexpr std::string_view fault_kinds_text = "'crash', 'restart', 'slow', 'drop' or 'partition'";

std::string_view kind_word(FaultSpec::Kind kind) {
    switch (kind) {
        case FaultSpec::Kind::crash: return "crash";
        case FaultSpec::Kind::restart: return "restart";
        case FaultSpec::Kind::slow: return "slow";
        case FaultSpec::Kind::drop: return "drop";
        case FaultSpec::Kind::partition: return "partition";
    }
    return "fault";
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(' ');
    return std::string(text.substr(first, last - first + 1));
}

// link: "A->B", "A<->B", "A" or "all". Both sides of an arrow must be named;
// "<->" is looked for first, since it contains "->".
void read_link(Reader& reader, const Entry& entry, FaultSpec& fault, FaultRefs& refs) {
    const auto text = read_name(reader, entry);
    if (!text) return;
    if (*text == "all") return;  // empty sides: every link
    std::size_t arrow = text->find("<->");
    std::size_t arrow_length = 3;
    if (arrow == std::string::npos) {
        arrow = text->find("->");
        arrow_length = 2;
    }
    if (arrow == std::string::npos) {
        refs.from.push_back({trimmed(*text), entry.pos});
        fault.links.both_directions = true;
        return;
    }
    std::string source = trimmed(std::string_view(*text).substr(0, arrow));
    std::string target = trimmed(std::string_view(*text).substr(arrow + arrow_length));
    if (source.empty() || target.empty()) {
        reader.error(entry.pos, "a link needs an actor on each side of the arrow, such as 'p1->b1' or 'p1<->b1', got " +
                                    quote_for_message(*text));
        return;
    }
    refs.from.push_back({std::move(source), entry.pos});
    refs.to.push_back({std::move(target), entry.pos});
    fault.links.both_directions = arrow_length == 3;
}

// A probability: a plain decimal number from 0 to 1 ("0.25", "1").
std::optional<double> read_probability(Reader& reader, const Entry& entry) {
    if (entry.value.IsScalar()) {
        const std::string& text = entry.value.Scalar();
        double value = -1;
        // from_chars: exact, locale-independent, and the same on every machine
        // (decimal.hpp: with any standard library, the web build's included).
        const auto [end, ec] = decimal_from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
        if (ec == std::errc{} && end == text.data() + text.size() && value >= 0 && value <= 1) return value;
    }
    reader.error(entry.pos, entry.label + " must be a number from 0 to 1, got " + describe(entry.value));
    return std::nullopt;
}

// groups: [[A, B], [C]]: at least two groups, none empty, no actor twice.
void read_groups(Reader& reader, const Entry& entry, FaultRefs& refs) {
    std::map<std::string, Pos, std::less<>> seen;
    for_each_item(reader, entry, "each partition group", [&](const Entry& group_entry) {
        std::vector<ActorRef>& group = refs.groups.emplace_back();
        for_each_item(reader, group_entry, "each actor of a partition group", [&](const Entry& item) {
            auto name = read_name(reader, item);
            if (!name) return;
            auto [previous, inserted] = seen.emplace(*name, item.pos);
            if (!inserted) {
                reader.error(item.pos, partition_actor_twice_message(*name, previous->second.line));
                return;
            }
            group.push_back({std::move(*name), item.pos});
        });
        if (group_entry.value.IsSequence() && group_entry.value.size() == 0) {
            reader.error(group_entry.pos, partition_group_empty_message());
        }
    });
    if (entry.value.IsSequence() && entry.value.size() < 2) {
        reader.error(entry.pos, partition_too_few_groups_message());
    }
}

// The mapping of a slow, drop or partition fault.
void read_interval_fault(Reader& reader, const Entry& entry, FaultSpec& fault, FaultRefs& refs) {
    std::optional<Entry> link_entry;  // the first of link / actor
    std::optional<Entry> until_entry;
    auto link_rule = [&](const Entry& e) {
        if (link_entry) {
            reader.error(e.key_pos, "give either 'link' or 'actor', not both (" + quote_for_message(link_entry->key) +
                                        " is at line " + std::to_string(link_entry->key_pos.line) + ")");
            return;
        }
        link_entry = e;
        if (e.key == "link") {
            read_link(reader, e, fault, refs);
        } else if (auto name = read_name(reader, e)) {
            refs.from.push_back({std::move(*name), e.pos});
            fault.links.both_directions = true;
        }
    };
    const KeyRule from_rule{"from", false, [&](const Entry& e) { fault.from_ns = read_duration(reader, e).value_or(0); }};
    const KeyRule until_rule{"until", false, [&](const Entry& e) {
                                 until_entry = e;
                                 fault.until_ns = read_duration(reader, e);
                             }};
    const std::string what = std::string(kind_word(fault.kind)) + " fault";
    MappingRead read;
    switch (fault.kind) {
        case FaultSpec::Kind::slow: {
            const KeyRule rules[] = {
                {"link", false, link_rule},
                {"actor", false, link_rule},
                {"extra_latency", true,
                 [&](const Entry& e) { fault.extra_latency_ns = read_duration(reader, e).value_or(0); },
                 "the latency added to each message"},
                from_rule,
                until_rule,
            };
            read = read_mapping(reader, entry, what, rules);
            break;
        }
        case FaultSpec::Kind::drop: {
            const KeyRule rules[] = {
                {"link", false, link_rule},
                {"actor", false, link_rule},
                {"probability", true, [&](const Entry& e) { fault.probability = read_probability(reader, e).value_or(0); },
                 "the chance that each message is lost, from 0 to 1"},
                from_rule,
                until_rule,
            };
            read = read_mapping(reader, entry, what, rules);
            break;
        }
        case FaultSpec::Kind::partition: {
            const KeyRule rules[] = {
                {"groups", true, [&](const Entry& e) { read_groups(reader, e, refs); },
                 "such as [[p1, b1], [b2]]: no message crosses between groups"},
                from_rule,
                until_rule,
            };
            read = read_mapping(reader, entry, what, rules);
            break;
        }
        case FaultSpec::Kind::crash:
        case FaultSpec::Kind::restart: return;
    }
    if (!read) return;
    if (fault.kind != FaultSpec::Kind::partition && !link_entry && !read.misspelt_any({"link", "actor"})) {
        reader.error(entry.pos, "the " + what +
                                    " needs 'link' (such as p1->b1, p1<->b1, p1 or all) or 'actor' (every link of "
                                    "that actor)");
    }
    if (until_entry && fault.until_ns && *fault.until_ns < fault.from_ns) {
        reader.error(until_entry->pos, "'until' (" + format_duration(*fault.until_ns) + ") is before 'from' (" +
                                           format_duration(fault.from_ns) + ")");
        fault.until_ns = fault.from_ns;  // keeps the spec consistent; the error voids it anyway
    }
}

void read_fault(Reader& reader, const Entry& entry, Draft& draft) {
    FaultSpec fault;
    FaultRefs refs;
    fault.pos = reader.source_pos(entry.pos);
    std::optional<Entry> kind_entry;  // the first kind key seen
    std::optional<Entry> at_entry;
    std::optional<Entry> reload_entry;
    auto kind_rule = [&](FaultSpec::Kind kind) {
        return [&, kind](const Entry& e) {
            if (kind_entry) {
                reader.error(e.key_pos, "a fault has one kind, but this one has '" + kind_entry->key + "' (line " +
                                            std::to_string(kind_entry->key_pos.line) + ") and '" + e.key +
                                            "'; split it into two faults");
                return;
            }
            kind_entry = e;
            fault.kind = kind;
        };
    };
    const KeyRule rules[] = {
        {"at", false, [&](const Entry& e) { at_entry = e; }},
        {"crash", false, kind_rule(FaultSpec::Kind::crash)},
        {"restart", false, kind_rule(FaultSpec::Kind::restart)},
        {"reload_initial", false, [&](const Entry& e) { reload_entry = e; }},
        {"slow", false, kind_rule(FaultSpec::Kind::slow)},
        {"drop", false, kind_rule(FaultSpec::Kind::drop)},
        {"partition", false, kind_rule(FaultSpec::Kind::partition)},
    };
    const MappingRead read = read_mapping(reader, entry, "fault", rules);
    if (!read) return;
    if (!kind_entry) {
        if (!read.misspelt_any({"crash", "restart", "slow", "drop", "partition"})) {
            reader.error(entry.pos, "the fault has no kind: give one of " + std::string(fault_kinds_text));
        }
        return;
    }
    const bool instant = fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::restart;
    if (reload_entry) {
        if (fault.kind == FaultSpec::Kind::restart) {
            fault.reload_initial = read_boolean(reader, *reload_entry).value_or(false);
        } else {
            reader.error(reload_entry->key_pos, "'reload_initial' belongs to a restart, not to a " +
                                                    std::string(kind_word(fault.kind)));
        }
    }
    if (instant) {
        if (at_entry) {
            fault.from_ns = read_duration(reader, *at_entry).value_or(0);
        } else if (!read.misspelt_any({"at"})) {
            reader.error(entry.pos, "missing required key 'at' in the fault (when the broker " +
                                        std::string(fault.kind == FaultSpec::Kind::crash ? "crashes" : "restarts") + ")");
        }
        if (auto name = read_name(reader, *kind_entry)) refs.broker = ActorRef{std::move(*name), kind_entry->pos};
    } else {
        if (at_entry) {
            reader.error(at_entry->key_pos, "'at' is for crash and restart; a " + std::string(kind_word(fault.kind)) +
                                                " fault gives 'from' (and 'until') inside it, e.g. {" +
                                                std::string(kind_word(fault.kind)) + ": {from: 10ms, until: 20ms, ...}}");
        }
        read_interval_fault(reader, *kind_entry, fault, refs);
    }
    draft.spec.faults.push_back(std::move(fault));
    draft.fault_refs.push_back(std::move(refs));
}

// Where each actor is, by name: brokers, then producers, then consumers.
struct ActorTable {
    std::map<std::string, ActorIndex, std::less<>> index_of;
    std::vector<std::string_view> names;   // for suggestions, in actor order
    std::vector<std::string_view> brokers;
    std::vector<std::string_view> crashable;  // the log model's: brokers, then consumers
    std::size_t broker_count = 0;
    std::size_t producer_count = 0;

    explicit ActorTable(const ScenarioSpec& spec) : broker_count(spec.brokers.size()), producer_count(spec.producers.size()) {
        auto add = [this](const std::string& name) {
            // On a duplicate name the first wins; check_scenario reports it.
            index_of.emplace(name, static_cast<ActorIndex>(names.size()));
            names.push_back(name);
        };
        for (const BrokerSpec& broker : spec.brokers) add(broker.name);
        for (const ProducerSpec& producer : spec.producers) add(producer.name);
        for (const ConsumerSpec& consumer : spec.consumers) add(consumer.name);
        brokers.assign(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(broker_count));
        crashable = brokers;
        crashable.insert(crashable.end(), names.begin() + static_cast<std::ptrdiff_t>(broker_count + producer_count), names.end());
    }
    bool is_broker(ActorIndex actor) const { return actor < broker_count; }
    std::string_view kind(ActorIndex actor) const {
        if (actor < broker_count) return "broker";
        return is_producer(actor) ? "producer" : "consumer";
    }
    bool is_producer(ActorIndex actor) const { return actor >= broker_count && actor < broker_count + producer_count; }
    // The consumer's index in spec.consumers; actor is a consumer.
    std::uint32_t consumer_index(ActorIndex actor) const {
        return static_cast<std::uint32_t>(actor - broker_count - producer_count);
    }
};

std::optional<ActorIndex> resolve(Reader& reader, const ActorTable& actors, const ActorRef& ref, std::string_view where) {
    const auto found = actors.index_of.find(ref.name);
    if (found != actors.index_of.end()) return found->second;
    reader.error(ref.pos, "unknown actor " + quote_for_message(ref.name) + " in " + std::string(where) +
                              suggestion(ref.name, actors.names, "actors"));
    return std::nullopt;
}

void resolve_link(Reader& reader, const ActorTable& actors, const FaultRefs& refs, FaultSpec& fault) {
    const std::string where = "the " + std::string(kind_word(fault.kind)) + " fault's link";
    for (const ActorRef& ref : refs.from) {
        if (auto actor = resolve(reader, actors, ref, where)) fault.links.from.push_back(*actor);
    }
    for (const ActorRef& ref : refs.to) {
        if (auto actor = resolve(reader, actors, ref, where)) fault.links.to.push_back(*actor);
    }
    if (fault.links.from.size() != 1 || fault.links.to.size() != 1) return;
    // Messages only go between a client and a broker: any other link is
    // silent, and a fault on it would teach nothing.
    const ActorIndex source = fault.links.from.front();
    const ActorIndex target = fault.links.to.front();
    if (actors.is_broker(source) == actors.is_broker(target)) {
        reader.error(refs.to.front().pos,
                     "no message travels between " + quote_for_message(refs.from.front().name) + " (" +
                         std::string(actors.kind(source)) + ") and " + quote_for_message(refs.to.front().name) + " (" +
                         std::string(actors.kind(target)) + "): messages go between a client and a broker");
    }
}

}  // namespace

void read_faults(Reader& reader, const Entry& entry, Draft& draft) {
    for_each_item(reader, entry, "each fault", [&](const Entry& item) { read_fault(reader, item, draft); });
}

void resolve_faults(Reader& reader, Draft& draft) {
    const ActorTable actors(draft.spec);
    for (std::size_t f = 0; f < draft.spec.faults.size(); ++f) {
        FaultSpec& fault = draft.spec.faults[f];
        const FaultRefs& refs = draft.fault_refs[f];
        switch (fault.kind) {
            case FaultSpec::Kind::crash:
            case FaultSpec::Kind::restart: {
                if (!refs.broker) break;
                const auto found = actors.index_of.find(refs.broker->name);
                if (found == actors.index_of.end() && draft.log_model()) {
                    reader.error(refs.broker->pos, "unknown broker or consumer " + quote_for_message(refs.broker->name) +
                                                       " in " + std::string(kind_word(fault.kind)) +
                                                       suggestion(refs.broker->name, actors.crashable, "brokers and consumers"));
                } else if (found == actors.index_of.end()) {
                    reader.error(refs.broker->pos, "unknown broker " + quote_for_message(refs.broker->name) + " in " +
                                                       std::string(kind_word(fault.kind)) +
                                                       suggestion(refs.broker->name, actors.brokers, "brokers"));
                } else if (draft.log_model() && !actors.is_broker(found->second) && !actors.is_producer(found->second)) {
                    // The log model's consumers crash: their group notices after session_timeout.
                    fault.consumer = actors.consumer_index(found->second);
                    if (fault.reload_initial) {
                        reader.error(refs.broker->pos, "'reload_initial' reloads a broker's initial topics: consumer " +
                                                           quote_for_message(refs.broker->name) + " has none");
                    }
                } else if (!actors.is_broker(found->second)) {
                    reader.error(refs.broker->pos, quote_for_message(refs.broker->name) + " is a " +
                                                       std::string(actors.kind(found->second)) + ": only brokers " +
                                                       (draft.log_model() ? "and consumers " : "") +
                                                       (fault.kind == FaultSpec::Kind::crash ? "crash" : "restart"));
                } else if (fault.reload_initial && draft.log_model()) {
                    fault.broker = found->second;
                    reader.error(refs.broker->pos, "'reload_initial' has nothing to reload in the log model: its brokers "
                                                   "hold no initial topics");
                } else {
                    fault.broker = found->second;
                    if (fault.reload_initial && draft.spec.brokers[fault.broker].durable) {
                        reader.error(refs.broker->pos, "'reload_initial' on durable broker " +
                                                           quote_for_message(refs.broker->name) +
                                                           ": it keeps its dictionary across a crash, so there is "
                                                           "nothing to reload");
                    }
                }
                break;
            }
            case FaultSpec::Kind::slow:
            case FaultSpec::Kind::drop: resolve_link(reader, actors, refs, fault); break;
            case FaultSpec::Kind::partition:
                for (const auto& group : refs.groups) {
                    std::vector<ActorIndex>& resolved = fault.groups.emplace_back();
                    for (const ActorRef& ref : group) {
                        if (auto actor = resolve(reader, actors, ref, "the partition")) resolved.push_back(*actor);
                    }
                }
                break;
        }
    }
}

}  // namespace kafkasim::scenario_detail
