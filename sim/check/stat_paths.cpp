// See stat_paths.hpp.
#include "check/stat_paths.hpp"

#include <optional>
#include <string_view>

#include "core/log_stats.hpp"
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

// The name between `head` and `tail` when `prefix` is head + NAME + tail.
std::optional<std::string_view> between(std::string_view prefix, std::string_view head, std::string_view tail) {
    if (prefix.size() <= head.size() + tail.size() || !prefix.starts_with(head) || !prefix.ends_with(tail)) return std::nullopt;
    return prefix.substr(head.size(), prefix.size() - head.size() - tail.size());
}

std::string partition_of(const ScenarioSpec& spec, std::uint32_t topic, std::uint32_t partition) {
    return topic_partition_name(spec.topics[topic].name, partition);
}

// The log model's objects that the run fills, keyed by names the scenario
// fixes: groups.<g>.assignment (the group's consumers), groups.<g>.committed
// (the partitions of its topics), consumers.<c>.positions (the partitions of
// the consumer's topics). The names a key there may take, or nullopt when
// `prefix` is none of them.
std::optional<std::vector<std::string>> run_filled_names(const ScenarioSpec& spec, std::string_view prefix) {
    if (spec.model != BrokerModel::log) return std::nullopt;
    std::vector<std::string> names;
    for (const std::string_view tail : {".assignment", ".committed"}) {
        const auto group_name = between(prefix, "groups.", tail);
        if (!group_name) continue;
        for (std::size_t g = 0; g < spec.groups.size(); ++g) {
            if (spec.groups[g].name != *group_name) continue;
            if (tail == ".assignment") {
                for (const ConsumerSpec& consumer : spec.consumers) {
                    if (consumer.group == g) names.push_back(consumer.name);
                }
            } else {
                for (const std::uint32_t t : group_topics(spec, g)) {
                    for (std::uint32_t p = 0; p < spec.topics[t].partitions; ++p) names.push_back(partition_of(spec, t, p));
                }
            }
            return names;
        }
    }
    if (const auto consumer_name = between(prefix, "consumers.", ".positions")) {
        for (const ConsumerSpec& consumer : spec.consumers) {
            if (consumer.name != *consumer_name) continue;
            for (const std::uint32_t t : consumer.topics) {
                for (std::uint32_t p = 0; p < spec.topics[t].partitions; ++p) names.push_back(partition_of(spec, t, p));
            }
            return names;
        }
    }
    return std::nullopt;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none" : out;
}

// The problem with `path` in `stats`, or "" when it names a field (or an
// item of a list, or a topic, which only the run fills).
std::string path_problem(const ScenarioSpec& spec, const JsonValue& stats, std::string_view path) {
    if (stats.find_path(path)) return {};
    for (std::size_t end = path.rfind('.'); end != std::string_view::npos;
         end = end == 0 ? std::string_view::npos : path.rfind('.', end - 1)) {
        const JsonValue* node = stats.find_path(path.substr(0, end));
        if (!node) continue;
        const std::string_view prefix = path.substr(0, end);
        if (node->type() == JsonValue::Type::array) {
            // A topic's partitions are the scenario's: that list is as long
            // before the run as after it. Other lists grow as the run goes.
            if (!between(prefix, "topics.", ".partitions") || node->items().empty()) return {};
            const std::string_view item = path.substr(end + 1, path.find('.', end + 1) - (end + 1));
            return "no partition " + single_quoted(item) + " in " + single_quoted(path) + " (the partitions of " +
                   single_quoted(prefix) + " are 0 to " + std::to_string(node->items().size() - 1) + ")";
        }
        // A broker's topics are created by the run: any name may be there at the end.
        if (prefix.starts_with("brokers.") && prefix.ends_with(".topics")) return {};
        const std::string rest(path.substr(end + 1));
        if (const auto names = run_filled_names(spec, prefix)) {
            // Names may hold dots ("my.topic-0"): a key is a whole name, then perhaps more.
            for (const std::string& name : *names) {
                if (rest.starts_with(name) && (rest.size() == name.size() || rest[name.size()] == '.')) return {};
            }
            return "unknown name " + single_quoted(rest) + " in " + single_quoted(path) + " (the run fills " +
                   single_quoted(prefix) + " with: " + joined(*names) + ")";
        }
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
        std::string problem = path_problem(spec, stats, stat->path);
        if (!problem.empty()) problems.push_back({stat->path_pos.line > 0 ? stat->path_pos : expectation.pos, std::move(problem)});
    }
    return problems;
}

}  // namespace kafkasim
