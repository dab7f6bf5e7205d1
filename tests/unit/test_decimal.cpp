// text/decimal.hpp: the web build's paths (strtod_from_chars,
// snprintf_to_chars) must read and write every number exactly as
// std::from_chars / std::to_chars do natively, or a scenario would run
// differently in the browser. Compared here, natively, over many generated
// doubles and texts: random bit patterns, round decimals, powers of ten,
// integers near 2^53, tiny and huge magnitudes; and texts built from the
// characters of numbers (signs, digits, points, exponents, inf/nan, junk).
#include <catch2/catch.hpp>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "text/decimal.hpp"

namespace {

using kafkasim::snprintf_to_chars;
using kafkasim::strtod_from_chars;

std::vector<double> sample_doubles() {
    std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 0.25, 1e-7, 1.5e-7, 123456.789, 1e6, 1e15, 1e16, 1e21, 1e22, 1e23,
                                  9007199254740992.0, 9007199254740993.0, 18014398509481984.0, 4503599627370496.5,
                                  std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                                  std::numeric_limits<double>::max(), std::numeric_limits<double>::epsilon(),
                                  std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    for (int exponent = -30; exponent <= 30; ++exponent) values.push_back(std::pow(10.0, exponent));
    std::mt19937_64 random(20261129);  // fixed: a failure reproduces
    for (int i = 0; i < 8000; ++i) {
        // Any bit pattern (NaNs left out: their payloads print differently by design).
        const double any = std::bit_cast<double>(random());
        if (!std::isnan(any)) values.push_back(any);
        // The numbers scenarios and stats hold: round decimals, ratios, latencies.
        values.push_back(static_cast<double>(random() % 100000) / 1000.0);
        values.push_back(static_cast<double>(random() % 1000000007) / static_cast<double>(random() % 999 + 1));
        values.push_back(std::ldexp(static_cast<double>(random() % (1ull << 53)), static_cast<int>(random() % 120) - 60));
        values.push_back(static_cast<double>((1ull << 53) + random() % 100000) * (random() % 2 ? 1 : -1));
    }
    return values;
}

std::string text_of(const char* first, std::to_chars_result result) {
    REQUIRE(result.ec == std::errc{});
    return std::string(first, static_cast<const char*>(result.ptr));
}

}  // namespace

TEST_CASE("decimal: snprintf_to_chars writes what std::to_chars writes, shortest and with precision", "[decimal]") {
    char expected[512];
    char actual[512];
    std::size_t compared = 0;
    for (const double value : sample_doubles()) {
        INFO("value bits " << std::bit_cast<std::uint64_t>(value));
        const auto end = expected + sizeof expected;
        const auto actual_end = actual + sizeof actual;
        CHECK(text_of(actual, snprintf_to_chars(actual, actual_end, value)) == text_of(expected, std::to_chars(expected, end, value)));
        for (const auto format : {std::chars_format::fixed, std::chars_format::scientific}) {
            if (format == std::chars_format::fixed && std::fabs(value) > 1e300) continue;  // ~300 digits: fine, but slow to compare
            CHECK(text_of(actual, snprintf_to_chars(actual, actual_end, value, format)) ==
                  text_of(expected, std::to_chars(expected, end, value, format)));
        }
        for (const int precision : {0, 1, 3, 6, 17}) {
            for (const auto format : {std::chars_format::fixed, std::chars_format::scientific, std::chars_format::general}) {
                if (format == std::chars_format::fixed && std::fabs(value) > 1e300) continue;
                CHECK(text_of(actual, snprintf_to_chars(actual, actual_end, value, format, precision)) ==
                      text_of(expected, std::to_chars(expected, end, value, format, precision)));
            }
        }
        ++compared;
    }
    CHECK(compared > 40000);
}

TEST_CASE("decimal: snprintf_to_chars says value_too_large as to_chars does", "[decimal]") {
    char buffer[4];
    CHECK(snprintf_to_chars(buffer, buffer + sizeof buffer, 123456.0).ec == std::errc::value_too_large);
    CHECK(std::to_chars(buffer, buffer + sizeof buffer, 123456.0).ec == std::errc::value_too_large);
    CHECK(snprintf_to_chars(buffer, buffer + sizeof buffer, 0.5, std::chars_format::fixed, 6).ec == std::errc::value_too_large);
}

TEST_CASE("decimal: strtod_from_chars reads what std::from_chars reads", "[decimal]") {
    std::vector<std::string> texts = {"", "-", "+1", " 1", "1", "-1", "0", "-0", ".5", "5.", ".", "-.", "1e5", "1e", "1e+", "1e-5",
                                      "1E5", "1.5e+300", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4e-324", "0x1p3", "inf",
                                      "-inf", "INF", "infinity", "Infinity", "infin", "nan", "-nan", "NaN", "nan(123)", "nan(",
                                      "nan(x y)", "0.1", "0.25", "00012.5000", "1_000", "1,5", "12abc", "e5", "-e5",
                                      "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368",
                                      "0.1000000000000000055511151231257827021181583404541015625",
                                      "2.2250738585072011e-308", "2.2250738585072012e-308"};
    std::mt19937_64 random(20261130);
    const std::string alphabet = "0123456789012345678901234567890123456789..--+eEinfaxyIN( )";
    for (int i = 0; i < 30000; ++i) {
        std::string text;
        const std::size_t length = random() % 24;
        for (std::size_t k = 0; k < length; ++k) text += alphabet[random() % alphabet.size()];
        texts.push_back(text);
        // Well-formed numbers, and every prefix of one.
        char buffer[64];
        const double value = std::bit_cast<double>(random());
        if (!std::isnan(value)) {
            const std::string number(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
            texts.push_back(number);
            texts.push_back(number.substr(0, random() % (number.size() + 1)));
        }
    }
    for (const std::string& text : texts) {
        for (const auto format : {std::chars_format::general, std::chars_format::fixed}) {
            INFO("text '" << text << "' format " << static_cast<int>(format));
            double expected = -12345.0;
            double actual = -12345.0;
            const auto expected_result = std::from_chars(text.data(), text.data() + text.size(), expected, format);
            const auto actual_result = strtod_from_chars(text.data(), text.data() + text.size(), actual, format);
            CHECK(actual_result.ec == expected_result.ec);
            CHECK(actual_result.ptr - text.data() == expected_result.ptr - text.data());
            if (std::isnan(expected)) {
                CHECK(std::isnan(actual));
            } else {
                CHECK(std::bit_cast<std::uint64_t>(actual) == std::bit_cast<std::uint64_t>(expected));
            }
        }
    }
}
