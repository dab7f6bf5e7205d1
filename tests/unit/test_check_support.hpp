// Running a small scenario with expectations for the evaluator's tests
// (tests/unit/test_check_*.cpp): the scenario below, its expect: entries
// written as YAML, one result per entry. The scenario's story, which the
// expected texts in the tests follow:
//   11.5ms  b1 and b2 append "message 3" to "Hello world" (p1 publishes to both);
//   21.5ms  b2 creates topic "news" with "only on b2" (p2 targets b2): the
//           brokers diverge for good;
//   54.5ms  c1 and c2 race for b1; c2 loses (claim_refused) and, with one
//           attempt per session, its first session is refused;
//   63ms    c1 consumes "Hello world"[2] = "message 3" from b1;
//   72.5ms  c2's second session consumes "news"[0] = "only on b2" from b2.
// 69 events, end at 75ms, fingerprint 6a3faadadebf13e1.
#pragma once

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "core/recorded_run.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

namespace kafkasim::testing {

inline const std::string check_scenario_yaml = R"(seed: 1
network: {latency: 1ms}
brokers:
  - {name: b1, service_time: 0.5ms, topics: {"Hello world": ["message 1", "message 2"]}}
  - {name: b2, service_time: 0.5ms, topics: {"Hello world": ["message 1", "message 2"]}}
producers:
  - name: p1
    actions:
      - {at: 10ms, publish: {topic: "Hello world", message: "message 3"}}
  - name: p2
    targets: [b2]
    actions:
      - {at: 20ms, publish: {topic: news, message: "only on b2"}}
consumers:
  - name: c1
    policy: first_idle
    sessions:
      - {at: 50ms, topic: "Hello world", index: 2}
  - name: c2
    policy: first_idle
    on_all_busy: fail
    max_attempts: 1
    sessions:
      - {at: 50ms, topic: "Hello world", index: 0}
      - {at: 60ms, topic: news, index: 0}
)";

// The spec of `yaml`, which must load without errors.
inline ScenarioSpec spec_of(const std::string& yaml) {
    LoadResult loaded = load_scenario_text(yaml, "t.yaml");
    for (const Diagnostic& error : loaded.errors) UNSCOPED_INFO(format_diagnostic(error));
    REQUIRE(loaded.spec);
    return std::move(*loaded.spec);
}

using SpecEdit = std::function<void(ScenarioSpec&)>;

// The results of `scenario_yaml` (check_all: the check scenario) with
// `entries` (YAML list items, one per string, e.g. "{broker: b1, state: {up:
// true}}") as its expect: list.
inline std::vector<ExpectationResult> check_all_in(const std::string& scenario_yaml, const std::vector<std::string>& entries,
                                                  const SpecEdit& edit = {}) {
    std::string yaml = scenario_yaml + "expect:\n";
    for (const std::string& entry : entries) yaml += "  - " + entry + "\n";
    ScenarioSpec spec = spec_of(yaml);
    if (edit) edit(spec);
    RecordOptions options;
    options.keep_snapshots = false;
    const RecordedRun run(std::move(spec), options);
    const std::uint64_t fingerprint = write_trace(run, nullptr);
    return evaluate_expectations(run, fingerprint);
}

inline std::vector<ExpectationResult> check_all(const std::vector<std::string>& entries, const SpecEdit& edit = {}) {
    return check_all_in(check_scenario_yaml, entries, edit);
}

inline ExpectationResult check_one(const std::string& entry, const SpecEdit& edit = {}) {
    const std::vector<ExpectationResult> results = check_all({entry}, edit);
    REQUIRE(results.size() == 1);
    return results[0];
}

// One result's verdict and its exact expected and actual texts.
inline void check_texts(const ExpectationResult& result, bool passed, const std::string& expected, const std::string& actual) {
    CHECK(result.passed == passed);
    CHECK(result.expected == expected);
    CHECK(result.actual == actual);
}

// Crashes b2 at 30ms and restarts it at 40ms without its data (durable: false,
// no reload): what b2 acknowledged before is lost.
inline void crash_and_restart_b2(ScenarioSpec& spec) {
    FaultSpec crash;
    crash.kind = FaultSpec::Kind::crash;
    crash.from_ns = 30 * ns_per_ms;
    crash.broker = 1;
    FaultSpec restart = crash;
    restart.kind = FaultSpec::Kind::restart;
    restart.from_ns = 40 * ns_per_ms;
    spec.faults = {crash, restart};
}

}  // namespace kafkasim::testing
