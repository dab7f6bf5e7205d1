// The stale_read monitor: a consumer consumed a message that a producer had
// already edited away or deleted on the serving broker's peer. It fires at
// the get_message_reply that delivers the old text; it stays quiet when the
// edit reached both brokers before the read.
//
// p1 edits "Hello world"[0] ("message 1" -> "edited") on both brokers at
// 10 ms; c1 (first_idle: b1) starts a session at 12 ms and reads index 0,
// choosing at once: message read at b1 at 21 ms, reply at 22 ms.
// Actors: b1 = 0, b2 = 1, p1 = 2, c1 = 3.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/monitors.hpp"
#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

std::vector<Violation> stale_reads(const RecordedRun& run) {
    std::vector<Violation> result;
    for (const Violation& violation : run.monitors().violations()) {
        if (violation.monitor == MonitorKind::stale_read) result.push_back(violation);
    }
    return result;
}

ScenarioSpec edit_then_read(OpKind write, std::vector<FaultSpec> faults) {
    ScenarioSpec spec = base_scenario(12);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    spec.producers = {producer("p1", {0, 1}, {action(10 * ms, write, "Hello world", "edited", 0)})};
    spec.consumers = {consumer("c1", {session(12 * ms, named_topic("Hello world"), named_index(0))}, PolicyKind::first_idle)};
    spec.faults = std::move(faults);
    return spec;
}

}  // namespace

TEST_CASE("stale_read fires when the serving broker has not seen the peer's edit", "[monitor][stale_read]") {
    // p1->b1 is 20 ms slower while the edit leaves: b2 edits at 11 ms, b1 at 31 ms.
    const RecordedRun run(edit_then_read(OpKind::edit, {slow(links({2}, {0}), 20 * ms, 10 * ms, 11 * ms)}), records_only());
    const auto found = stale_reads(run);
    REQUIRE(found.size() == 1);
    CHECK(found[0].time_ns == 22 * ms);
    const Record& cause = run.records()[found[0].event];
    CHECK(cause.kind == RecordKind::get_message_reply);
    CHECK(cause.source == 0);
    CHECK(cause.target == 3);
    CHECK(text_of(run, cause.text) == "message 1");
    CHECK(found[0].detail == "c1 read \"message 1\" from b1, but b2 had already edited or deleted it");
    CHECK(dictionary(run.final_state(), 0) == dictionary(run.final_state(), 1));  // they converge later
}

TEST_CASE("stale_read fires for a message the peer deleted", "[monitor][stale_read]") {
    const RecordedRun run(edit_then_read(OpKind::delete_message, {slow(links({2}, {0}), 20 * ms, 10 * ms, 11 * ms)}),
                          records_only());
    REQUIRE(stale_reads(run).size() == 1);
    CHECK(stale_reads(run)[0].time_ns == 22 * ms);
}

TEST_CASE("stale_read stays quiet when the edit reached both brokers first", "[monitor][stale_read]") {
    const RecordedRun run(edit_then_read(OpKind::edit, {}), records_only());
    CHECK(stale_reads(run).empty());
    REQUIRE(run.final_state().consumers()[0].consumed.size() == 1);
    CHECK(text_of(run, run.final_state().consumers()[0].consumed[0].text) == "edited");
}

TEST_CASE("stale_read off: nothing reported", "[monitor][stale_read]") {
    ScenarioSpec spec = edit_then_read(OpKind::edit, {slow(links({2}, {0}), 20 * ms, 10 * ms, 11 * ms)});
    spec.monitors.stale_read = false;
    const RecordedRun run(spec, records_only());
    CHECK(stale_reads(run).empty());
    CHECK(run.monitors().count(MonitorKind::stale_read) == 0);
}
