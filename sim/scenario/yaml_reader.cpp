// Typed, position-aware reads of the YAML tree's nodes; see yaml_reader.hpp for the
// rules every reader here follows.
#include "scenario/yaml_reader.hpp"

#include "scenario/duration.hpp"
#include "scenario/suggest.hpp"
#include "scenario/values.hpp"
#include "text/utf8_text.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

namespace kafkasim::scenario_detail {
namespace {

// Enough to fix a file in one go; past it, more lines are noise.
constexpr std::size_t max_diagnostics = 100;
// Far above any scenario a person writes (generated workloads are counts, not
// list items), and about a second of reading; aliases could otherwise make a
// 1 KB file ask for terabytes or minutes.
constexpr std::size_t item_budget = 1'000'000;
constexpr std::size_t byte_budget = std::size_t{64} << 20;  // the file size limit too

// The scenario's own keys (14 in the log model) are still listed.
constexpr std::size_t max_listed_candidates = 14;

std::string quoted(std::string_view text) { return quote_for_message(text); }

}  // namespace

Pos mark_pos(const YAML::Mark& mark) {
    if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
    return {mark.line + 1, mark.column + 1};
}

Pos node_pos(const YamlNode& node, Pos fallback) {
    const Pos pos = mark_pos(node.Mark());
    return pos.line == 0 ? fallback : pos;
}

Reader::Reader(std::string file, std::string_view text)
    : file_(std::move(file)), text_(text), items_left_(item_budget), bytes_left_(byte_budget) {}

Pos Reader::empty_item_pos(Pos next_token, Pos fallback) const {
    // The lines of the text, up to the next token's.
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text_.size() && static_cast<int>(lines.size()) < next_token.line;) {
        const std::size_t end = std::min(text_.find('\n', start), text_.size());
        lines.push_back(text_.substr(start, end - start));
        start = end + 1;
    }
    if (next_token.line < 1 || static_cast<int>(lines.size()) < next_token.line) return fallback;
    // An explicit null (`- ~`, `[null]`) has a mark of its own.
    const std::string_view line_text = lines[static_cast<std::size_t>(next_token.line - 1)];
    const std::string_view at = line_text.substr(std::min(static_cast<std::size_t>(std::max(next_token.column - 1, 0)), line_text.size()));
    for (const std::string_view spelling : {"~", "null", "Null", "NULL"}) {
        if (at.starts_with(spelling)) return next_token;
    }
    // Between the item's indicator and the next token there are only spaces,
    // line breaks and comments: walk back over them.
    std::size_t limit = static_cast<std::size_t>(std::max(next_token.column - 1, 0));
    for (int line = next_token.line; line >= 1; --line) {
        std::string_view part = lines[static_cast<std::size_t>(line - 1)];
        part = part.substr(0, std::min(limit, part.size()));
        for (std::size_t i = 0; i < part.size(); ++i) {
            if (part[i] == '#' && (i == 0 || part[i - 1] == ' ' || part[i - 1] == '\t')) {
                part = part.substr(0, i);
                break;
            }
        }
        while (!part.empty() && (part.back() == ' ' || part.back() == '\t' || part.back() == '\r')) part.remove_suffix(1);
        if (!part.empty()) {
            const char indicator = part.back();
            if (indicator == '-' || indicator == ',' || indicator == '[') return {line, static_cast<int>(part.size())};
            return fallback;
        }
        limit = std::string_view::npos;
    }
    return fallback;
}

void Reader::error(Pos pos, std::string message) {
    if (diagnostics_.size() >= max_diagnostics) {
        if (!truncated_) {
            truncated_ = true;
            // No position: it sorts last, after the errors it refers to.
            diagnostics_.push_back({file_, 0, 0,
                                    "too many errors; only the first " + std::to_string(max_diagnostics) +
                                        " are shown"});
        }
        return;
    }
    diagnostics_.push_back({file_, pos.line, pos.column, std::move(message)});
}

bool Reader::charge(Pos pos, std::size_t items, std::size_t bytes) {
    if (items <= items_left_ && bytes <= bytes_left_) {
        items_left_ -= items;
        bytes_left_ -= bytes;
        return true;
    }
    if (!budget_reported_) {
        budget_reported_ = true;
        error(pos, "the scenario is too large (over " + std::to_string(item_budget) +
                       " actors, list items and targets, or " + std::to_string(byte_budget >> 20) +
                       " MiB of text, counting an alias each time it is used)");
    }
    items_left_ = 0;
    bytes_left_ = 0;
    return false;
}

std::vector<Diagnostic> Reader::take_diagnostics() {
    // Position-less diagnostics last; they summarise the file.
    auto key = [](const Diagnostic& d) {
        return std::pair{d.line == 0 ? std::numeric_limits<int>::max() : d.line, d.column};
    };
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    return std::move(diagnostics_);
}

std::string describe(const YamlNode& node) {
    switch (node.Type()) {
        case YamlType::map: return "a mapping";
        case YamlType::sequence: return "a list";
        case YamlType::scalar: return quoted(node.Scalar());
        case YamlType::null: break;
    }
    return "nothing";
}

std::string suggestion(std::string_view word, std::span<const std::string_view> candidates, std::string_view list_name) {
    if (auto match = closest_match(word, candidates)) return "; did you mean " + quoted(*match) + "?";
    // A long list (a thousand brokers) would bury the message.
    if (candidates.empty() || candidates.size() > max_listed_candidates) return {};
    std::string list;
    for (std::string_view candidate : candidates) {
        if (!list.empty()) list += ", ";
        list += message_text(candidate);
    }
    return " (" + std::string(list_name) + ": " + list + ")";
}

namespace {

// The entry for one key: value pair; an empty value is reported at its key.
Entry make_entry(const YamlNode& key, const YamlNode& value, Pos map_pos) {
    Entry entry;
    entry.key_pos = node_pos(key, map_pos);
    entry.pos = value.IsNull() ? entry.key_pos : node_pos(value, entry.key_pos);
    entry.key = key.Scalar();
    entry.label = quoted(entry.key);
    entry.value = value;
    return entry;
}

bool expect_map(Reader& reader, const Entry& map) {
    if (map.value.IsMap()) return true;
    reader.error(map.pos, map.label + " must be a mapping, got " + describe(map.value));
    return false;
}

// Walks a mapping's pairs, reporting non-string and duplicate keys; `visit`
// gets the others. Of duplicates only the first is read, as yaml-cpp's own
// lookup would.
void walk_pairs(Reader& reader, const Entry& map, std::string_view duplicate_what,
                const std::function<void(const Entry&)>& visit) {
    std::map<std::string, Pos, std::less<>> seen;
    for (const YamlPair& pair : map.value.pairs()) {
        const YamlNode& key = pair.first;
        if (!key.IsScalar()) {
            reader.error(node_pos(key, map.pos), "keys must be plain strings, got " + describe(key));
            continue;
        }
        Entry entry = make_entry(key, pair.second, map.pos);
        if (std::string problem = text_problem("this key", entry.key); !problem.empty()) {
            reader.error(entry.key_pos, std::move(problem));
            continue;
        }
        auto [previous, inserted] = seen.emplace(entry.key, entry.key_pos);
        if (!inserted) {
            reader.error(entry.key_pos, "duplicate " + std::string(duplicate_what) + " " + quoted(entry.key) +
                                            " (first given at line " + std::to_string(previous->second.line) + ")");
            continue;
        }
        visit(entry);
    }
}

}  // namespace

MappingRead read_mapping(Reader& reader, const Entry& map, std::string_view what, std::span<const KeyRule> rules) {
    MappingRead result;
    if (!expect_map(reader, map)) return result;
    result.is_mapping = true;
    std::vector<std::string_view> keys;
    std::vector<std::string_view> listed;  // the candidates of "did you mean"
    for (const KeyRule& rule : rules) {
        keys.push_back(rule.key);
        if (rule.listed) listed.push_back(rule.key);
    }
    std::vector<bool> present(rules.size(), false);
    // Keys an unknown key was taken for: "nmae" already says "did you mean
    // 'name'?", so "missing required key 'name'" would only repeat it.
    std::vector<std::string>& misspelt = result.misspelt;

    walk_pairs(reader, map, "key", [&](const Entry& entry) {
        const auto found = std::find(keys.begin(), keys.end(), entry.key);
        if (found == keys.end()) {
            if (auto match = closest_match(entry.key, listed)) misspelt.push_back(std::move(*match));
            reader.error(entry.key_pos, "unknown key " + quoted(entry.key) + " in the " + std::string(what) +
                                            suggestion(entry.key, listed, "valid keys"));
            return;
        }
        const auto index = static_cast<std::size_t>(found - keys.begin());
        present[index] = true;
        if (rules[index].read) rules[index].read(entry);
    });

    for (std::size_t i = 0; i < rules.size(); ++i) {
        const bool reported = std::find(misspelt.begin(), misspelt.end(), rules[i].key) != misspelt.end();
        if (rules[i].required && !present[i] && !reported) {
            std::string message = "missing required key " + quoted(rules[i].key) + " in the " + std::string(what);
            if (!rules[i].missing_hint.empty()) message += " (" + std::string(rules[i].missing_hint) + ")";
            reader.error(map.pos, std::move(message));
        }
    }
    return result;
}

bool MappingRead::misspelt_any(std::initializer_list<std::string_view> keys) const {
    for (std::string_view key : keys) {
        if (std::find(misspelt.begin(), misspelt.end(), key) != misspelt.end()) return true;
    }
    return false;
}

bool for_each_entry(Reader& reader, const Entry& map, std::string_view key_what,
                    const std::function<void(const Entry&)>& read) {
    if (!expect_map(reader, map)) return false;
    walk_pairs(reader, map, key_what, [&](const Entry& entry) {
        // The keys are names (topics): the rules of read_name, as for a
        // `topic:` value, so `"": [...]` is refused like `topic: ""`.
        if (std::string problem = name_problem("a " + std::string(key_what) + " name", entry.key); !problem.empty()) {
            reader.error(entry.key_pos, std::move(problem));
            return;
        }
        if (reader.charge(entry.key_pos, 1, entry.key.size())) read(entry);
    });
    return true;
}

bool for_each_item(Reader& reader, const Entry& list, std::string_view item_label,
                   const std::function<void(const Entry&)>& read) {
    if (!list.value.IsSequence()) {
        reader.error(list.pos, list.label + " must be a list, got " + describe(list.value));
        return false;
    }
    for (const YamlNode& item : list.value.items()) {
        Entry entry;
        entry.value = item;
        entry.pos = item.IsNull() ? reader.empty_item_pos(mark_pos(item.Mark()), list.pos) : node_pos(item, list.pos);
        entry.key_pos = entry.pos;
        entry.key = list.key;
        entry.label = std::string(item_label);
        if (!reader.charge(entry.pos, 1, 0)) return false;
        read(entry);
    }
    return true;
}

std::optional<std::string> read_string(Reader& reader, const Entry& entry) {
    if (!entry.value.IsScalar()) {
        reader.error(entry.pos, entry.label + " must be a string, got " + describe(entry.value));
        return std::nullopt;
    }
    const std::string& text = entry.value.Scalar();
    if (std::string problem = text_problem(entry.label, text); !problem.empty()) {
        reader.error(entry.pos, std::move(problem));
        return std::nullopt;
    }
    if (!reader.charge(entry.pos, 0, text.size())) return std::nullopt;
    return text;
}

std::optional<std::string> read_name(Reader& reader, const Entry& entry) {
    auto name = read_string(reader, entry);
    if (!name) return std::nullopt;
    if (std::string problem = name_problem(entry.label, *name); !problem.empty()) {
        reader.error(entry.pos, std::move(problem));
        return std::nullopt;
    }
    return name;
}

std::optional<std::uint64_t> read_integer(Reader& reader, const Entry& entry, std::uint64_t min, std::uint64_t max) {
    std::optional<std::uint64_t> value;
    if (entry.value.IsScalar()) value = parse_integer(entry.value.Scalar(), min, max);
    if (!value) reader.error(entry.pos, integer_problem(entry.label, describe(entry.value), min, max));
    return value;
}

std::optional<TimeNs> read_duration(Reader& reader, const Entry& entry) {
    if (!entry.value.IsScalar()) {
        reader.error(entry.pos, entry.label + " must be a duration such as '1.5ms', got " + describe(entry.value));
        return std::nullopt;
    }
    DurationParse parsed = parse_duration_explained(entry.value.Scalar());
    if (!parsed.value) {
        reader.error(entry.pos, "invalid duration for " + entry.label + ": " + parsed.error);
        return std::nullopt;
    }
    return parsed.value;
}

std::optional<TimeNs> read_positive_duration(Reader& reader, const Entry& entry) {
    auto duration = read_duration(reader, entry);
    if (duration && *duration <= 0) {
        reader.error(entry.pos, entry.label + " must be greater than 0, got " + describe(entry.value));
        return std::nullopt;
    }
    return duration;
}

std::optional<bool> read_boolean(Reader& reader, const Entry& entry) {
    if (entry.value.IsScalar()) {
        const std::string& text = entry.value.Scalar();
        if (text == "true" || text == "True" || text == "TRUE") return true;
        if (text == "false" || text == "False" || text == "FALSE") return false;
    }
    reader.error(entry.pos, entry.label + " must be true or false, got " + describe(entry.value));
    return std::nullopt;
}

std::optional<std::size_t> read_keyword_index(Reader& reader, const Entry& entry, std::string_view what,
                                              std::span<const std::string_view> words) {
    if (!entry.value.IsScalar()) {
        reader.error(entry.pos,
                     entry.label + " must be one of: " + join_words(words) + "; got " + describe(entry.value));
        return std::nullopt;
    }
    const std::string& word = entry.value.Scalar();
    const auto found = std::find(words.begin(), words.end(), word);
    if (found == words.end()) {
        reader.error(entry.pos, "unknown " + std::string(what) + " " + quoted(word) + suggestion(word, words, "one of"));
        return std::nullopt;
    }
    return static_cast<std::size_t>(found - words.begin());
}

namespace {

constexpr Keyword<DistributionSpec::Kind> distribution_kinds[] = {
    {"constant", DistributionSpec::Kind::constant},
    {"uniform", DistributionSpec::Kind::uniform},
    {"exponential", DistributionSpec::Kind::exponential},
};

// The value of the first `dist` key of a mapping, if any.
std::optional<Entry> find_dist(const Entry& map) {
    for (const YamlPair& pair : map.value.pairs()) {
        if (pair.first.IsScalar() && pair.first.Scalar() == "dist") return make_entry(pair.first, pair.second, map.pos);
    }
    return std::nullopt;
}

std::optional<DistributionSpec> read_distribution_mapping(Reader& reader, const Entry& map) {
    const auto dist = find_dist(map);
    if (!dist) {
        reader.error(map.pos, "missing required key 'dist' in the distribution (constant, uniform or exponential)");
        return std::nullopt;
    }
    const auto kind = read_keyword(reader, *dist, "distribution", distribution_kinds);
    if (!kind) return std::nullopt;

    std::optional<TimeNs> value, min, max, mean;
    const KeyRule dist_rule{"dist", true, nullptr};
    auto duration_rule = [&](std::string_view key, std::optional<TimeNs>& target) {
        return KeyRule{key, true, [&reader, &target](const Entry& e) { target = read_duration(reader, e); }};
    };
    switch (*kind) {
        case DistributionSpec::Kind::constant: {
            const KeyRule rules[] = {dist_rule, duration_rule("value", value)};
            read_mapping(reader, map, "constant distribution", rules);
            if (value) return DistributionSpec::constant(*value);
            return std::nullopt;
        }
        case DistributionSpec::Kind::uniform: {
            const KeyRule rules[] = {dist_rule, duration_rule("min", min), duration_rule("max", max)};
            read_mapping(reader, map, "uniform distribution", rules);
            if (!min || !max) return std::nullopt;
            if (*min > *max) {
                reader.error(map.pos, "a uniform distribution needs min <= max, got min " + format_duration(*min) +
                                          " and max " + format_duration(*max));
                return std::nullopt;
            }
            return DistributionSpec::uniform(*min, *max);
        }
        case DistributionSpec::Kind::exponential: {
            const KeyRule rules[] = {
                dist_rule, {"mean", true, [&](const Entry& e) { mean = read_positive_duration(reader, e); }}};
            read_mapping(reader, map, "exponential distribution", rules);
            if (mean) return DistributionSpec::exponential(*mean);
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<DistributionSpec> read_distribution(Reader& reader, const Entry& entry) {
    if (entry.value.IsMap()) return read_distribution_mapping(reader, entry);
    if (entry.value.IsScalar()) {
        if (auto duration = read_duration(reader, entry)) return DistributionSpec::constant(*duration);
        return std::nullopt;
    }
    reader.error(entry.pos, entry.label +
                                " must be a duration such as '1ms' or a distribution such as "
                                "{dist: exponential, mean: 1ms}, got " +
                                describe(entry.value));
    return std::nullopt;
}

}  // namespace kafkasim::scenario_detail
