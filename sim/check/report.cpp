// See report.hpp.
#include "check/report.hpp"

#include <algorithm>
#include <numeric>

#include "report/outputs.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

std::string where(const SourcePos& pos) {
    if (pos.line == 0) return pos.file;
    return pos.file + ":" + std::to_string(pos.line);
}

// Indents every line of `text` but the first by `indent`.
std::string indent_lines(std::string_view text, std::string_view indent) {
    std::string out;
    for (const char c : text) {
        out += c;
        if (c == '\n') out += indent;
    }
    return out;
}

template <class Count>
std::uint64_t sum(const std::vector<ScenarioReport>& reports, Count count) {
    std::uint64_t total = 0;
    for (const ScenarioReport& report : reports) total += count(report);
    return total;
}

}  // namespace

std::size_t ScenarioReport::passed() const {
    std::size_t n = 0;
    for (const ReportEntry& entry : entries) n += entry.result.passed ? 1 : 0;
    return n;
}

std::size_t ScenarioReport::failed() const {
    std::size_t n = 0;
    for (const ReportEntry& entry : entries) n += !entry.result.passed && !entry.result.skipped ? 1 : 0;
    return n;
}

std::size_t ScenarioReport::skipped() const {
    std::size_t n = 0;
    for (const ReportEntry& entry : entries) n += entry.result.skipped ? 1 : 0;
    return n;
}

std::uint64_t ScenarioReport::points_earned() const {
    std::uint64_t n = 0;
    for (const ReportEntry& entry : entries) n += entry.result.passed ? entry.points : 0;
    return n;
}

std::uint64_t ScenarioReport::points_total() const {
    std::uint64_t n = 0;
    for (const ReportEntry& entry : entries) n += entry.result.skipped ? 0 : entry.points;  // not graded
    return n;
}

ScenarioReport make_report(const FinishedRun& run, const std::vector<ExpectationResult>& results, std::uint64_t fingerprint) {
    ScenarioReport report;
    const ScenarioSpec& spec = run.spec();
    report.file = spec.file;
    report.scenario = spec.name;
    report.seed = spec.seed;
    report.events = run.event_count();
    report.fingerprint = format_fingerprint(fingerprint);
    for (std::size_t i = 0; i < spec.expectations.size() && i < results.size(); ++i) {
        const ExpectationSpec& expectation = spec.expectations[i];
        report.entries.push_back({expectation_title(expectation), expectation_kind(expectation), expectation.pos,
                                  expectation.points, expectation.hint, results[i], {}});
    }
    return report;
}

ScenarioReport error_report(const std::string& file, std::string_view errors) {
    ScenarioReport report;
    report.file = file;
    while (!errors.empty()) {
        const std::size_t end = std::min(errors.find('\n'), errors.size());
        if (end > 0) report.errors.emplace_back(errors.substr(0, end));
        errors.remove_prefix(std::min(end + 1, errors.size()));
    }
    if (report.errors.empty()) report.errors.push_back(file + ": error: the scenario could not be checked");
    return report;
}

void write_text(const ScenarioReport& report, std::ostream& out) {
    // Every field may carry a user's text (names, file names, messages): each
    // goes through the terminal policy, so no control character reaches the
    // terminal and each line stays one line.
    auto line = [](std::string_view text) { return terminal_text(text); };
    out << line(report.file) << ": scenario \"" << line(report.scenario) << "\", seed " << report.seed << ", "
        << report.events << " events, fingerprint " << line(report.fingerprint) << "\n";
    if (report.entries.empty()) out << "  no expectations (add an expect: list to make this scenario a test)\n";
    for (const ReportEntry& entry : report.entries) {
        out << (entry.result.passed ? "  PASS  " : entry.result.skipped ? "  SKIP  " : "  FAIL  ") << line(where(entry.pos))
            << "  " << line(entry.title) << "\n";
        if (entry.result.passed) continue;
        if (entry.result.skipped) {
            out << "        " << line(entry.result.actual) << "\n";
            continue;
        }
        out << "        expected: " << line(entry.result.expected) << "\n";
        out << "        actual:   " << line(entry.result.actual) << "\n";
        if (!entry.hint.empty()) out << "        hint:     " << line(entry.hint) << "\n";
        if (!entry.detail.empty()) out << "        " << indent_lines(terminal_lines(entry.detail), "        ") << "\n";
    }
    out << "  score: " << report.points_earned() << "/" << report.points_total() << " points\n";
}

void write_totals(const std::vector<ScenarioReport>& reports, std::ostream& out) {
    if (reports.size() > 1) {
        out << "total score: " << sum(reports, [](const auto& r) { return r.points_earned(); }) << "/"
            << sum(reports, [](const auto& r) { return r.points_total(); }) << " points in " << reports.size()
            << " scenarios\n";
    }
    if (const auto skipped = sum(reports, [](const auto& r) { return r.skipped(); }); skipped > 0) out << skipped << " skipped\n";
    out << sum(reports, [](const auto& r) { return r.passed(); }) << " passed, "
        << sum(reports, [](const auto& r) { return r.failed(); }) << " failed\n";
}

std::string junit_xml(const std::vector<ScenarioReport>& reports) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const auto tests = sum(reports, [](const auto& r) { return r.entries.size(); });
    const auto failures = sum(reports, [](const auto& r) { return r.failed(); });
    const auto errors = sum(reports, [](const auto& r) { return r.errors.empty() ? 0 : 1; });
    const auto skipped = sum(reports, [](const auto& r) { return r.skipped(); });
    out += "<testsuites name=\"kafkasim check\" tests=\"" + std::to_string(tests + errors) + "\" failures=\"" +
           std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) + "\">\n";
    for (const ScenarioReport& report : reports) {
        if (!report.errors.empty()) {
            // One testcase in error: the file did not load (or its run did not end).
            std::string body;
            for (const std::string& line : report.errors) body += (body.empty() ? "" : "\n") + line;
            out += "  <testsuite name=\"" + xml_text(report.file) + "\" tests=\"1\" failures=\"0\" errors=\"1\" "
                   "skipped=\"0\" time=\"0\">\n    <testcase name=\"load and run\" classname=\"" +
                   xml_text(report.file) + "\" file=\"" + xml_text(report.file) + "\" time=\"0\">\n" +
                   "      <error type=\"bad input\" message=\"" + xml_text(report.errors.front()) + "\">" +
                   xml_text(body) + "</error>\n    </testcase>\n  </testsuite>\n";
            continue;
        }
        // classname: the file without its extension ("configs/seed"), unique
        // where scenario names may not be.
        std::string classname = report.file;
        if (const auto dot = classname.rfind('.'); dot != std::string::npos && classname.find('/', dot) == std::string::npos) {
            classname.resize(dot);
        }
        out += "  <testsuite name=\"" + xml_text(report.file) + "\" tests=\"" + std::to_string(report.entries.size()) +
               "\" failures=\"" + std::to_string(report.failed()) + "\" errors=\"0\" skipped=\"" + std::to_string(report.skipped()) +
               "\" time=\"0\">\n";
        out += "    <properties>\n";
        auto property = [&](std::string_view name, const std::string& value) {
            out += "      <property name=\"" + std::string(name) + "\" value=\"" + xml_text(value) + "\"/>\n";
        };
        property("scenario", report.scenario);
        property("seed", std::to_string(report.seed));
        property("fingerprint", report.fingerprint);
        property("score", std::to_string(report.points_earned()) + "/" + std::to_string(report.points_total()));
        out += "    </properties>\n";
        for (const ReportEntry& entry : report.entries) {
            out += "    <testcase name=\"" + xml_text(entry.title) + "\" classname=\"" + xml_text(classname) +
                   "\" file=\"" + xml_text(entry.pos.file) + "\"";
            if (entry.pos.line > 0) out += " line=\"" + std::to_string(entry.pos.line) + "\"";
            out += " time=\"0\"";
            if (entry.result.passed) {
                out += "/>\n";
                continue;
            }
            if (entry.result.skipped) {
                out += ">\n      <skipped message=\"" + xml_text(entry.result.actual) + "\"/>\n    </testcase>\n";
                continue;
            }
            std::string body = "expected: " + entry.result.expected + "\nactual:   " + entry.result.actual;
            if (!entry.hint.empty()) body += "\nhint:     " + entry.hint;
            if (!entry.detail.empty()) body += "\n" + entry.detail;
            out += ">\n      <failure type=\"" + xml_text(entry.kind) + "\" message=\"" +
                   xml_text("expected " + entry.result.expected + "; actual " + entry.result.actual) + "\">" +
                   xml_text(body) + "</failure>\n    </testcase>\n";
        }
        out += "  </testsuite>\n";
    }
    out += "</testsuites>\n";
    return out;
}

JsonValue results_json(const std::vector<ScenarioReport>& reports) {
    JsonValue root = JsonValue::object();
    auto count = [](std::uint64_t n) { return JsonValue::unsigned_integer(n); };
    root.set("passed", count(sum(reports, [](const auto& r) { return r.passed(); })));
    root.set("failed", count(sum(reports, [](const auto& r) { return r.failed(); })));
    root.set("points_earned", count(sum(reports, [](const auto& r) { return r.points_earned(); })));
    root.set("points_total", count(sum(reports, [](const auto& r) { return r.points_total(); })));
    root.set("errors", count(sum(reports, [](const auto& r) { return r.errors.empty() ? 0 : 1; })));
    root.set("skipped", count(sum(reports, [](const auto& r) { return r.skipped(); })));
    JsonValue& scenarios = root.set("scenarios", JsonValue::array());
    for (const ScenarioReport& report : reports) {
        JsonValue& scenario = scenarios.push(JsonValue::object());
        scenario.set("file", JsonValue::string(report.file));
        scenario.set("scenario", JsonValue::string(report.scenario));
        scenario.set("seed", count(report.seed));
        scenario.set("events", count(report.events));
        scenario.set("fingerprint", JsonValue::string(report.fingerprint));
        scenario.set("passed", count(report.passed()));
        scenario.set("failed", count(report.failed()));
        scenario.set("skipped", count(report.skipped()));
        scenario.set("points_earned", count(report.points_earned()));
        scenario.set("points_total", count(report.points_total()));
        if (!report.errors.empty()) {
            JsonValue& errors = scenario.set("errors", JsonValue::array());
            for (const std::string& line : report.errors) errors.push(JsonValue::string(line));
        }
        JsonValue& results = scenario.set("results", JsonValue::array());
        for (const ReportEntry& entry : report.entries) {
            JsonValue& result = results.push(JsonValue::object());
            result.set("name", JsonValue::string(entry.title));
            result.set("kind", JsonValue::string(entry.kind));
            result.set("file", JsonValue::string(entry.pos.file));
            result.set("line", count(static_cast<std::uint64_t>(entry.pos.line)));
            result.set("column", count(static_cast<std::uint64_t>(entry.pos.column)));
            result.set("points", count(entry.points));
            result.set("passed", JsonValue::boolean(entry.result.passed));
            result.set("skipped", JsonValue::boolean(entry.result.skipped));
            result.set("expected", JsonValue::string(entry.result.expected));
            result.set("actual", JsonValue::string(entry.result.actual));
            result.set("hint", JsonValue::string(entry.hint));
            if (!entry.detail.empty()) result.set("detail", JsonValue::string(entry.detail));
        }
    }
    return root;
}

}  // namespace kafkasim
