// Independent readers for the run's outputs, used by the fuzz targets: every
// byte kafkasim writes for a program must parse with a standard parser
// (nlohmann::json for JSON, expat for XML), whatever the scenario contains.
#pragma once

#include <string>
#include <string_view>

namespace kafkasim::fuzz {

// Aborts (fuzz::fail) when `text` is not one valid JSON document (UTF-8).
void require_json(std::string_view text, std::string_view what);
// Aborts when any line of `text` is not a valid JSON document.
void require_json_lines(std::string_view text, std::string_view what);
// Aborts when `text` is not well-formed XML 1.0 (expat).
void require_xml(std::string_view text, std::string_view what);
// Aborts when terminal text holds a control byte other than '\n' (and '\t'),
// or an invalid UTF-8 sequence: names must reach a terminal escaped.
void require_terminal_safe(std::string_view text, std::string_view what);

}  // namespace kafkasim::fuzz
