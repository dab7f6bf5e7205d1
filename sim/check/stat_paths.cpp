// See stat_paths.hpp.
#include "check/stat_paths.hpp"

#include "core/monitors.hpp"
#include "core/simulation.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

namespace {

// As the loader's diagnostics quote names.
std::string single_quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string fields_of(const JsonValue& node) {
    std::string out;
    for (const auto& [name, value] : node.members()) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// The problem with `path` in `stats`, or "" when it names a field (or an
// item of a list, or a topic, which only the run fills).
std::string path_problem(const JsonValue& stats, std::string_view path) {
    if (stats.find_path(path)) return {};
    for (std::size_t end = path.rfind('.'); end != std::string_view::npos;
         end = end == 0 ? std::string_view::npos : path.rfind('.', end - 1)) {
        const JsonValue* node = stats.find_path(path.substr(0, end));
        if (!node) continue;
        if (node->type() == JsonValue::Type::array) return {};
        // A broker's topics are created by the run: any name may be there at the end.
        const std::string_view prefix = path.substr(0, end);
        if (prefix.starts_with("brokers.") && prefix.ends_with(".topics")) return {};
        const std::string rest(path.substr(end + 1));
        if (node->type() != JsonValue::Type::object) {
            return "stat " + single_quoted(path.substr(0, end)) + " is a value; it has no field " +
                   single_quoted(rest);
        }
        return "unknown stat field " + single_quoted(rest.substr(0, rest.find('.'))) + " in " +
               single_quoted(path) + " (fields of " + single_quoted(path.substr(0, end)) + ": " +
               fields_of(*node) + ")";
    }
    return "unknown stat " + single_quoted(path) + " (top-level fields: " + fields_of(stats) + ")";
}

}  // namespace

std::vector<StatPathProblem> check_stat_paths(const ScenarioSpec& spec) {
    std::vector<StatPathProblem> problems;
    bool any = false;
    for (const ExpectationSpec& expectation : spec.expectations) any = any || std::holds_alternative<ExpectStat>(expectation.check);
    if (!any) return problems;
    // The initial state has every field the final one has.
    StringTable strings;
    const Simulation initial(spec, strings);
    const Monitors monitors(spec.monitors);
    const JsonValue stats = stats_json(spec, initial, RunStatus::finished, &monitors);
    for (const ExpectationSpec& expectation : spec.expectations) {
        const auto* stat = std::get_if<ExpectStat>(&expectation.check);
        if (!stat) continue;
        std::string problem = path_problem(stats, stat->path);
        if (!problem.empty()) problems.push_back({stat->path_pos.line > 0 ? stat->path_pos : expectation.pos, std::move(problem)});
    }
    return problems;
}

}  // namespace kafkasim
