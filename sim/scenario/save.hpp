// Scenario writing: a ScenarioSpec -> YAML text the loader reads back to an
// equal spec (positions and the file name aside). Interactive mode saves an
// exploration with it; tests round-trip every configs/*.yaml through it.
//
// Every field the loader reads is written, defaults included, so a saved file
// does not depend on defaults that may change. Durations are exact
// (format_duration), strings are double-quoted with escapes, so any text
// (quotes, newlines, '#', ': ', keywords such as "random") survives.
#pragma once

#include "core/spec.hpp"

#include <string>
#include <string_view>

namespace kafkasim {

std::string save_scenario_yaml(const ScenarioSpec& spec);

// `text` as a YAML double-quoted scalar: "a \"b\"\n".
std::string yaml_quoted(std::string_view text);

}  // namespace kafkasim
