// libFuzzer target: load and run a scenario with a bounded event count, then
// write every output a user can ask for and read each back.
// Properties, beyond "no crash, no sanitizer report, no assertion":
// - an accepted scenario runs to its end or stops at the event bound;
// - simulated time never decreases from one record to the next;
// - the stats JSON, every trace line and the check report's JSON parse as
//   JSON; the JUnit XML is well-formed; the summary, the narrative and the
//   check's text report hold no control byte and only valid UTF-8;
// - the exports (replayed from the run): the Perfetto JSON parses, the
//   Mermaid diagram and the CSV (its CR LF line ends aside) hold no control
//   byte and only valid UTF-8.
#include <cstdint>
#include <sstream>
#include <string>

#include "check/check.hpp"
#include "check/report.hpp"
#include "core/recorded_run.hpp"
#include "core/stream.hpp"
#include "export/export_options.hpp"
#include "fuzz/fuzz_support.hpp"
#include "fuzz/output_readers.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

using namespace kafkasim;

namespace {

// Enough for every config's interesting part, small enough for thousands of
// runs a second.
constexpr std::uint64_t events_max = 3000;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::input_size_max) return -1;
    const std::string text(reinterpret_cast<const char*>(data), size);
    LoadResult loaded = load_scenario_text(text, "fuzz.yaml");
    if (!loaded.spec) return 0;

    RecordOptions options;
    options.max_events = events_max;
    options.keep_snapshots = false;
    const RecordedRun run(std::move(*loaded.spec), options);
    fuzz::require(run.event_count() <= events_max, "more events than the bound");
    fuzz::require(run.status() != RunStatus::event_limit || run.event_count() == events_max,
                  "stopped at the event limit before reaching it");

    TimeNs previous_ns = 0;
    for (std::size_t i = 0; i < run.event_count(); ++i) {
        const Record& record = run.records()[i];
        fuzz::require(record.time_ns >= previous_ns, "simulated time decreased", "event " + std::to_string(i));
        fuzz::require(record.sent_ns <= record.time_ns, "a message arrived before it was sent", "event " + std::to_string(i));
        previous_ns = record.time_ns;
    }

    std::ostringstream trace;
    const std::uint64_t fingerprint = write_trace(run, &trace);
    fuzz::require_json_lines(trace.str(), "trace");
    fuzz::require_json(stats_json(run).dump(2), "stats JSON");
    fuzz::require_terminal_safe(summary_text(run, fingerprint), "summary");
    std::ostringstream narrative;
    write_narrative(run, narrative);
    fuzz::require_terminal_safe(narrative.str(), "narrative (-v)");

    const std::vector<ExpectationResult> results = evaluate_expectations(run, fingerprint);
    const std::vector<ScenarioReport> reports{make_report(run, results, fingerprint)};
    std::ostringstream check_text;
    write_text(reports.front(), check_text);
    write_totals(reports, check_text);
    fuzz::require_terminal_safe(check_text.str(), "check text report");
    fuzz::require_xml(junit_xml(reports), "check --junit");
    fuzz::require_json(results_json(reports).dump(2), "check --json");

    std::ostringstream perfetto, mermaid, csv;
    ExportSettings settings;
    settings.sample_ns = 1'000'000'000;  // bounded rows whatever the run's length
    const auto perfetto_sink = make_export_sink(ExportFormat::perfetto, perfetto, settings);
    const auto mermaid_sink = make_export_sink(ExportFormat::mermaid, mermaid, settings);
    const auto csv_sink = make_export_sink(ExportFormat::csv, csv, settings);
    EventSink* sinks[] = {perfetto_sink.get(), mermaid_sink.get(), csv_sink.get()};
    replay_events(run, sinks);
    fuzz::require_json(perfetto.str(), "--export perfetto");
    fuzz::require_terminal_safe(mermaid.str(), "--export mermaid");
    std::string csv_text = csv.str();
    std::erase(csv_text, '\r');
    if (csv_sink->error().empty()) fuzz::require_terminal_safe(csv_text, "--export csv");
    return 0;
}
