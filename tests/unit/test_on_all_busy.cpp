// on_all_busy: `fail` refuses the session at once (the original "no brokers
// available"); `{retry_after, max_attempts}` asks again later, and gives up
// (refused) when the attempts run out.
//
// Timeline (latency 1 ms, service 0): c1 claims b1 at 3 ms and, with a
// choose_time of 10 ms, releases it at 31 ms. c2 starts at 5 ms and asks for
// statuses at 5, 17, 29, 41... ms (retry_after 10 ms after each reply at
// 7, 19, 31 ms); the answers at 7, 19 and 31 ms say busy (the status served
// at 30 ms precedes the release at 31 ms), the one at 43 ms says idle.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

ScenarioSpec one_broker_held(std::optional<TimeNs> retry_after_ns, std::uint32_t max_attempts) {
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics())};
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(0))});
    c1.choose_time = DistributionSpec::constant(10 * ms);
    ConsumerSpec c2 = consumer("c2", {session(5 * ms, named_topic("Ciao mondo"), named_index(2))});
    c2.retry_after_ns = retry_after_ns;
    c2.max_attempts = max_attempts;
    spec.consumers = {c1, c2};
    return spec;
}

std::vector<TimeNs> retry_times(const RecordedRun& run) {
    std::vector<TimeNs> result;
    for (const Record& record : records_of(run, RecordKind::retry)) result.push_back(record.time_ns);
    return result;
}

// The record that ended c2's session.
Record c2_end(const RecordedRun& run) {
    for (const Record& record : run.records()) {
        if (record.outcome != SessionOutcome::none && run.final_state().actor_name(record.target) == "c2") return record;
    }
    FAIL("c2's session never ended");
    return {};
}

}  // namespace

TEST_CASE("on_all_busy fail: the session is refused at once", "[consumer][on_all_busy]") {
    const RecordedRun run(one_broker_held(std::nullopt, 3), records_only());
    const Simulation& state = run.final_state();
    const ConsumerStats& c2 = state.consumers()[1].stats;
    CHECK(c2.sessions_started == 1);
    CHECK(c2.sessions_refused == 1);
    CHECK(c2.sessions_completed == 0);
    CHECK(c2.attempts == 1);  // max_attempts only bounds lost claim races here
    CHECK(c2.claims_refused == 0);
    CHECK(retry_times(run).empty());
    const Record end = c2_end(run);
    CHECK(end.kind == RecordKind::status_reply);
    CHECK(end.reason == Reason::all_busy_refused);
    CHECK(end.outcome == SessionOutcome::refused);
    CHECK(end.time_ns == 7 * ms);
    CHECK(state.consumers()[0].stats.sessions_completed == 1);
    CHECK(nothing_held(state));
}

TEST_CASE("on_all_busy fail: refusal is per session", "[consumer][on_all_busy]") {
    ScenarioSpec spec = one_broker_held(std::nullopt, 3);
    spec.consumers[1].sessions.push_back(session(100 * ms, named_topic("Ciao mondo"), named_index(2)));
    const RecordedRun run(spec, records_only());
    const ConsumerStats& c2 = run.final_state().consumers()[1].stats;
    CHECK(c2.sessions_started == 2);
    CHECK(c2.sessions_refused == 1);
    CHECK(c2.sessions_completed == 1);
    CHECK(text_of(run, run.final_state().consumers()[1].consumed.at(0).text) == "messaggio 3");
}

TEST_CASE("on_all_busy retry: asks again until a broker is free", "[consumer][on_all_busy]") {
    const RecordedRun run(one_broker_held(10 * ms, 4), records_only());
    const Simulation& state = run.final_state();
    const ConsumerStats& c2 = state.consumers()[1].stats;
    CHECK(c2.sessions_started == 1);
    CHECK(c2.sessions_completed == 1);
    CHECK(c2.sessions_refused == 0);
    CHECK(c2.attempts == 4);
    CHECK(retry_times(run) == std::vector<TimeNs>{17 * ms, 29 * ms, 41 * ms});
    // Fourth round: statuses answered at 43, claim 45, list 47, topic 49, message 51 ms.
    REQUIRE(state.consumers()[1].consumed.size() == 1);
    CHECK(state.consumers()[1].consumed[0].time_ns == 51 * ms);
    CHECK(text_of(run, state.consumers()[1].consumed[0].text) == "messaggio 3");
    // The retries' own decisions say why they waited.
    int waited = 0;
    for (const Record& record : records_of(run, RecordKind::status_reply)) {
        waited += record.reason == Reason::all_busy_retry ? 1 : 0;
    }
    CHECK(waited == 3);
    CHECK(nothing_held(state));
}

TEST_CASE("on_all_busy retry: refused when max_attempts runs out", "[consumer][on_all_busy]") {
    const RecordedRun run(one_broker_held(10 * ms, 3), records_only());
    const Simulation& state = run.final_state();
    const ConsumerStats& c2 = state.consumers()[1].stats;
    CHECK(c2.sessions_completed == 0);
    CHECK(c2.sessions_refused == 1);
    CHECK(c2.attempts == 3);
    CHECK(retry_times(run) == std::vector<TimeNs>{17 * ms, 29 * ms});
    const Record end = c2_end(run);
    CHECK(end.reason == Reason::all_busy_refused);
    CHECK(end.outcome == SessionOutcome::refused);
    CHECK(end.time_ns == 31 * ms);
    CHECK(state.consumers()[1].consumed.empty());
    CHECK(nothing_held(state));
}

TEST_CASE("on_all_busy retry: a single attempt is the same as fail", "[consumer][on_all_busy]") {
    const RecordedRun run(one_broker_held(10 * ms, 1), records_only());
    const ConsumerStats& c2 = run.final_state().consumers()[1].stats;
    CHECK(c2.attempts == 1);
    CHECK(c2.sessions_refused == 1);
    CHECK(retry_times(run).empty());
    CHECK(c2_end(run).time_ns == 7 * ms);
}

TEST_CASE("workload consumer: think_time runs from the end of one session to the next", "[consumer]") {
    // Refused sessions count: c2's workload of 3 sessions, think_time 20 ms,
    // starts at 5 ms while b1 is held until 31 ms: refused at 7 ms, the next
    // starts at 27 ms and is refused at 29 ms, the third starts at 49 ms and
    // completes (consumed at 59 ms).
    ScenarioSpec spec = one_broker_held(std::nullopt, 3);
    spec.consumers[1] = workload_consumer("c2", DistributionSpec::constant(20 * ms), 3, named_topic("Hola mundo"),
                                          choice(ChoiceSpec::Kind::last), PolicyKind::seed, 5 * ms);
    const RecordedRun run(spec, records_only());
    const Consumer& c2 = run.final_state().consumers()[1];
    CHECK(c2.stats.sessions_started == 3);
    CHECK(c2.stats.sessions_refused == 2);
    CHECK(c2.stats.sessions_completed == 1);
    std::vector<TimeNs> starts;
    for (const Record& record : records_of(run, RecordKind::session_start)) {
        if (run.final_state().actor_name(record.source) == "c2") starts.push_back(record.time_ns);
    }
    CHECK(starts == std::vector<TimeNs>{5 * ms, 27 * ms, 49 * ms});
    REQUIRE(c2.consumed.size() == 1);
    CHECK(c2.consumed[0].time_ns == 59 * ms);
    CHECK(text_of(run, c2.consumed[0].text) == "mensaje 3");
}

TEST_CASE("sessions wait their turn: a queued session goes before the next workload session", "[consumer]") {
    // c1's workload runs sessions back to back (think_time 0). A scripted
    // session due at 1 ms waits for the running one (ends at 12 ms) and then
    // runs before the workload's next session, first come first served, even
    // though that one is also due at 12 ms.
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics())};
    ConsumerSpec c1 = workload_consumer("c1", DistributionSpec::constant(0), 3, named_topic("Hola mundo"),
                                        choice(ChoiceSpec::Kind::first));
    c1.sessions = {session(1 * ms, named_topic("Hello world"), named_index(0))};
    spec.consumers = {c1};
    const RecordedRun run(spec, records_only());
    const Consumer& state = run.final_state().consumers()[0];
    CHECK(state.stats.sessions_started == 4);
    CHECK(state.stats.sessions_completed == 4);
    std::vector<std::string> topics;
    std::vector<TimeNs> times;
    for (const Consumption& item : state.consumed) {
        topics.push_back(text_of(run, item.topic));
        times.push_back(item.time_ns);
    }
    CHECK(topics == std::vector<std::string>{"Hola mundo", "Hello world", "Hola mundo", "Hola mundo"});
    CHECK(times == std::vector<TimeNs>{10 * ms, 22 * ms, 34 * ms, 46 * ms});
}
