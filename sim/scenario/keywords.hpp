// A scenario keyword and the value it stands for ("round_robin" ->
// PolicyKind::round_robin): the loader reads words through tables of these
// (yaml_reader.hpp, read_keyword) and the writer looks the word up in the
// same table (save.cpp), so a saved word always reads back. PRIVATE to
// kafkasim_scenario; no yaml-cpp here.
#pragma once

#include <cassert>
#include <cstddef>
#include <string_view>

namespace kafkasim::scenario_detail {

template <class Value>
struct Keyword {
    std::string_view word;
    Value value;
};

// The word of `value` in `keywords`; asserts the table has it (a table
// missing an enum value is a programmer error).
template <class Value, std::size_t N>
constexpr std::string_view word_for(const Keyword<Value> (&keywords)[N], Value value) {
    for (const auto& keyword : keywords) {
        if (keyword.value == value) return keyword.word;
    }
    assert(false && "word_for: the keyword table lacks this value");
    return {};
}

}  // namespace kafkasim::scenario_detail
