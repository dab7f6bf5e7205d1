// See load_checked.hpp.
#include "check/load_checked.hpp"

#include "check/stat_paths.hpp"

namespace kafkasim {

namespace {

LoadResult with_stat_paths_checked(LoadResult result) {
    if (!result.spec) return result;
    for (StatPathProblem& problem : check_stat_paths(*result.spec)) {
        result.errors.push_back({problem.pos.file, problem.pos.line, problem.pos.column, std::move(problem.message)});
    }
    if (!result.errors.empty()) result.spec.reset();
    return result;
}

}  // namespace

LoadResult load_checked_scenario(const std::string& path) {
    return with_stat_paths_checked(path.empty() ? load_default_scenario() : load_scenario_file(path));
}

LoadResult load_checked_scenario_text(const std::string& yaml_text, const std::string& file_name) {
    return with_stat_paths_checked(load_scenario_text(yaml_text, file_name));
}

}  // namespace kafkasim
