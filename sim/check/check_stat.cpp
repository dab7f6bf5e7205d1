// Checks on the stats JSON (the documented fields of --stats-json), by dotted
// path. Numbers are compared as the JSON prints them, so what a person reads
// in --stats-json is what the comparison sees.
#include <array>
#include <charconv>
#include <cmath>

#include "check/check_detail.hpp"
#include "text/decimal.hpp"

namespace kafkasim::check_detail {

namespace {

std::optional<double> parse_double(std::string_view text) {
    double value = 0;
    const auto [end, error] = decimal_from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string member_names(const JsonValue& node) {
    std::string out;
    for (const auto& [name, value] : node.members()) out += (out.empty() ? "" : ", ") + name;
    return shorten(out);
}

// Why `path` names nothing: the longest prefix that does, and what it holds.
std::string missing_text(const JsonValue& stats, std::string_view path) {
    for (std::size_t end = path.rfind('.'); end != std::string_view::npos; end = end == 0 ? std::string_view::npos : path.rfind('.', end - 1)) {
        const std::string_view prefix = path.substr(0, end);
        const JsonValue* node = stats.find_path(prefix);
        if (!node) continue;
        const std::string rest(path.substr(end + 1));
        if (node->type() == JsonValue::Type::object) {
            return "no such stat: " + quoted(prefix) + " has no " + quoted(rest) + " (fields: " + member_names(*node) + ")";
        }
        if (node->type() == JsonValue::Type::array) {
            const std::size_t size = node->items().size();
            if (size == 0) return "no such stat: " + quoted(prefix) + " is an empty list";
            return "no such stat: " + quoted(prefix) + " is a list of " + std::to_string(size) +
                   " (indices 0 to " + std::to_string(size - 1) + ")";
        }
        return "no such stat: " + quoted(prefix) + " is " + node->dump() + ", not an object";
    }
    return "no such stat (top-level fields: " + member_names(stats) + ")";
}

bool equal_values(const ExpectStat& expect, const JsonValue& actual, const std::string& actual_text) {
    switch (actual.type()) {
        case JsonValue::Type::integer:
        case JsonValue::Type::number: {
            const auto number = parse_double(actual_text);
            return expect.value && number && *number == *expect.value;
        }
        case JsonValue::Type::string: return actual.as_string() == expect.value_text;
        case JsonValue::Type::boolean: return expect.value_text == (actual.as_bool() ? "true" : "false");
        case JsonValue::Type::null: return expect.value_text == "null" || expect.value_text == "~";
        case JsonValue::Type::array:
        case JsonValue::Type::object: return actual_text == expect.value_text;
    }
    return false;
}

}  // namespace

ExpectationResult check_stat(const ExpectStat& expect, const Context& context) {
    using Comparison = ExpectStat::Comparison;
    ExpectationResult result;
    result.expected = expected_text(ExpectationSpec{{}, 0, {}, expect, {}});
    const JsonValue* actual = context.stats.find_path(expect.path);
    if (!actual) {
        result.actual = missing_text(context.stats, expect.path);
        return result;
    }
    const std::string actual_text = actual->dump();
    result.actual = shorten(actual_text);
    if (expect.comparison == Comparison::equal || expect.comparison == Comparison::not_equal) {
        result.passed = equal_values(expect, *actual, actual_text) == (expect.comparison == Comparison::equal);
        return result;
    }
    const auto number = actual->is_numeric() ? parse_double(actual_text) : std::nullopt;
    if (!number || !expect.value) {
        result.actual += " (not a number)";
        return result;
    }
    const double value = *expect.value;
    switch (expect.comparison) {
        case Comparison::less_equal: result.passed = *number <= value; break;
        case Comparison::greater_equal: result.passed = *number >= value; break;
        case Comparison::less: result.passed = *number < value; break;
        case Comparison::greater: result.passed = *number > value; break;
        case Comparison::approx: {
            const double tolerance = expect.tolerance_percent ? std::fabs(value) * *expect.tolerance_percent / 100 : expect.tolerance;
            result.passed = std::fabs(*number - value) <= tolerance;
            if (!result.passed) {
                std::array<char, 32> buffer{};
                const auto end = decimal_to_chars(buffer.data(), buffer.data() + buffer.size(), std::fabs(*number - value),
                                               std::chars_format::general, 6).ptr;
                result.actual += " (off by " + std::string(buffer.data(), end) + ")";
            }
            break;
        }
        case Comparison::equal:
        case Comparison::not_equal: break;
    }
    return result;
}

}  // namespace kafkasim::check_detail
