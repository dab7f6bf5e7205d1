// Loading a scenario for a command, with every diagnostic printed (the
// loader's, then those of expect: stat paths).
#include <ostream>

#include "check/stat_paths.hpp"
#include "cli/cli.hpp"
#include "scenario/load.hpp"

namespace kafkasim::cli {

std::optional<ScenarioSpec> load_or_report(const std::string& path, Streams io) {
    LoadResult result = path.empty() ? load_default_scenario() : load_scenario_file(path);
    for (const Diagnostic& diagnostic : result.errors) io.err << format_diagnostic(diagnostic) << "\n";
    if (!result.spec) return std::nullopt;
    // expect: stat paths name fields of the stats JSON, which the loader does not know.
    const std::vector<StatPathProblem> problems = check_stat_paths(*result.spec);
    for (const StatPathProblem& problem : problems) {
        io.err << format_diagnostic({problem.pos.file, problem.pos.line, problem.pos.column, problem.message}) << "\n";
    }
    if (!problems.empty()) return std::nullopt;
    return std::move(result.spec);
}

}  // namespace kafkasim::cli
