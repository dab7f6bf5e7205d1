// expect: the scenario's expectations, a list of checks on the finished run
// (README, "Grading and regression"). Each entry is a mapping with an
// optional name, points and hint, exactly one subject key (broker, consumer,
// stat, event, invariant, fingerprint, violation; the log model's
// partition and group, read by read_expect_log.cpp) and the keys that go with
// that subject; the key table of each subject gives the "unknown key, did you
// mean" messages. Actor names and stat paths are checked by check_expect
// (read_expect_names.cpp) once every actor is known.
#include "scenario/expect_item.hpp"
#include "scenario/sections.hpp"
#include "scenario/values.hpp"

#include "scenario/suggest.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "core/monitors.hpp"
#include "core/record.hpp"
#include "text/decimal.hpp"

namespace kafkasim::scenario_detail {
namespace {

constexpr std::uint64_t max_points = 1'000'000;

constexpr std::array<std::string_view, 9> subject_keys = {"broker", "consumer", "stat", "event", "invariant",
                                                          "fingerprint", "violation", "partition", "group"};

// A decimal number as written: digits, optional sign, fraction and exponent.
// std::from_chars is locale-independent; "inf", "nan" and hex are refused.
std::optional<double> parse_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    const bool allowed = std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    });
    if (!allowed) return std::nullopt;
    const char* first = text.data();
    if (*first == '+') ++first;  // from_chars refuses a leading '+'
    double value = 0;
    const auto [end, ec] = decimal_from_chars(first, text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<double> read_number(Reader& reader, const Entry& entry, bool non_negative = false) {
    std::optional<double> value;
    if (entry.value.IsScalar()) value = parse_number(entry.value.Scalar());
    if (!value || (non_negative && *value < 0)) {
        reader.error(entry.pos, entry.label + " must be a" + (non_negative ? " non-negative" : "") +
                                    " number, got " + describe(entry.value));
        return std::nullopt;
    }
    return value;
}

using Item = ExpectItem;

}  // namespace

MappingRead read_item_mapping(Item& item, std::string_view what, std::vector<KeyRule> rules) {
    Reader& reader = item.reader;
    std::vector<KeyRule> all = {
        {"name", false, [&](const Entry& e) { item.spec.name = read_name(reader, e).value_or(""); }},
        {"points", false,
         [&](const Entry& e) { item.spec.points = static_cast<std::uint32_t>(read_integer(reader, e, 0, max_points).value_or(1)); }},
        {"hint", false, [&](const Entry& e) { item.spec.hint = read_string(reader, e).value_or(""); }},
    };
    for (KeyRule& rule : rules) all.push_back(std::move(rule));
    for (KeyRule& rule : all) {
        rule.read = [&item, inner = std::move(rule.read)](const Entry& e) {
            item.given.emplace(e.key, e.key_pos);
            if (inner) inner(e);
        };
    }
    return read_mapping(item.reader, item.entry, what, all);
}

namespace {

// Exactly one of `keys` must be given. False (reported) otherwise; a key
// reported as misspelt counts as given, so the typo is the only message.
bool exactly_one(Item& item, const MappingRead& read, std::string_view what,
                 std::initializer_list<std::string_view> keys) {
    std::vector<std::string_view> present;
    for (std::string_view key : keys) {
        if (item.has(key)) present.push_back(key);
    }
    if (present.size() == 1) return true;
    if (present.empty()) {
        if (!read || read.misspelt_any(keys)) return false;
        item.reader.error(item.entry.pos, "the " + std::string(what) + " needs one of: " +
                                              join_words(std::vector<std::string_view>(keys)));
        return false;
    }
    // Report the one met second in the file.
    std::sort(present.begin(), present.end(), [&](std::string_view a, std::string_view b) {
        return std::pair{item.at(a).line, item.at(a).column} < std::pair{item.at(b).line, item.at(b).column};
    });
    item.reader.error(item.at(present[1]), quote_for_message(present[1]) + " and " + quote_for_message(present[0]) +
                                               " in one " + std::string(what) +
                                               ": each entry checks one thing (split it into two entries)");
    return false;
}

// A key that only makes sense next to another.
void only_with(Item& item, std::string_view key, std::string_view needed, std::string_view why) {
    if (item.has(key) && !item.has(needed)) {
        item.reader.error(item.at(key), quote_for_message(key) + " " + std::string(why));
    }
}

// before / after / never / count: how often, and when.
std::vector<KeyRule> occurrence_rules(Item& item, OccurrenceSpec& occurrence) {
    Reader& reader = item.reader;
    return {
        {"before", false, [&](const Entry& e) { occurrence.before_ns = read_duration(reader, e); }},
        {"after", false, [&](const Entry& e) { occurrence.after_ns = read_duration(reader, e); }},
        {"never", false,
         [&](const Entry& e) {
             if (read_boolean(reader, e).value_or(false)) occurrence.kind = OccurrenceSpec::Kind::never;
         }},
        {"count", false,
         [&](const Entry& e) {
             if (auto n = read_integer(reader, e, 0, max_count)) {
                 occurrence.kind = OccurrenceSpec::Kind::exactly;
                 occurrence.count = *n;
             }
         }},
    };
}

void check_occurrence(Item& item, const OccurrenceSpec& occurrence) {
    if (item.has("never") && item.has("count")) {
        item.reader.error(item.at("count"), "'count' and 'never' in one expectation: 'never: true' is 'count: 0'; keep one");
    }
    if (occurrence.before_ns && occurrence.after_ns && *occurrence.before_ns <= *occurrence.after_ns) {
        item.reader.error(item.at("before"), "empty time window: 'before' must be later than 'after'");
    }
}

// A consumed item: {message, topic, broker, index}, any of them, or a plain
// string meaning {message: ...}. `in_list`: an item of consumed_exactly.
std::optional<ConsumedItemSpec> read_consumed_item(Item& item, const Entry& entry, bool in_list) {
    Reader& reader = item.reader;
    ConsumedItemSpec result;
    if (entry.value.IsScalar()) {
        result.message = read_string(reader, entry);
        return result.message ? std::optional(result) : std::nullopt;
    }
    if (!entry.value.IsMap()) {
        reader.error(entry.pos, entry.label + " must be a mapping such as {message: \"m\", topic: \"t\", broker: b1} "
                                              "or a message, got " + describe(entry.value));
        return std::nullopt;
    }
    // A time window belongs to the entry, not to the item: say where it goes.
    auto misplaced = [&](const Entry& e) {
        reader.error(e.key_pos, in_list ? quote_for_message(e.key) + " does not go with 'consumed_exactly' (use "
                                                                     "'consumed:' with '" + e.key + ":' for one item)"
                                        : quote_for_message(e.key) + " goes beside 'consumed:', not inside it");
    };
    // Each model's fields: the other model's are reported as such.
    const bool log = item.draft.log_model();
    auto of_model = [&](bool log_field, std::function<void(const Entry&)> read) {
        return [&, log_field, read = std::move(read)](const Entry& e) {
            if (log_field && !log) {
                reader.error(e.key_pos, needs_log_model(e.key, "consumed items"));
            } else if (!log_field && log) {
                reader.error(e.key_pos, not_in_log_model(e.key, "consumed items",
                                                         " (a log consumer's items have topic, partition, offset, key "
                                                         "and message)"));
            } else {
                read(e);
            }
        };
    };
    const KeyRule rules[] = {
        {"message", false, [&](const Entry& e) { result.message = read_string(reader, e); }},
        {"topic", false, [&](const Entry& e) { result.topic = read_name(reader, e); }},
        {"broker", false, of_model(false, [&](const Entry& e) {
             result.broker = read_name(reader, e);
             if (result.broker) item.ref(ExpectRef::Kind::broker, *result.broker, e.pos);
         }), {}, !log},
        {"index", false, of_model(false, [&](const Entry& e) {
             if (auto n = read_integer(reader, e, 0, index_max)) result.index = static_cast<std::int64_t>(*n);
         }), {}, !log},
        {"key", false, of_model(true, [&](const Entry& e) { result.key = read_string(reader, e); }), {}, log},
        {"partition", false, of_model(true, [&](const Entry& e) {
             if (auto n = read_integer(reader, e, 0, std::numeric_limits<std::uint32_t>::max())) {
                 result.partition = static_cast<std::uint32_t>(*n);
             }
         }), {}, log},
        {"offset", false, of_model(true, [&](const Entry& e) {
             result.offset = read_integer(reader, e, 0, std::numeric_limits<std::uint64_t>::max());
         }), {}, log},
        {"before", false, misplaced},
        {"after", false, misplaced},
    };
    read_mapping(reader, entry, "consumed item", rules);
    return result;
}

void read_broker_expectation(Item& item) {
    Reader& reader = item.reader;
    std::string broker;
    std::vector<TopicSpec> topics;
    ExpectBrokerContains contains;
    ExpectBrokerState state;
    auto read_contains = [&](const Entry& e, bool negated) {
        contains.negated = negated;
        const KeyRule rules[] = {
            {"topic", true, [&](const Entry& t) { contains.topic = read_name(reader, t).value_or(""); }},
            {"message", false, [&](const Entry& m) { contains.message = read_string(reader, m); }},
        };
        read_mapping(reader, e, negated ? "not_contains" : "contains", rules);
    };
    std::vector<KeyRule> rules = {
        {"broker", false,
         [&](const Entry& e) {
             if (auto name = read_name(reader, e)) {
                 broker = *name;
                 item.ref(ExpectRef::Kind::broker, *name, e.pos);
             }
         }},
        {"topics", false,
         [&](const Entry& e) {
             for_each_entry(reader, e, "topic", [&](const Entry& topic_entry) {
                 TopicSpec topic;
                 topic.name = topic_entry.key;
                 Entry messages = topic_entry;
                 messages.label = "topic " + quote_for_message(topic.name);
                 const std::string item_label = "each message of topic " + quote_for_message(topic.name);
                 for_each_item(reader, messages, item_label, [&](const Entry& m) {
                     if (auto text = read_string(reader, m)) topic.messages.push_back(std::move(*text));
                 });
                 topics.push_back(std::move(topic));
             });
         }},
        {"contains", false, [&](const Entry& e) { read_contains(e, false); }},
        {"not_contains", false, [&](const Entry& e) { read_contains(e, true); }},
        {"state", false,
         [&](const Entry& e) {
             const KeyRule state_rules[] = {
                 {"up", false, [&](const Entry& v) { state.up = read_boolean(reader, v); }},
                 {"busy", false, [&](const Entry& v) { state.busy = read_boolean(reader, v); }},
             };
             const MappingRead read = read_mapping(reader, e, "broker state", state_rules);
             if (read && read.misspelt.empty() && e.value.size() == 0) {
                 reader.error(e.pos, "'state' needs 'up' or 'busy' (or both), e.g. {up: true, busy: false}");
             }
         }},
    };
    const MappingRead read = read_item_mapping(item, "broker expectation", std::move(rules));
    if (!exactly_one(item, read, "broker expectation", {"topics", "contains", "not_contains", "state"})) return;
    if (item.has("topics")) {
        item.spec.check = ExpectBrokerTopics{broker, std::move(topics)};
    } else if (item.has("state")) {
        state.broker = broker;
        item.spec.check = state;
    } else {
        contains.broker = broker;
        item.spec.check = contains;
    }
}

void read_consumer_expectation(Item& item) {
    Reader& reader = item.reader;
    std::string consumer;
    ExpectConsumed consumed;
    ExpectConsumedExactly exactly;
    std::vector<KeyRule> rules = {
        {"consumer", false,
         [&](const Entry& e) {
             if (auto name = read_name(reader, e)) {
                 consumer = *name;
                 item.ref(ExpectRef::Kind::consumer, *name, e.pos);
             }
         }},
        {"consumed", false,
         [&](const Entry& e) { consumed.item = read_consumed_item(item, e, false).value_or(ConsumedItemSpec{}); }},
        {"consumed_exactly", false,
         [&](const Entry& e) {
             for_each_item(reader, e, "each item of 'consumed_exactly'", [&](const Entry& entry) {
                 exactly.items.push_back(read_consumed_item(item, entry, true).value_or(ConsumedItemSpec{}));
             });
         }},
    };
    for (KeyRule& rule : occurrence_rules(item, consumed.occurrence)) rules.push_back(std::move(rule));
    const MappingRead read = read_item_mapping(item, "consumer expectation", std::move(rules));
    if (!exactly_one(item, read, "consumer expectation", {"consumed", "consumed_exactly"})) return;
    if (item.has("consumed_exactly")) {
        for (std::string_view key : {"before", "after", "never", "count"}) {
            if (item.has(key)) {
                reader.error(item.at(key), quote_for_message(key) +
                                               " does not go with 'consumed_exactly', which compares the whole list "
                                               "(use 'consumed:' for one item)");
            }
        }
        exactly.consumer = consumer;
        item.spec.check = std::move(exactly);
        return;
    }
    check_occurrence(item, consumed.occurrence);
    consumed.consumer = consumer;
    item.spec.check = std::move(consumed);
}

void read_stat_expectation(Item& item) {
    Reader& reader = item.reader;
    using Comparison = ExpectStat::Comparison;
    ExpectStat stat;
    auto ordered = [&](Comparison comparison) {
        return [&, comparison](const Entry& e) {
            stat.comparison = comparison;
            stat.value = read_number(reader, e);
            stat.value_text = e.value.IsScalar() ? e.value.Scalar() : "";
        };
    };
    auto equality = [&](Comparison comparison) {
        return [&, comparison](const Entry& e) {
            stat.comparison = comparison;
            if (e.value.IsNull()) {
                stat.value_text = "null";
            } else if (e.value.IsScalar()) {
                stat.value_text = e.value.Scalar();
                stat.value = parse_number(stat.value_text);
            } else {
                reader.error(e.pos, e.label + " must be a number, a string, true, false or null, got " + describe(e.value));
            }
        };
    };
    std::vector<KeyRule> rules = {
        {"stat", false,
         [&](const Entry& e) {
             if (auto path = read_name(reader, e)) {
                 stat.path = *path;
                 stat.path_pos = reader.source_pos(e.pos);
                 item.ref(ExpectRef::Kind::stat_path, *path, e.pos);
             }
         }},
        {"==", false, equality(Comparison::equal)},
        {"!=", false, equality(Comparison::not_equal)},
        {"<=", false, ordered(Comparison::less_equal)},
        {">=", false, ordered(Comparison::greater_equal)},
        {"<", false, ordered(Comparison::less)},
        {">", false, ordered(Comparison::greater)},
        {"approx", false, ordered(Comparison::approx)},
        {"tolerance", false, [&](const Entry& e) { stat.tolerance = read_number(reader, e, true).value_or(0); }},
        {"tolerance_percent", false,
         [&](const Entry& e) { stat.tolerance_percent = read_number(reader, e, true).value_or(0); }},
    };
    // A slip in an operator ("=<", "=") is a key no spelling rule catches
    // well (the operators are a character or two apart): name the operators.
    std::vector<std::string> slips;
    for (const YamlPair& pair : item.entry.value.pairs()) {
        const std::string key = pair.first.IsScalar() ? pair.first.Scalar() : "";
        const bool operator_like = !key.empty() && key.find_first_not_of("<>=!~") == std::string::npos;
        const bool known = std::any_of(rules.begin(), rules.end(), [&](const KeyRule& rule) { return rule.key == key; });
        if (operator_like && !known) slips.push_back(key);
    }
    for (const std::string& slip : slips) {
        rules.push_back({slip, false, [&](const Entry& e) {
                             reader.error(e.key_pos, "unknown comparison " + quote_for_message(e.key) +
                                                         " (use ==, !=, <=, >=, <, >, or approx with tolerance)");
                         }});
    }
    const MappingRead read = read_item_mapping(item, "stat expectation", std::move(rules));
    if (!slips.empty()) return;
    only_with(item, "tolerance", "approx", "goes with 'approx' (e.g. approx: 0.5, tolerance: 0.05)");
    only_with(item, "tolerance_percent", "approx", "goes with 'approx' (e.g. approx: 0.5, tolerance_percent: 10)");
    if (!exactly_one(item, read, "stat expectation", {"==", "!=", "<=", ">=", "<", ">", "approx"})) return;
    if (item.has("approx")) {
        if (!item.has("tolerance") && !item.has("tolerance_percent") && !read.misspelt_any({"tolerance", "tolerance_percent"})) {
            reader.error(item.at("approx"), "'approx' needs 'tolerance' (absolute) or 'tolerance_percent'");
        } else if (item.has("tolerance") && item.has("tolerance_percent")) {
            reader.error(item.at("tolerance_percent"), "'tolerance' and 'tolerance_percent' in one expectation; keep one");
        }
    }
    item.spec.check = std::move(stat);
}

// The event kinds as documented (the trace names), each once ("delete" names two).
std::vector<std::string_view> event_kind_names() {
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < record_kind_count; ++i) {
        const std::string_view name = record_kind_name(static_cast<RecordKind>(i));
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

void read_event_expectation(Item& item) {
    Reader& reader = item.reader;
    ExpectEvent event;
    const std::vector<std::string_view> kinds = event_kind_names();
    auto read_kind = [&](const Entry& e) {
        if (auto index = read_keyword_index(reader, e, "event kind", kinds)) event.kind = kinds[*index];
    };
    auto actor = [&](std::optional<std::string>& target) {
        return [&](const Entry& e) {
            target = read_name(reader, e);
            if (target) item.ref(ExpectRef::Kind::actor, *target, e.pos);
        };
    };
    std::vector<KeyRule> rules = {
        {"event", false,
         [&](const Entry& e) {
             if (e.value.IsScalar()) {  // event: claim_refused, short for {kind: claim_refused}
                 read_kind(e);
                 return;
             }
             const KeyRule event_rules[] = {
                 {"kind", true, read_kind},
                 {"source", false, actor(event.source)},
                 {"target", false, actor(event.target)},
                 {"actor", false, actor(event.actor)},
             };
             read_mapping(reader, e, "event", event_rules);
             if (event.actor && (event.source || event.target)) {
                 reader.error(e.pos, "'actor' matches either side of the event: give it alone, or 'source'/'target'");
             }
         }},
    };
    for (KeyRule& rule : occurrence_rules(item, event.occurrence)) rules.push_back(std::move(rule));
    read_item_mapping(item, "event expectation", std::move(rules));
    check_occurrence(item, event.occurrence);
    item.spec.check = std::move(event);
}

void read_invariant_expectation(Item& item) {
    static constexpr Keyword<ExpectInvariant::Kind> invariants[] = {
        {"brokers_identical", ExpectInvariant::Kind::brokers_identical},
        {"acked_writes_present", ExpectInvariant::Kind::acked_writes_present},
        {"per_key_order", ExpectInvariant::Kind::per_key_order},
    };
    ExpectInvariant invariant;
    std::vector<KeyRule> rules = {
        {"invariant", false,
         [&](const Entry& e) {
             invariant.kind = read_keyword(item.reader, e, "invariant", invariants).value_or(invariant.kind);
             if (invariant.kind == ExpectInvariant::Kind::per_key_order && !item.draft.log_model()) {
                 item.reader.error(e.pos, "invariant 'per_key_order' checks the log model's keys and offsets: it needs "
                                          "`model: log`");
             }
         }},
    };
    read_item_mapping(item, "invariant expectation", std::move(rules));
    item.spec.check = invariant;
}

void read_fingerprint_expectation(Item& item) {
    ExpectFingerprint fingerprint;
    std::vector<KeyRule> rules = {
        {"fingerprint", false,
         [&](const Entry& e) {
             auto text = e.value.IsScalar() ? std::optional(e.value.Scalar()) : std::nullopt;
             const bool hex = text && text->size() == 16 && std::all_of(text->begin(), text->end(), [](char c) {
                 return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
             });
             if (!hex) {
                 item.reader.error(e.pos, "'fingerprint' must be the 16 hex digits `kafkasim run` prints (e.g. "
                                          "\"84e701055c13629e\"), got " + describe(e.value));
                 return;
             }
             std::transform(text->begin(), text->end(), text->begin(),
                            [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c; });
             fingerprint.hex = *text;
         }},
    };
    read_item_mapping(item, "fingerprint expectation", std::move(rules));
    item.spec.check = std::move(fingerprint);
}

void read_violation_expectation(Item& item) {
    ExpectViolation violation;
    std::vector<std::string_view> monitors;
    for (std::size_t m = 0; m < monitor_kind_count; ++m) monitors.push_back(monitor_name(static_cast<MonitorKind>(m)));
    std::vector<KeyRule> rules = {
        {"violation", false,
         [&](const Entry& e) {
             if (auto index = read_keyword_index(item.reader, e, "monitor", monitors)) violation.monitor = monitors[*index];
         }},
    };
    for (KeyRule& rule : occurrence_rules(item, violation.occurrence)) rules.push_back(std::move(rule));
    read_item_mapping(item, "violation expectation", std::move(rules));
    check_occurrence(item, violation.occurrence);
    item.spec.check = std::move(violation);
}

// Every key any entry may hold: for an entry with no subject, so that a
// misspelt subject ("brokr") is reported as such.
void report_missing_subject(Item& item) {
    static constexpr std::string_view all_keys[] = {
        "name", "points", "hint", "broker", "consumer", "stat", "event", "invariant", "fingerprint", "violation",
        "partition", "group",
        "topics", "contains", "not_contains", "state", "consumed", "consumed_exactly", "==", "!=", "<=", ">=", "<", ">",
        "approx", "tolerance", "tolerance_percent", "before", "after", "never", "count"};
    std::vector<KeyRule> rules;
    for (std::string_view key : all_keys) rules.push_back({key, false, nullptr});
    const MappingRead read = read_mapping(item.reader, item.entry, "expectation", rules);
    for (std::string_view key : read.misspelt) {
        if (std::find(subject_keys.begin(), subject_keys.end(), key) != subject_keys.end()) return;
    }
    item.reader.error(item.entry.pos, "the expectation needs one of: " + join_words(subject_keys) +
                                          " (what it checks)");
}

void read_expectation(Reader& reader, const Entry& entry, Draft& draft) {
    Item item{reader, entry, draft, {}, {}};
    item.spec.pos = reader.source_pos(entry.pos);
    if (!entry.value.IsMap()) {
        reader.error(entry.pos, "each expectation must be a mapping such as {broker: b1, contains: {topic: \"t\"}}, got " +
                                    describe(entry.value));
        return;
    }
    // The subject decides which keys the entry may hold.
    std::vector<std::pair<std::string, Pos>> subjects;
    for (const YamlPair& pair : entry.value.pairs()) {
        if (!pair.first.IsScalar()) continue;  // reported by read_mapping
        const std::string& key = pair.first.Scalar();
        if (std::find(subject_keys.begin(), subject_keys.end(), key) != subject_keys.end()) {
            subjects.emplace_back(key, node_pos(pair.first, entry.pos));
        }
    }
    if (subjects.empty()) {
        report_missing_subject(item);
        return;
    }
    // (A subject given twice is a duplicate key, which read_mapping reports.)
    for (const auto& [key, pos] : subjects) {
        if (key == subjects.front().first) continue;
        reader.error(pos, quote_for_message(key) + " and " + quote_for_message(subjects.front().first) +
                              " in one expectation: each entry checks one thing (split it into two entries)");
        return;
    }
    const std::string& subject = subjects.front().first;
    if (subject == "broker") read_broker_expectation(item);
    if (subject == "consumer") read_consumer_expectation(item);
    if (subject == "stat") read_stat_expectation(item);
    if (subject == "event") read_event_expectation(item);
    if (subject == "invariant") read_invariant_expectation(item);
    if (subject == "fingerprint") read_fingerprint_expectation(item);
    if (subject == "violation") read_violation_expectation(item);
    if (subject == "partition") read_partition_expectation(item);
    if (subject == "group") read_group_expectation(item);
    draft.spec.expectations.push_back(std::move(item.spec));
}

}  // namespace

void read_expect(Reader& reader, const Entry& entry, Draft& draft) {
    for_each_item(reader, entry, "each expectation", [&](const Entry& item) { read_expectation(reader, item, draft); });
}

}  // namespace kafkasim::scenario_detail
