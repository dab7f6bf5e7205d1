// The results of `kafkasim check` for people and for machines: the text
// report, JUnit XML (one testsuite per scenario, one testcase per check, for
// any CI or grading service) and JSON (the same results). A golden trace
// comparison is one more entry, worth no points.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "report/json.hpp"

namespace kafkasim {

struct ReportEntry {
    std::string title;  // the entry's name, or its generated description
    std::string kind;   // broker, consumer, stat, ..., golden
    SourcePos pos;
    std::uint32_t points = 0;
    std::string hint;
    ExpectationResult result;
    std::string detail;  // more lines for a failure (a golden trace's first difference)
};

struct ScenarioReport {
    std::string file;
    std::string scenario;
    std::uint64_t seed = 0;
    std::uint64_t events = 0;
    std::string fingerprint;
    std::vector<ReportEntry> entries;
    // Bad input: why the scenario did not load or run (then it has no
    // entries). JUnit shows it as an error, so a broken file is not silent.
    std::vector<std::string> errors;

    std::size_t passed() const;
    std::size_t failed() const;
    std::size_t skipped() const;  // neither passed nor failed (see ExpectationResult::skipped)
    std::uint64_t points_earned() const;
    std::uint64_t points_total() const;
};

// The report of one run: one entry per expectation, in file order.
ScenarioReport make_report(const FinishedRun& run, const std::vector<ExpectationResult>& results, std::uint64_t fingerprint);
// The report of a scenario that could not be checked: `errors` holds the
// diagnostics, one per line.
ScenarioReport error_report(const std::string& file, std::string_view errors);

// PASS/FAIL lines, expected/actual/hint under each failure, and the score.
void write_text(const ScenarioReport& report, std::ostream& out);
// The closing lines: the total score when there are several scenarios, the
// skipped entries if any ("N skipped"), then "N passed, N failed" alone on
// the last line.
void write_totals(const std::vector<ScenarioReport>& reports, std::ostream& out);

// JUnit XML; every text goes through xml_text (text/utf8_text.hpp), so the
// document is well-formed whatever the names and messages hold.
std::string junit_xml(const std::vector<ScenarioReport>& reports);
JsonValue results_json(const std::vector<ScenarioReport>& reports);

}  // namespace kafkasim
