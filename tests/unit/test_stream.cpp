// Streaming and recording see the same run: for every scenario file and
// random workloads with faults, the events handed to EventSinks by
// stream_events (and by replay_events of a recorded run) render to the same
// trace lines, with the same findings, in the same order, as the records a
// RecordedRun keeps; begin/end come once each, around them, with the same
// final state and status.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/event_sink.hpp"
#include "core/recorded_run.hpp"
#include "core/stream.hpp"
#include "fault_builders.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::string violations_text(std::span<const Violation> violations) {
    std::string text;
    for (const Violation& v : violations) {
        text += std::string(monitor_name(v.monitor)) + (v.healed ? "_healed" : "") + "@" + std::to_string(v.event) + ":" +
                v.detail + ";";
    }
    return text;
}

// Keeps each event as its trace line plus its findings, and what begin/end saw.
class LinesSink : public EventSink {
public:
    void begin(const Simulation& initial) override {
        ++begins;
        begin_events = initial.events_processed();
    }
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override {
        CHECK(ends == 0);
        CHECK(event == lines.size());
        CHECK(state.events_processed() == event + 1);
        std::string line;
        append_trace_line(line, event, record, state);
        lines.push_back(line + " | " + violations_text(violations));
    }
    void end(const Simulation& final_state, RunStatus run_status) override {
        ++ends;
        status = run_status;
        final_hash = final_state.state_hash();
        final_events = final_state.events_processed();
    }

    std::vector<std::string> lines;
    int begins = 0, ends = 0;
    std::uint64_t begin_events = 99, final_events = 0, final_hash = 0;
    RunStatus status = RunStatus::finished;
};

std::vector<std::string> recorded_lines(const RecordedRun& run) {
    std::vector<std::string> lines;
    const auto& violations = run.monitors().violations();
    std::size_t next = 0;
    for (std::size_t i = 0; i < run.records().size(); ++i) {
        const std::size_t first = next;
        while (next < violations.size() && violations[next].event == i) ++next;
        std::string line;
        append_trace_line(line, i, run.records()[i], run.final_state());
        lines.push_back(line + " | " + violations_text(std::span(violations).subspan(first, next - first)));
    }
    return lines;
}

void check_same_run(const ScenarioSpec& spec, std::uint64_t max_events) {
    RecordOptions options;
    options.max_events = max_events;
    options.keep_snapshots = false;
    const RecordedRun recorded(spec, options);
    const std::vector<std::string> expected = recorded_lines(recorded);

    StringTable strings;
    Simulation state(spec, strings);
    Monitors monitors(spec.monitors);
    LinesSink streamed;
    EventSink* sinks[] = {&streamed};
    const RunStatus status = stream_events(state, &monitors, max_events, sinks);
    CHECK(status == recorded.status());
    CHECK(streamed.begins == 1);
    CHECK(streamed.begin_events == 0);
    CHECK(streamed.ends == 1);
    CHECK(streamed.status == recorded.status());
    CHECK(streamed.final_events == recorded.event_count());
    CHECK(streamed.final_hash == recorded.final_state().state_hash());
    CHECK(state.state_hash() == recorded.final_state().state_hash());
    REQUIRE(streamed.lines.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (streamed.lines[i] != expected[i]) {
            CAPTURE(i);
            REQUIRE(streamed.lines[i] == expected[i]);
        }
    }

    LinesSink replayed;
    EventSink* replay_sinks[] = {&replayed};
    replay_events(recorded, replay_sinks);
    CHECK(replayed.lines == expected);
    CHECK(replayed.status == recorded.status());
    CHECK(replayed.final_hash == recorded.final_state().state_hash());
}

}  // namespace

TEST_CASE("stream: every scenario file streams the events it records", "[stream]") {
    const std::vector<std::string> files = scenario_files({"configs", "tests/scenarios"});
    REQUIRE(files.size() >= 10);
    for (const std::string& file : files) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        check_same_run(*loaded.spec, 50'000);
    }
}

TEST_CASE("stream: random workloads with faults and monitors, and every stop", "[stream]") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        ScenarioSpec spec = random_workload(seed);
        spec.monitors.divergence = spec.monitors.lost_ack = spec.monitors.stale_read = spec.monitors.no_broker = true;
        spec.consumers[0].retry.timeout_ns = 4 * ns_per_ms;
        spec.consumers[0].retry.retries = 2;
        spec.brokers[1].queue_capacity = 2 + static_cast<std::uint32_t>(seed % 5);
        spec.faults = every_fault_kind(seed);
        // Run to the end, stop at an event limit, and stop at `until`.
        check_same_run(spec, 10'000'000);
        check_same_run(spec, 1 + seed * 97);
        spec.until_ns = 5 * ns_per_ms * seed;
        check_same_run(spec, 10'000'000);
    }
}
