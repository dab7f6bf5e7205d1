// Shared by the fuzz targets (fuzz_*.cpp): a failed property is a crash, so
// libFuzzer keeps the input and the replay tests fail on it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scenario/diagnostic.hpp"

namespace kafkasim::fuzz {

// Prints what broke and aborts (libFuzzer and the replay driver report it).
[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
    // An empty view may hold a null pointer, which %.*s must not be given.
    std::fprintf(stderr, "fuzz property failed: %.*s\n%.*s\n", static_cast<int>(what.size()), what.empty() ? "" : what.data(),
                 static_cast<int>(detail.size()), detail.empty() ? "" : detail.data());
    std::abort();
}

inline void require(bool ok, std::string_view what, std::string_view detail = {}) {
    if (!ok) fail(what, detail);
}

// Inputs beyond this are skipped: the loader's cost grows with the text, and
// long inputs only slow the search down.
constexpr std::size_t input_size_max = 16 * 1024;

// A diagnostic's position must point into the text: an existing line (or
// the one just past the end, for "expected more"), a column within it.
inline void require_position_in_text(const Diagnostic& diagnostic, std::string_view text) {
    if (diagnostic.line == 0) return;
    std::size_t line_start = 0;
    int line = 1;
    while (line < diagnostic.line) {
        const std::size_t newline = text.find('\n', line_start);
        if (newline == std::string_view::npos) break;
        line_start = newline + 1;
        ++line;
    }
    const std::string shown = format_diagnostic(diagnostic);
    require(diagnostic.line >= 1 && line >= diagnostic.line - 1, "diagnostic line past the end of the text", shown);
    if (line < diagnostic.line) return;  // the line after the last: column 1 only
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    // Columns count bytes (yaml-cpp's marks), 1-based; one past the end of the
    // line is where "expected more" points.
    require(diagnostic.column >= 1 && static_cast<std::size_t>(diagnostic.column) <= line_end - line_start + 1,
            "diagnostic column outside its line", shown);
}

}  // namespace kafkasim::fuzz
