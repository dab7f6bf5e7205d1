// Exact duration parsing and formatting with integer arithmetic only.
//
// Why exactness is easy here: every unit is 10^k ns (k = 0, 3, 6, 9). A
// fraction with its trailing zeros removed ends in a nonzero digit, so
// 0.DIGITS * 10^k is a whole number of nanoseconds iff it has at most k
// digits. No division, no rounding, nothing machine-dependent.
#include "scenario/duration.hpp"

#include "scenario/diagnostic.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <limits>

namespace kafkasim {
namespace {

struct Unit {
    std::string_view suffix;
    int decimals;        // log10 of the unit in ns
    std::uint64_t size;  // 10^decimals
};

// Largest first: format_duration picks the first unit that fits.
constexpr std::array<Unit, 4> units{{
    {"s", 9, 1'000'000'000},
    {"ms", 6, 1'000'000},
    {"us", 3, 1'000},
    {"ns", 0, 1},
}};

constexpr std::uint64_t max_ns = static_cast<std::uint64_t>(std::numeric_limits<TimeNs>::max());

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

DurationParse failure(std::string reason) { return {std::nullopt, std::move(reason)}; }

std::string not_a_duration(std::string_view text) {
    return quote_for_message(text) + " is not a duration (expected a number and a unit, e.g. '250us', '1.5ms', '2s', or 0)";
}

// value = value * 10 + digit, false on overflow past max_ns.
bool append_digit(std::uint64_t& value, char digit) {
    const auto d = static_cast<std::uint64_t>(digit - '0');
    if (value > (max_ns - d) / 10) return false;
    value = value * 10 + d;
    return true;
}

}  // namespace

DurationParse parse_duration_explained(std::string_view text) {
    if (text.empty()) return failure("the duration is empty (expected e.g. '1.5ms')");
    if (text == "0") return {TimeNs{0}, {}};
    if (text.front() == '-') return failure(quote_for_message(text) + " is negative (durations are >= 0)");

    std::size_t i = 0;
    const std::size_t whole_begin = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    const std::string_view whole = text.substr(whole_begin, i - whole_begin);
    if (whole.empty()) return failure(not_a_duration(text));

    std::string_view fraction;
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction_begin = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        fraction = text.substr(fraction_begin, i - fraction_begin);
        if (fraction.empty()) return failure(not_a_duration(text));
    }
    while (i < text.size() && text[i] == ' ') ++i;  // "10 ms" is a common way to write it

    const std::string_view suffix = text.substr(i);
    if (suffix.empty()) {
        return failure(quote_for_message(text) + " has no unit (use ns, us, ms or s, e.g. '" + message_text(text) +
                       "ms'); only 0 may be written without one");
    }
    const Unit* unit = nullptr;
    for (const Unit& candidate : units) {
        if (candidate.suffix == suffix) unit = &candidate;
    }
    if (unit == nullptr) {
        for (char c : suffix) {
            if (!is_letter(c)) return failure(not_a_duration(text));
        }
        return failure(quote_for_message(text) + " has an unknown unit " + quote_for_message(suffix) + " (use ns, us, ms or s)");
    }

    while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
    if (fraction.size() > static_cast<std::size_t>(unit->decimals)) {
        return failure(quote_for_message(text) + " is finer than 1 ns (the simulation's time step)");
    }

    const std::string too_large = quote_for_message(text) + " is too large (at most about 292 years, 9223372036s)";
    std::uint64_t ns = 0;
    for (char c : whole) {
        if (!append_digit(ns, c)) return failure(too_large);
    }
    // Scale by the unit one decimal at a time, consuming fraction digits first:
    // 1.5ms = ((1*10 + 5) * 10 * 10 ...) with exactly `decimals` steps.
    for (int step = 0; step < unit->decimals; ++step) {
        const char digit = static_cast<std::size_t>(step) < fraction.size() ? fraction[static_cast<std::size_t>(step)] : '0';
        if (!append_digit(ns, digit)) return failure(too_large);
    }
    return {static_cast<TimeNs>(ns), {}};
}

std::optional<TimeNs> parse_duration(std::string_view text) { return parse_duration_explained(text).value; }

std::string format_duration(TimeNs duration) {
    if (duration == 0) return "0";
    std::string out;
    // Magnitude as unsigned, so INT64_MIN does not overflow.
    std::uint64_t magnitude = static_cast<std::uint64_t>(duration);
    if (duration < 0) {
        out += '-';
        magnitude = ~magnitude + 1;
    }
    const Unit* unit = &units.back();
    for (const Unit& candidate : units) {
        if (magnitude >= candidate.size) {
            unit = &candidate;
            break;
        }
    }
    std::array<char, 24> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), magnitude / unit->size);
    (void)ec;  // 24 chars always hold a uint64
    out.append(buffer.data(), end);

    std::uint64_t remainder = magnitude % unit->size;
    if (remainder != 0) {
        // Fixed-width fraction digits, then drop trailing zeros.
        std::string digits(static_cast<std::size_t>(unit->decimals), '0');
        for (std::size_t k = digits.size(); k-- > 0;) {
            digits[k] = static_cast<char>('0' + remainder % 10);
            remainder /= 10;
        }
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        out += '.';
        out += digits;
    }
    out += unit->suffix;
    return out;
}

}  // namespace kafkasim
