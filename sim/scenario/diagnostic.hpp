// Diagnostic: one error the user caused, with the position that explains it,
// printed the way compilers print them so editors can jump to it.
#pragma once

#include <string>
#include <string_view>

namespace kafkasim {

// line and column are 1-based; line == 0 means "no position" (e.g. a file
// that cannot be opened), and then the column is ignored.
struct Diagnostic {
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
};

// "FILE:LINE:COL: error: message", or "FILE: error: message" without a position.
std::string format_diagnostic(const Diagnostic& diagnostic);

// User text made safe for a one-line message: control characters escaped
// ("\n"), cut to about 60 characters (at a UTF-8 boundary) with "...".
std::string message_text(std::string_view text);

// message_text in single quotes: "'b1'".
std::string quote_for_message(std::string_view text);

}  // namespace kafkasim
