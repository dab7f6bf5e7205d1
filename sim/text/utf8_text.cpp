// See utf8_text.hpp. utfcpp finds the invalid sequences; the choices of what
// each output does with them and with odd characters are ours.
#include "text/utf8_text.hpp"

#include <utf8.h>

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>

namespace kafkasim {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";
constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

// Calls on_character(code_point, its bytes) for each valid character and
// on_invalid(byte) for each byte that does not start a valid sequence.
template <class OnCharacter, class OnInvalid>
void for_each_character(std::string_view text, OnCharacter on_character, OnInvalid on_invalid) {
    const char* it = text.data();
    const char* const end = text.data() + text.size();
    while (it != end) {
        const char* const invalid = utf8::find_invalid(it, end);
        while (it != invalid) {
            const char* const start = it;
            const std::uint32_t code_point = utf8::unchecked::next(it);
            on_character(code_point, std::string_view(start, static_cast<std::size_t>(it - start)));
        }
        if (it == end) break;
        on_invalid(static_cast<unsigned char>(*it));
        ++it;
    }
}

void append_hex(std::string& out, std::uint32_t value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += hex_digits[(value >> shift) & 0xF];
}

bool allowed_in_xml(std::uint32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0x10FFFF);
}

// Characters a terminal acts on instead of showing: line breaks beyond '\n'
// and the bidirectional controls that reorder the rest of the line.
bool invisible_format_character(std::uint32_t c) {
    return c == 0x2028 || c == 0x2029 || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

std::string terminal(std::string_view text, bool keep_newlines) {
    std::string out;
    out.reserve(text.size());
    for_each_character(
        text,
        [&](std::uint32_t c, std::string_view bytes) {
            if (c == '\n') {
                out += keep_newlines ? "\n" : "\\n";
            } else if (c == '\t') {
                out += "\\t";
            } else if (c < 0x20 || c == 0x7F) {
                out += "\\x";
                append_hex(out, c, 2);
            } else if ((c >= 0x80 && c <= 0x9F) || invisible_format_character(c)) {
                out += "\\u";
                append_hex(out, c, 4);
            } else {
                out += bytes;
            }
        },
        [&](unsigned char byte) {
            out += "\\x";
            append_hex(out, byte, 2);
        });
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view text) { return utf8::is_valid(text.begin(), text.end()); }

std::int32_t java_string_hash(std::string_view text) {
    const std::string valid = valid_utf8(text);
    std::u16string units;
    utf8::utf8to16(valid.begin(), valid.end(), std::back_inserter(units));
    std::uint32_t hash = 0;  // unsigned: Java's int arithmetic wraps
    for (const char16_t unit : units) hash = hash * 31u + static_cast<std::uint32_t>(unit);
    return static_cast<std::int32_t>(hash);
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_character(
        text, [&](std::uint32_t, std::string_view bytes) { out += bytes; }, [&](unsigned char) { out += replacement; });
    return out;
}

std::size_t utf8_prefix_bytes(std::string_view text, std::size_t bytes_max) {
    if (text.size() <= bytes_max) return text.size();
    std::size_t length = 0;
    bool full = false;
    auto take = [&](std::size_t bytes) {
        if (full || length + bytes > bytes_max) {
            full = true;
            return;
        }
        length += bytes;
    };
    // Stops adding at the first character that does not fit; the walk goes
    // on to the end of the text, which is cheap next to printing it.
    for_each_character(
        text.substr(0, bytes_max + 4), [&](std::uint32_t, std::string_view bytes) { take(bytes.size()); },
        [&](unsigned char) { take(1); });
    return length;
}

char* write_json_string(char* out, std::string_view text) {
    // In bulk: a run of printable ASCII (all but '"' and '\\') is copied
    // at once; the rest goes character by character. A run of bytes >= 0x80
    // holds whole UTF-8 sequences or invalid bytes (an ASCII byte always ends
    // a sequence), so decoding it alone decides as decoding the whole text.
    auto put = [&](std::string_view bytes) {
        std::memcpy(out, bytes.data(), bytes.size());
        out += bytes.size();
    };
    *out++ = '"';
    const char* it = text.data();
    const char* const end = it + text.size();
    auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; };
    while (it != end) {
        const char* run = it;
        while (it != end && plain(static_cast<unsigned char>(*it))) ++it;
        put(std::string_view(run, static_cast<std::size_t>(it - run)));
        if (it == end) break;
        const auto c = static_cast<unsigned char>(*it);
        if (c < 0x80) {
            switch (c) {
                case '"': put("\\\""); break;
                case '\\': put("\\\\"); break;
                case '\n': put("\\n"); break;
                case '\r': put("\\r"); break;
                case '\t': put("\\t"); break;
                default:
                    put("\\u00");
                    *out++ = hex_digits[c >> 4];
                    *out++ = hex_digits[c & 0xF];
            }
            ++it;
            continue;
        }
        const char* wide = it;
        while (it != end && static_cast<unsigned char>(*it) >= 0x80) ++it;
        for_each_character(
            std::string_view(wide, static_cast<std::size_t>(it - wide)), [&](std::uint32_t, std::string_view bytes) { put(bytes); },
            [&](unsigned char) { put("\\ufffd"); });
    }
    *out++ = '"';
    return out;
}

void append_json_string(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out.resize(start + json_string_bytes_max(text.size()));
    char* const end = write_json_string(out.data() + start, text);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_character(
        text,
        [&](std::uint32_t c, std::string_view bytes) {
            switch (c) {
                case '&': out += "&amp;"; break;
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '"': out += "&quot;"; break;
                case '\'': out += "&apos;"; break;
                default: out += allowed_in_xml(c) ? bytes : replacement;
            }
        },
        [&](unsigned char) { out += replacement; });
    return out;
}

std::string terminal_text(std::string_view text) { return terminal(text, false); }

std::string terminal_lines(std::string_view text) { return terminal(text, true); }

}  // namespace kafkasim
