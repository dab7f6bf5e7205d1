// Every numeric command-line option, of every program, under every kind of
// bad number: refused with the YAML loader's words and exit code 2, never
// wrapped (`--seed -1` once ran seed 2^64 - 1) or read in part.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#if __has_include("model/viz_options.hpp")  // a build without the viz leaves its rows out
#include "model/viz_options.hpp"
#define KAFKASIM_TEST_VIZ_OPTIONS 1
#endif

using namespace kafkasim;

namespace {

struct NumericOption {
    std::string program;  // run, check, sweep, viz
    std::string option;   // as written on the command line
    std::string min;
    std::string max;
};

const std::string u64_max = "18446744073709551615";

const std::vector<NumericOption> numeric_options = {
    {"run", "--seed", "0", u64_max},        {"run", "--max-events", "1", u64_max},
    {"check", "--seed", "0", u64_max},      {"check", "--max-events", "1", u64_max},
    {"sweep", "-j", "1", "1024"},           {"sweep", "--max-events", "1", u64_max},
#ifdef KAFKASIM_TEST_VIZ_OPTIONS
    {"viz", "--seed", "0", u64_max},        {"viz", "--event", "0", u64_max},
    {"viz", "--bench-frames", "1", u64_max}, {"viz", "--max-events", "1", u64_max},
#endif
};

const std::vector<std::string> bad_numbers = {"-1", "+5", "1e3", "0x10", "", "18446744073709551616",
                                              "99999999999999999999999", " 5", "5 ", "1 2", "abc", "5abc",
                                              "-0", "1.0", "\xE9"};

struct Outcome {
    int code = 0;
    std::string err;  // what it printed, errors first
};

std::string seed_yaml() { return std::string(KAFKASIM_SOURCE_DIR) + "/configs/seed.yaml"; }

Outcome run_program(const NumericOption& o, const std::vector<std::string>& value_args) {
    std::vector<std::string> args;
#ifdef KAFKASIM_TEST_VIZ_OPTIONS
    if (o.program == "viz") {
        args = {seed_yaml()};
        args.insert(args.end(), value_args.begin(), value_args.end());
        const viz::VizParse parse = viz::parse_viz_options(args);
        return {parse.options ? 0 : 2, parse.error};
    }
#endif
    args = {o.program};
    if (o.program == "check") args.push_back(seed_yaml());
    if (o.program == "sweep") args.insert(args.end(), {seed_yaml(), "--seeds", "1"});
    if (o.program == "run") args.insert(args.end(), {seed_yaml(), "-q"});
    args.insert(args.end(), value_args.begin(), value_args.end());
    std::ostringstream out, err;
    const int code = cli::main_dispatch(args, {out, err});
    return {code, err.str() + out.str()};
}

std::string message(const NumericOption& o, const std::string& got) {
    return o.option + " must be an integer from " + o.min + " to " + o.max + ", got '" + got + "'";
}

}  // namespace

TEST_CASE("every numeric option refuses every bad number, in the loader's words", "[cli][numbers]") {
    for (const NumericOption& o : numeric_options) {
        for (const std::string& bad : bad_numbers) {
            // Both spellings: "--seed=-1" and "--seed" "-1" (the value as its own word).
            const std::string shown = bad == "\xE9" ? "\\xe9" : bad;
            for (const bool joined : {true, false}) {
                const std::vector<std::string> args =
                    joined ? std::vector<std::string>{o.option + "=" + bad} : std::vector<std::string>{o.option, bad};
                if (joined && o.option == "-j") continue;  // "-j=5" is not how a short option is written
                INFO(o.program << " " << o.option << (joined ? "=" : " ") << "'" << bad << "'");
                const Outcome outcome = run_program(o, args);
                CHECK(outcome.code == 2);
                // Boost refuses an empty "--seed=" itself, and may take a word
                // starting with '-' for an option: refused all the same.
                const bool boost_refuses = (bad.empty() && joined) || (bad.starts_with("-") && !joined);
                if (!boost_refuses) CHECK_THAT(outcome.err, Catch::Contains(message(o, shown)));
            }
        }
        // Out of range by one, below and above.
        if (o.min == "1") {
            INFO(o.program << " " << o.option << " 0");
            const Outcome zero = run_program(o, {o.option, "0"});
            CHECK(zero.code == 2);
            CHECK_THAT(zero.err, Catch::Contains(message(o, "0")));
        }
        if (o.max == "1024") {
            const Outcome above = run_program(o, {o.option, "1025"});
            CHECK(above.code == 2);
            CHECK_THAT(above.err, Catch::Contains(message(o, "1025")));
        }
    }
}

TEST_CASE("every numeric option takes its whole range", "[cli][numbers]") {
    for (const NumericOption& o : numeric_options) {
        // The largest seed and event limit run the (short) scenario; the rest parse.
        for (const std::string& good : {o.min, o.max, std::string("007")}) {
            if (o.option == "--bench-frames" || (o.option == "-j" && good == o.max)) continue;
            INFO(o.program << " " << o.option << " " << good);
            const Outcome outcome = run_program(o, {o.option, good});
            CHECK(outcome.err.find("must be an integer") == std::string::npos);
            if (o.option == "--max-events" && good != o.max && o.program != "viz") {
                CHECK_THAT(outcome.err, Catch::Contains("events (--max-events)"));  // it ran, and stopped there
            } else {
                CHECK((outcome.code == 0 || outcome.code == 1));  // 1: a seed the expectations were not written for
            }
        }
    }
#ifdef KAFKASIM_TEST_VIZ_OPTIONS
    const viz::VizParse frames = viz::parse_viz_options({"--bench-frames", "12", "--seed", u64_max, "--event", "3"});
    REQUIRE(frames.options);
    CHECK(frames.options->bench_frames == 12);
    CHECK(frames.options->seed == std::uint64_t{18446744073709551615u});
    CHECK(frames.options->event == 3u);
#endif
}

TEST_CASE("sweep's --seeds and --shard read numbers as strictly", "[cli][numbers]") {
    for (const std::string_view seeds : {"-1..3", "+1..3", "1..+3", "1e1", "0x10", "1..", "..3", " 1..3", "3..1",
                                     "1..18446744073709551616"}) {
        INFO(seeds);
        std::ostringstream out, err;
        CHECK(cli::main_dispatch({"sweep", seed_yaml(), "--seeds", std::string(seeds)}, {out, err}) == 2);
    }
    for (const std::string_view shard : {"-1/2", "+1/2", "1/+2", "0/2", "3/2", "1/0", "1/", "/2", "1/2/3"}) {
        INFO(shard);
        std::ostringstream out, err;
        CHECK(cli::main_dispatch({"sweep", seed_yaml(), "--seeds", "1..4", "--shard", std::string(shard)}, {out, err}) == 2);
    }
}

TEST_CASE("run -v -q says the two conflict", "[cli]") {
    std::ostringstream out, err;
    CHECK(cli::main_dispatch({"run", "-v", "-q"}, {out, err}) == 2);
    CHECK(out.str().empty());
    CHECK_THAT(err.str(), Catch::Contains("-v (narrate every event) and -q (print nothing but errors) conflict"));
}
