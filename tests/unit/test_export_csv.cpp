// The CSV export read back: one header row with units in the names, then a
// row per sample (times on the grid, increasing) and a last row at the
// run's end whose counters are the stats JSON's, for every scenario file and
// random workloads with faults, whole and windowed; a run that would pass the
// row limit is an error, never a silently cut file.
#include <catch2/catch.hpp>

#include <sstream>

#include "core/recorded_run.hpp"
#include "export/csv_export.hpp"
#include "export_checks.hpp"
#include "fault_builders.hpp"
#include "log_tour_scenarios.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

// Microseconds with three decimals back to nanoseconds.
TimeNs time_ns(const std::string& text) {
    const std::size_t dot = text.find('.');
    REQUIRE(dot != std::string::npos);
    REQUIRE(text.size() == dot + 4);
    return std::stoll(text.substr(0, dot)) * 1000 + std::stoll(text.substr(dot + 1));
}

void check_csv(const ScenarioSpec& spec, std::uint64_t max_events, const ExportSettings& settings) {
    const ExportedRun exported = export_run(spec, max_events, ExportFormat::csv, settings);
    RecordOptions options;
    options.max_events = max_events;
    options.keep_snapshots = false;
    const RecordedRun run(spec, options);
    const JsonValue stats = stats_json(run);

    std::istringstream lines(exported.text);
    std::string line;
    REQUIRE(std::getline(lines, line));
    REQUIRE(!line.empty());
    REQUIRE(line.back() == '\r');  // RFC 4180 line ends
    line.pop_back();
    const std::vector<std::string> header = split(line);
    REQUIRE(header.front() == "time_us");
    std::vector<std::vector<std::string>> rows;
    while (std::getline(lines, line)) {
        REQUIRE(line.back() == '\r');
        line.pop_back();
        rows.push_back(split(line));
        REQUIRE(rows.back().size() == header.size());
    }
    const TimeNs end_ns = run.final_state().end_time_ns();
    TimeNs previous = -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const TimeNs t = time_ns(rows[i][0]);
        CAPTURE(i, t);
        REQUIRE(t > previous);
        REQUIRE(settings.window.contains(t));
        if (i + 1 < rows.size()) REQUIRE(t % settings.sample_ns == 0);
        if (previous >= 0 && i + 1 < rows.size()) REQUIRE(t - previous == settings.sample_ns);
        previous = t;
    }
    if (!settings.window.contains(end_ns)) return;
    REQUIRE(!rows.empty());
    REQUIRE(time_ns(rows.back()[0]) == end_ns);
    // The last row's counters are the stats JSON's.
    std::size_t checked = 0;
    for (std::size_t column = 1; column < header.size(); ++column) {
        const std::string& name = header[column];
        const std::size_t dot = name.rfind('.');
        const std::string actor = name.substr(0, dot);
        const std::string field = name.substr(dot + 1);
        for (const char* group : {"brokers", "producers", "consumers"}) {
            const JsonValue* value = stats.find(group) ? stats.find(group)->find(actor) : nullptr;
            if (!value) continue;
            const JsonValue* stat = value->find(field);
            if (field == "consumed") {
                CHECK(std::to_string(value->find("consumed")->items().size()) == rows.back()[column]);
                ++checked;
            } else if (field == "busy" || field == "up") {
                CHECK((stat->as_bool() ? "1" : "0") == rows.back()[column]);
                ++checked;
            } else if (stat && stat->type() == JsonValue::Type::integer) {
                CAPTURE(name);
                CHECK(std::to_string(stat->as_integer()) == rows.back()[column]);
                ++checked;
            } else if (field == "topics") {
                CHECK(std::to_string(stat->members().size()) == rows.back()[column]);
                ++checked;
            } else if (stat && stat->type() == JsonValue::Type::array) {
                CAPTURE(name);  // a log member's `assigned`
                CHECK(std::to_string(stat->items().size()) == rows.back()[column]);
                ++checked;
            }
        }
    }
    // The log model's partitions and groups, after the actors.
    const JsonValue* topics = spec.model == BrokerModel::log ? stats.find("topics") : nullptr;
    for (std::size_t column = 1; topics && column < header.size(); ++column) {
        const std::string& name = header[column];
        CAPTURE(name);
        for (const LogTopicSpec& topic : spec.topics) {
            for (std::uint32_t p = 0; p < topic.partitions; ++p) {
                if (name != topic.name + "-" + std::to_string(p) + ".end_offset") continue;
                const JsonValue& partition = topics->find(topic.name)->find("partitions")->items()[p];
                CHECK(std::to_string(partition.find("end_offset")->as_integer()) == rows.back()[column]);
                ++checked;
            }
        }
        for (const GroupSpec& group : spec.groups) {
            const JsonValue* value = stats.find("groups")->find(group.name);
            for (const char* field : {"generation", "rebalances", "lag"}) {
                if (name != group.name + "." + field) continue;
                CHECK(std::to_string(value->find(field)->as_integer()) == rows.back()[column]);
                ++checked;
            }
            if (name == group.name + ".members") {
                CHECK(std::to_string(value->find("members")->items().size()) == rows.back()[column]);
                ++checked;
            }
            const std::string prefix = group.name + ".";
            for (const char* suffix : {".committed", ".lag"}) {
                const std::string tail(suffix);
                if (name.rfind(prefix, 0) != 0 || name.size() <= prefix.size() + tail.size() ||
                    name.compare(name.size() - tail.size(), tail.size(), tail) != 0) {
                    continue;
                }
                const std::string partition = name.substr(prefix.size(), name.size() - prefix.size() - tail.size());
                const JsonValue* per_partition = value->find(tail == ".lag" ? "lag_by_partition" : "committed");
                const JsonValue* found = per_partition->find(partition);
                CHECK(std::to_string(found ? found->as_integer() : 0) == rows.back()[column]);
                ++checked;
            }
        }
    }
    CHECK(checked >= header.size() / 2);
}

}  // namespace

TEST_CASE("csv export: every scenario file, the last row is the stats JSON", "[export][csv]") {
    for (const std::string& file : scenario_files({"configs", "tests/scenarios"})) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        if (!loaded.spec) continue;
        ExportSettings settings;
        settings.sample_ns = 10 * ns_per_ms;
        check_csv(*loaded.spec, 30'000, settings);
    }
}

TEST_CASE("csv export: faulty workloads, samples, windows and stops", "[export][csv]") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        ScenarioSpec spec = random_workload(seed);
        spec.faults = {crash_at(20 * ns_per_ms, 0), restart_at(40 * ns_per_ms, 0, true),
                       drop(links({}, {}), 0.3, 0, 100 * ns_per_ms)};
        spec.producers[0].retry.timeout_ns = 5 * ns_per_ms;
        spec.producers[0].retry.retries = 2;
        ExportSettings settings;
        settings.sample_ns = static_cast<TimeNs>(seed) * 777'777;
        check_csv(spec, 10'000'000, settings);
        check_csv(spec, 100 * seed, settings);
        settings.window = ExportWindow{static_cast<TimeNs>(seed) * 3 * ns_per_ms, static_cast<TimeNs>(seed) * 50 * ns_per_ms, true};
        check_csv(spec, 10'000'000, settings);
        spec.until_ns = 70 * ns_per_ms + static_cast<TimeNs>(seed);
        settings.window = ExportWindow{};
        check_csv(spec, 10'000'000, settings);
    }
}

TEST_CASE("csv export: more rows than the limit is an error", "[export][csv]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1")};
    spec.producers = {producer("p1", {0})};
    spec.producers[0].actions = {action(0, OpKind::publish, "t", "m"), action(2 * ns_per_ms, OpKind::publish, "t", "m")};
    ExportSettings settings;
    settings.sample_ns = 1;  // 2,001,000 samples
    std::ostringstream out;
    CsvExport sink(out, settings);
    StringTable strings;
    Simulation state(spec, strings);
    EventSink* sinks[] = {&sink};
    stream_events(state, nullptr, 1000, sinks);
    CHECK(!sink.error().empty());
    CHECK(sink.error().find("--sample") != std::string::npos);
}

TEST_CASE("csv export: names are quoted as RFC 4180 says, controls shown as U+FFFD", "[export][csv]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1")};
    spec.producers = {producer("p,\"\x1b\xc2\x85\xff", {0})};
    std::ostringstream out;
    CsvExport sink(out, ExportSettings{});
    StringTable strings;
    Simulation state(spec, strings);
    EventSink* sinks[] = {&sink};
    stream_events(state, nullptr, 1000, sinks);
    const std::string text = out.str();
    const std::string name = "p,\"\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd";
    CHECK(text.find(",\"" + name + ".operations\",") != std::string::npos);
    CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("csv export: the log model's members, partitions and groups, the last row is the stats JSON", "[export][csv][log]") {
    for (const ScenarioSpec& spec : log_tour_scenarios()) {
        CAPTURE(spec.name);
        ExportSettings settings;
        settings.sample_ns = 7 * ns_per_ms;
        check_csv(spec, 10'000'000, settings);
        check_csv(spec, 500, settings);
        settings.window = ExportWindow{50 * ns_per_ms, 150 * ns_per_ms, true};
        check_csv(spec, 10'000'000, settings);
        // The columns a spreadsheet plots: every partition's end offset, every group's lag.
        const ExportedRun run = export_run(spec, 10'000'000, ExportFormat::csv, ExportSettings{});
        const std::string header = run.text.substr(0, run.text.find('\r'));
        for (const LogTopicSpec& topic : spec.topics) CHECK(header.find("," + topic.name + "-0.end_offset") != std::string::npos);
        for (const GroupSpec& group : spec.groups) CHECK(header.find("," + group.name + ".lag") != std::string::npos);
        CHECK(header.find(",c1.records_consumed,") != std::string::npos);
    }
}
