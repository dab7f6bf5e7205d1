// kafkasim sweep: run one scenario under many seeds, in parallel threads, and
// report which seeds fail which expectations with the command that
// reproduces each failure. Every seed is an independent streamed run (its
// own StreamedRun and string table, nothing kept per event); results are kept per seed and
// printed in seed order, so the output is the same whatever -j is.
//
// --shard I/N (a cluster job array): shard I takes the seeds whose position
// in the range (0-based) is I-1 modulo N. Strided rather than contiguous
// blocks, so that every shard gets a similar mix of seeds.
#include <boost/program_options.hpp>
#include <algorithm>
#include <atomic>
#include <limits>
#include <exception>
#include <map>
#include <ostream>
#include <mutex>
#include <thread>

#include "check/check.hpp"
#include "cli/cli.hpp"
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

namespace kafkasim::cli {

namespace {

// A sweep holds one small outcome per seed; far beyond any useful sweep.
constexpr std::uint64_t seeds_max = 100'000'000;
constexpr std::size_t seeds_listed_max = 20;

struct SweepOptions {
    std::string scenario;
    std::string seeds;
    std::string shard;
    unsigned threads = 0;  // 0: one per hardware thread
    bool quiet = false;
    std::uint64_t max_events = RecordOptions{}.max_events;
};

struct SeedOutcome {
    std::vector<std::size_t> failed;            // indices into the scenario's expectations
    std::vector<ExpectationResult> results;     // of the failed ones
    std::vector<std::size_t> skipped;           // not checked under this seed (a fingerprint: under other seeds)
    std::string error;                          // the run could not finish
    std::uint64_t events = 0;                   // processed (the progress line's rate)
};

// The numbers of --seeds and --shard, read as every numeric option is
// (scenario/values.hpp: digits only).
bool parse_unsigned(std::string_view text, std::uint64_t& value) {
    const auto parsed = parse_integer(text, 0, std::numeric_limits<std::uint64_t>::max());
    if (parsed) value = *parsed;
    return parsed.has_value();
}

// "A..B" (inclusive) or "N".
bool parse_seed_range(std::string_view text, std::uint64_t& first, std::uint64_t& last) {
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
        if (!parse_unsigned(text, first)) return false;
        last = first;
        return true;
    }
    return parse_unsigned(text.substr(0, dots), first) && parse_unsigned(text.substr(dots + 2), last) && first <= last;
}

bool parse_shard(std::string_view text, std::uint64_t& index, std::uint64_t& count) {
    const std::size_t slash = text.find('/');
    return slash != std::string_view::npos && parse_unsigned(text.substr(0, slash), index) &&
           parse_unsigned(text.substr(slash + 1), count) && count >= 1 && index >= 1 && index <= count;
}

// A path as a POSIX shell word: kept as is when it is plainly safe, else in
// single quotes, so the printed command can be pasted.
std::string shell_word(std::string_view text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("/._-+=:,@%").find(c) != std::string_view::npos;
    });
    if (plain) return std::string(text);
    std::string out = "'";
    for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

SeedOutcome run_seed(const ScenarioSpec& base, std::uint64_t seed, std::uint64_t max_events, bool fingerprint_needed) {
    SeedOutcome outcome;
    ScenarioSpec spec = base;
    spec.seed = seed;
    StreamedRun run(std::move(spec), max_events);
    ExpectationEvidence evidence(run.spec());
    // Fingerprint entries are only checked under the scenario's own seed:
    // only that run renders and hashes its trace.
    TraceSink trace({});
    std::vector<EventSink*> sinks{&evidence};
    const bool fingerprint = fingerprint_needed && seed == base.seed;
    if (fingerprint) sinks.push_back(&trace);
    run.run(sinks);
    outcome.events = run.event_count();
    if (const std::optional<std::string> error = stop_error(run)) {
        outcome.error = *error;
        return outcome;
    }
    std::vector<ExpectationResult> results = evaluate_expectations(run, evidence, fingerprint ? trace.fingerprint() : 0, base.seed);
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].skipped) outcome.skipped.push_back(i);
        if (results[i].passed || results[i].skipped) continue;
        outcome.failed.push_back(i);
        outcome.results.push_back(std::move(results[i]));
    }
    return outcome;
}

// Text for the terminal (text/utf8_text.hpp): file names and titles are the users'.
std::string where(const SourcePos& pos) { return terminal_text(pos.file) + ":" + std::to_string(pos.line); }
std::string title(const ExpectationSpec& expectation) { return terminal_text(expectation_title(expectation)); }

}  // namespace

int sweep_command(const std::vector<std::string>& args, Streams io) {
    SweepOptions options;
    po::options_description description("kafkasim sweep SCENARIO.yaml --seeds A..B options");
    description.add_options()
        ("help,h", "show this help")
        ("seeds", po::value(&options.seeds)->value_name("A..B"), "the seeds to run: A..B (inclusive) or N")
        ("jobs,j", integer_option("-j", options.threads, 1, threads_max), "threads (default: one per hardware thread)")
        ("shard", po::value(&options.shard)->value_name("I/N"), "run shard I of N: the seeds at positions I-1, I-1+N, ... of the range")
        ("max-events", integer_option("--max-events", options.max_events, 1, events_max), "stop a runaway run after this many events")
        ("quiet,q", po::bool_switch(&options.quiet), "no progress line on the terminal");
    po::options_description scenario;
    scenario.add_options()("scenario", po::value(&options.scenario));
    po::variables_map values;
    if (const auto done = parse_command(args, "sweep", description, scenario, 1, io, values)) return *done;
    auto usage_error = [&](std::string_view message) {
        io.err << "kafkasim sweep: error: " << terminal_text(message) << "\n(see kafkasim sweep --help)\n";
        return exit_bad_input;
    };
    if (options.scenario.empty()) return usage_error("no scenario given (kafkasim sweep SCENARIO.yaml --seeds A..B)");
    std::uint64_t first = 0, last = 0;
    if (options.seeds.empty()) return usage_error("--seeds A..B is required");
    if (!parse_seed_range(options.seeds, first, last)) {
        return usage_error("--seeds must be A..B with A <= B (e.g. 1..1000) or one seed, got '" + options.seeds + "'");
    }
    std::uint64_t shard_index = 1, shard_count = 1;
    if (!options.shard.empty() && !parse_shard(options.shard, shard_index, shard_count)) {
        return usage_error("--shard must be I/N with 1 <= I <= N (e.g. 3/8), got '" + options.shard + "'");
    }
    const std::uint64_t range = last - first;  // + 1 may overflow for 0..2^64-1
    if (range >= seeds_max) return usage_error("too many seeds (at most " + std::to_string(seeds_max) + " per sweep)");
    const std::uint64_t offset = shard_index - 1;
    const std::uint64_t seed_count = offset > range ? 0 : (range - offset) / shard_count + 1;

    std::optional<ScenarioSpec> spec = load_or_report(options.scenario, io);
    if (!spec) return exit_bad_input;
    const ScenarioSpec& base = *spec;
    const bool fingerprint_needed = needs_fingerprint(base);

    unsigned threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(seed_count, 1)));
    std::vector<SeedOutcome> outcomes(seed_count);
    std::atomic<std::uint64_t> next{0};
    auto seed_at = [&](std::uint64_t position) { return first + offset + position * shard_count; };
    // On a terminal, a sweep of more than ~2 s shows a progress line on
    // stderr, redrawn as seeds finish (erased at the end; never with -q or
    // in pipes). Only the wall clock decides when: results are unaffected.
    std::optional<ProgressLine> progress;
    if (progress_wanted(io.err, options.quiet)) progress.emplace(io.err, steady_clock_seconds());
    std::mutex progress_mutex;
    std::uint64_t seeds_done = 0, events_done = 0;
    auto work = [&] {
        for (std::uint64_t i = next.fetch_add(1); i < seed_count; i = next.fetch_add(1)) {
            try {
                outcomes[i] = run_seed(base, seed_at(i), options.max_events, fingerprint_needed);
            } catch (const std::exception& error) {  // out of memory, most likely
                outcomes[i].error = std::string("error: ") + error.what();
            }
            if (!progress) continue;
            const std::lock_guard<std::mutex> lock(progress_mutex);
            ++seeds_done;
            events_done += outcomes[i].events;
            if (progress->due()) {
                const double elapsed_s = progress->elapsed_s();
                progress->show(sweep_progress_text(seeds_done, seed_count, events_done,
                                                   elapsed_s > 0 ? static_cast<double>(events_done) / elapsed_s : 0));
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    if (progress) progress->clear();

    // Report, in seed order.
    const std::string range_text = terminal_text(options.seeds + (options.shard.empty() ? "" : ", shard " + options.shard));
    const std::string reproduce = "kafkasim check " + terminal_text(shell_word(options.scenario)) + " --seed ";
    std::uint64_t failed_seeds = 0;
    std::uint64_t error_seeds = 0;
    std::map<std::size_t, std::vector<std::uint64_t>> seeds_by_expectation;
    for (std::uint64_t i = 0; i < seed_count; ++i) {
        const SeedOutcome& outcome = outcomes[i];
        const std::uint64_t seed = seed_at(i);
        if (!outcome.error.empty()) {
            ++error_seeds;
            io.out << "seed " << seed << ": " << outcome.error << "\n  reproduce: " << reproduce << seed << "\n";
            continue;
        }
        if (outcome.failed.empty()) continue;
        ++failed_seeds;
        io.out << "seed " << seed << ": " << outcome.failed.size() << " of " << base.expectations.size()
               << " expectations failed\n";
        for (std::size_t k = 0; k < outcome.failed.size(); ++k) {
            const ExpectationSpec& expectation = base.expectations[outcome.failed[k]];
            seeds_by_expectation[outcome.failed[k]].push_back(seed);
            io.out << "  FAIL  " << where(expectation.pos) << "  " << title(expectation) << "\n"
                   << "        expected: " << terminal_text(outcome.results[k].expected) << "\n"
                   << "        actual:   " << terminal_text(outcome.results[k].actual) << "\n";
        }
        io.out << "  reproduce: " << reproduce << seed << "\n";
    }
    // Entries skipped under some seeds (a fingerprint belongs to the
    // scenario's own seed): said once, with how many seeds skipped them.
    std::map<std::size_t, std::uint64_t> skipped_seeds;
    for (const SeedOutcome& outcome : outcomes) {
        for (const std::size_t index : outcome.skipped) skipped_seeds[index]++;
    }
    for (const auto& [index, count] : skipped_seeds) {
        const ExpectationSpec& expectation = base.expectations[index];
        io.out << "  SKIP  " << where(expectation.pos) << "  " << title(expectation) << ": skipped under " << count
               << (count == 1 ? " seed" : " seeds") << " (a fingerprint belongs to the scenario's seed " << base.seed << ")\n";
    }
    if (failed_seeds == 0 && error_seeds == 0) {
        io.out << "all " << seed_count << " seeds pass " << terminal_text(options.scenario) << " (seeds " << range_text << ", "
               << base.expectations.size() << " expectations each";
        if (!skipped_seeds.empty()) io.out << ", " << skipped_seeds.size() << " skipped where noted";
        io.out << ")\n";
        return exit_ok;
    }
    if (!seeds_by_expectation.empty()) io.out << "failures by expectation:\n";
    for (const auto& [index, seeds] : seeds_by_expectation) {
        const ExpectationSpec& expectation = base.expectations[index];
        io.out << "  " << where(expectation.pos) << "  " << title(expectation) << ": " << seeds.size()
               << (seeds.size() == 1 ? " seed (" : " seeds (");
        for (std::size_t k = 0; k < seeds.size() && k < seeds_listed_max; ++k) io.out << (k > 0 ? ", " : "") << seeds[k];
        if (seeds.size() > seeds_listed_max) io.out << ", ...";
        io.out << ")\n";
    }
    io.out << (seed_count - failed_seeds - error_seeds) << " passed, " << failed_seeds << " failed";
    if (error_seeds > 0) io.out << ", " << error_seeds << " did not finish";
    io.out << " (seeds " << range_text << ")\n";
    return error_seeds > 0 ? exit_bad_input : exit_failed_expectations;
}

}  // namespace kafkasim::cli
