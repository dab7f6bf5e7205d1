// Durations as scenario files write them ("250us", "1.5ms", "2s", "0") and back.
// Parsing is exact and uses integers only: "0.1s" is 100000000 ns on every
// machine and build, which floating point could not promise.
#pragma once

#include "core/spec.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kafkasim {

// A parsed duration, or why the text is not one.
struct DurationParse {
    std::optional<TimeNs> value;
    // Set iff !value: a phrase about the text, ready to follow "invalid
    // duration: ", e.g. "'5' has no unit (use ns, us, ms or s, e.g. '5ms')".
    std::string error;
};

// Grammar: DIGITS [ "." DIGITS ] [spaces] UNIT, UNIT one of ns us ms s; or
// the bare "0". Rejected: negative values, a missing or unknown unit, a
// fraction finer than 1 ns ("1.5ns"), values above INT64_MAX ns, anything else.
DurationParse parse_duration_explained(std::string_view text);

// The value of parse_duration_explained, without the reason.
std::optional<TimeNs> parse_duration(std::string_view text);

// The shortest exact form in the largest unit that fits: 1500000 -> "1.5ms",
// 250000 -> "250us", 0 -> "0"; negative values get a leading '-'. For
// duration >= 0, parse_duration(format_duration(duration)) == duration.
std::string format_duration(TimeNs duration);

}  // namespace kafkasim
