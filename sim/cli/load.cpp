// Loading a scenario for a command, with every diagnostic printed.
#include <ostream>

#include "cli/cli.hpp"
#include "scenario/load.hpp"

namespace kafkasim::cli {

std::optional<ScenarioSpec> load_or_report(const std::string& path, Streams io) {
    LoadResult result = path.empty() ? load_default_scenario() : load_scenario_file(path);
    for (const Diagnostic& diagnostic : result.errors) io.err << format_diagnostic(diagnostic) << "\n";
    return std::move(result.spec);
}

}  // namespace kafkasim::cli
