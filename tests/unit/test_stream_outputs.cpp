// The streamed commands and the recorded path give the same outputs: for
// every config, every tests/scenarios file and random workloads (with faults,
// removals, and generated expectations of every kind that reads events), a
// StreamedRun with the commands' sinks and a RecordedRun with the record
// walks produce byte-identical traces and fingerprints, stats JSON (tree and
// streamed text), narratives, stop errors, summaries and check reports (text,
// JUnit, JSON). The evidence the expectations gather as the run goes is also
// compared with the walks over every record it replaced, and the streamed
// golden comparison with the recorded one on many altered golden traces.
// Last, a streamed run's buffers do not grow with the number of events.
//
// [SECTION] index
//   [outputs]   every scenario file, random workloads: all outputs equal
//   [evidence]  per-event evidence against the record walks
//   [golden]    streamed --golden comparison on altered golden traces
//   [memory]    buffers bounded whatever the run's length
//   [stop]      stop errors at every event count
//   [text]      bulk JSON escaping against the per-character policy
//   [cli]       the commands themselves, streamed against recorded
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "cli/cli.hpp"
#include "check/golden.hpp"
#include "check/report.hpp"
#include "core/prng.hpp"
#include "core/stream.hpp"
#include "fault_builders.hpp"
#include "report/outputs.hpp"
#include "report/trace_sink.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"
#include "text/utf8_text.hpp"

#include <utf8.h>

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr std::uint64_t max_events = 60'000;

struct Outputs {
    std::string trace;
    std::uint64_t fingerprint = 0;
    std::string stats;
    std::string narrative;
    std::string stop;
    std::string summary;
    std::string report_text;
    std::string junit;
    std::string json;
};

void add_report(Outputs& outputs, const ScenarioReport& report) {
    std::ostringstream text;
    write_text(report, text);
    write_totals({report}, text);
    outputs.report_text = text.str();
    outputs.junit = junit_xml({report});
    outputs.json = results_json({report}).dump(2);
}

Outputs recorded_outputs(const ScenarioSpec& spec, std::uint64_t scenario_seed) {
    RecordOptions options;
    options.max_events = max_events;
    options.keep_snapshots = false;
    const RecordedRun run(spec, options);
    Outputs outputs;
    std::ostringstream trace;
    outputs.fingerprint = write_trace(run, &trace);
    outputs.trace = trace.str();
    outputs.stats = stats_json(run).dump(2);
    std::ostringstream narrative;
    write_narrative(run, narrative);
    outputs.narrative = narrative.str();
    outputs.stop = stop_error(run).value_or("-");
    outputs.summary = summary_text(run, outputs.fingerprint);
    add_report(outputs, make_report(run, evaluate_expectations(run, outputs.fingerprint, scenario_seed), outputs.fingerprint));
    return outputs;
}

Outputs streamed_outputs(const ScenarioSpec& spec, std::uint64_t scenario_seed) {
    StreamedRun run(spec, max_events);
    std::ostringstream trace_text;
    std::ostringstream narrative_text;
    TraceSink::Options trace_options;
    trace_options.out = &trace_text;
    TraceSink trace(trace_options);
    NarrativeSink narrative(narrative_text);
    ExpectationEvidence evidence(run.spec());
    EventSink* sinks[] = {&trace, &narrative, &evidence};
    run.run(sinks);
    Outputs outputs;
    outputs.trace = trace_text.str();
    outputs.fingerprint = trace.fingerprint();
    std::ostringstream stats;
    write_stats_json(run, stats);
    outputs.stats = stats.str();
    CHECK(stats_json(run).dump(2) == outputs.stats);  // the tree and the streamed text agree
    outputs.narrative = narrative_text.str();
    outputs.stop = stop_error(run).value_or("-");
    outputs.summary = summary_text(run, outputs.fingerprint);
    add_report(outputs, make_report(run, evaluate_expectations(run, evidence, outputs.fingerprint, scenario_seed), outputs.fingerprint));
    return outputs;
}

void check_same_outputs(const ScenarioSpec& spec, std::uint64_t scenario_seed) {
    const Outputs recorded = recorded_outputs(spec, scenario_seed);
    const Outputs streamed = streamed_outputs(spec, scenario_seed);
    CHECK(streamed.fingerprint == recorded.fingerprint);
    CHECK(streamed.fingerprint == fnv1a64(recorded.trace));
    CHECK(streamed.trace == recorded.trace);
    CHECK(streamed.stats == recorded.stats);
    CHECK(streamed.narrative == recorded.narrative);
    CHECK(streamed.stop == recorded.stop);
    CHECK(streamed.summary == recorded.summary);
    CHECK(streamed.report_text == recorded.report_text);
    CHECK(streamed.junit == recorded.junit);
    CHECK(streamed.json == recorded.json);
}

OccurrenceSpec random_occurrence(Prng& prng) {
    OccurrenceSpec occurrence;
    occurrence.kind = static_cast<OccurrenceSpec::Kind>(prng.below(3));
    occurrence.count = prng.below(4);
    if (prng.below(2)) occurrence.after_ns = static_cast<TimeNs>(prng.below(300)) * ns_per_ms;
    if (prng.below(2)) occurrence.before_ns = static_cast<TimeNs>(prng.below(600)) * ns_per_ms;
    return occurrence;
}

// A random workload with faults, removals (edits, deletes of messages and
// topics), monitors on, and expectations of every kind that reads events:
// event counts of every kind with random actors and windows (one naming no
// actor), acked_writes_present, consumer entries that fail (their texts say
// why sessions did not complete), violations and a fingerprint.
ScenarioSpec random_scenario(std::uint64_t seed) {
    ScenarioSpec spec = random_workload(seed);
    Prng prng(seed * 7919);
    spec.monitors.divergence = spec.monitors.lost_ack = spec.monitors.stale_read = spec.monitors.no_broker = true;
    spec.consumers[0].retry.timeout_ns = 4 * ns_per_ms;
    spec.consumers[0].retry.retries = 2;
    spec.brokers[1].queue_capacity = 2 + static_cast<std::uint32_t>(seed % 5);
    spec.faults = {crash_at(static_cast<TimeNs>(seed) * 5 * ns_per_ms, static_cast<std::size_t>(seed % 2)),
                   restart_at(static_cast<TimeNs>(seed) * 5 * ns_per_ms + 30 * ns_per_ms, static_cast<std::size_t>(seed % 2), seed % 3 == 0),
                   drop(links({}, {}), 0.1, 100 * ns_per_ms, 200 * ns_per_ms)};
    const char* topics[] = {"Hello world", "news", "Hola mundo"};
    for (int i = 0; i < 12; ++i) {
        const TimeNs at_ns = static_cast<TimeNs>(prng.below(600)) * ns_per_ms;
        const std::string topic = topics[prng.below(3)];
        switch (prng.below(3)) {
            case 0: spec.producers[0].actions.push_back(action(at_ns, OpKind::edit, topic, "edited " + std::to_string(i), static_cast<std::int64_t>(prng.below(4)))); break;
            case 1: spec.producers[0].actions.push_back(action(at_ns, OpKind::delete_message, topic, "", static_cast<std::int64_t>(prng.below(4)))); break;
            default: spec.producers[0].actions.push_back(action(at_ns, OpKind::delete_topic, topic)); break;
        }
    }
    std::sort(spec.producers[0].actions.begin(), spec.producers[0].actions.end(),
              [](const ProducerActionSpec& a, const ProducerActionSpec& b) { return a.at_ns < b.at_ns; });
    const std::vector<std::string> actors = {"b1", "b2", "p1", "p2", "c1", "c2", "c3"};
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        ExpectEvent event;
        event.kind = std::string(record_kind_name(static_cast<RecordKind>(k)));
        if (prng.below(2)) event.source = actors[prng.below(actors.size())];
        if (prng.below(3) == 0) event.target = actors[prng.below(actors.size())];
        if (prng.below(3) == 0) event.actor = actors[prng.below(actors.size())];
        event.occurrence = random_occurrence(prng);
        spec.expectations.push_back({"", 1, "", event, {}});
    }
    spec.expectations.push_back({"", 1, "", ExpectEvent{"publish", std::string("nobody"), {}, {}, {}}, {}});
    spec.expectations.push_back({"", 1, "", ExpectInvariant{ExpectInvariant::Kind::acked_writes_present}, {}});
    spec.expectations.push_back({"", 1, "", ExpectInvariant{ExpectInvariant::Kind::brokers_identical}, {}});
    for (const char* consumer : {"c1", "c2", "c3"}) {
        ConsumedItemSpec never;
        never.message = "no such message";
        spec.expectations.push_back({"", 2, "", ExpectConsumed{consumer, never, {}}, {}});
        spec.expectations.push_back({"", 1, "", ExpectConsumedExactly{consumer, {never}}, {}});
    }
    for (const char* monitor : {"divergence", "lost_ack", "stale_read", "no_broker"}) {
        spec.expectations.push_back({"", 1, "", ExpectViolation{monitor, random_occurrence(prng)}, {}});
    }
    spec.expectations.push_back({"", 1, "", ExpectFingerprint{"0123456789abcdef"}, {}});
    return spec;
}

}  // namespace

TEST_CASE("stream outputs: every scenario file gives the recorded path's outputs", "[stream][outputs]") {
    const std::vector<std::string> files = scenario_files({"configs", "tests/scenarios", "tests/scenarios/fail"});
    REQUIRE(files.size() >= 15);
    for (const std::string& file : files) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        check_same_outputs(*loaded.spec, loaded.spec->seed);
        // Under another seed, fingerprint entries are skipped.
        ScenarioSpec other = *loaded.spec;
        other.seed += 1;
        check_same_outputs(other, loaded.spec->seed);
    }
}

TEST_CASE("stream outputs: random workloads with faults, removals and generated expectations", "[stream][outputs]") {
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        CAPTURE(seed);
        ScenarioSpec spec = random_scenario(seed);
        check_same_outputs(spec, spec.seed);
        spec.until_ns = static_cast<TimeNs>(seed) * 20 * ns_per_ms;  // stopped at until
        check_same_outputs(spec, spec.seed);
    }
    // Stopped by the event limit: a stop error from the streamed tail.
    ScenarioSpec spec = random_scenario(3);
    spec.producers[0].workload->count = 100'000;
    check_same_outputs(spec, spec.seed);
}

namespace {

// The walks over every record that ExpectationEvidence replaced, as they
// were: the reference its event-by-event counts must match.
struct ReferenceAcked {
    std::uint64_t needed = 0;
    TimeNs example_acked_ns = 0;
};

std::map<ExpectationEvidence::AckedKey, ReferenceAcked> reference_acked(const RecordedRun& run) {
    using Key = ExpectationEvidence::AckedKey;
    struct Acked {
        TimeNs served_ns;
        TimeNs acked_ns;
    };
    std::map<Key, std::vector<Acked>> acked;
    std::map<Key, TimeNs> removed_last_ns;
    std::map<std::pair<ActorId, StringId>, TimeNs> deleted_last_ns;
    for (const Record& record : run.records()) {
        if (record.kind == RecordKind::ack && record.request == MessageType::publish) {
            acked[{record.source, record.topic, record.text}].push_back({record.sent_ns, record.time_ns});
        } else if (record.kind == RecordKind::edited) {
            removed_last_ns[{record.target, record.topic, record.previous}] = record.time_ns;
        } else if (record.kind == RecordKind::deleted) {
            if (record.flags & record_flag::whole_topic) {
                deleted_last_ns[{record.target, record.topic}] = record.time_ns;
            } else {
                removed_last_ns[{record.target, record.topic, record.text}] = record.time_ns;
            }
        }
    }
    std::map<Key, ReferenceAcked> result;
    for (const auto& [key, publishes] : acked) {
        TimeNs removal_ns = -1;
        if (auto found = removed_last_ns.find(key); found != removed_last_ns.end()) removal_ns = found->second;
        if (auto found = deleted_last_ns.find({std::get<0>(key), std::get<1>(key)}); found != deleted_last_ns.end()) {
            removal_ns = std::max(removal_ns, found->second);
        }
        ReferenceAcked owed;
        for (const Acked& publish : publishes) {
            if (publish.served_ns <= removal_ns) continue;
            if (owed.needed++ == 0) owed.example_acked_ns = publish.acked_ns;
        }
        if (owed.needed > 0) result[key] = owed;
    }
    return result;
}

ExpectationEvidence::ConsumerSessions reference_sessions(const RecordedRun& run, std::size_t c) {
    const ActorId consumer = run.final_state().consumer_actor(c);
    ExpectationEvidence::ConsumerSessions sessions;
    for (const Record& record : run.records()) {
        const bool own = record.source == consumer || record.target == consumer ||
                         (record.kind == RecordKind::crash && record.holder == consumer);
        if (!own) continue;
        if (record.reason != Reason::none && record.reason != Reason::stale_reply && record.reason != Reason::waiting_replies) {
            sessions.last_reason = record.reason;
            sessions.last_topic = record.topic;
        }
        if (record.outcome != SessionOutcome::refused && record.outcome != SessionOutcome::failed) continue;
        if (sessions.ended++ < ExpectationEvidence::sessions_shown_max) {
            sessions.first.push_back({record.outcome, record.time_ns, sessions.last_reason, sessions.last_topic});
        }
        sessions.last_reason = Reason::none;
        sessions.last_topic = no_string;
    }
    return sessions;
}

}  // namespace

TEST_CASE("stream outputs: the evidence gathered per event equals the walks over every record", "[stream][outputs][check]") {
    std::uint64_t owed_keys = 0, removals = 0, sessions_ended = 0, events_counted = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        const ScenarioSpec spec = random_scenario(seed);
        RecordOptions options;
        options.keep_snapshots = false;
        const RecordedRun run(spec, options);
        StreamedRun streamed(spec, options.max_events);
        ExpectationEvidence evidence(streamed.spec());
        EventSink* sinks[] = {&evidence};
        streamed.run(sinks);
        REQUIRE(streamed.event_count() == run.event_count());

        const auto expected = reference_acked(run);
        std::map<ExpectationEvidence::AckedKey, ReferenceAcked> actual;
        for (const auto& [key, owed] : evidence.acked_writes()) {
            if (owed.needed > 0) actual[key] = {owed.needed, owed.example_acked_ns};
        }
        REQUIRE(actual.size() == expected.size());
        for (const auto& [key, owed] : expected) {
            REQUIRE(actual.count(key) == 1);
            CHECK(actual[key].needed == owed.needed);
            CHECK(actual[key].example_acked_ns == owed.example_acked_ns);
        }
        owed_keys += expected.size();
        for (const Record& record : run.records()) removals += record.kind == RecordKind::edited || record.kind == RecordKind::deleted;

        for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
            const ExpectationEvidence::ConsumerSessions want = reference_sessions(run, c);
            const ExpectationEvidence::ConsumerSessions* got = evidence.sessions(c);
            REQUIRE(got);
            CHECK(got->ended == want.ended);
            REQUIRE(got->first.size() == want.first.size());
            for (std::size_t i = 0; i < want.first.size(); ++i) {
                CHECK(got->first[i].outcome == want.first[i].outcome);
                CHECK(got->first[i].time_ns == want.first[i].time_ns);
                CHECK(got->first[i].reason == want.first[i].reason);
                CHECK(got->first[i].topic == want.first[i].topic);
            }
            sessions_ended += want.ended;
        }

        for (std::size_t i = 0; i < spec.expectations.size(); ++i) {
            const auto* expect = std::get_if<ExpectEvent>(&spec.expectations[i].check);
            if (!expect) continue;
            const ExpectationEvidence::EventWatch* watch = evidence.event_watch(i);
            REQUIRE(watch);
            if (watch->unknown) continue;
            std::uint64_t inside = 0, outside = 0, first_inside = 0, first_outside = 0;
            for (std::size_t e = 0; e < run.records().size(); ++e) {
                const Record& record = run.records()[e];
                if (record_kind_name(record.kind) != expect->kind) continue;
                auto named = [&](const std::optional<std::string>& name, ActorId actor) {
                    return !name || (actor != no_actor && run.final_state().actor_name(actor) == *name);
                };
                if (!named(expect->source, record.source) || !named(expect->target, record.target)) continue;
                if (expect->actor && !named(expect->actor, record.source) && !named(expect->actor, record.target)) continue;
                const bool in = (!expect->occurrence.after_ns || record.time_ns > *expect->occurrence.after_ns) &&
                                (!expect->occurrence.before_ns || record.time_ns < *expect->occurrence.before_ns);
                if (in && inside++ == 0) first_inside = e;
                if (!in && outside++ == 0) first_outside = e;
            }
            CHECK(watch->tally.inside == inside);
            CHECK(watch->tally.outside == outside);
            if (inside > 0) CHECK(watch->tally.first_inside_event == first_inside);
            if (outside > 0) CHECK(watch->tally.first_outside_event == first_outside);
            events_counted += inside + outside;
        }
    }
    // The generated runs exercise what they are meant to.
    CHECK(owed_keys > 1000);
    CHECK(removals > 100);
    CHECK(sessions_ended > 20);
    CHECK(events_counted > 10000);
}

TEST_CASE("stream outputs: check --golden compared as the run goes reports the recorded comparison", "[stream][outputs][golden]") {
    Prng prng(2024);
    std::uint64_t differences = 0;
    for (const std::string& file : scenario_files({"configs", "tests/scenarios"})) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        RecordOptions options;
        options.max_events = 20'000;
        options.snapshot_interval = 64;
        const RecordedRun recorded(*loaded.spec, options);
        const std::string trace = [&] {
            std::ostringstream out;
            write_trace(recorded, &out);
            return out.str();
        }();
        std::vector<std::string> lines;
        for (std::size_t at = 0; at < trace.size();) {
            const std::size_t end = trace.find('\n', at);
            lines.push_back(trace.substr(at, end - at));
            at = end + 1;
        }
        if (lines.empty()) continue;
        // Golden traces: the same, with CRLF, one line changed, cut short,
        // one line longer, and empty.
        std::vector<std::string> goldens;
        auto joined = [&](const std::vector<std::string>& parts, const char* end) {
            std::string text;
            for (const std::string& line : parts) text += line + end;
            return text;
        };
        goldens.push_back(trace);
        goldens.push_back(joined(lines, "\r\n"));
        for (int k = 0; k < 3; ++k) {
            std::vector<std::string> changed = lines;
            std::string& line = changed[prng.below(changed.size())];
            line[prng.below(line.size())] ^= 0x01;
            goldens.push_back(joined(changed, "\n"));
        }
        goldens.push_back(joined(std::vector<std::string>(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(prng.below(lines.size()))), "\n"));
        goldens.push_back(trace + lines.back() + "\n");
        goldens.push_back("");
        for (const std::string& golden : goldens) {
            const GoldenComparison want = compare_with_golden(recorded, trace, golden);
            StreamedRun streamed(*loaded.spec, options.max_events);
            std::istringstream golden_stream(golden);
            GoldenComparer comparer(golden_stream);
            TraceSink::Options trace_options;
            trace_options.listener = &comparer;
            TraceSink sink(trace_options);
            EventSink* sinks[] = {&sink};
            streamed.run(sinks);
            comparer.finish(streamed.event_count());
            std::optional<StringTable> strings;
            std::optional<Simulation> before;
            if (comparer.difference()) {
                strings.emplace();
                before.emplace(rerun_to(streamed.spec(), *strings, comparer.difference()->event));
            }
            const GoldenComparison got = golden_comparison(comparer, streamed.final_state(), before ? &*before : nullptr);
            CHECK(got.matches == want.matches);
            CHECK(got.lines_compared == want.lines_compared);
            CHECK(got.summary == want.summary);
            CHECK(got.report == want.report);
            differences += !want.matches;
        }
    }
    CHECK(differences > 60);
}

TEST_CASE("stream outputs: a streamed run's buffers do not grow with its events", "[stream][outputs][memory]") {
    // The same workload, ten times longer; the producers repeat one text so
    // that the model's own dictionaries hold no new texts either.
    struct Measured {
        std::uint64_t events = 0;
        std::size_t trace_buffer = 0, narrative_buffer = 0, golden_buffer = 0, evidence_entries = 0, violations = 0;
        std::size_t strings = 0;
    };
    auto measure = [](std::uint64_t operations) {
        ScenarioSpec spec = random_workload(5);
        for (ProducerSpec& producer : spec.producers) {
            producer.actions.clear();
            producer.workload->count = operations;
            producer.workload->message_template = "the same text";
        }
        for (ConsumerSpec& consumer : spec.consumers) consumer.workload->count = operations / 4;
        spec.expectations.push_back({"", 1, "", ExpectInvariant{ExpectInvariant::Kind::acked_writes_present}, {}});
        spec.expectations.push_back({"", 1, "", ExpectEvent{"publish", {}, {}, {}, {}}, {}});
        spec.expectations.push_back({"", 1, "", ExpectConsumed{"c1", {}, {}}, {}});
        // The golden trace: this run's own, so every line is read and compared.
        std::ostringstream golden_text;
        {
            StreamedRun first(spec, UINT64_MAX);
            TraceSink::Options options;
            options.out = &golden_text;
            TraceSink writer(options);
            EventSink* writers[] = {&writer};
            first.run(writers);
        }
        StreamedRun run(spec, UINT64_MAX);
        std::ostringstream narrative_text;  // grows, as stdout would scroll: not the run's memory
        NarrativeSink narrative(narrative_text);
        std::istringstream golden(golden_text.str());
        GoldenComparer comparer(golden);
        TraceSink::Options trace_options;
        trace_options.listener = &comparer;
        TraceSink trace(trace_options);
        ExpectationEvidence evidence(run.spec());
        EventSink* sinks[] = {&trace, &narrative, &evidence};
        run.run(sinks);
        comparer.finish(run.event_count());
        CHECK(comparer.matches());
        Measured measured;
        measured.events = run.event_count();
        measured.trace_buffer = trace.buffer_capacity();
        measured.narrative_buffer = narrative.buffer_capacity();
        measured.golden_buffer = comparer.buffer_capacity();
        measured.evidence_entries = evidence.entries_kept();
        measured.violations = run.monitors().violations().size();
        measured.strings = run.strings().size();
        return measured;
    };
    const Measured short_run = measure(2'000);
    const Measured long_run = measure(20'000);
    REQUIRE(long_run.events > 9 * short_run.events);
    REQUIRE(long_run.events > 100'000);
    CHECK(long_run.trace_buffer == short_run.trace_buffer);
    CHECK(long_run.trace_buffer <= 64 * 1024);
    CHECK(long_run.narrative_buffer <= 4096);
    CHECK(long_run.golden_buffer <= 4096);
    CHECK(long_run.evidence_entries == short_run.evidence_entries);
    CHECK(long_run.violations <= Monitors::kept_per_monitor_max * monitor_kind_count);
    CHECK(long_run.strings == short_run.strings);
}

TEST_CASE("stream outputs: stop errors of stuck and long runs, stopped at every event count", "[stream][outputs]") {
    // Zero latency and service after a start at 5ms: a stretch of events at
    // one instant, the stuck case stop_error tells from a long run by where
    // the final stretch began.
    ScenarioSpec spec = base_scenario();
    spec.network.latency = DistributionSpec::constant(0);
    spec.brokers = {broker("b1")};
    spec.producers = {workload_producer("p1", {0}, DistributionSpec::constant(0), 1'000'000, {"t"}, "m", 5 * ns_per_ms)};
    spec.until_ns = 10 * ns_per_s;
    std::uint64_t stuck = 0;
    for (std::uint64_t limit = 1; limit <= 80; ++limit) {
        CAPTURE(limit);
        RecordOptions options;
        options.max_events = limit;
        const RecordedRun recorded(spec, options);
        StreamedRun streamed(spec, limit);
        streamed.run({});
        CHECK(streamed.first_event_at_final_time() == recorded.first_event_at_final_time());
        REQUIRE(stop_error(recorded).has_value());
        CHECK(stop_error(streamed) == stop_error(recorded));
        stuck += stop_error(recorded)->find("does not advance") != std::string::npos;
    }
    CHECK(stuck > 10);
}

namespace {

// The JSON string policy (text/utf8_text.hpp) character by character, as
// it was written before the bulk version: the reference.
std::string reference_json_string(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    const char* it = text.data();
    const char* const end = it + text.size();
    while (it != end) {
        const char* const invalid = utf8::find_invalid(it, end);
        while (it != invalid) {
            const char* const start = it;
            const std::uint32_t c = utf8::unchecked::next(it);
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) {
                        out += "\\u00";
                        out += hex[c >> 4];
                        out += hex[c & 0xF];
                    } else {
                        out.append(start, it);
                    }
            }
        }
        if (it == end) break;
        out += "\\ufffd";
        ++it;
    }
    return out + "\"";
}

}  // namespace

TEST_CASE("stream outputs: bulk JSON escaping writes what the character-by-character policy wrote", "[stream][outputs][text]") {
    // Random texts from pieces that exercise every branch: plain runs,
    // quotes and backslashes, every control, valid 2-4 byte characters, and
    // invalid bytes (lone continuation, cut sequences, overlong, surrogate,
    // past U+10FFFF) next to ASCII and to each other.
    const std::vector<std::string> pieces = {"plain text ", "\"", "\\", "\n", "\r", "\t", std::string(1, '\0'), "\x1b", "\x7f",
                                             "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\x80", "\xC3", "\xE2\x82",
                                             "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "a", "\xEF\xBF\xBE"};
    Prng prng(11);
    for (int i = 0; i < 20'000; ++i) {
        std::string text;
        const std::uint64_t count = prng.below(12);
        for (std::uint64_t k = 0; k < count; ++k) {
            if (prng.below(4) == 0) {
                text += static_cast<char>(prng.below(256));  // any byte at all
            } else {
                text += pieces[prng.below(pieces.size())];
            }
        }
        CAPTURE(text);
        std::string out = "prefix";
        append_json_string(out, text);
        REQUIRE(out == "prefix" + reference_json_string(text));
        REQUIRE(out.size() - 6 <= json_string_bytes_max(text.size()));
    }
}

namespace {

std::string file_text(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("stream outputs: the commands write what the recorded path writes", "[stream][outputs][cli]") {
    // The commands' plumbing (which sinks each option attaches): run's trace
    // file, stats file, -v narrative and summary, -q; check's JSON report.
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim-test-stream-cli";
    std::filesystem::create_directories(dir);
    const std::string trace_path = (dir / "trace.jsonl").string();
    const std::string stats_path = (dir / "stats.json").string();
    for (const std::string& file : scenario_files({"configs", "tests/scenarios"})) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        RecordOptions options;
        options.keep_snapshots = false;
        const RecordedRun recorded(*loaded.spec, options);
        std::ostringstream trace;
        const std::uint64_t fingerprint = write_trace(recorded, &trace);
        std::ostringstream narrative;
        write_narrative(recorded, narrative);
        const std::string stop = stop_error(recorded) ? "kafkasim run: error: " + *stop_error(recorded) + "\n" : "";
        const int code = stop.empty() ? 0 : 2;

        std::ostringstream out, err;
        CHECK(cli::main_dispatch({"run", file, "-q", "--trace", trace_path, "--stats-json", stats_path}, {out, err}) == code);
        CHECK(out.str().empty());
        CHECK(err.str() == stop);
        CHECK(file_text(trace_path) == trace.str());
        CHECK(file_text(stats_path) == stats_json(recorded).dump(2) + "\n");

        std::ostringstream verbose_out, verbose_err;
        CHECK(cli::main_dispatch({"run", file, "-v"}, {verbose_out, verbose_err}) == code);
        CHECK(verbose_out.str() == narrative.str() + "\n" + summary_text(recorded, fingerprint));

        std::ostringstream check_out, check_err;
        cli::main_dispatch({"check", file, "--json", "-"}, {check_out, check_err});
        if (stop.empty()) {
            const ScenarioReport report = make_report(recorded, evaluate_expectations(recorded, fingerprint, loaded.spec->seed), fingerprint);
            CHECK(check_out.str() == results_json({report}).dump(2) + "\n");
        }
    }
    std::filesystem::remove_all(dir);
}
