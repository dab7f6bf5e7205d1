// The Perfetto export, read back as a viewer reads it (export_checks.hpp):
// over every scenario file and random workloads with every fault, stopped at
// the end, at an event limit and at `until`, whole or cut to a window, the
// JSON parses, timestamps never go back, slices nest per track, and every
// message sent is one flow with one start and one end inside slices; the
// log model's tours show every log record kind on the track it concerns.
#include <catch2/catch.hpp>

#include "export/perfetto_export.hpp"
#include "export_checks.hpp"
#include "fault_builders.hpp"
#include "log_tour_scenarios.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

ScenarioSpec faulty_workload(std::uint64_t seed) {
    ScenarioSpec spec = random_workload(seed);
    spec.monitors.divergence = spec.monitors.lost_ack = spec.monitors.stale_read = spec.monitors.no_broker = true;
    spec.consumers[0].retry.timeout_ns = 4 * ns_per_ms;
    spec.consumers[0].retry.retries = 2;
    spec.consumers[1].retry.timeout_ns = 3 * ns_per_ms;
    spec.consumers[1].retry.retries = 1;
    spec.consumers[1].retry.backoff_ns = seed % 2 == 0 ? 0 : 1 * ns_per_ms;
    spec.producers[0].retry.timeout_ns = 5 * ns_per_ms;
    spec.producers[0].retry.retries = static_cast<std::uint32_t>(seed % 3);
    spec.producers[0].retry.backoff_ns = seed % 2 == 0 ? 0 : 2 * ns_per_ms;
    spec.brokers[1].queue_capacity = 2 + static_cast<std::uint32_t>(seed % 5);
    spec.faults = {crash_at(static_cast<TimeNs>(seed) * 5 * ns_per_ms, 0),
                   restart_at(static_cast<TimeNs>(seed) * 5 * ns_per_ms + 30 * ns_per_ms, 0, seed % 2 == 0),
                   crash_at(static_cast<TimeNs>(seed) * 7 * ns_per_ms + 80 * ns_per_ms, 1),
                   restart_at(static_cast<TimeNs>(seed) * 7 * ns_per_ms + 95 * ns_per_ms, 1),
                   slow(links({}, {}), 2 * ns_per_ms, 50 * ns_per_ms, 120 * ns_per_ms),
                   drop(links({}, {}), 0.2, 100 * ns_per_ms, 200 * ns_per_ms),
                   drop(links({2}, {}), 0.5, 110 * ns_per_ms, 130 * ns_per_ms),
                   partition({{0, 2}, {1, 3, 4, 5, 6}}, 150 * ns_per_ms, 260 * ns_per_ms)};
    return spec;
}

// Flows: one per message sent, i.e. each delivery (or loss) plus what was
// still in flight at the end (a message the time limit kept from leaving
// counts as in flight for the export, not for the model).
void check_whole_run(const ScenarioSpec& spec, std::uint64_t max_events) {
    const ExportedRun run = export_run(spec, max_events, ExportFormat::perfetto);
    const PerfettoFacts facts = check_perfetto(run.text);
    if (!run.time_limit) CHECK(facts.flows == run.deliveries + run.in_flight_at_end);
    if (run.events > 0) CHECK(facts.slices > 0);
}

void check_window(const ScenarioSpec& spec, TimeNs from_ns, TimeNs to_ns) {
    ExportSettings settings;
    settings.window = ExportWindow{from_ns, to_ns, true};
    const ExportedRun run = export_run(spec, 10'000'000, ExportFormat::perfetto, settings);
    const PerfettoFacts facts = check_perfetto(run.text);
    if (facts.slices + facts.counters + facts.instants > 0) {
        CHECK(facts.ts_min >= static_cast<double>(from_ns) / 1000.0);
        CHECK(facts.ts_max <= static_cast<double>(to_ns) / 1000.0);
    }
}

}  // namespace

TEST_CASE("perfetto export: every scenario file reads back whole", "[export][perfetto]") {
    const std::vector<std::string> files = scenario_files({"configs", "tests/scenarios", "viz/tests/scenarios"});
    REQUIRE(files.size() >= 10);
    for (const std::string& file : files) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        if (!loaded.spec) continue;  // files meant to fail to load
        check_whole_run(*loaded.spec, 30'000);
    }
}

TEST_CASE("perfetto export: random workloads with faults, every stop and windows", "[export][perfetto]") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        ScenarioSpec spec = faulty_workload(seed);
        check_whole_run(spec, 10'000'000);
        check_whole_run(spec, 1 + seed * 131);
        const TimeNs from_ns = static_cast<TimeNs>(seed) * 7 * ns_per_ms + 333;
        check_window(spec, from_ns, from_ns + static_cast<TimeNs>(seed) * 23 * ns_per_ms + 1);
        check_window(spec, 0, 0);
        spec.until_ns = 9 * ns_per_ms * static_cast<TimeNs>(seed);
        check_whole_run(spec, 10'000'000);
    }
}

TEST_CASE("perfetto export: timestamps keep the nanoseconds, text is escaped JSON", "[export][perfetto]") {
    ScenarioSpec spec = base_scenario();
    spec.network.latency = DistributionSpec::constant(1234567);  // 1234.567 us
    spec.brokers = {broker("b\"1\n\x1b", 0, {{"t\xc3\xa9\x01", {"m\x80"}}})};
    ProducerSpec producer = workload_producer("p;1", {0}, DistributionSpec::constant(1), 1, {"t\xc3\xa9\x01"});
    spec.producers = {producer};
    const ExportedRun run = export_run(spec, 1000, ExportFormat::perfetto);
    check_perfetto(run.text);
    CHECK(run.text.find("\"ts\":1234.567") != std::string::npos);  // sent at 0, delivered 1234.567 us
    const nlohmann::json document = nlohmann::json::parse(run.text);
    bool found_name = false;
    for (const nlohmann::json& event : document["traceEvents"]) {
        if (event["ph"] == "M" && event["name"] == "thread_name" && event["args"]["name"] == "b\"1\n\x1b") found_name = true;
    }
    CHECK(found_name);
}

TEST_CASE("perfetto export: slices say what the actors did", "[export][perfetto]") {
    LoadResult loaded = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/configs/seed.yaml");
    REQUIRE(loaded.spec);
    const ExportedRun run = export_run(*loaded.spec, 10'000'000, ExportFormat::perfetto);
    const PerfettoFacts facts = check_perfetto(run.text);
    // Sessions with their stages, broker services, producer operations.
    CHECK(facts.slice_names.at("session") >= 2);
    CHECK(facts.slice_names.at("asking_status") >= 2);
    CHECK(facts.slice_names.at("claiming") >= 2);
    CHECK(facts.slice_names.at("releasing") >= 2);
    CHECK(facts.slice_names.at("status") >= 4);
    CHECK(facts.slice_names.at("publish") >= 4);
    CHECK(facts.counters > 0);
}

namespace {

// Where a log record kind shows in the trace: the slice it makes (or the
// args of its broker's service slice).
bool log_kind_shown(RecordKind kind, const PerfettoFacts& facts, const std::string& text) {
    auto slice = [&](const std::string& name) { return facts.slice_names.count(name) == 1 || facts.slice_names.count("stale " + name) == 1; };
    auto prefixed = [&](const std::string& prefix) {
        const auto found = facts.slice_names.lower_bound(prefix);
        return found != facts.slice_names.end() && found->first.rfind(prefix, 0) == 0;
    };
    switch (kind) {
        case RecordKind::send: return slice("append");  // the producer's operation
        case RecordKind::append:
        case RecordKind::fetch:
        case RecordKind::offset_commit:
        case RecordKind::join_group:
        case RecordKind::heartbeat:
        case RecordKind::leave_group: {
            const std::string request(record_kind_name(kind));
            return slice(request) || slice("queued " + request);
        }
        case RecordKind::appended:
        case RecordKind::fetched:
        case RecordKind::offset_committed:
        case RecordKind::member_joined:
        case RecordKind::heartbeat_answered:
        case RecordKind::member_left:
            return text.find("\"result\":\"" + std::string(record_kind_name(kind)) + "\"") != std::string::npos;
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end: return slice("rebalance");
        case RecordKind::member_expired: return prefixed("member_expired ");
        case RecordKind::consumed: return slice("consumed") && prefixed("process ");
        default: return slice(std::string(record_kind_name(kind)));  // replies and the consumers' steps
    }
}

}  // namespace

TEST_CASE("perfetto export: the log model's tours show every log record kind, with every flow matched", "[export][perfetto][log]") {
    std::set<RecordKind> met;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        for (const ScenarioSpec& spec : {log_tour_scenario(seed), log_coordinator_scenario(seed)}) {
            CAPTURE(seed, spec.name);
            const ExportedRun run = export_run(spec, 10'000'000, ExportFormat::perfetto);
            const PerfettoFacts facts = check_perfetto(run.text);
            if (!run.time_limit) CHECK(facts.flows == run.deliveries + run.in_flight_at_end);
            for (const RecordKind kind : run.kinds) {
                if (!is_log_kind(kind)) continue;
                CAPTURE(record_kind_name(kind));
                CHECK(log_kind_shown(kind, facts, run.text));
                met.insert(kind);
            }
            // Counters: partitions' end offsets and groups' lag.
            CHECK(run.text.find("\"name\":\"orders-0\"") != std::string::npos);
            CHECK(run.text.find("\"name\":\"g1 lag\"") != std::string::npos);
            CHECK(run.text.find("\"name\":\"g1 committed\"") != std::string::npos);
            // Windows and event limits cut the log tracks cleanly too.
            check_whole_run(spec, 100 + seed * 97);
            check_window(spec, 40 * ns_per_ms + static_cast<TimeNs>(seed), 160 * ns_per_ms);
        }
    }
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        const auto kind = static_cast<RecordKind>(k);
        if (!is_log_kind(kind)) continue;
        INFO("log record kind never met: " << record_kind_name(kind));
        CHECK(met.count(kind) == 1);
    }
}
