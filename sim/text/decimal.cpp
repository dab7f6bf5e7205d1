// See decimal.hpp. With libstdc++ decimal_from_chars is std::from_chars
// itself. strtod_from_chars: the longest prefix of the from_chars grammar is measured here, and the
// number converted by strtod (correctly rounded in glibc and in musl, which
// Emscripten uses; the locale there is always "C", so '.' is the point).
#include "text/decimal.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kafkasim {

namespace {

bool starts_with_word(const char* first, const char* last, const char* word) {
    const char* p = first;
    for (; *word != '\0'; ++word, ++p) {
        if (p == last || std::tolower(static_cast<unsigned char>(*p)) != *word) return false;
    }
    return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::from_chars_result strtod_from_chars(const char* first, const char* last, double& value, std::chars_format format) {
    const char* p = first;
    const bool negative = p != last && *p == '-';
    if (negative) ++p;
    // inf, infinity, nan, nan(chars): as from_chars reads them.
    if (starts_with_word(p, last, "inf")) {
        const char* end = p + (starts_with_word(p, last, "infinity") ? 8 : 3);
        value = negative ? -HUGE_VAL : HUGE_VAL;
        return {end, std::errc{}};
    }
    if (starts_with_word(p, last, "nan")) {
        const char* end = p + 3;
        if (end != last && *end == '(') {
            const char* close = end + 1;
            while (close != last && (std::isalnum(static_cast<unsigned char>(*close)) || *close == '_')) ++close;
            if (close != last && *close == ')') end = close + 1;
        }
        value = negative ? -std::nan("") : std::nan("");
        return {end, std::errc{}};
    }
    const char* digits_start = p;
    while (p != last && is_digit(*p)) ++p;
    bool any_digit = p != digits_start;
    if (p != last && *p == '.') {
        const char* fraction = ++p;
        while (p != last && is_digit(*p)) ++p;
        any_digit = any_digit || p != fraction;
    }
    if (!any_digit) return {first, std::errc::invalid_argument};
    // An exponent counts only when digits follow it ("1e" reads as "1").
    if (format != std::chars_format::fixed && p != last && (*p == 'e' || *p == 'E')) {
        const char* exponent = p + 1;
        if (exponent != last && (*exponent == '+' || *exponent == '-')) ++exponent;
        const char* exponent_digits = exponent;
        while (exponent != last && is_digit(*exponent)) ++exponent;
        if (exponent != exponent_digits) p = exponent;
    }
    const std::string text(first, p);
    errno = 0;
    const double parsed = std::strtod(text.c_str(), nullptr);
    // Overflow, or a non-zero number that rounds to zero: out of range, as from_chars says.
    if (errno == ERANGE && (std::isinf(parsed) || parsed == 0)) return {p, std::errc::result_out_of_range};
    value = parsed;
    return {p, std::errc{}};
}

std::from_chars_result decimal_from_chars(const char* first, const char* last, double& value, std::chars_format format) {
#if defined(__GLIBCXX__)
    return std::from_chars(first, last, value, format);
#else
    return strtod_from_chars(first, last, value, format);
#endif
}

namespace {

std::to_chars_result copy_out(char* first, char* last, const std::string& text) {
    if (static_cast<std::size_t>(last - first) < text.size()) return {last, std::errc::value_too_large};
    std::memcpy(first, text.data(), text.size());
    return {first + text.size(), std::errc{}};
}

std::string printf_text(double value, char conversion, int precision) {
    const char format[] = {'%', '.', '*', conversion, '\0'};
    const int size = std::snprintf(nullptr, 0, format, precision, value);
    std::string text(static_cast<std::size_t>(size) + 1, '\0');
    std::snprintf(text.data(), text.size(), format, precision, value);
    text.pop_back();
    return text;
}

// The shortest digits that read back to |value| (finite, non-zero), and the
// decimal exponent of the first: |value| ~ d.ddd x 10^exponent. The
// correctly rounded N-digit text is the one nearest the value, so the first
// N at which it reads back is the shortest, and nearest, answer.
void shortest_digits(double value, std::string& digits, int& exponent) {
    const double magnitude = std::fabs(value);
    for (int precision = 0; precision <= 17; ++precision) {
        const std::string text = printf_text(magnitude, 'e', precision);
        if (precision < 17 && std::strtod(text.c_str(), nullptr) != magnitude) continue;
        const std::size_t e = text.find('e');
        digits.clear();
        for (std::size_t i = 0; i < e; ++i) {
            if (text[i] != '.') digits += text[i];
        }
        while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
        exponent = std::atoi(text.c_str() + e + 1);
        return;
    }
}

std::string scientific_text(const std::string& digits, int exponent) {
    std::string text(1, digits[0]);
    if (digits.size() > 1) text += "." + digits.substr(1);
    const int magnitude = exponent < 0 ? -exponent : exponent;
    text += exponent < 0 ? "e-" : "e+";
    if (magnitude < 10) text += '0';
    text += std::to_string(magnitude);
    return text;
}

std::string fixed_text(const std::string& digits, int exponent) {
    const int count = static_cast<int>(digits.size());
    if (exponent >= count - 1) return digits + std::string(static_cast<std::size_t>(exponent - (count - 1)), '0');
    if (exponent >= 0) return digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." + digits.substr(static_cast<std::size_t>(exponent) + 1);
    return "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
}

// inf, nan, zero: the texts std::to_chars gives them; empty for other values.
std::string special_text(double value, std::chars_format format) {
    const std::string sign = std::signbit(value) ? "-" : "";
    if (std::isinf(value)) return sign + "inf";
    if (std::isnan(value)) return sign + "nan";
    if (value == 0) return sign + (format == std::chars_format::scientific ? "0e+00" : "0");
    return {};
}

}  // namespace

std::to_chars_result snprintf_to_chars(char* first, char* last, double value, std::chars_format format) {
    std::string text = special_text(value, format);
    if (text.empty()) {
        std::string digits;
        int exponent = 0;
        shortest_digits(value, digits, exponent);
        const std::string sign = value < 0 ? "-" : "";
        // Integers of 2^53 and more in fixed notation: every digit, exactly
        // (as libstdc++ and MSVC do), not the shortest digits padded with
        // zeros; the length, which decides fixed or scientific, is the same.
        const std::string fixed = std::fabs(value) >= 9007199254740992.0 ? printf_text(std::fabs(value), 'f', 0) : fixed_text(digits, exponent);
        if (format == std::chars_format::fixed) {
            text = sign + fixed;
        } else if (format == std::chars_format::scientific) {
            text = sign + scientific_text(digits, exponent);
        } else {
            const std::string scientific = scientific_text(digits, exponent);
            text = sign + (scientific.size() < fixed.size() ? scientific : fixed);
        }
    }
    return copy_out(first, last, text);
}

std::to_chars_result snprintf_to_chars(char* first, char* last, double value) {
    return snprintf_to_chars(first, last, value, std::chars_format::general);
}

std::to_chars_result snprintf_to_chars(char* first, char* last, double value, std::chars_format format, int precision) {
    const char conversion = format == std::chars_format::fixed ? 'f' : format == std::chars_format::scientific ? 'e' : 'g';
    std::string text = printf_text(value, conversion, precision);
    if (std::isnan(value)) text = std::signbit(value) ? "-nan" : "nan";  // printf may write "-nan" or "nan"
    return copy_out(first, last, text);
}

std::to_chars_result decimal_to_chars(char* first, char* last, double value) {
#if defined(__GLIBCXX__)
    return std::to_chars(first, last, value);
#else
    return snprintf_to_chars(first, last, value);
#endif
}

std::to_chars_result decimal_to_chars(char* first, char* last, double value, std::chars_format format) {
#if defined(__GLIBCXX__)
    return std::to_chars(first, last, value, format);
#else
    return snprintf_to_chars(first, last, value, format);
#endif
}

std::to_chars_result decimal_to_chars(char* first, char* last, double value, std::chars_format format, int precision) {
#if defined(__GLIBCXX__)
    return std::to_chars(first, last, value, format, precision);
#else
    return snprintf_to_chars(first, last, value, format, precision);
#endif
}

}  // namespace kafkasim
