// Readers for the exports, shared by their property tests: each checks what
// a viewer relies on and returns what it found, so a test can also compare
// counts with the run.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/stream.hpp"
#include "export/export_options.hpp"
#include "export/perfetto_export.hpp"

namespace kafkasim::testing {

// Runs `spec` through one export sink (streamed, as `run` does) and returns
// its text; `status` and the final state's in-flight count on the side.
struct ExportedRun {
    std::string text;
    RunStatus status = RunStatus::finished;
    std::uint64_t events = 0;
    std::uint64_t deliveries = 0;  // arrivals at brokers, replies at clients, dropped
    std::set<RecordKind> kinds;    // the record kinds the run produced
    std::uint64_t in_flight_at_end = 0;
    bool time_limit = false;
};

// `format` with `settings`, as make_export_sink makes it.
inline ExportedRun export_run(const ScenarioSpec& spec, std::uint64_t max_events, ExportFormat format,
                              const ExportSettings& settings = {}) {
    ExportedRun result;
    std::ostringstream out;
    std::unique_ptr<ExportSink> sink = make_export_sink(format, out, settings);
    class Counter : public EventSink {
    public:
        void on_event(std::uint64_t, const Record& record, const Simulation&, std::span<const Violation>) override {
            const RecordKind kind = record.kind;
            kinds.insert(kind);
            if (kind <= RecordKind::release || (kind >= RecordKind::ack && kind <= RecordKind::release_reply) ||
                kind == RecordKind::dropped || (kind >= RecordKind::append && kind <= RecordKind::leave_group) ||
                (kind >= RecordKind::fetch_reply && kind <= RecordKind::leave_group_reply)) {
                ++deliveries;
            }
        }
        std::uint64_t deliveries = 0;
        std::set<RecordKind> kinds;
    } counter;
    StringTable strings;
    Simulation state(spec, strings);
    Monitors monitors(spec.monitors);
    EventSink* sinks[] = {sink.get(), &counter};
    result.status = stream_events(state, &monitors, max_events, sinks);
    result.events = state.events_processed();
    result.deliveries = counter.deliveries;
    result.kinds = counter.kinds;
    state.for_each_in_flight([&](const Message&, TimeNs) { ++result.in_flight_at_end; });
    result.time_limit = state.time_limit_hit().has_value();
    if (const auto* perfetto = dynamic_cast<const PerfettoExport*>(sink.get())) {
        // Every delivery was matched to its send.
        CHECK(perfetto->unmatched_deliveries() == 0);
    }
    CHECK(sink->error().empty());
    result.text = out.str();
    return result;
}

struct PerfettoFacts {
    std::uint64_t flows = 0;
    std::uint64_t slices = 0;
    std::uint64_t counters = 0;
    std::uint64_t instants = 0;
    std::map<std::string, std::uint64_t> slice_names;  // B events by name
    double ts_min = 1e300;
    double ts_max = -1e300;
};

// Checks the trace-event JSON: it parses; every event has a known phase, a
// pid and a tid (one pid per tid, each tid named); timestamps never go back,
// on any track nor in the file; B/E nest as a stack per track and every
// slice ends; every flow id has exactly one "s" and then one "f" with
// "bp":"e", each inside an open slice of its track, with the same name.
inline PerfettoFacts check_perfetto(const std::string& text) {
    PerfettoFacts facts;
    const nlohmann::json document = nlohmann::json::parse(text);
    REQUIRE(document.is_object());
    REQUIRE(document.contains("traceEvents"));
    const nlohmann::json& events = document["traceEvents"];
    REQUIRE(events.is_array());
    std::map<std::uint64_t, std::uint64_t> pid_of;
    std::set<std::uint64_t> named;
    std::map<std::uint64_t, std::vector<double>> open;  // tid -> begin times
    std::map<std::uint64_t, double> last_ts;
    struct Flow {
        std::string name;
        double start = 0;
        bool ended = false;
    };
    std::map<std::uint64_t, Flow> flows;
    double previous = -1e300;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const nlohmann::json& event = events[i];
        CAPTURE(i, event.dump());
        REQUIRE(event.is_object());
        const std::string phase = event.at("ph").get<std::string>();
        const std::uint64_t pid = event.at("pid").get<std::uint64_t>();
        const std::uint64_t tid = event.at("tid").get<std::uint64_t>();
        if (phase == "M") {
            const std::string name = event.at("name").get<std::string>();
            REQUIRE((name == "process_name" || name == "thread_name" || name == "process_sort_index" || name == "thread_sort_index"));
            if (name == "thread_name") {
                REQUIRE(event.at("args").at("name").is_string());
                named.insert(tid);
                const auto [found, inserted] = pid_of.emplace(tid, pid);
                REQUIRE(found->second == pid);
            }
            continue;
        }
        REQUIRE(event.at("ts").is_number());
        const double ts = event.at("ts").get<double>();
        REQUIRE(ts >= previous);
        previous = ts;
        facts.ts_min = std::min(facts.ts_min, ts);
        facts.ts_max = std::max(facts.ts_max, ts);
        REQUIRE(named.count(tid) == 1);
        REQUIRE(pid_of.at(tid) == pid);
        if (last_ts.count(tid)) REQUIRE(ts >= last_ts[tid]);
        last_ts[tid] = ts;
        std::vector<double>& stack = open[tid];
        if (phase == "B") {
            REQUIRE(event.at("name").is_string());
            REQUIRE(event.at("args").is_object());
            stack.push_back(ts);
            ++facts.slices;
            ++facts.slice_names[event.at("name").get<std::string>()];
        } else if (phase == "E") {
            REQUIRE(!stack.empty());
            REQUIRE(ts >= stack.back());
            stack.pop_back();
        } else if (phase == "i") {
            REQUIRE(event.at("s") == "t");
            REQUIRE(event.at("name").is_string());
            ++facts.instants;
        } else if (phase == "C") {
            REQUIRE(event.at("args").is_object());
            for (const auto& [key, value] : event.at("args").items()) REQUIRE(value.is_number());
            ++facts.counters;
        } else if (phase == "s" || phase == "f") {
            REQUIRE(event.at("cat") == "message");
            const std::uint64_t id = event.at("id").get<std::uint64_t>();
            const std::string name = event.at("name").get<std::string>();
            // Perfetto binds both ends to the topmost open slice of the track.
            REQUIRE(!stack.empty());
            if (phase == "s") {
                REQUIRE(flows.count(id) == 0);
                flows[id] = Flow{name, ts, false};
            } else {
                REQUIRE(event.at("bp") == "e");
                REQUIRE(flows.count(id) == 1);
                Flow& flow = flows[id];
                REQUIRE(!flow.ended);
                REQUIRE(flow.name == name);
                REQUIRE(ts >= flow.start);
                flow.ended = true;
            }
        } else {
            FAIL("unknown phase " << phase);
        }
    }
    for (const auto& [tid, stack] : open) {
        CAPTURE(tid);
        REQUIRE(stack.empty());
    }
    for (const auto& [id, flow] : flows) {
        CAPTURE(id, flow.name);
        REQUIRE(flow.ended);
    }
    facts.flows = flows.size();
    return facts;
}

}  // namespace kafkasim::testing
