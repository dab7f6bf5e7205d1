// The grader tells the truth: a fingerprint under another seed than the
// scenario's own is skipped (with the reason) in the text, JUnit and JSON
// reports, never failed; a consumer that consumed nothing says why its
// sessions did not complete (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

#include <sstream>

#include "check/report.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

ScenarioReport report_under_seed(std::uint64_t seed) {
    ScenarioSpec spec = spec_of(check_scenario_yaml + R"(expect:
  - {fingerprint: "6a3faadadebf13e1", points: 3}
  - {broker: b1, state: {up: true}}
)");
    const std::uint64_t scenario_seed = spec.seed;
    spec.seed = seed;
    RecordOptions options;
    options.keep_snapshots = false;
    const RecordedRun run(spec, options);
    const std::uint64_t fingerprint = write_trace(run, nullptr);
    return make_report(run, evaluate_expectations(run, fingerprint, scenario_seed), fingerprint);
}

}  // namespace

TEST_CASE("a fingerprint belongs to the scenario's own seed: skipped under any other", "[check][skip]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const ScenarioReport report = report_under_seed(seed);
        REQUIRE(report.entries.size() == 2);
        const ExpectationResult& fingerprint = report.entries[0].result;
        INFO("seed " << seed);
        if (seed == 1) {
            CHECK(fingerprint.passed);
            CHECK_FALSE(fingerprint.skipped);
            CHECK(report.points_total() == 4);
            continue;
        }
        CHECK(fingerprint.skipped);
        CHECK_FALSE(fingerprint.passed);
        CHECK(fingerprint.actual == "skipped: the fingerprint belongs to the scenario's seed 1, this run used seed " + std::to_string(seed));
        CHECK(report.failed() == 0);
        CHECK(report.passed() == 1);
        CHECK(report.skipped() == 1);
        CHECK(report.points_total() == 1);  // a skipped entry is not graded

        std::ostringstream text;
        write_text(report, text);
        CHECK(text.str().find("  SKIP  t.yaml:") != std::string::npos);
        CHECK(text.str().find("FAIL") == std::string::npos);
        std::ostringstream totals;
        write_totals({report}, totals);
        CHECK(totals.str() == "1 skipped\n1 passed, 0 failed\n");

        const std::string junit = junit_xml({report});
        CHECK(junit.find("<skipped message=\"skipped: the fingerprint belongs to the scenario&apos;s seed 1") != std::string::npos);
        CHECK(junit.find("failures=\"0\" errors=\"0\" skipped=\"1\"") != std::string::npos);
        CHECK(junit.find("<failure") == std::string::npos);

        const std::string json = results_json({report}).dump();
        CHECK(json.find("\"skipped\": 1") != std::string::npos);
        CHECK(json.find("\"failed\": 0") != std::string::npos);
        CHECK(json.find("\"passed\": false, \"skipped\": true") != std::string::npos);
    }
}

TEST_CASE("a wrong fingerprint under the scenario's own seed still fails", "[check][skip]") {
    ScenarioSpec spec = spec_of(check_scenario_yaml + "expect:\n  - {fingerprint: \"0000000000000000\"}\n");
    const RecordedRun run(spec, RecordOptions{});
    const std::vector<ExpectationResult> results = evaluate_expectations(run, write_trace(run, nullptr), spec.seed);
    REQUIRE(results.size() == 1);
    CHECK_FALSE(results[0].passed);
    CHECK_FALSE(results[0].skipped);
}

TEST_CASE("nothing consumed says why: the sessions that did not complete and their reasons", "[check][consumer]") {
    // c1 asks for a topic no broker has, then finds b1 held by c2; c2's
    // topic is deleted while it chooses the index.
    const ScenarioSpec spec = spec_of(R"(seed: 1
network: {latency: 1ms}
brokers:
  - {name: b1, service_time: 0.5ms, topics: {"Hello world": ["message 1"]}}
producers:
  - {name: p1, actions: [{at: 20ms, delete: {topic: "Hello world"}}]}
consumers:
  - name: c1
    sessions: [{at: 1ms, topic: "Helo world", index: 0}, {at: 40ms, topic: "Helo world", index: 0}]
  - name: c2
    choose_time: 30ms
    sessions: [{at: 10ms, topic: "Hello world", index: 0}]
expect:
  - {consumer: c1, consumed: {}}
  - {consumer: c2, consumed_exactly: ["message 1"]}
)");
    const RecordedRun run(spec, RecordOptions{});
    const std::vector<ExpectationResult> results = evaluate_expectations(run, 0);
    REQUIRE(results.size() == 2);
    CHECK(results[0].actual ==
          R"(no matching item; nothing consumed; 2 sessions did not complete: failed at 11ms (missing_topic "Helo world"); refused at 42.5ms (all_busy_refused))");
    CHECK(results[1].actual.find("nothing consumed (0 instead of 1); 1 session did not complete: failed at ") == 0);
    CHECK(results[1].actual.find("(missing_topic \"Hello world\")") != std::string::npos);
}
