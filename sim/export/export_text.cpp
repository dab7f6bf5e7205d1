// See export_text.hpp.
#include "export/export_text.hpp"

#include <charconv>

namespace kafkasim {

void append_unsigned(std::string& out, std::uint64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_signed(std::string& out, std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void append_time_us(std::string& out, TimeNs time_ns) {
    // Unsigned arithmetic: the magnitude of INT64_MIN has no int64 value.
    std::uint64_t magnitude = static_cast<std::uint64_t>(time_ns);
    if (time_ns < 0) {
        out += '-';
        magnitude = 0 - magnitude;
    }
    append_unsigned(out, magnitude / 1000);
    const auto fraction = static_cast<unsigned>(magnitude % 1000);
    out += '.';
    out += static_cast<char>('0' + fraction / 100);
    out += static_cast<char>('0' + fraction / 10 % 10);
    out += static_cast<char>('0' + fraction % 10);
}

}  // namespace kafkasim
