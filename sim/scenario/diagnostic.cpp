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

std::string message_text(std::string_view text) {
    // Long enough for any sensible name, short enough to keep a 10 KB
    // mistake from burying the message.
    constexpr std::size_t max_bytes = 60;
    std::size_t cut = text.size();
    if (cut > max_bytes) {
        cut = max_bytes;
        // Back off UTF-8 continuation bytes so no character is split.
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    std::string out;
    for (char c : text.substr(0, cut)) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    if (cut < text.size()) out += "...";
    return out;
}

std::string quote_for_message(std::string_view text) { return '\'' + message_text(text) + '\''; }

}  // namespace kafkasim
