// The YAML reading toolkit of the loader: positions, the diagnostic sink, and
// typed reads (mapping against a key table, list, string, integer, duration,
// distribution, keyword) that report what is wrong and carry on, so one pass
// finds every error, over the loader's own tree (yaml_tree.hpp). PRIVATE to
// kafkasim_scenario: it exposes yaml-cpp types.
//
// Rules every reader follows:
// - never index a node by key (node["k"]): a missing key gives a node whose
//   Mark() throws in yaml-cpp 0.7; mappings are always iterated instead;
// - a position comes from the node when it has one, else from a fallback
//   (the parent); an empty value's mark points at the next token, possibly
//   lines below, so empty values are reported at their key, and empty list
//   items at their '-' (Reader::empty_item_pos);
// - only descend into structure the schema expects: yaml-cpp can build
//   cyclic nodes from aliases (`&a [*a]`), and a schema-bounded walk cannot
//   loop on them.
#pragma once

#include "core/spec.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/keywords.hpp"
#include "scenario/yaml_tree.hpp"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::scenario_detail {

// A 1-based position in the scenario text; line == 0: unknown.
struct Pos {
    int line = 0;
    int column = 0;
};

// A yaml-cpp mark (0-based) as a Pos (1-based); {0, 0} for a null mark.
Pos mark_pos(const YAML::Mark& mark);

// The node's own position, or `fallback` when yaml-cpp has none (null mark).
Pos node_pos(const YamlNode& node, Pos fallback);

// Collects diagnostics and bounds the work a hostile file can cause.
class Reader {
public:
    // `text`: the scenario text being read (it must outlive the reader), to
    // place what yaml-cpp gives no position of its own.
    Reader(std::string file, std::string_view text);

    const std::string& file() const { return file_; }
    void error(Pos pos, std::string message);
    bool has_errors() const { return !diagnostics_.empty(); }
    SourcePos source_pos(Pos pos) const { return {file_, pos.line, pos.column}; }

    // The position of an empty list item (`-` with nothing after it), whose
    // yaml-cpp mark is the next token's, possibly lines below: the '-' (or
    // the ',' or '[' of a flow list) before `next_token`, found in the text;
    // `fallback` when there is none.
    Pos empty_item_pos(Pos next_token, Pos fallback) const;

    // Charges `items` list entries and `bytes` of copied text against a budget
    // (aliases let a short file describe a huge scenario). False, with one
    // error reported, once the budget is spent: stop reading that list.
    bool charge(Pos pos, std::size_t items, std::size_t bytes);

    // The diagnostics in file order (stable: equal positions keep the order
    // they were found in).
    std::vector<Diagnostic> take_diagnostics();

private:
    std::string file_;
    std::string_view text_;
    std::vector<Diagnostic> diagnostics_;
    bool truncated_ = false;
    std::size_t items_left_;
    std::size_t bytes_left_;
    bool budget_reported_ = false;
};

// A value to read, with what is needed to talk about it.
struct Entry {
    YamlNode value;
    Pos pos;            // the value's, or the key's for an empty value
    Pos key_pos;        // the key's (== pos for list items)
    std::string key;    // the mapping key, or for list items the list's key
    std::string label;  // how messages name it: "'count'", "each item of 'targets'"
};

// "a mapping", "a list", "nothing", or the scalar quoted: "'b1'".
std::string describe(const YamlNode& node);

// "; did you mean 'x'?" when a candidate is close, else " (LIST_NAME: a, b, c)".
std::string suggestion(std::string_view word, std::span<const std::string_view> candidates, std::string_view list_name);

// One key a mapping may hold. `read` runs for the key's value, in file order.
struct KeyRule {
    std::string_view key;
    bool required = false;
    std::function<void(const Entry&)> read;
    std::string_view missing_hint = {};  // appended to "missing required key" messages
    // False: a key of the other broker model, read (its rule reports it) but
    // neither suggested for a misspelt key nor listed among the valid keys.
    bool listed = true;
};

// What read_mapping found, beyond the errors it reported.
struct MappingRead {
    bool is_mapping = false;
    // Valid keys that unknown keys were suggested as ("publsh" -> "publish"):
    // a caller's own "X is missing" check should stay quiet about them.
    std::vector<std::string> misspelt;

    explicit operator bool() const { return is_mapping; }
    bool misspelt_any(std::initializer_list<std::string_view> keys) const;
};

// Reads `map` against `rules`: reports a non-mapping, non-string keys,
// duplicate keys (yaml-cpp would silently keep the first), unknown keys (with
// a suggestion) and missing required keys (at the mapping's position; not
// when a misspelling of the key was reported). `what` names the mapping in
// messages: "broker" -> "unknown key 'x' in the broker".
MappingRead read_mapping(Reader& reader, const Entry& map, std::string_view what, std::span<const KeyRule> rules);

// Reads a mapping with free-form keys (topic names): type, string keys,
// duplicates and the name rules (non-empty UTF-8, values.hpp) are checked; `read` gets each entry in order. `key_what` names
// the keys: "topic" -> "duplicate topic 'x' (first given at line N)".
bool for_each_entry(Reader& reader, const Entry& map, std::string_view key_what,
                    const std::function<void(const Entry&)>& read);

// Reads a list; `item_label` names one item in messages ("each broker").
// Charges each item against the reader's budget.
bool for_each_item(Reader& reader, const Entry& list, std::string_view item_label,
                   const std::function<void(const Entry&)>& read);

// Typed values. Each reports what is wrong (at entry.pos) and returns nullopt.
std::optional<std::string> read_string(Reader& reader, const Entry& entry);
std::optional<std::string> read_name(Reader& reader, const Entry& entry);  // non-empty string
std::optional<std::uint64_t> read_integer(Reader& reader, const Entry& entry, std::uint64_t min, std::uint64_t max);
std::optional<TimeNs> read_duration(Reader& reader, const Entry& entry);
std::optional<TimeNs> read_positive_duration(Reader& reader, const Entry& entry);
// true or false (YAML's spellings: also True, TRUE, False, FALSE).
std::optional<bool> read_boolean(Reader& reader, const Entry& entry);
// A plain duration (constant) or {dist: constant|uniform|exponential, ...}.
std::optional<DistributionSpec> read_distribution(Reader& reader, const Entry& entry);

// The index of entry's scalar in `words`, or nullopt after reporting
// "unknown WHAT 'x'; did you mean 'y'?". `what`: "policy", "distribution".
std::optional<std::size_t> read_keyword_index(Reader& reader, const Entry& entry, std::string_view what,
                                              std::span<const std::string_view> words);

template <class Value, std::size_t N>
std::optional<Value> read_keyword(Reader& reader, const Entry& entry, std::string_view what,
                                  const Keyword<Value> (&keywords)[N]) {
    std::string_view words[N];
    for (std::size_t i = 0; i < N; ++i) words[i] = keywords[i].word;
    const auto index = read_keyword_index(reader, entry, what, words);
    if (!index) return std::nullopt;
    return keywords[*index].value;
}

}  // namespace kafkasim::scenario_detail
