// Durations as scenario files write them: exact integer parsing, every kind of
// bad text rejected with a reason, and formatting that parses back.
#include "scenario/duration.hpp"

#include <catch2/catch.hpp>

#include <limits>

using kafkasim::format_duration;
using kafkasim::parse_duration;
using kafkasim::parse_duration_explained;
using kafkasim::TimeNs;

TEST_CASE("parse_duration reads every unit", "[duration]") {
    CHECK(parse_duration("0") == 0);
    CHECK(parse_duration("7ns") == 7);
    CHECK(parse_duration("250us") == 250'000);
    CHECK(parse_duration("1ms") == 1'000'000);
    CHECK(parse_duration("2s") == 2'000'000'000);
    CHECK(parse_duration("0s") == 0);
    CHECK(parse_duration("0ms") == 0);
    CHECK(parse_duration("10 ms") == 10'000'000);  // a space before the unit is allowed
    CHECK(parse_duration("007ms") == 7'000'000);
}

TEST_CASE("parse_duration is exact for decimals", "[duration]") {
    CHECK(parse_duration("1.5ms") == 1'500'000);
    CHECK(parse_duration("0.1s") == 100'000'000);  // not 99999999 as 0.1 * 1e9 in floating point might give
    CHECK(parse_duration("0.3s") == 300'000'000);
    CHECK(parse_duration("0.000000001s") == 1);
    CHECK(parse_duration("1.000001ms") == 1'000'001);
    CHECK(parse_duration("2.500us") == 2'500);
    CHECK(parse_duration("1.0ns") == 1);
    CHECK(parse_duration("1.50000000000000000000000ms") == 1'500'000);  // trailing zeros are not precision
    CHECK(parse_duration("9223372036.854775807s") == std::numeric_limits<TimeNs>::max());
}

TEST_CASE("parse_duration rejects bad text with a reason", "[duration]") {
    auto reason = [](std::string_view text) {
        auto parsed = parse_duration_explained(text);
        CHECK_FALSE(parsed.value);
        return parsed.error;
    };
    CHECK(reason("") == "the duration is empty (expected e.g. '1.5ms')");
    CHECK(reason("-1ms") == "'-1ms' is negative (durations are >= 0)");
    CHECK(reason("5") == "'5' has no unit (use ns, us, ms or s, e.g. '5ms'); only 0 may be written without one");
    CHECK(reason("1.5") == "'1.5' has no unit (use ns, us, ms or s, e.g. '1.5ms'); only 0 may be written without one");
    CHECK(reason("5sec") == "'5sec' has an unknown unit 'sec' (use ns, us, ms or s)");
    CHECK(reason("5MS") == "'5MS' has an unknown unit 'MS' (use ns, us, ms or s)");
    CHECK(reason("1.5ns") == "'1.5ns' is finer than 1 ns (the simulation's time step)");
    CHECK(reason("0.0000000001s") == "'0.0000000001s' is finer than 1 ns (the simulation's time step)");
    CHECK(reason("9223372036.854775808s") == "'9223372036.854775808s' is too large (at most about 292 years, 9223372036s)");
    CHECK(reason("99999999999999999999999ns") ==
          "'99999999999999999999999ns' is too large (at most about 292 years, 9223372036s)");
    const std::string garbage = " is not a duration (expected a number and a unit, e.g. '250us', '1.5ms', '2s', or 0)";
    CHECK(reason("abc") == "'abc'" + garbage);
    CHECK(reason("ms") == "'ms'" + garbage);
    CHECK(reason(".5ms") == "'.5ms'" + garbage);
    CHECK(reason("5.ms") == "'5.ms'" + garbage);
    CHECK(reason("1e3ms") == "'1e3ms'" + garbage);
    CHECK(reason("1,5ms") == "'1,5ms'" + garbage);
    CHECK(reason("+1ms") == "'+1ms'" + garbage);
    CHECK(reason("1ms 2ms") == "'1ms 2ms'" + garbage);
    CHECK_FALSE(parse_duration("0.0"));
    CHECK_FALSE(parse_duration("00"));
}

TEST_CASE("format_duration picks the largest exact unit", "[duration]") {
    CHECK(format_duration(0) == "0");
    CHECK(format_duration(1) == "1ns");
    CHECK(format_duration(999) == "999ns");
    CHECK(format_duration(1'000) == "1us");
    CHECK(format_duration(250'000) == "250us");
    CHECK(format_duration(1'500'000) == "1.5ms");
    CHECK(format_duration(1'234'567) == "1.234567ms");
    CHECK(format_duration(2'000'000'000) == "2s");
    CHECK(format_duration(100'000'000) == "100ms");
    CHECK(format_duration(1'000'000'001) == "1.000000001s");
    CHECK(format_duration(-1'500'000) == "-1.5ms");
    CHECK(format_duration(std::numeric_limits<TimeNs>::max()) == "9223372036.854775807s");
    CHECK(format_duration(std::numeric_limits<TimeNs>::min()) == "-9223372036.854775808s");
}

TEST_CASE("format_duration output parses back to the same value", "[duration]") {
    // A deterministic spread over every magnitude (a small LCG, no std::random).
    std::uint64_t state = 12345;
    for (int i = 0; i < 10'000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const int digits = static_cast<int>(state >> 60) + 1;  // 1..16 significant digits
        TimeNs value = static_cast<TimeNs>((state >> 1) % 9'000'000'000'000'000'000ULL);
        for (int k = digits; k < 19; ++k) value /= 10;
        INFO(value);
        CHECK(parse_duration(format_duration(value)) == value);
    }
    CHECK(parse_duration(format_duration(std::numeric_limits<TimeNs>::max())) == std::numeric_limits<TimeNs>::max());
}
