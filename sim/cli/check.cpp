// kafkasim check: run scenarios and grade them against their expect: lists
// (and, with --golden, against golden traces); print PASS/FAIL per check, the
// score and "N passed, N failed"; optionally JUnit XML and JSON reports.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "check/golden.hpp"
#include "check/report.hpp"
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
#include "text/utf8_text.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace kafkasim::cli {

namespace {

struct CheckOptions {
    std::vector<std::string> scenarios;
    std::optional<std::uint64_t> seed;
    std::string junit;
    std::string json;
    std::string golden;
    bool update_golden = false;
    std::uint64_t max_events = RecordOptions{}.max_events;
    bool quiet = false;
    ExportOptionValues exports;
};

po::options_description check_options_description(CheckOptions& options) {
    po::options_description description("kafkasim check SCENARIO.yaml... options");
    description.add_options()
        ("help,h", "show this help")
        ("seed", integer_option("--seed", options.seed, 0, seed_max), "override every scenario's seed")
        ("junit", po::value(&options.junit)->value_name("FILE.xml"), "write JUnit XML to FILE (one testsuite per scenario; '-': stdout, and no text report)")
        ("json", po::value(&options.json)->value_name("FILE"), "write the results as JSON to FILE ('-': stdout, and no text report)")
        ("golden", po::value(&options.golden)->value_name("DIR"), "compare each trace with DIR/<scenario file stem>.jsonl")
        ("update-golden", po::bool_switch(&options.update_golden), "write the golden traces instead of comparing them")
        ("max-events", integer_option("--max-events", options.max_events, 1, events_max), "stop a runaway scenario after this many events")
        ("quiet,q", po::bool_switch(&options.quiet), "print only failures and the closing line");
    add_export_options(description, options.exports);
    return description;
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    return static_cast<bool>(file << text) && static_cast<bool>(file.flush());
}

std::string golden_path(const std::string& directory, const std::string& scenario) {
    return (fs::path(directory) / fs::path(scenario).stem()).string() + ".jsonl";
}

// The golden comparison as one more report entry, worth no points. A
// difference shows the brokers as they were just before it: the run kept no
// snapshot, so the scenario runs again up to that event.
ReportEntry golden_entry(const CheckOptions& options, const std::string& scenario, const StreamedRun& run,
                         const GoldenComparer* comparer) {
    ReportEntry entry;
    entry.title = "golden trace";
    entry.kind = "golden";
    entry.pos.file = golden_path(options.golden, scenario);
    entry.result.expected = "the trace in " + entry.pos.file;
    if (!comparer) {
        entry.result.actual = "no golden trace " + entry.pos.file;
        entry.detail = "create it with: kafkasim check " + scenario + " --golden " + options.golden +
                       " --update-golden (then review and commit it)";
        return entry;
    }
    std::optional<StringTable> strings;
    std::optional<Simulation> before;
    if (comparer->difference()) {
        strings.emplace();
        before.emplace(rerun_to(run.spec(), *strings, comparer->difference()->event));
    }
    const GoldenComparison comparison = golden_comparison(*comparer, run.final_state(), before ? &*before : nullptr);
    entry.result.passed = comparison.matches;
    entry.result.actual = comparison.summary;
    entry.detail = comparison.report;
    if (!comparison.matches) {
        entry.detail += "\nif the change is intended: kafkasim check " + scenario + " --golden " + options.golden +
                        " --update-golden, and review the diff";
    }
    return entry;
}

// Whether two files hold the same bytes, read in blocks.
bool same_file_contents(const std::string& left_path, const std::string& right_path) {
    std::ifstream left(left_path, std::ios::binary);
    std::ifstream right(right_path, std::ios::binary);
    if (!left || !right) return false;
    std::vector<char> left_block(1 << 16), right_block(1 << 16);
    for (;;) {
        left.read(left_block.data(), static_cast<std::streamsize>(left_block.size()));
        right.read(right_block.data(), static_cast<std::streamsize>(right_block.size()));
        const std::streamsize got = left.gcount();
        if (got != right.gcount() || !std::equal(left_block.begin(), left_block.begin() + got, right_block.begin())) return false;
        if (got < static_cast<std::streamsize>(left_block.size())) return true;  // both ended, alike
    }
}

// Two scenarios with the same file stem would share one golden file.
bool golden_names_unique(const std::vector<std::string>& scenarios, Streams io) {
    std::map<std::string, std::string> seen;
    for (const std::string& path : scenarios) {
        const std::string stem = fs::path(path).stem().string();
        auto [found, inserted] = seen.emplace(stem, path);
        if (!inserted && found->second != path) {
            io.err << "kafkasim check: error: " << terminal_text(found->second) << " and " << terminal_text(path)
                   << " would share the golden trace " << terminal_text(stem) << ".jsonl; check them in separate runs\n";
            return false;
        }
    }
    return true;
}

}  // namespace

int check_command(const std::vector<std::string>& args, Streams io) {
    CheckOptions options;
    po::options_description description = check_options_description(options);
    po::options_description scenario;
    scenario.add_options()("scenario", po::value(&options.scenarios));
    po::variables_map values;
    if (const auto done = parse_command(args, "check", description, scenario, -1, io, values)) return *done;
    auto usage_error = [&](std::string_view message) {
        io.err << "kafkasim check: error: " << terminal_text(message) << "\n(see kafkasim check --help)\n";
        return exit_bad_input;
    };
    if (options.scenarios.empty()) return usage_error("no scenario given (kafkasim check SCENARIO.yaml...)");
    if (options.update_golden && options.golden.empty()) return usage_error("--update-golden needs --golden DIR");
    if (!options.golden.empty() && !golden_names_unique(options.scenarios, io)) return exit_bad_input;
    if (options.update_golden) {
        std::error_code error;
        fs::create_directories(options.golden, error);
        if (error) return usage_error("cannot create " + options.golden + ": " + error.message());
    }

    // "-": the report on stdout (one of them at most), and no text report.
    const bool json_to_stdout = options.json == "-";
    const bool junit_to_stdout = options.junit == "-";
    if (json_to_stdout && junit_to_stdout) return usage_error("--json - and --junit - would mix on stdout: send one of them to a file");
    const std::optional<ExportPlan> export_plan = parse_export_options(options.exports, "check", io.err);
    if (!export_plan) return exit_bad_input;
    if (!export_plan->requests.empty() && options.scenarios.size() != 1) return usage_error("--export takes one scenario (each run has its own export)");
    if (export_plan->to_stdout() && (json_to_stdout || junit_to_stdout)) {
        return usage_error(std::string("--export FORMAT=- and ") + (json_to_stdout ? "--json -" : "--junit -") + " would mix on stdout: send one of them to a file");
    }
    const bool text = !json_to_stdout && !junit_to_stdout && !export_plan->to_stdout();
    ExportFiles exports;
    if (!exports.open(*export_plan, io.out, io.err, "check")) return exit_bad_input;
    bool bad_input = false;
    std::vector<ScenarioReport> reports;
    for (const std::string& path : options.scenarios) {
        // The diagnostics go to stderr and, for JUnit and JSON, into the report.
        std::ostringstream diagnostics;
        std::optional<ScenarioSpec> spec = load_or_report(path, {io.out, diagnostics});
        io.err << diagnostics.str();
        if (!spec) {
            bad_input = true;
            reports.push_back(error_report(path, diagnostics.str()));
            continue;
        }
        const std::uint64_t scenario_seed = spec->seed;  // its fingerprint: entries belong to it
        if (options.seed) spec->seed = *options.seed;
        // The run streams through the sinks (nothing per event is kept): the
        // trace's fingerprint (the report shows it), the expectations'
        // evidence and, with --golden, the line-by-line comparison with the
        // golden file or, with --update-golden, a new file beside the old;
        // and the exports asked for (--export).
        StreamedRun run(std::move(*spec), options.max_events);
        ExpectationEvidence evidence(run.spec());
        const std::string golden = options.golden.empty() ? std::string() : golden_path(options.golden, path);
        const std::string written = golden + ".new";
        std::ifstream golden_file;
        std::ofstream written_file;
        std::optional<GoldenComparer> comparer;
        TraceSink::Options trace_options;
        if (options.update_golden) {
            written_file.open(written, std::ios::binary);
            if (written_file) trace_options.out = &written_file;
        } else if (!golden.empty() && fs::is_regular_file(golden)) {
            golden_file.open(golden, std::ios::binary);
            if (golden_file) {
                comparer.emplace(golden_file);
                trace_options.listener = &*comparer;
            }
        }
        TraceSink trace(trace_options);
        std::vector<EventSink*> sinks = exports.sinks();
        sinks.push_back(&trace);
        sinks.push_back(&evidence);
        // On a terminal, a long run shows a progress line on stderr (see run).
        std::optional<ProgressLine> progress_line;
        std::optional<ProgressSink> progress;
        if (progress_wanted(io.err, options.quiet)) {
            progress_line.emplace(io.err, steady_clock_seconds());
            sinks.push_back(&progress.emplace(*progress_line));
        }
        run.run(sinks);
        if (comparer) comparer->finish(run.event_count());
        if (!exports.close(io.err, "check")) bad_input = true;
        if (const std::optional<std::string> error = stop_error(run)) {
            std::error_code ignored;
            if (options.update_golden) fs::remove(written, ignored);
            const std::string message = path + ": error: " + *error + "\n";
            io.err << terminal_lines(message);
            bad_input = true;
            reports.push_back(error_report(path, message));
            continue;
        }
        const std::uint64_t fingerprint = trace.fingerprint();
        ScenarioReport report = make_report(run, evaluate_expectations(run, evidence, fingerprint, scenario_seed), fingerprint);
        if (options.update_golden) {
            written_file.close();
            std::error_code error;
            const bool same = fs::is_regular_file(golden) && same_file_contents(golden, written);
            if (!written_file || trace.write_failed()) {
                fs::remove(written, error);
                io.err << "kafkasim check: error: cannot write " << terminal_text(golden) << "\n";
                bad_input = true;
            } else if (same) {
                fs::remove(written, error);
                if (text) io.out << terminal_text(golden) << ": unchanged (" << run.event_count() << " events)\n";
            } else {
                fs::rename(written, golden, error);
                if (error) {
                    fs::remove(written, error);
                    io.err << "kafkasim check: error: cannot write " << terminal_text(golden) << "\n";
                    bad_input = true;
                } else if (text) {
                    io.out << terminal_text(golden) << ": written (" << run.event_count() << " events)\n";
                }
            }
        } else if (!options.golden.empty()) {
            report.entries.push_back(golden_entry(options, path, run, comparer ? &*comparer : nullptr));
        }
        if (text && (!options.quiet || report.failed() > 0)) write_text(report, io.out);
        reports.push_back(std::move(report));
    }
    if (text) write_totals(reports, io.out);

    if (junit_to_stdout) {
        io.out << junit_xml(reports);
    } else if (!options.junit.empty() && !write_file(options.junit, junit_xml(reports))) {
        io.err << "kafkasim check: error: cannot write " << terminal_text(options.junit) << "\n";
        bad_input = true;
    }
    if (!options.json.empty()) {
        const std::string json = results_json(reports).dump(2) + "\n";
        if (json_to_stdout) {
            io.out << json;
        } else if (!write_file(options.json, json)) {
            io.err << "kafkasim check: error: cannot write " << terminal_text(options.json) << "\n";
            bad_input = true;
        }
    }
    if (bad_input) return exit_bad_input;
    for (const ScenarioReport& report : reports) {
        if (report.failed() > 0) return exit_failed_expectations;
    }
    return exit_ok;
}

}  // namespace kafkasim::cli
