// The front door: the one function every program loads a scenario through
// (kafkasim run, check, sweep, validate; kafkasim-explore; kafkasim-viz), so
// that a file one of them accepts, all of them accept. It is the loader
// (scenario/load.hpp) plus the checks that need more than the loader knows:
// the `stat:` paths of expect: entries, checked against the stats JSON.
#pragma once

#include <string>

#include "scenario/load.hpp"

namespace kafkasim {

// Loads SCENARIO at `path` (the built-in default scenario when `path` is
// empty); every diagnostic, the loader's first, in LoadResult::errors.
LoadResult load_checked_scenario(const std::string& path);

// The same for scenario text (`file_name` names it in diagnostics).
LoadResult load_checked_scenario_text(const std::string& yaml_text, const std::string& file_name);

}  // namespace kafkasim
