// Scenario loading: a YAML scenario file (or text) -> a validated ScenarioSpec,
// or every error found, each as FILE:LINE:COL: error: message. This is the
// public face of kafkasim_scenario; yaml-cpp stays behind it (no YAML type
// appears in this header), so only this library links yaml-cpp.
#pragma once

#include "core/spec.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/duration.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kafkasim {

// Exactly one of the two is meaningful: `spec` is set iff `errors` is empty.
struct LoadResult {
    std::optional<ScenarioSpec> spec;
    std::vector<Diagnostic> errors;  // sorted by position; at most ~100
};

// Reads and validates a scenario file. A file that cannot be read gives one
// diagnostic without a position: "FILE: error: cannot open: <reason>".
LoadResult load_scenario_file(const std::string& path);

// Validates scenario text; `file_name` is used in diagnostics and stored in
// ScenarioSpec::file.
LoadResult load_scenario_text(const std::string& yaml_text, const std::string& file_name);

// The file name diagnostics use for the built-in default scenario.
inline constexpr const char* default_scenario_file_name = "<built-in>";

// configs/seed.yaml as it was when the library was built (embedded by CMake).
const char* default_scenario_yaml();

// load_scenario_text(default_scenario_yaml(), default_scenario_file_name).
LoadResult load_default_scenario();

}  // namespace kafkasim
