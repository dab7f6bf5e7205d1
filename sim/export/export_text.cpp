// See export_text.hpp.
#include "export/export_text.hpp"

#include <charconv>

#include "text/utf8_text.hpp"

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

std::string printable_text(std::string_view text) {
    const std::string valid = valid_utf8(text);
    std::string out;
    out.reserve(valid.size());
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto c = static_cast<unsigned char>(valid[i]);
        // C1 controls (U+0080..U+009F) are the two bytes C2 80..C2 9F.
        const bool c1 = c == 0xc2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xa0;
        if (c < 0x20 || c == 0x7f || c1) {
            out += "\xef\xbf\xbd";  // U+FFFD
            if (c1) ++i;
        } else {
            out += valid[i];
        }
    }
    return out;
}

}  // namespace kafkasim
