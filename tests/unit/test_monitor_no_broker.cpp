// The no_broker monitor: a session refused because no broker was available
// (all busy, down, or silent past the status timeout). It fires at the event
// that refused the session; a session that waits and gets a broker, or a
// lost claim race that starts over, is not a refusal.
// Actors: b1 = 0, c1 = 1, c2 = 2 (one broker).
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

std::vector<Violation> no_brokers(const RecordedRun& run) {
    std::vector<Violation> result;
    for (const Violation& violation : run.monitors().violations()) {
        if (violation.monitor == MonitorKind::no_broker) result.push_back(violation);
    }
    return result;
}

ScenarioSpec one_broker() {
    ScenarioSpec spec = base_scenario(13);
    spec.brokers = {broker("b1", 0, original_topics())};
    return spec;
}

}  // namespace

TEST_CASE("no_broker fires when the only broker is down", "[monitor][no_broker]") {
    // b1 is down from 0; c1's status (1 ms) is refused, the reply at 2 ms refuses the session.
    ScenarioSpec spec = one_broker();
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.faults = {crash_at(0, 0)};
    const RecordedRun run(spec, records_only());
    const auto found = no_brokers(run);
    REQUIRE(found.size() == 1);
    CHECK(found[0].time_ns == 2 * ms);
    const Record& cause = run.records()[found[0].event];
    CHECK(cause.kind == RecordKind::status_reply);
    CHECK(cause.error == ErrorCode::broker_down);
    CHECK(cause.outcome == SessionOutcome::refused);
    CHECK(found[0].detail == "c1's session was refused: no broker was available");
}

TEST_CASE("no_broker fires when every broker is held", "[monitor][no_broker]") {
    // c1 holds b1 from 3 ms for 20 ms of choosing; c2's session at 5 ms finds it busy.
    ScenarioSpec spec = one_broker();
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(0))});
    c1.choose_time = DistributionSpec::constant(10 * ms);
    spec.consumers = {c1, consumer("c2", {session(5 * ms, named_topic("Hello world"), named_index(0))})};
    const RecordedRun run(spec, records_only());
    const auto found = no_brokers(run);
    REQUIRE(found.size() == 1);
    CHECK(found[0].time_ns == 7 * ms);
    CHECK(run.records()[found[0].event].target == 2);
    CHECK(found[0].detail == "c2's session was refused: no broker was available");
    CHECK(run.monitors().count(MonitorKind::no_broker) == 1);
}

TEST_CASE("no_broker fires when no broker answers the status in time", "[monitor][no_broker]") {
    ScenarioSpec spec = one_broker();
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.consumers[0].retry = retry_policy(3 * ms);
    spec.faults = {drop(links({1}, {0}), 1.0, 0, std::nullopt)};
    const RecordedRun run(spec, records_only());
    const auto found = no_brokers(run);
    REQUIRE(found.size() == 1);
    CHECK(found[0].time_ns == 3 * ms);
    CHECK(run.records()[found[0].event].kind == RecordKind::status_timeout);
}

TEST_CASE("no_broker stays quiet when a session waits and gets its broker", "[monitor][no_broker]") {
    // As "every broker is held", but c2 retries every 10 ms: b1 is free again at 26 ms.
    ScenarioSpec spec = one_broker();
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(0))});
    c1.choose_time = DistributionSpec::constant(10 * ms);
    ConsumerSpec c2 = consumer("c2", {session(5 * ms, named_topic("Hello world"), named_index(0))});
    c2.retry_after_ns = 10 * ms;
    c2.max_attempts = 5;
    spec.consumers = {c1, c2};
    const RecordedRun run(spec, records_only());
    CHECK(no_brokers(run).empty());
    CHECK(run.final_state().consumers()[1].stats.sessions_completed == 1);
    CHECK(records_of(run, RecordKind::retry).size() >= 1);
}

TEST_CASE("no_broker off: nothing reported", "[monitor][no_broker]") {
    ScenarioSpec spec = one_broker();
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.faults = {crash_at(0, 0)};
    spec.monitors.no_broker = false;
    const RecordedRun run(spec, records_only());
    CHECK(no_brokers(run).empty());
    CHECK(run.final_state().consumers()[0].stats.sessions_refused == 1);
}
