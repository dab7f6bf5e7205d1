// The text-encoding policy of every output, in one place. Names, messages and
// file names come from users and may hold anything: bytes that are not UTF-8
// (a Latin-1 file name), noncharacters (U+FFFE), C0 and C1 controls (ESC).
// Each output keeps what it can carry and marks the rest visibly:
//
// - JSON (stats, trace, check --json): valid text is written as is, control
//   characters below U+0020 as escapes (\n, \u001b); each byte that is not
//   part of a valid UTF-8 sequence becomes \ufffd. The result is valid UTF-8
//   and valid JSON.
// - XML (check --junit): each invalid byte and each character XML 1.0 cannot
//   carry (controls other than tab, LF, CR; surrogates; U+FFFE, U+FFFF)
//   becomes U+FFFD; & < > " ' are escaped.
// - Terminal text (check, run, validate, sweep, diagnostics): controls become
//   visible escapes: \n, \t, \x1b (C0 and DEL), \u0085 (C1), \u202e (the
//   line separators and bidirectional overrides, which reorder or split what
//   the terminal shows); invalid bytes become \xff. Printable text, including
//   a backslash, is kept.
//
// Invalid UTF-8 is handled byte by byte: each byte that does not start a
// valid sequence (overlong forms, surrogates, values past U+10FFFF, a cut
// sequence) is one replacement.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kafkasim {

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates, or
// values past U+10FFFF). Noncharacters and controls are well-formed.
bool is_valid_utf8(std::string_view text);

// Java's String.hashCode() of the string whose UTF-8 is `text` (invalid
// bytes read as U+FFFD): s[0]*31^(n-1) + ... + s[n-1] over its UTF-16 code
// units, in 32-bit two's complement. Kafka places a consumer group's
// coordinator by it (GroupCoordinator: abs(groupId.hashCode) % 50).
std::int32_t java_string_hash(std::string_view text);

// `text` with each invalid byte replaced by U+FFFD: always valid UTF-8.
std::string valid_utf8(std::string_view text);

// The length in bytes of the longest prefix of `text` of at most `bytes_max`
// bytes that does not cut a character in two (an invalid byte counts as one
// character). To shorten text for display.
std::size_t utf8_prefix_bytes(std::string_view text, std::size_t bytes_max);

// Appends `text` as a JSON string literal, quotes included (policy above).
void append_json_string(std::string& out, std::string_view text);
// The same into raw memory, for renderers that write a whole line at once:
// writes at `out`, which has room for json_string_bytes_max(text.size())
// bytes, and returns the end of what it wrote.
char* write_json_string(char* out, std::string_view text);
constexpr std::size_t json_string_bytes_max(std::size_t text_bytes) { return 6 * text_bytes + 2; }

// `text` for XML attribute values and element content (policy above).
std::string xml_text(std::string_view text);

// `text` for one line of a terminal: every control escaped, '\n' included.
std::string terminal_text(std::string_view text);

// As terminal_text, but '\n' is kept: for multi-line text whose line breaks
// are the program's own.
std::string terminal_lines(std::string_view text);

}  // namespace kafkasim
