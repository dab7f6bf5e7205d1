// kafkasim compare: run two (or more) scenarios and print the same
// questions about each side by side (report/compare.hpp): typically one
// workload on model: dictionary and on model: log. Each run streams.
#include <boost/program_options.hpp>
#include <memory>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/numeric_option.hpp"
#include "cli/parse.hpp"
#include "core/recorded_run.hpp"
#include "core/stream.hpp"
#include "report/compare.hpp"
#include "report/outputs.hpp"
#include "text/utf8_text.hpp"

namespace po = boost::program_options;

namespace kafkasim::cli {

int compare_command(const std::vector<std::string>& args, Streams io) {
    std::vector<std::string> scenarios;
    std::optional<std::uint64_t> seed;
    std::uint64_t max_events = RecordOptions{}.max_events;
    po::options_description description("kafkasim compare A.yaml B.yaml... options");
    description.add_options()
        ("help,h", "show this help")
        ("seed", integer_option("--seed", seed, 0, seed_max), "run every scenario with this seed")
        ("max-events", integer_option("--max-events", max_events, 1, events_max), "stop a runaway scenario after this many events");
    po::options_description positional;
    positional.add_options()("scenario", po::value(&scenarios)->multitoken());
    po::variables_map values;
    if (const auto done = parse_command(args, "compare", description, positional, -1, io, values)) return *done;
    if (scenarios.size() < 2) {
        io.err << "kafkasim compare: error: give two or more scenarios (e.g. configs/side-by-side-dictionary.yaml "
                  "configs/side-by-side-log.yaml)\n";
        return exit_bad_input;
    }
    // Every file is loaded (and every error reported) before anything runs.
    std::vector<ScenarioSpec> specs;
    bool bad = false;
    for (const std::string& path : scenarios) {
        std::optional<ScenarioSpec> spec = load_or_report(path, io);
        if (!spec) {
            bad = true;
            continue;
        }
        if (seed) spec->seed = *seed;
        specs.push_back(std::move(*spec));
    }
    if (bad) return exit_bad_input;
    std::vector<std::unique_ptr<StreamedRun>> runs;
    std::vector<FinishedRun> finished;
    for (ScenarioSpec& spec : specs) {
        runs.push_back(std::make_unique<StreamedRun>(std::move(spec), max_events));
        runs.back()->run({});
        if (const std::optional<std::string> error = stop_error(*runs.back())) {
            io.err << "kafkasim compare: error: " << terminal_text(runs.back()->spec().file) << ": " << *error << "\n";
            return exit_bad_input;
        }
        finished.emplace_back(*runs.back());
    }
    std::vector<const FinishedRun*> views;
    for (const FinishedRun& run : finished) views.push_back(&run);
    io.out << compare_table(views);
    return exit_ok;
}

}  // namespace kafkasim::cli
