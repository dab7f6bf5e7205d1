// Decimal numbers read and written the way std::from_chars(double) and
// std::to_chars(double) do, on every standard library. GCC's libstdc++ has
// them; the libc++ of Debian 12's Emscripten (3.1.6) has only the integer
// overloads, so the web build needs another path that accepts exactly the
// same text, gives exactly the same double, and writes exactly the same
// characters: what "same scenario and seed, same bytes" across machines
// rests on (README, "In the browser"). Use these, never std::from_chars or
// std::to_chars on a double, in code the web page compiles.
#pragma once

#include <charconv>
#include <system_error>

namespace kafkasim {

// std::from_chars(first, last, value, format) for double (format: general or
// fixed). Same grammar: optional '-', digits with an optional '.', in
// general format an optional exponent, or "inf"/"infinity"/"nan" (any case);
// no leading space or '+'. Same answer: the correctly rounded value; `ptr`
// after the longest match; invalid_argument (value untouched) when nothing
// matches; result_out_of_range (value untouched) when the magnitude does
// not fit a double.
std::from_chars_result decimal_from_chars(const char* first, const char* last, double& value,
                                          std::chars_format format = std::chars_format::general);

// The path taken where the standard library has no from_chars(double): the
// grammar measured here, the value from strtod. Compiled everywhere, so the
// native tests compare it with std::from_chars over many generated texts.
std::from_chars_result strtod_from_chars(const char* first, const char* last, double& value,
                                         std::chars_format format = std::chars_format::general);

// std::to_chars for double: the shortest text that reads back to `value`,
// fixed or scientific, whichever is shorter (fixed in a tie).
std::to_chars_result decimal_to_chars(char* first, char* last, double value);
// ...in `format` (fixed or scientific), shortest.
std::to_chars_result decimal_to_chars(char* first, char* last, double value, std::chars_format format);
// ...in `format` with `precision`, as printf's %.Nf, %.Ne, %.Ng.
std::to_chars_result decimal_to_chars(char* first, char* last, double value, std::chars_format format, int precision);

// The paths taken without a to_chars(double) (snprintf and strtod: exact in
// glibc and musl), compiled everywhere for the same tests as above.
std::to_chars_result snprintf_to_chars(char* first, char* last, double value);
std::to_chars_result snprintf_to_chars(char* first, char* last, double value, std::chars_format format);
std::to_chars_result snprintf_to_chars(char* first, char* last, double value, std::chars_format format, int precision);

}  // namespace kafkasim
