// kafkasim run: run one scenario and print what happened. The run streams
// (StreamedRun): its memory does not grow with the number of events.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/export_options.hpp"
#include "cli/numeric_option.hpp"
#include "cli/parse.hpp"
#include "cli/progress_clock.hpp"
#include "core/recorded_run.hpp"
#include "core/stream.hpp"
#include "report/outputs.hpp"
#include "report/progress.hpp"
#include "report/trace_sink.hpp"
#include "scenario/duration.hpp"
#include "text/utf8_text.hpp"

namespace po = boost::program_options;

namespace kafkasim::cli {

namespace {

struct RunOptions {
    std::string scenario;
    std::optional<std::uint64_t> seed;
    std::string until;
    std::string stats_json;
    std::string trace;
    std::uint64_t max_events = RecordOptions{}.max_events;
    bool verbose = false;
    bool quiet = false;
    bool full = false;
    ExportOptionValues exports;
};

po::options_description run_options_description(RunOptions& options) {
    po::options_description description("kafkasim run [SCENARIO.yaml] options");
    description.add_options()
        ("help,h", "show this help")
        ("seed", integer_option("--seed", options.seed, 0, seed_max), "override the scenario's seed")
        ("until", po::value(&options.until), "stop at this simulated time (e.g. 10s, 250ms)")
        ("stats-json", po::value(&options.stats_json), "write the stats as JSON to FILE ('-': stdout, and no summary)")
        ("trace", po::value(&options.trace), "write one JSON object per event to FILE.jsonl ('-': stdout, and no summary)")
        ("max-events", integer_option("--max-events", options.max_events, 1, events_max), "stop a runaway scenario after this many events")
        ("verbose,v", po::bool_switch(&options.verbose), "narrate every event")
        ("quiet,q", po::bool_switch(&options.quiet), "print nothing but errors")
        ("full", po::bool_switch(&options.full), "print every topic, message and consumption in the summary (default: the first ones)");
    add_export_options(description, options.exports);
    return description;
}

}  // namespace

int run_command(const std::vector<std::string>& args, Streams io) {
    RunOptions options;
    po::options_description description = run_options_description(options);
    po::options_description scenario;
    scenario.add_options()("scenario", po::value(&options.scenario));
    po::variables_map values;
    if (const auto done = parse_command(args, "run", description, scenario, 1, io, values)) return *done;
    if (options.verbose && options.quiet) {
        io.err << "kafkasim run: error: -v (narrate every event) and -q (print nothing but errors) conflict: give one\n";
        return exit_bad_input;
    }
    if (options.verbose && (options.trace == "-" || options.stats_json == "-")) {
        io.err << "kafkasim run: error: -v narrates on stdout, where " << (options.trace == "-" ? "--trace -" : "--stats-json -")
               << " writes: send that to a file to narrate too\n";
        return exit_bad_input;
    }
    if (options.trace == "-" && options.stats_json == "-") {
        io.err << "kafkasim run: error: --trace - and --stats-json - would mix on stdout: send one of them to a file\n";
        return exit_bad_input;
    }
    const std::optional<ExportPlan> export_plan = parse_export_options(options.exports, "run", io.err);
    if (!export_plan) return exit_bad_input;
    if (export_plan->to_stdout() && (options.trace == "-" || options.stats_json == "-" || options.verbose)) {
        io.err << "kafkasim run: error: --export FORMAT=- writes to stdout, where "
               << (options.trace == "-" ? "--trace -" : options.stats_json == "-" ? "--stats-json -" : "-v")
               << " writes too: send one of them to a file\n";
        return exit_bad_input;
    }

    std::optional<ScenarioSpec> spec = load_or_report(options.scenario, io);
    if (!spec) return exit_bad_input;
    if (options.seed) spec->seed = *options.seed;
    if (!options.until.empty()) {
        const DurationParse until = parse_duration_explained(options.until);
        if (!until.value) {
            io.err << "kafkasim run: error: --until: invalid duration: " << until.error << "\n";
            return exit_bad_input;
        }
        spec->until_ns = *until.value;
    }

    ExportFiles exports;
    if (!exports.open(*export_plan, io.out, io.err, "run")) return exit_bad_input;

    // "-" sends the trace to stdout, for pipes (`--trace - | jq ...`); the
    // summary then stays off stdout, as with --stats-json -.
    const bool trace_to_stdout = options.trace == "-";
    const bool stats_to_stdout = options.stats_json == "-";
    std::ofstream trace_file;
    if (!options.trace.empty() && !trace_to_stdout) {
        trace_file.open(options.trace, std::ios::binary);
        if (!trace_file) {
            io.err << "kafkasim run: error: cannot write trace file '" << terminal_text(options.trace) << "'\n";
            return exit_bad_input;
        }
    }
    std::ostream* trace_out = trace_to_stdout ? &io.out : options.trace.empty() ? nullptr : &trace_file;
    const bool summary = !options.quiet && !stats_to_stdout && !trace_to_stdout && !export_plan->to_stdout();

    // The run streams: each event goes to the outputs asked for (exports,
    // trace, narrative) and is not kept. The trace is rendered only for
    // --trace or the summary's fingerprint, and hashed only for the summary.
    StreamedRun run(std::move(*spec), options.max_events);
    std::vector<EventSink*> sinks = exports.sinks();
    TraceSink::Options trace_options;
    trace_options.out = trace_out;
    trace_options.fingerprint = summary;
    TraceSink trace(trace_options);
    if (trace_out || summary) sinks.push_back(&trace);
    NarrativeSink narrative(io.out);
    if (summary && options.verbose) sinks.push_back(&narrative);
    // On a terminal, a run of more than ~2 s shows a progress line on
    // stderr (erased when it ends; never with -q or in pipes).
    std::optional<ProgressLine> progress_line;
    std::optional<ProgressSink> progress;
    if (progress_wanted(io.err, options.quiet)) {
        progress_line.emplace(io.err, steady_clock_seconds());
        sinks.push_back(&progress.emplace(*progress_line));
    }
    run.run(sinks);
    if (!exports.close(io.err, "run")) return exit_bad_input;

    if (!options.stats_json.empty()) {
        if (stats_to_stdout) {
            write_stats_json(run, io.out);
            io.out << "\n";
        } else {
            std::ofstream file(options.stats_json, std::ios::binary);
            if (file) write_stats_json(run, file);
            if (!(file << "\n" << std::flush)) {
                io.err << "kafkasim run: error: cannot write stats file '" << terminal_text(options.stats_json) << "'\n";
                return exit_bad_input;
            }
        }
    }
    if (summary) {
        if (options.verbose) io.out << "\n";
        SummaryLimits limits;
        limits.full = options.full;
        io.out << summary_text(run, trace.fingerprint(), limits);
    }
    if (const std::optional<std::string> error = stop_error(run)) {
        io.err << "kafkasim run: error: " << *error << "\n";
        return exit_bad_input;
    }
    return exit_ok;
}

}  // namespace kafkasim::cli
