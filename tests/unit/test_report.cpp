// The human-readable outputs: exact duration formatting, and a sentence (and
// an explanation) for every record of a busy run, the summary and the -v
// narrative, none of which may fail on any record the model writes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "core/recorded_run.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("format: durations are exact, in the largest unit they reach", "[report]") {
    CHECK(format_duration_ns(0) == "0");
    CHECK(format_duration_ns(1) == "1ns");
    CHECK(format_duration_ns(999) == "999ns");
    CHECK(format_duration_ns(1500) == "1.5us");
    CHECK(format_duration_ns(250 * ns_per_us) == "250us");
    CHECK(format_duration_ns(1500 * ns_per_us) == "1.5ms");
    CHECK(format_duration_ns(1 * ns_per_ms + 1) == "1.000001ms");
    CHECK(format_duration_ns(2 * ns_per_s) == "2s");
    CHECK(format_duration_ns(1'234'567'891) == "1.234567891s");
    CHECK(format_duration_ns(-1500 * ns_per_us) == "-1.5ms");
    CHECK(format_us(1500) == "1.5");
    CHECK(format_us(2000) == "2");
}

TEST_CASE("report: every record of a busy run has a sentence and an explanation", "[report]") {
    RecordOptions options;
    options.snapshot_interval = 256;
    const RecordedRun run(random_workload(1), options);
    const Simulation& names = run.final_state();
    std::size_t explained = 0;
    for (std::size_t i = 0; i < run.records().size(); i += 7) {  // a sample: explain() rebuilds the state after the event
        const Record& record = run.records()[i];
        INFO("event " << i << " kind " << record_kind_name(record.kind));
        REQUIRE_FALSE(describe(record, names).empty());
        const Simulation after = run.state_after(i + 1);
        CHECK_NOTHROW(explain(record, after));
        ++explained;
    }
    CHECK(explained > 400);
    std::ostringstream narrative;
    write_narrative(run, narrative);
    const std::string text = narrative.str();
    CHECK(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) >= run.event_count());
    const std::string summary = summary_text(run, write_trace(run, nullptr));
    CHECK(summary.find("random-workload") != std::string::npos);
    CHECK(summary.find("b1") != std::string::npos);
    CHECK(summary.find("c3") != std::string::npos);
}
