// format_diagnostic: the one place that decides how an error looks.
#include "scenario/diagnostic.hpp"

namespace kafkasim {

std::string format_diagnostic(const Diagnostic& diagnostic) {
    std::string out = diagnostic.file;
    if (diagnostic.line > 0) {
        out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
    }
    out += ": error: ";
    out += diagnostic.message;
    return out;
}

}  // namespace kafkasim
