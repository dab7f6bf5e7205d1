// Diagnostic: one error the user caused, with the position that explains it,
// printed the way compilers print them so editors can jump to it.
#pragma once

#include <string>

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

}  // namespace kafkasim
