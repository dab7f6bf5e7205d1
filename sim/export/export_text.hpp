// Small text helpers the exports share: times in microseconds with the
// nanoseconds kept, locale-free integers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/time_math.hpp"

namespace kafkasim {

// `time_ns` in microseconds with exactly three decimals: 1234567 -> "1234.567"
// (negative times do not occur in a run; they are written with a sign).
void append_time_us(std::string& out, TimeNs time_ns);
void append_unsigned(std::string& out, std::uint64_t value);
void append_signed(std::string& out, std::int64_t value);
// `text` as valid UTF-8 with every control character (C0, DEL, C1) and every
// byte that is not UTF-8 replaced by U+FFFD: for outputs read by programs
// that give controls a meaning (CSV cells, Mermaid labels).
std::string printable_text(std::string_view text);

}  // namespace kafkasim
