// Golden traces: a trace compared with a kept one reports where they first
// differ (event number, time, both lines) and the brokers involved as they
// were just before it; `kafkasim check --golden` turns that into a failing
// check, and --update-golden writes the files (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/golden.hpp"
#include "cli/cli.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

const std::string event_28 =
    R"({"event": 28, "time_ns": 54500000, "seq": 30, "kind": "claim_refused", "source": "c2", "target": "b1", )"
    R"("payload": {"request": "claim", "holder": "c1", "error": "held_by_other"}})";

std::unique_ptr<RecordedRun> recorded(bool snapshots) {
    RecordOptions options;
    options.keep_snapshots = snapshots;
    options.snapshot_interval = 16;  // several snapshots in a short run: state_after seeks
    return std::make_unique<RecordedRun>(spec_of(check_scenario_yaml), options);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::string first_lines(const std::string& text, std::size_t lines) {
    std::size_t end = 0;
    for (std::size_t i = 0; i < lines; ++i) end = text.find('\n', end) + 1;
    return text.substr(0, end);
}

}  // namespace

TEST_CASE("a trace matches itself, also with CRLF line ends", "[check][golden]") {
    const auto run = recorded(true);
    const std::string trace = trace_text(*run);
    const GoldenComparison same = compare_with_golden(*run, trace, trace);
    CHECK(same.matches);
    CHECK(same.summary == "matches (69 events)");
    CHECK(same.report.empty());
    std::string crlf;
    for (const char c : trace) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(compare_with_golden(*run, trace, crlf).matches);
}

TEST_CASE("a changed event is reported with both lines and the brokers just before it", "[check][golden]") {
    const auto run = recorded(true);
    const std::string trace = trace_text(*run);
    const std::string changed_line = replaced(event_28, "54500000", "54600000");
    const GoldenComparison result = compare_with_golden(*run, trace, replaced(trace, event_28, changed_line));
    CHECK_FALSE(result.matches);
    CHECK(result.lines_compared == 28);
    CHECK(result.summary == "differs at event 28 (time 54.5ms)");
    CHECK(result.report == "first difference at event 28, time 54.5ms (golden: 54.6ms)\n"
                           "golden: " + changed_line + "\n"
                           "run:    " + event_28 + "\n"
                           "brokers just before event 28:\n"
                           R"(  b1: up, busy (held by c1), serving a request, 0 waiting; {"Hello world": ["message 1", "message 2", "message 3"]})");
}

TEST_CASE("a trace that ends early or goes on is reported where the other stops", "[check][golden]") {
    const auto run = recorded(true);
    const std::string trace = trace_text(*run);
    const GoldenComparison shorter = compare_with_golden(*run, trace, first_lines(trace, 50));
    CHECK(shorter.summary == "differs at event 50 (time 64ms)");
    CHECK_THAT(shorter.report, Catch::StartsWith("first difference at event 50, time 64ms\n"
                                                 "golden: (ends after 50 events)\n"
                                                 "run:    {\"event\": 50, \"time_ns\": 64000000,"));
    const std::string extra = R"({"event": 69, "time_ns": 80000000, "seq": 99, "kind": "crash", "source": "b2", "target": null, "payload": {}})";
    const GoldenComparison longer = compare_with_golden(*run, trace, trace + extra + "\n");
    CHECK(longer.summary == "differs at event 69 (time 80ms)");
    CHECK(longer.report == "first difference at event 69, time 80ms\n"
                           "golden: " + extra + "\n"
                           "run:    (ends after 69 events)\n"
                           "brokers just before event 69:\n"
                           R"(  b2: up, idle, not serving, 0 waiting; {"Hello world": ["message 1", "message 2", "message 3"], "news": ["only on b2"]})");
}

TEST_CASE("without snapshots the report leaves the broker state out", "[check][golden]") {
    const auto run = recorded(false);
    const std::string trace = trace_text(*run);
    const GoldenComparison result = compare_with_golden(*run, trace, replaced(trace, event_28, replaced(event_28, "c1", "c3")));
    CHECK(result.summary == "differs at event 28 (time 54.5ms)");
    CHECK(result.report.find("brokers just before") == std::string::npos);
}

TEST_CASE("kafkasim check --golden: write, match, then report a changed trace", "[check][golden][cli]") {
    namespace fs = std::filesystem;
    const fs::path directory = fs::temp_directory_path() / "kafkasim_test_check_golden";
    fs::remove_all(directory);
    fs::create_directories(directory);
    const std::string scenario = (directory / "race.yaml").string();
    std::ofstream(scenario) << check_scenario_yaml;
    const std::string golden = (directory / "golden").string();
    auto check = [&](std::vector<std::string> args, std::string& out) {
        std::ostringstream out_stream, err_stream;
        args.insert(args.begin(), scenario);
        const int status = cli::check_command(args, {out_stream, err_stream});
        out = out_stream.str() + err_stream.str();
        return status;
    };
    std::string out;
    CHECK(check({"--golden", golden}, out) == cli::exit_failed_expectations);
    CHECK_THAT(out, Catch::Contains("actual:   no golden trace " + golden + "/race.jsonl") &&
                        Catch::Contains("create it with: kafkasim check " + scenario + " --golden " + golden +
                                        " --update-golden"));
    CHECK(check({"--golden", golden, "--update-golden"}, out) == cli::exit_ok);
    CHECK_THAT(out, Catch::StartsWith(golden + "/race.jsonl: written (69 events)\n"));
    CHECK(check({"--golden", golden}, out) == cli::exit_ok);
    CHECK_THAT(out, Catch::Contains("  PASS  " + golden + "/race.jsonl  golden trace\n") &&
                        Catch::EndsWith("1 passed, 0 failed\n"));

    // A model change would move c2's refused claim: the golden file now disagrees.
    std::string text;
    {
        std::ifstream in(golden + "/race.jsonl");
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(golden + "/race.jsonl") << replaced(text, event_28, replaced(event_28, "\"c1\", \"error\"", "\"c3\", \"error\""));
    CHECK(check({"--golden", golden}, out) == cli::exit_failed_expectations);
    CHECK_THAT(out, Catch::Contains("  FAIL  " + golden + "/race.jsonl  golden trace\n"
                                    "        expected: the trace in " + golden + "/race.jsonl\n"
                                    "        actual:   differs at event 28 (time 54.5ms)\n"
                                    "        first difference at event 28, time 54.5ms\n") &&
                        Catch::Contains("        brokers just before event 28:\n"
                                        "          b1: up, busy (held by c1), serving a request, 0 waiting;") &&
                        Catch::EndsWith("0 passed, 1 failed\n"));
    fs::remove_all(directory);
}
