// See values.hpp.
#include "scenario/values.hpp"

#include "text/utf8_text.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "scenario/diagnostic.hpp"

namespace kafkasim {

std::optional<std::uint64_t> parse_integer(std::string_view text, std::uint64_t min, std::uint64_t max) {
    // Digits only: from_chars alone would accept a prefix ("12abc"), and
    // Boost's lexical_cast a sign ("-1" wraps to 2^64 - 1).
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
    return value;
}

std::string integer_problem(std::string_view label, std::string_view got, std::uint64_t min, std::uint64_t max) {
    return std::string(label) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
           ", got " + std::string(got);
}

std::string text_problem(std::string_view label, std::string_view text) {
    // Names and messages end up in JSON, XML and the terminal; the outputs
    // would survive other bytes (utf8_text.hpp), but a scenario that says
    // what it means is better told at its position.
    if (!is_valid_utf8(text)) return std::string(label) + " is not valid UTF-8 text";
    return {};
}

std::string name_problem(std::string_view label, std::string_view text) {
    if (std::string problem = text_problem(label, text); !problem.empty()) return problem;
    if (text.empty()) return std::string(label) + " must not be empty";
    return {};
}

std::string partition_actor_twice_message(std::string_view name, int first_line) {
    return "actor " + quote_for_message(name) + " is in the partition twice" +
           (first_line > 0 ? " (first at line " + std::to_string(first_line) + ")" : std::string()) +
           ": each actor is on one side at most";
}

std::string partition_group_empty_message() { return "a partition group names at least one actor"; }

std::string partition_too_few_groups_message() {
    return "a partition needs at least two groups (actors in no group reach every side)";
}

std::string partition_problem(const std::vector<std::vector<std::string>>& groups) {
    std::set<std::string, std::less<>> seen;
    for (const std::vector<std::string>& group : groups) {
        if (group.empty()) return partition_group_empty_message();
        for (const std::string& name : group) {
            if (std::string problem = name_problem("an actor name", name); !problem.empty()) return problem;
            if (!seen.insert(name).second) return partition_actor_twice_message(name, 0);
        }
    }
    if (groups.size() < 2) return partition_too_few_groups_message();
    return {};
}

}  // namespace kafkasim
