// Crash and restart: what a crashed broker loses (its dictionary unless
// durable, the requests in service and queued: their connections are reset),
// how it refuses connections while down, and what it comes back with (empty,
// or the initial load with reload_initial).
//
// Timeline of the basic scenario (latency 1 ms, b1 service 2 ms): p1 sends
// two publishes at 0; both reach b1 at 1 ms, one is served until 3 ms and
// the other waits. b1 crashes at 2 ms: both connections reset, the replies
// (broker_down) reach p1 at 3 ms.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

// b1 (slow, crashes) and b2, both with the original load; p1 writes to both.
ScenarioSpec crash_scenario(bool durable, std::vector<FaultSpec> faults, std::vector<ProducerActionSpec> extra = {}) {
    ScenarioSpec spec = base_scenario(3);
    BrokerSpec b1 = broker("b1", 2 * ms, original_topics());
    b1.durable = durable;
    spec.brokers = {b1, broker("b2", 0, original_topics())};
    std::vector<ProducerActionSpec> actions = {action(0, OpKind::publish, "news", "a"), action(0, OpKind::publish, "news", "b")};
    for (ProducerActionSpec& a : extra) actions.push_back(std::move(a));
    spec.producers = {producer("p1", {0, 1}, std::move(actions))};
    spec.faults = std::move(faults);
    return spec;
}

std::vector<Record> from_broker(const RecordedRun& run, RecordKind kind, ActorId broker) {
    std::vector<Record> result;
    for (const Record& record : records_of(run, kind)) {
        if (record.source == broker) result.push_back(record);
    }
    return result;
}

}  // namespace

TEST_CASE("crash: the requests in service and queued are reset, the dictionary is lost", "[fault][crash]") {
    const RecordedRun run(crash_scenario(false, {crash_at(2 * ms, 0)}), records_only());
    const Simulation& state = run.final_state();

    const auto crashes = records_of(run, RecordKind::crash);
    REQUIRE(crashes.size() == 1);
    CHECK(crashes[0].time_ns == 2 * ms);
    CHECK(crashes[0].source == 0);
    CHECK(crashes[0].count == 2);  // one in service, one queued
    CHECK((crashes[0].flags & record_flag::whole_topic) != 0);  // the dictionary went with it
    CHECK(crashes[0].holder == no_actor);

    // Nothing was applied on b1; both writes were applied on b2.
    CHECK(records_of(run, RecordKind::published).size() == 2);
    for (const Record& record : records_of(run, RecordKind::published)) CHECK(record.target == 1);
    const auto nacks = from_broker(run, RecordKind::nack, 0);
    REQUIRE(nacks.size() == 2);
    for (const Record& nack : nacks) {
        CHECK(nack.error == ErrorCode::broker_down);
        CHECK(nack.time_ns == 3 * ms);  // reset at 2 ms, one latency to p1
    }
    CHECK(state.producers()[0].stats.acked == 2);
    CHECK(state.producers()[0].stats.failed == 2);

    const Broker& b1 = state.brokers()[0];
    CHECK_FALSE(b1.up);
    CHECK(b1.topics.empty());
    CHECK(b1.serving == no_slot);
    CHECK(b1.queue.empty());
    CHECK_FALSE(b1.busy);
    CHECK(dictionary(state, 1).size() == 5);  // the original four and "news"
}

TEST_CASE("crash: a down broker refuses connections at once", "[fault][crash]") {
    // A publish at 5 ms reaches the down b1 at 6 ms: refused, nack at 7 ms.
    const RecordedRun run(crash_scenario(false, {crash_at(2 * ms, 0)}, {action(5 * ms, OpKind::publish, "news", "c")}),
                          records_only());
    std::vector<Record> refused;
    for (const Record& record : records_of(run, RecordKind::publish)) {
        if (record.target == 0 && record.error == ErrorCode::broker_down) refused.push_back(record);
    }
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].time_ns == 6 * ms);
    const auto nacks = from_broker(run, RecordKind::nack, 0);
    REQUIRE(nacks.size() == 3);
    CHECK(nacks[2].time_ns == 7 * ms);
    CHECK(nacks[2].error == ErrorCode::broker_down);
    CHECK(text_of(run, nacks[2].text) == "c");
    CHECK(run.final_state().brokers()[0].stats.requests_arrived == 2);  // the refused one is not counted
}

TEST_CASE("restart: back empty, or with the initial load", "[fault][crash]") {
    // A publish at 11 ms reaches b1 at 12 ms, after the restart at 10 ms.
    const std::vector<ProducerActionSpec> later = {action(11 * ms, OpKind::publish, "news", "d")};

    SECTION("empty") {
        const RecordedRun run(crash_scenario(false, {crash_at(2 * ms, 0), restart_at(10 * ms, 0)}, later), records_only());
        const auto restarts = records_of(run, RecordKind::restart);
        REQUIRE(restarts.size() == 1);
        CHECK(restarts[0].time_ns == 10 * ms);
        CHECK(restarts[0].count == 0);
        CHECK((restarts[0].flags & record_flag::whole_topic) == 0);
        CHECK(run.final_state().brokers()[0].up);
        CHECK(dictionary(run.final_state(), 0) == Dictionary{{"news", {"d"}}});
    }
    SECTION("with the initial load") {
        const RecordedRun run(crash_scenario(false, {crash_at(2 * ms, 0), restart_at(10 * ms, 0, true)}, later),
                              records_only());
        const auto restarts = records_of(run, RecordKind::restart);
        REQUIRE(restarts.size() == 1);
        CHECK(restarts[0].count == 4);
        CHECK((restarts[0].flags & record_flag::whole_topic) != 0);
        Dictionary expected = dictionary(original_topics());
        expected.push_back({"news", {"d"}});
        CHECK(dictionary(run.final_state(), 0) == expected);
    }
}

TEST_CASE("durable: the dictionary survives a crash and a restart", "[fault][crash][durable]") {
    // "a" is published on b1 at 3 ms, "b" is reset at the crash at 4 ms.
    ScenarioSpec spec = crash_scenario(true, {crash_at(4 * ms, 0), restart_at(10 * ms, 0)});
    const RecordedRun run(spec, records_only());
    const auto crashes = records_of(run, RecordKind::crash);
    REQUIRE(crashes.size() == 1);
    CHECK(crashes[0].count == 1);
    CHECK((crashes[0].flags & record_flag::whole_topic) == 0);
    Dictionary expected = dictionary(original_topics());
    expected.push_back({"news", {"a"}});
    CHECK(dictionary(run.final_state(), 0) == expected);
    CHECK(records_of(run, RecordKind::restart)[0].count == 5);

    // The same without durable: only what the restart brings (nothing).
    spec.brokers[0].durable = false;
    const RecordedRun volatile_run(spec, records_only());
    CHECK(dictionary(volatile_run.final_state(), 0).empty());
}

TEST_CASE("crash and restart of a broker already in that state change nothing", "[fault][crash]") {
    const RecordedRun run(
        crash_scenario(false, {restart_at(1 * ms, 0), crash_at(2 * ms, 0), crash_at(3 * ms, 0), restart_at(10 * ms, 0)}),
        records_only());
    CHECK(records_of(run, RecordKind::crash).size() == 2);
    CHECK(records_of(run, RecordKind::crash)[1].count == 0);
    CHECK(records_of(run, RecordKind::restart).size() == 2);
    CHECK(dictionary(run.final_state(), 0).empty());
    CHECK(run.final_state().brokers()[0].up);
}
