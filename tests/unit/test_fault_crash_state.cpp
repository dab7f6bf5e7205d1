// A crash in the middle of things leaves nothing dangling: the consumer that
// held the broker loses its session at the crash (and nothing of that session
// runs later), no session still holds or waits on a down broker except a
// claim on its way (it will be refused), the broker is neither busy nor
// serving, and a down broker serves nothing and sends no reply but
// broker_down. Checked on a hand-timed scenario and after every event of a
// busy run with repeated crashes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/simulation.hpp"
#include "core/string_table.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;
constexpr TimeNs us = ns_per_us;

bool is_served_kind(RecordKind kind) { return kind >= RecordKind::published && kind <= RecordKind::rejected; }
bool is_client_reply_kind(RecordKind kind) { return kind >= RecordKind::ack && kind <= RecordKind::release_reply; }

// Everything a crash must not leave behind, checked on the state right after
// any event: a down broker is idle, and no consumer is in a session with it
// beyond a claim on its way (it will be refused) or a release it already
// served (the reply left before the crash).
void check_nothing_dangles(const Simulation& state) {
    for (std::size_t b = 0; b < state.brokers().size(); ++b) {
        const Broker& broker = state.brokers()[b];
        if (broker.up) continue;
        INFO("broker " << state.actor_name(state.broker_actor(b)) << " is down at " << state.now_ns() << " ns");
        CHECK_FALSE(broker.busy);
        CHECK(broker.holder == no_actor);
        CHECK(broker.serving == no_slot);
        CHECK(broker.queue.empty());
        for (std::size_t c = 0; c < state.consumers().size(); ++c) {
            const Consumer& consumer = state.consumers()[c];
            if (consumer.target != state.broker_actor(b)) continue;
            INFO("consumer " << state.actor_name(state.consumer_actor(c)) << " in stage " << stage_name(consumer.stage));
            CHECK((consumer.stage == Stage::claiming || consumer.stage == Stage::releasing));
        }
    }
}

// Over a whole run: nothing served by a broker while it is down, and every
// reply it sent while down is broker_down.
void check_down_brokers_silent(const RecordedRun& run) {
    const std::size_t broker_count = run.spec().brokers.size();
    std::vector<bool> up(broker_count, true);
    std::vector<std::vector<std::pair<TimeNs, TimeNs>>> down_intervals(broker_count);
    for (const Record& record : run.records()) {
        if (record.kind == RecordKind::crash && up[record.source]) {
            up[record.source] = false;
            down_intervals[record.source].push_back({record.time_ns, -1});
        } else if (record.kind == RecordKind::restart && !up[record.source]) {
            up[record.source] = true;
            down_intervals[record.source].back().second = record.time_ns;
        }
        if (is_served_kind(record.kind) && record.target < broker_count) {
            INFO("event at " << record.time_ns << " ns");
            CHECK(up[record.target]);
        }
    }
    auto down_at = [&](std::size_t b, TimeNs t) {
        for (const auto& [from, until] : down_intervals[b]) {
            if (t >= from && (until < 0 || t < until)) return true;
        }
        return false;
    };
    for (const Record& record : run.records()) {
        if (!is_client_reply_kind(record.kind) || record.source >= broker_count) continue;
        if (!down_at(record.source, record.sent_ns)) continue;
        INFO("a reply sent at " << record.sent_ns << " ns by a down broker");
        CHECK(record.error == ErrorCode::broker_down);
    }
}

}  // namespace

TEST_CASE("crash of the held broker: the session ends at the crash and nothing of it runs later",
          "[fault][crash][dangling]") {
    // c1 claims b1 (first_idle) at 3 ms, lists its topics at 5 ms and would
    // choose a topic at 16 ms. b1 crashes at 8 ms. The next session, at
    // 12 ms, finds b1 down and claims b2 (granted at 15 ms, reply at 16 ms):
    // the first session's choice, due at 16 ms, must not touch it.
    ScenarioSpec spec = base_scenario(5);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(1)),
                                      session(12 * ms, named_topic("Hello world"), named_index(2))},
                               PolicyKind::first_idle);
    c1.choose_time = DistributionSpec::constant(10 * ms);
    spec.consumers = {c1};
    spec.faults = {crash_at(8 * ms, 0)};
    const RecordedRun run(spec, records_only());

    const auto crashes = records_of(run, RecordKind::crash);
    REQUIRE(crashes.size() == 1);
    CHECK(crashes[0].holder == 2);  // c1 (after b1, b2)
    CHECK(crashes[0].reason == Reason::broker_crashed);
    CHECK(crashes[0].outcome == SessionOutcome::failed);

    const Simulation& state = run.final_state();
    const ConsumerStats& stats = state.consumers()[0].stats;
    CHECK(stats.sessions_started == 2);
    CHECK(stats.sessions_failed == 1);
    CHECK(stats.sessions_completed == 1);
    CHECK(consumed_brokers(run, 0) == std::vector<std::string>{"b2"});
    REQUIRE(state.consumers()[0].consumed.size() == 1);
    CHECK(text_of(run, state.consumers()[0].consumed[0].text) == "message 3");
    // No topic was chosen for the first session after its broker crashed.
    for (const Record& record : records_of(run, RecordKind::topic_chosen)) CHECK(record.target == 1);
    CHECK(nothing_held(state));
    check_down_brokers_silent(run);
}

TEST_CASE("crash while a consumer's request waits in the queue: reset, the session ends", "[fault][crash][dangling]") {
    // b1 serves each request in 1 ms. c1 holds b1 from 5 ms, gets its topic
    // list at 9 ms and sends get_topic at 19 ms (arrives 20 ms). p1's eight
    // publishes (arriving 15 to 18.5 ms) keep b1 busy until 23 ms, so the
    // request waits; b1 crashes at 21 ms (before the service due then ends)
    // with one publish in service and two ahead of c1's request. c1's session ends at the crash; the reset
    // reply it gets at 22 ms is stale.
    ScenarioSpec spec = base_scenario(5);
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.brokers[0].service_time = DistributionSpec::constant(1 * ms);
    ProducerSpec p1 = producer("p1", {0});
    for (int i = 0; i < 8; ++i) p1.actions.push_back(action(14 * ms + i * 500 * us, OpKind::publish, "news", "n"));
    spec.producers = {p1};
    ConsumerSpec c1 = consumer("c1", {session(0, named_topic("Hello world"), named_index(0))});
    c1.choose_time = DistributionSpec::constant(10 * ms);
    spec.consumers = {c1};
    spec.faults = {crash_at(21 * ms, 0)};
    const RecordedRun run(spec, records_only());

    const auto crashes = records_of(run, RecordKind::crash);
    REQUIRE(crashes.size() == 1);
    CHECK(crashes[0].holder == 2);
    CHECK(crashes[0].count == 4);
    const auto replies = records_of(run, RecordKind::get_topic_reply);
    REQUIRE(replies.size() == 1);
    CHECK(replies[0].time_ns == 22 * ms);
    CHECK(replies[0].error == ErrorCode::broker_down);
    CHECK(replies[0].reason == Reason::stale_reply);
    CHECK(run.final_state().consumers()[0].stats.sessions_failed == 1);
    CHECK(nothing_held(run.final_state()));
    check_down_brokers_silent(run);
}

TEST_CASE("repeated crashes in a busy run leave nothing dangling after any event", "[fault][crash][dangling]") {
    ScenarioSpec spec = random_workload(11);
    // Both brokers crash and restart, overlapping, through the whole run.
    for (int k = 0; k < 12; ++k) {
        const std::uint32_t b = static_cast<std::uint32_t>(k % 2);
        const TimeNs at_ns = 20 * ms + k * 45 * ms + b * 7 * ms;
        spec.faults.push_back(crash_at(at_ns, b));
        FaultSpec restart = restart_at(at_ns + 30 * ms, b);
        restart.reload_initial = k % 4 == 1;
        spec.faults.push_back(restart);
    }
    spec.consumers[1].retry.timeout_ns = 20 * ms;
    spec.consumers[1].retry.retries = 1;
    spec.producers[0].retry.timeout_ns = 15 * ms;

    StringTable strings;
    Simulation simulation(spec, strings);
    std::uint64_t crashes_with_holder = 0;
    while (simulation.step()) {
        check_nothing_dangles(simulation);
        (void)crashes_with_holder;
    }
    const RecordedRun run(spec, records_only());
    for (const Record& record : records_of(run, RecordKind::crash)) crashes_with_holder += record.holder != no_actor;
    CHECK(records_of(run, RecordKind::crash).size() == 12);
    CHECK(crashes_with_holder > 0);  // the run exercises what it checks
    check_down_brokers_silent(run);
    for (const Broker& broker : run.final_state().brokers()) CHECK(broker.up);
}
