// What `kafkasim check` prints and writes: generated names for entries
// without one, the text report and its closing line, JUnit XML (escaped) and
// JSON (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

#include <sstream>

#include "check/report.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::vector<std::string> titles_of(const std::string& entries_yaml) {
    const ScenarioSpec spec = spec_of(check_scenario_yaml + "expect:\n" + entries_yaml);
    std::vector<std::string> titles;
    for (const ExpectationSpec& expectation : spec.expectations) titles.push_back(expectation_title(expectation));
    return titles;
}

ScenarioReport two_entry_report() {
    const ScenarioSpec spec = spec_of(check_scenario_yaml + R"(expect:
  - name: "c2 loses the race <for b1> & \"starts over\""
    points: 2
    hint: "the first claim wins"
    event: {kind: claim_refused, source: c1}
  - {broker: b1, state: {up: true}}
)");
    RecordOptions options;
    options.keep_snapshots = false;
    const RecordedRun run(spec, options);
    const std::uint64_t fingerprint = write_trace(run, nullptr);
    return make_report(run, evaluate_expectations(run, fingerprint), fingerprint);
}

}  // namespace

TEST_CASE("entries without a name get a description of what they check", "[check][report]") {
    CHECK(titles_of(R"(  - {broker: b1, topics: {"Hello world": ["m"]}}
  - {broker: b2, contains: {topic: news, message: "only on b2"}}
  - {broker: b2, not_contains: {topic: news}}
  - {broker: b1, state: {up: true, busy: false}}
  - {consumer: c1, consumed: {message: "message 3", broker: b1}, before: 1s}
  - {consumer: c1, consumed: {}, never: true}
  - {consumer: c2, consumed_exactly: ["only on b2"]}
  - {stat: producers.p1.acked, "==": 2}
  - {stat: brokers.b1.utilization, approx: 0.07, tolerance_percent: 5}
  - {event: {kind: claim_refused, source: c2}, after: 50ms}
  - {invariant: acked_writes_present}
  - {fingerprint: "6a3faadadebf13e1"}
  - {violation: lost_ack, never: true}
  - {name: "my own name", violation: divergence}
)") == std::vector<std::string>{
              R"(b1 holds exactly {"Hello world": ["m"]})",
              R"(b2 holds "only on b2" in topic "news")",
              R"(b2 has no topic "news")",
              "b1 is up and idle",
              R"(c1 consumed at least one item matching {message "message 3", broker b1} before 1s)",
              "c1 consumed no item",
              R"(c2 consumed exactly [{message "only on b2"}])",
              "producers.p1.acked == 2",
              "brokers.b1.utilization approx 0.07 +/- 5%",
              "at least one claim_refused event from c2 after 50ms",
              "invariant acked_writes_present",
              "trace fingerprint 6a3faadadebf13e1",
              "no lost_ack violation",
              "my own name",
          });
}

TEST_CASE("the text report: PASS/FAIL with file:line, expected/actual/hint, score, closing line", "[check][report]") {
    const ScenarioReport report = two_entry_report();
    std::ostringstream out;
    write_text(report, out);
    write_totals({report}, out);
    CHECK(out.str() ==
          "t.yaml: scenario \"unnamed\", seed 1, 69 events, fingerprint 6a3faadadebf13e1\n"
          "  FAIL  t.yaml:27  c2 loses the race <for b1> & \"starts over\"\n"
          "        expected: at least one claim_refused event from c1\n"
          "        actual:   none\n"
          "        hint:     the first claim wins\n"
          "  PASS  t.yaml:31  b1 is up\n"
          "  score: 1/3 points\n"
          "1 passed, 1 failed\n");
    std::ostringstream two;
    write_totals({report, report}, two);
    CHECK(two.str() == "total score: 2/6 points in 2 scenarios\n2 passed, 2 failed\n");
}

TEST_CASE("JUnit XML: one testsuite per scenario, one testcase per check, escaped", "[check][report]") {
    CHECK(xml_text("a<b>&\"c'\x01\td") == "a&lt;b&gt;&amp;&quot;c&apos;\xEF\xBF\xBD\td");
    CHECK(junit_xml({two_entry_report()}) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"kafkasim check\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
          "  <testsuite name=\"t.yaml\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
          "    <properties>\n"
          "      <property name=\"scenario\" value=\"unnamed\"/>\n"
          "      <property name=\"seed\" value=\"1\"/>\n"
          "      <property name=\"fingerprint\" value=\"6a3faadadebf13e1\"/>\n"
          "      <property name=\"score\" value=\"1/3\"/>\n"
          "    </properties>\n"
          "    <testcase name=\"c2 loses the race &lt;for b1&gt; &amp; &quot;starts over&quot;\" classname=\"t\" "
          "file=\"t.yaml\" line=\"27\" time=\"0\">\n"
          "      <failure type=\"event\" message=\"expected at least one claim_refused event from c1; actual none\">"
          "expected: at least one claim_refused event from c1\nactual:   none\nhint:     the first claim wins</failure>\n"
          "    </testcase>\n"
          "    <testcase name=\"b1 is up\" classname=\"t\" file=\"t.yaml\" line=\"31\" time=\"0\"/>\n"
          "  </testsuite>\n"
          "</testsuites>\n");
}

TEST_CASE("JSON: the same results, with totals", "[check][report]") {
    CHECK(results_json({two_entry_report()}).dump() ==
          R"({"passed": 1, "failed": 1, "points_earned": 1, "points_total": 3, "errors": 0, "skipped": 0, "scenarios": [{"file": "t.yaml", )"
          R"("scenario": "unnamed", "seed": 1, "events": 69, "fingerprint": "6a3faadadebf13e1", "passed": 1, )"
          R"("failed": 1, "skipped": 0, "points_earned": 1, "points_total": 3, "results": [{"name": "c2 loses the race <for b1> & )"
          R"(\"starts over\"", "kind": "event", "file": "t.yaml", "line": 27, "column": 5, "points": 2, "passed": false, "skipped": false, )"
          R"("expected": "at least one claim_refused event from c1", "actual": "none", "hint": "the first claim wins"}, )"
          R"({"name": "b1 is up", "kind": "broker", "file": "t.yaml", "line": 31, "column": 5, "points": 1, )"
          R"("passed": true, "skipped": false, "expected": "up", "actual": "up, idle", "hint": ""}]}]})");
}

TEST_CASE("a scenario that cannot be checked is an error in JUnit and JSON, not a silence", "[check][report]") {
    const ScenarioReport bad = error_report("bad.yaml", "bad.yaml:3:5: error: unknown key 'brokr' <here>\n"
                                                        "bad.yaml:4:1: error: missing required key 'brokers'\n");
    CHECK(bad.errors == std::vector<std::string>{"bad.yaml:3:5: error: unknown key 'brokr' <here>",
                                                 "bad.yaml:4:1: error: missing required key 'brokers'"});
    CHECK(bad.passed() == 0);
    CHECK(bad.failed() == 0);
    CHECK(junit_xml({bad}) ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<testsuites name=\"kafkasim check\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
          "  <testsuite name=\"bad.yaml\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\">\n"
          "    <testcase name=\"load and run\" classname=\"bad.yaml\" file=\"bad.yaml\" time=\"0\">\n"
          "      <error type=\"bad input\" message=\"bad.yaml:3:5: error: unknown key &apos;brokr&apos; &lt;here&gt;\">"
          "bad.yaml:3:5: error: unknown key &apos;brokr&apos; &lt;here&gt;\n"
          "bad.yaml:4:1: error: missing required key &apos;brokers&apos;</error>\n"
          "    </testcase>\n"
          "  </testsuite>\n"
          "</testsuites>\n");
    const JsonValue json = results_json({bad});
    CHECK(json.find_path("errors")->as_integer() == 1);
    CHECK(json.find_path("scenarios.0.errors.1")->as_string() == "bad.yaml:4:1: error: missing required key 'brokers'");
    std::ostringstream out;
    write_totals({bad}, out);
    CHECK(out.str() == "0 passed, 0 failed\n");
}
