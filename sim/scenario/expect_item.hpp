// One expect: entry being read, shared by read_expect.cpp (the dictionary
// model's subjects and the common ones) and read_expect_log.cpp (the log
// model's `partition:` and `group:`). PRIVATE to kafkasim_scenario.
#pragma once

#include "scenario/sections.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::scenario_detail {

// What one entry is being read into: the spec, and which keys were given
// where (for the "one of" and "does not go with" checks that follow).
struct ExpectItem {
    Reader& reader;
    const Entry& entry;
    Draft& draft;
    ExpectationSpec spec;
    std::map<std::string, Pos, std::less<>> given;

    bool has(std::string_view key) const { return given.find(key) != given.end(); }
    Pos at(std::string_view key) const { return given.find(key)->second; }
    void ref(ExpectRef ref) { draft.expect_refs.push_back(std::move(ref)); }
    void ref(ExpectRef::Kind kind, std::string text, Pos pos) { ref(ExpectRef{.kind = kind, .text = std::move(text), .pos = pos}); }
};

// name, points and hint, then the subject's own keys; every rule notes its key in item.given.
MappingRead read_item_mapping(ExpectItem& item, std::string_view what, std::vector<KeyRule> rules);

// partition: {topic, partition, end_offset, records: [{key, value}, ...]}
void read_partition_expectation(ExpectItem& item);
// group: {name, assignment: {CONSUMER: [T-P, ...]}, committed: {T-P: N}, lag, duplicates, rebalances}
void read_group_expectation(ExpectItem& item);

}  // namespace kafkasim::scenario_detail
