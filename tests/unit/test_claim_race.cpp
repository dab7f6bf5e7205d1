// The claim race of the original design: two consumers ask for statuses at
// the same moment, both see the same broker idle, both claim it; the broker
// grants the first claim to arrive and refuses the other (claim_refused), and
// the loser starts its session over, within max_attempts.
//
// Timeline of every test here (latency 1 ms, service 0): statuses sent at
// 0 ms are answered at 2 ms, both claims arrive at 3 ms (c1's first: it was
// scheduled first), the loser hears of it at 4 ms.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

ScenarioSpec racing(std::size_t broker_count, PolicyKind policy, std::uint32_t max_attempts) {
    ScenarioSpec spec = base_scenario(3);
    for (std::size_t b = 0; b < broker_count; ++b) spec.brokers.push_back(broker("b" + std::to_string(b + 1), 0, original_topics()));
    for (const char* name : {"c1", "c2"}) {
        ConsumerSpec c = consumer(name, {session(0, named_topic("Hello world"), named_index(0))}, policy);
        c.max_attempts = max_attempts;  // on_all_busy: fail (no retry_after)
        spec.consumers.push_back(c);
    }
    return spec;
}

std::vector<Record> records_for(const RecordedRun& run, RecordKind kind, const std::string& actor) {
    std::vector<Record> result;
    const Simulation& state = run.final_state();
    for (const Record& record : records_of(run, kind)) {
        if (state.actor_name(record.source) == actor || state.actor_name(record.target) == actor) result.push_back(record);
    }
    return result;
}

}  // namespace

TEST_CASE("claim race: the original system, one broker, on_all_busy fail", "[consumer][race]") {
    // Seed policy, one idle broker: both take it. c2 loses, starts over, now
    // sees b1 busy and is refused ("no brokers available").
    const RecordedRun run(racing(1, PolicyKind::seed, 3), records_only());
    const Simulation& state = run.final_state();
    const ConsumerStats& c1 = state.consumers()[0].stats;
    const ConsumerStats& c2 = state.consumers()[1].stats;
    CHECK(c1.sessions_completed == 1);
    CHECK(c1.claims_refused == 0);
    CHECK(c1.attempts == 1);
    CHECK(c2.sessions_started == 1);
    CHECK(c2.claims_refused == 1);
    CHECK(c2.attempts == 2);
    CHECK(c2.sessions_refused == 1);
    CHECK(c2.sessions_completed == 0);
    CHECK(state.consumers()[1].consumed.empty());

    // The broker's side: one grant (c1), one refusal (c2, held by c1).
    const auto granted = records_of(run, RecordKind::claim_granted);
    const auto refused = records_of(run, RecordKind::claim_refused);
    REQUIRE(granted.size() == 1);
    REQUIRE(refused.size() == 1);
    CHECK(state.actor_name(granted[0].source) == "c1");
    CHECK(state.actor_name(refused[0].source) == "c2");
    CHECK(state.actor_name(refused[0].holder) == "c1");
    CHECK(granted[0].time_ns == 3 * ms);
    CHECK(refused[0].time_ns == 3 * ms);
    CHECK(granted[0].sequence < refused[0].sequence);

    // The loser's side: refused claim (held_by_other), restart, then all busy.
    const auto c2_claims = records_for(run, RecordKind::claim_reply, "c2");
    REQUIRE(c2_claims.size() == 1);
    CHECK(c2_claims[0].error == ErrorCode::held_by_other);
    CHECK(c2_claims[0].reason == Reason::race_lost_restart);
    CHECK(c2_claims[0].time_ns == 4 * ms);
    std::vector<Record> c2_decisions;
    for (const Record& r : records_for(run, RecordKind::status_reply, "c2")) {
        if (r.reason != Reason::waiting_replies) c2_decisions.push_back(r);
    }
    REQUIRE(c2_decisions.size() == 2);
    CHECK(c2_decisions[0].reason == Reason::only_idle);  // the stale view
    CHECK(c2_decisions[1].reason == Reason::all_busy_refused);
    CHECK(c2_decisions[1].outcome == SessionOutcome::refused);
    CHECK(c2_decisions[1].time_ns == 6 * ms);
    CHECK(nothing_held(state));
}

TEST_CASE("claim race: the loser restarts and takes the other broker", "[consumer][race]") {
    // first_idle: both pick b1; c2 loses, restarts, sees b1 busy and b2 idle.
    const RecordedRun run(racing(2, PolicyKind::first_idle, 3), records_only());
    const Simulation& state = run.final_state();
    CHECK(consumed_brokers(run, 0) == std::vector<std::string>{"b1"});
    CHECK(consumed_brokers(run, 1) == std::vector<std::string>{"b2"});
    CHECK(state.consumers()[1].stats.claims_refused == 1);
    CHECK(state.consumers()[1].stats.attempts == 2);
    CHECK(state.consumers()[1].stats.sessions_completed == 1);
    CHECK(state.consumers()[1].stats.sessions_refused == 0);
    // The second attempt's status round took 2 ms more: consumed at 14 ms, not 10.
    CHECK(state.consumers()[0].consumed[0].time_ns == 10 * ms);
    CHECK(state.consumers()[1].consumed[0].time_ns == 14 * ms);
    CHECK(nothing_held(state));
}

TEST_CASE("claim race: max_attempts bounds the restarts", "[consumer][race]") {
    // One attempt allowed: losing the race ends the session, refused.
    const RecordedRun run(racing(2, PolicyKind::first_idle, 1), records_only());
    const Simulation& state = run.final_state();
    const ConsumerStats& c2 = state.consumers()[1].stats;
    CHECK(c2.claims_refused == 1);
    CHECK(c2.attempts == 1);
    CHECK(c2.sessions_refused == 1);
    CHECK(c2.sessions_completed == 0);
    const auto c2_claims = records_for(run, RecordKind::claim_reply, "c2");
    REQUIRE(c2_claims.size() == 1);
    CHECK(c2_claims[0].reason == Reason::race_lost_refused);
    CHECK(c2_claims[0].outcome == SessionOutcome::refused);
    CHECK(state.consumers()[0].stats.sessions_completed == 1);
    CHECK(nothing_held(state));
}

TEST_CASE("claim race: many consumers, one broker, each claim granted to one at a time", "[consumer][race]") {
    // Eight consumers with retries contend for one broker for a while; at
    // every moment at most one holds it, and every session ends.
    ScenarioSpec spec = base_scenario(8);
    spec.network.latency = DistributionSpec::uniform(500 * ns_per_us, 1500 * ns_per_us);
    spec.brokers = {broker("b1", 100 * ns_per_us, original_topics())};
    for (int i = 0; i < 8; ++i) {
        ConsumerSpec c = workload_consumer("c" + std::to_string(i + 1), DistributionSpec::exponential(5 * ms), 20,
                                           choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random));
        c.retry_after_ns = 2 * ms;
        c.max_attempts = 4;
        spec.consumers.push_back(c);
    }
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    // Claims and releases alternate at the broker: never two grants in a row.
    bool held = false;
    bool exclusive = true;
    for (const Record& record : run.records()) {
        if (record.kind == RecordKind::claim_granted) {
            exclusive = exclusive && !held;
            held = true;
        } else if (record.kind == RecordKind::released) {
            exclusive = exclusive && held;
            held = false;
        }
    }
    CHECK(exclusive);
    std::uint64_t started = 0, ended = 0, refused_claims = 0, completed = 0;
    for (const Consumer& c : state.consumers()) {
        started += c.stats.sessions_started;
        ended += c.stats.sessions_completed + c.stats.sessions_refused + c.stats.sessions_failed;
        refused_claims += c.stats.claims_refused;
        completed += c.stats.sessions_completed;
        CHECK(c.consumed.size() == c.stats.sessions_completed);
    }
    CHECK(started == 160);
    CHECK(ended == 160);
    CHECK(refused_claims > 0);  // the scenario really raced
    CHECK(completed == records_of(run, RecordKind::claim_granted).size());
    CHECK(refused_claims == records_of(run, RecordKind::claim_refused).size());
    CHECK(nothing_held(state));
}
