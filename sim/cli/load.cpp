// Loading a scenario for a command through the front door
// (check/load_checked.hpp), with every diagnostic printed.
#include <ostream>

#include "check/load_checked.hpp"
#include "cli/cli.hpp"

namespace kafkasim::cli {

std::optional<ScenarioSpec> load_or_report(const std::string& path, Streams io) {
    LoadResult result = load_checked_scenario(path);
    for (const Diagnostic& diagnostic : result.errors) io.err << format_diagnostic(diagnostic) << "\n";
    return std::move(result.spec);
}

}  // namespace kafkasim::cli
