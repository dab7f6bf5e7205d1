// format_diagnostic: the one place that decides how an error looks.
#include "scenario/diagnostic.hpp"

#include "text/utf8_text.hpp"

namespace kafkasim {

std::string format_diagnostic(const Diagnostic& diagnostic) {
    // The terminal policy for the whole line: a file name or a message may
    // carry control characters or bytes that are not UTF-8.
    std::string out = terminal_text(diagnostic.file);
    if (diagnostic.line > 0) {
        out += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
    }
    out += ": error: ";
    out += terminal_text(diagnostic.message);
    return out;
}

std::string message_text(std::string_view text) {
    // Long enough for any sensible name, short enough to keep a 10 KB
    // mistake from burying the message.
    constexpr std::size_t max_bytes = 60;
    const std::size_t cut = utf8_prefix_bytes(text, max_bytes);
    std::string out = terminal_text(text.substr(0, cut));
    if (cut < text.size()) out += "...";
    return out;
}

std::string quote_for_message(std::string_view text) { return '\'' + message_text(text) + '\''; }

}  // namespace kafkasim
