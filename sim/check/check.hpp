// Expectations evaluated against a finished run: the grader and regression
// checker of `kafkasim check` and `kafkasim sweep`. Like TigerBeetle's
// checkers, it lives beside the model: it reads the finished run (final
// state, stats JSON, monitors), what an ExpectationEvidence sink gathered from
// the events as they happened (evidence.hpp), and the trace fingerprint, and
// never changes or reaches into the simulation.
//
// Each result carries what was expected and what the run did, as one-line
// texts for people (and for the JUnit / JSON reports); the texts are stable
// enough for tests to compare exactly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/evidence.hpp"
#include "core/finished_run.hpp"
#include "core/recorded_run.hpp"
#include "core/spec.hpp"

namespace kafkasim {

struct ExpectationResult {
    bool passed = false;
    std::string expected;
    std::string actual;
    // Not checked, neither passed nor failed: `actual` says why (a
    // fingerprint under another seed than the scenario's own).
    bool skipped = false;
};

// One result per run.spec().expectations, in the same order. `evidence` was
// fed every event of the run (an EventSink of a StreamedRun, begun with its
// initial state). `fingerprint` is the trace hash (TraceSink, write_trace);
// only fingerprint entries read it. `scenario_seed`: the seed the scenario
// file names, when the run used another one (--seed, sweep): a
// `fingerprint:` belongs to its scenario's own seed, so under any other seed
// it is skipped, not failed.
std::vector<ExpectationResult> evaluate_expectations(const FinishedRun& run, const ExpectationEvidence& evidence,
                                                     std::uint64_t fingerprint,
                                                     std::optional<std::uint64_t> scenario_seed = std::nullopt);
// The same for a recorded run: the evidence is gathered from its records.
std::vector<ExpectationResult> evaluate_expectations(const RecordedRun& run, std::uint64_t fingerprint,
                                                     std::optional<std::uint64_t> scenario_seed = std::nullopt);

// Whether any expectation needs the fingerprint (computing it formats the
// whole trace: sweeps skip it when nobody asks).
bool needs_fingerprint(const ScenarioSpec& spec);

// A generated one-line description ("b2 contains \"message 3\" in \"Hello
// world\""), used when an entry has no name.
std::string describe_expectation(const ExpectationSpec& expectation);
// The entry's name, or its description.
std::string expectation_title(const ExpectationSpec& expectation);
// "broker", "consumer", "stat", ...: the entry's subject key.
std::string expectation_kind(const ExpectationSpec& expectation);

}  // namespace kafkasim
