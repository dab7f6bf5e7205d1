#include "fuzz/output_readers.hpp"

#include <expat.h>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_support.hpp"

namespace kafkasim::fuzz {

void require_json(std::string_view text, std::string_view what) {
    // accept() validates grammar and UTF-8 in strings without building a tree.
    if (!nlohmann::json::accept(text)) fail(std::string(what) + ": not valid JSON", std::string(text.substr(0, 4000)));
}

void require_json_lines(std::string_view text, std::string_view what) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        require_json(text.substr(start, end - start), what);
        start = end + 1;
    }
}

void require_xml(std::string_view text, std::string_view what) {
    XML_Parser parser = XML_ParserCreate("UTF-8");
    require(parser != nullptr, "expat: out of memory");
    const XML_Status status = XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1);
    std::string error;
    if (status != XML_STATUS_OK) {
        error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
                std::to_string(XML_GetCurrentLineNumber(parser)) + " column " +
                std::to_string(XML_GetCurrentColumnNumber(parser));
    }
    XML_ParserFree(parser);
    if (!error.empty()) fail(std::string(what) + ": not well-formed XML: " + error, std::string(text.substr(0, 4000)));
}

void require_terminal_safe(std::string_view text, std::string_view what) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        // C0 controls, DEL, and the C1 controls U+0080..U+009F (UTF-8: C2 80..C2 9F;
        // 0x9B is a CSI to many terminals).
        const bool c1 = byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0 &&
                        static_cast<unsigned char>(text[i + 1]) >= 0x80;
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f || c1) {
            fail(std::string(what) + ": a control byte reaches the terminal at offset " + std::to_string(i),
                 std::string(text.substr(i > 200 ? i - 200 : 0, 400)));
        }
    }
    // UTF-8 well-formedness: a JSON string holding the text must parse.
    nlohmann::json holder = std::string(text);
    try {
        (void)holder.dump();
    } catch (const nlohmann::json::type_error&) {
        fail(std::string(what) + ": invalid UTF-8 reaches the terminal", std::string(text.substr(0, 4000)));
    }
}

}  // namespace kafkasim::fuzz
