// "Did you mean ...?": the closest candidate to a misspelled word, used for
// unknown keys, unknown keyword values and unknown broker names.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kafkasim {

// Optimal string alignment distance (insert, delete, substitute, swap two
// adjacent characters), ignoring ASCII case and treating '-' as '_', since
// "ThinkTime" and "think-time" are the same slip as "think_time".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The single best candidate if it is close enough to be a plausible typo (or
// the only candidate that `word` is a prefix of); nullopt when nothing is
// close or two candidates tie, since a wrong guess misleads more than none.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates);

// Candidates joined for a message: "a, b, c".
std::string join_words(std::span<const std::string_view> words);

}  // namespace kafkasim
