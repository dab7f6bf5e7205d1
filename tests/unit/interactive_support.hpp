// Helpers of the interactive-mode tests (test_interactive_*.cpp): a run's
// trace bytes, and a saved scenario loaded back (failing the test, with the
// loader's messages and the text, when it does not load).
#pragma once

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "core/recorded_run.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

namespace kafkasim::testing {

inline std::string trace_bytes(const RecordedRun& run) {
    std::ostringstream out;
    write_trace(run, &out);
    return out.str();
}

inline ScenarioSpec reload(const std::string& text) {
    LoadResult result = load_scenario_text(text, "saved.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    INFO(text);
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

}  // namespace kafkasim::testing
