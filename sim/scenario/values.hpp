// The loader's rules for single values, public so that everything else that
// takes the same values from people applies the same rules with the same
// words: the YAML reader (yaml_reader.cpp), the command line's numeric
// options (cli/numeric_option.hpp) and the interactive script
// (interactive/script.cpp). Durations have their own header (duration.hpp).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

// The largest message index a scenario may name (indices are int64 inside).
inline constexpr std::uint64_t index_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

// Decimal digits only (no sign, no spaces, no exponent, no "0x"), within
// [min, max]; nullopt otherwise.
std::optional<std::uint64_t> parse_integer(std::string_view text, std::uint64_t min, std::uint64_t max);

// "LABEL must be an integer from MIN to MAX, got GOT"; `got` is already
// described ("'-1'", "a list").
std::string integer_problem(std::string_view label, std::string_view got, std::uint64_t min, std::uint64_t max);

// Free text (messages, descriptions): "" when acceptable, else the problem,
// starting with `label`: "'message' is not valid UTF-8 text".
std::string text_problem(std::string_view label, std::string_view text);

// Names (actors, topics): text that is not empty. "" when acceptable.
std::string name_problem(std::string_view label, std::string_view text);

// A partition's groups of actor names: at least two groups, none empty, no
// actor twice. "" when acceptable, else the first problem, in the words of
// the messages below (the loader reports each at its position).
std::string partition_problem(const std::vector<std::vector<std::string>>& groups);
// `first_line` > 0: where the actor was named first.
std::string partition_actor_twice_message(std::string_view name, int first_line);
std::string partition_group_empty_message();
std::string partition_too_few_groups_message();

}  // namespace kafkasim
