// Every broker-choice policy, in scenarios where they choose differently:
// all brokers idle (first_idle and least_loaded take the first, round_robin
// rotates, seed and random_idle draw from the consumer's own stream), one
// broker held by another consumer (never chosen), and idle brokers with
// different queues (least_loaded takes the shortest).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/prng.hpp"
#include "core/recorded_run.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;
constexpr int session_count = 12;

// c1 runs `session_count` sessions, 100 ms apart (each takes 12 ms), reading
// "Hello world"[0]: named choices and a constant choose_time draw nothing, so
// the policy is the only user of c1's stream.
ConsumerSpec reader(PolicyKind policy, TimeNs first_ns) {
    std::vector<SessionSpec> sessions;
    for (int k = 0; k < session_count; ++k) {
        sessions.push_back(session(first_ns + k * 100 * ms, named_topic("Hello world"), named_index(0)));
    }
    return consumer("c1", sessions, policy);
}

ScenarioSpec three_idle_brokers(PolicyKind policy) {
    ScenarioSpec spec = base_scenario(5);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics()), broker("b3", 0, original_topics())};
    spec.consumers = {reader(policy, 0)};
    return spec;
}

// h claims b1 at 3 ms and holds it for seconds (choose_time 10 s), so c1,
// which starts at 100 ms, always sees b1 busy.
ScenarioSpec b1_held(PolicyKind policy) {
    ScenarioSpec spec = three_idle_brokers(policy);
    ConsumerSpec holder = consumer("h", {session(0, named_topic("Hello world"), named_index(0))}, PolicyKind::first_idle);
    holder.choose_time = DistributionSpec::constant(10 * ns_per_s);
    spec.consumers = {holder, reader(policy, 100 * ms)};
    return spec;
}

// The brokers the seed/random_idle policies must pick: nth idle broker by the
// consumer's stream, one draw per decision among `idle`.
std::vector<std::string> predicted_random(std::uint64_t seed, const std::vector<std::string>& idle) {
    Prng stream = Prng::stream(seed, "consumer:c1");
    std::vector<std::string> result;
    for (int k = 0; k < session_count; ++k) result.push_back(idle[stream.below(idle.size())]);
    return result;
}

std::vector<std::string> repeat(const std::vector<std::string>& cycle) {
    std::vector<std::string> result;
    for (int k = 0; k < session_count; ++k) result.push_back(cycle[static_cast<std::size_t>(k) % cycle.size()]);
    return result;
}

std::size_t index_of(const RecordedRun& run, const std::string& consumer_name) {
    std::size_t c = 0;
    while (run.spec().consumers[c].name != consumer_name) ++c;
    return c;
}

// The decision records of consumer c1 (the last status reply of each attempt).
std::vector<Record> decisions_of_c1(const RecordedRun& run) {
    std::vector<Record> result;
    const Simulation& state = run.final_state();
    for (const Record& record : records_of(run, RecordKind::status_reply)) {
        if (state.actor_name(record.target) == "c1" && record.chosen != no_actor) result.push_back(record);
    }
    return result;
}

}  // namespace

TEST_CASE("policies: all brokers idle", "[consumer][policy]") {
    struct Case {
        PolicyKind policy;
        std::vector<std::string> expected;
        Reason reason;
    };
    const std::vector<std::string> all = {"b1", "b2", "b3"};
    const std::vector<Case> cases = {
        {PolicyKind::first_idle, repeat({"b1"}), Reason::first_idle},
        {PolicyKind::least_loaded, repeat({"b1"}), Reason::least_loaded},  // equal queues: the first
        {PolicyKind::round_robin, repeat(all), Reason::round_robin},
        {PolicyKind::seed, predicted_random(5, all), Reason::random_among_idle},
        {PolicyKind::random_idle, predicted_random(5, all), Reason::random_among_idle},
    };
    for (const Case& c : cases) {
        INFO("policy " << static_cast<int>(c.policy));
        const RecordedRun run(three_idle_brokers(c.policy), records_only());
        const Simulation& state = run.final_state();
        CHECK(state.consumers()[0].stats.sessions_completed == session_count);
        CHECK(consumed_brokers(run, 0) == c.expected);
        for (const Record& decision : decisions_of_c1(run)) CHECK(decision.reason == c.reason);
        CHECK(nothing_held(state));
    }
    // The random prediction is not degenerate: it uses every broker.
    const auto random = predicted_random(5, all);
    for (const std::string& name : all) CHECK(std::count(random.begin(), random.end(), name) > 0);
}

TEST_CASE("policies: a busy broker is never chosen", "[consumer][policy]") {
    struct Case {
        PolicyKind policy;
        std::vector<std::string> expected;
    };
    const std::vector<std::string> idle = {"b2", "b3"};
    const std::vector<Case> cases = {
        {PolicyKind::first_idle, repeat({"b2"})},
        {PolicyKind::least_loaded, repeat({"b2"})},
        {PolicyKind::round_robin, repeat(idle)},  // after b2 comes b3, then b1 is skipped
        {PolicyKind::seed, predicted_random(5, idle)},
        {PolicyKind::random_idle, predicted_random(5, idle)},
    };
    for (const Case& c : cases) {
        INFO("policy " << static_cast<int>(c.policy));
        const RecordedRun run(b1_held(c.policy), records_only());
        const Simulation& state = run.final_state();
        const std::size_t c1 = index_of(run, "c1");
        CHECK(state.consumers()[c1].stats.sessions_completed == session_count);
        CHECK(state.consumers()[c1].stats.claims_refused == 0);
        CHECK(consumed_brokers(run, c1) == c.expected);
        CHECK(consumed_brokers(run, index_of(run, "h")) == std::vector<std::string>{"b1"});
    }
}

TEST_CASE("policies: with one idle broker every policy takes it", "[consumer][policy]") {
    for (const PolicyKind policy :
         {PolicyKind::seed, PolicyKind::first_idle, PolicyKind::round_robin, PolicyKind::random_idle, PolicyKind::least_loaded}) {
        INFO("policy " << static_cast<int>(policy));
        ScenarioSpec spec = b1_held(policy);
        spec.brokers.pop_back();  // b1 (held) and b2
        const RecordedRun run(spec, records_only());
        CHECK(consumed_brokers(run, index_of(run, "c1")) == repeat({"b2"}));
        for (const Record& decision : decisions_of_c1(run)) CHECK(decision.reason == Reason::only_idle);
    }
}

TEST_CASE("policies: least_loaded takes the idle broker with the shortest queue", "[consumer][policy]") {
    // b1 is idle (nobody holds it) but swamped: p1 sends it a publish every
    // 250 us and it serves one per ms. b2 has nothing queued. The status
    // replies carry the queue lengths.
    auto make = [](PolicyKind policy) {
        ScenarioSpec spec = base_scenario(9);
        spec.brokers = {broker("b1", 1 * ms, original_topics()), broker("b2", 0, original_topics())};
        spec.producers = {workload_producer("p1", {0}, DistributionSpec::constant(250 * ns_per_us), 200, {"load"})};
        spec.consumers = {consumer("c1", {session(5 * ms, named_topic("Hello world"), named_index(1))}, policy)};
        return spec;
    };
    {
        const RecordedRun run(make(PolicyKind::least_loaded), records_only());
        const auto decisions = decisions_of_c1(run);
        REQUIRE(decisions.size() == 1);
        CHECK(decisions[0].reason == Reason::least_loaded);
        CHECK(run.final_state().actor_name(decisions[0].chosen) == "b2");
        // What c1 saw: b1's queue was long, b2's empty.
        const auto& views = run.final_state().consumers()[0].views;
        CHECK(views[0].queue_length > 10);
        CHECK(views[1].queue_length == 0);
        CHECK(consumed_brokers(run, 0) == std::vector<std::string>{"b2"});
    }
    for (const PolicyKind policy : {PolicyKind::first_idle, PolicyKind::round_robin}) {
        const RecordedRun run(make(policy), records_only());
        CHECK(consumed_brokers(run, 0) == std::vector<std::string>{"b1"});
        CHECK(run.final_state().consumers()[0].stats.sessions_completed == 1);
    }
}

TEST_CASE("policies: consumed items record broker, topic, index and message", "[consumer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.consumers = {consumer("c1",
                               {session(0, named_topic("Hallo welt"), named_index(1)),
                                session(100 * ms, choice(ChoiceSpec::Kind::first), choice(ChoiceSpec::Kind::last)),
                                session(200 * ms, choice(ChoiceSpec::Kind::last), choice(ChoiceSpec::Kind::first))})};
    const RecordedRun run(spec, records_only());
    const auto& consumed = run.final_state().consumers()[0].consumed;
    REQUIRE(consumed.size() == 3);
    CHECK(text_of(run, consumed[0].topic) == "Hallo welt");
    CHECK(consumed[0].index == 1);
    CHECK(text_of(run, consumed[0].text) == "botschaft 2");
    // Latency 1 ms, service 0: status 2, claim 4, list 6, topic 8, message 10 ms.
    CHECK(consumed[0].time_ns == 10 * ms);
    CHECK(text_of(run, consumed[1].topic) == "Hola mundo");
    CHECK(consumed[1].index == 2);
    CHECK(text_of(run, consumed[1].text) == "mensaje 3");
    CHECK(text_of(run, consumed[2].topic) == "Ciao mondo");
    CHECK(consumed[2].index == 0);
    CHECK(text_of(run, consumed[2].text) == "messaggio 1");
    // Consuming does not remove: the dictionary is unchanged.
    CHECK(dictionary(run.final_state(), 0) == dictionary(original_topics()));
    CHECK(nothing_held(run.final_state()));
}

TEST_CASE("policies: choose_time holds the broker while the person picks", "[consumer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, original_topics())};
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(2))});
    c1.choose_time = DistributionSpec::constant(200 * ms);
    spec.consumers = {c1};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    // Claimed at 3 ms; two choices of 200 ms; released at 411 ms.
    REQUIRE(state.consumers()[0].consumed.size() == 1);
    CHECK(state.consumers()[0].consumed[0].time_ns == 410 * ms);
    CHECK(state.brokers()[0].stats.held_total_ns == 408 * ms);
    const auto released = records_of(run, RecordKind::released);
    REQUIRE(released.size() == 1);
    CHECK(released[0].time_ns == 411 * ms);
}
