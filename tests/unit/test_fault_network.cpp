// Link faults: slow (extra latency), drop (lost at random, decided when the
// message is sent) and partition (nothing crosses between groups, including
// messages already on their way when it begins), each only on the links it
// names and only while active; then the network heals.
//
// Actors: b1 = 0, b2 = 1, p1 = 2. Latency 1 ms, service 0: a publish sent
// at t reaches the brokers at t + 1 ms and is acknowledged at t + 2 ms.
#include <catch2/catch.hpp>

#include <optional>
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
constexpr TimeNs us = ns_per_us;
constexpr ActorId b1 = 0;
constexpr ActorId b2 = 1;
constexpr ActorId p1 = 2;

// p1 publishes "m<i>" to both brokers at each of `times`.
ScenarioSpec publishes_at(std::vector<TimeNs> times, std::vector<FaultSpec> faults) {
    ScenarioSpec spec = base_scenario(9);
    spec.brokers = {broker("b1"), broker("b2")};
    std::vector<ProducerActionSpec> actions;
    for (std::size_t i = 0; i < times.size(); ++i) {
        actions.push_back(action(times[i], OpKind::publish, "t", "m" + std::to_string(i)));
    }
    spec.producers = {producer("p1", {0, 1}, std::move(actions))};
    spec.faults = std::move(faults);
    return spec;
}

// When each broker received each publish (arrival records), by broker.
std::vector<TimeNs> arrivals_at(const RecordedRun& run, ActorId broker) {
    std::vector<TimeNs> result;
    for (const Record& record : records_of(run, RecordKind::publish)) {
        if (record.target == broker) result.push_back(record.time_ns);
    }
    return result;
}

std::vector<TimeNs> acks_from(const RecordedRun& run, ActorId broker) {
    std::vector<TimeNs> result;
    for (const Record& record : records_of(run, RecordKind::ack)) {
        if (record.source == broker) result.push_back(record.time_ns);
    }
    return result;
}

}  // namespace

TEST_CASE("slow: extra latency on the named link, in its direction, while active", "[fault][slow]") {
    // p1->b1 is 5 ms slower from 0 to 10 ms.
    const RecordedRun run(publishes_at({0, 20 * ms}, {slow(links({p1}, {b1}), 5 * ms, 0, 10 * ms)}), records_only());
    CHECK(arrivals_at(run, b1) == std::vector<TimeNs>{6 * ms, 21 * ms});
    CHECK(acks_from(run, b1) == std::vector<TimeNs>{7 * ms, 22 * ms});  // b1 -> p1 is not slowed
    CHECK(arrivals_at(run, b2) == std::vector<TimeNs>{1 * ms, 21 * ms});

    const auto starts = records_of(run, RecordKind::fault_start);
    const auto ends = records_of(run, RecordKind::fault_end);
    REQUIRE(starts.size() == 1);
    REQUIRE(ends.size() == 1);
    CHECK(starts[0].time_ns == 0);
    CHECK(starts[0].index == 0);
    CHECK(ends[0].time_ns == 10 * ms);
    CHECK(ends[0].index == 0);
}

TEST_CASE("slow: both directions, and every link of an actor", "[fault][slow]") {
    SECTION("p1<->b1") {
        const RecordedRun run(publishes_at({0}, {slow(links({p1}, {b1}, true), 5 * ms, 0, std::nullopt)}), records_only());
        CHECK(acks_from(run, b1) == std::vector<TimeNs>{12 * ms});
        CHECK(acks_from(run, b2) == std::vector<TimeNs>{2 * ms});
        CHECK(records_of(run, RecordKind::fault_end).empty());  // never heals
    }
    SECTION("every link of p1") {
        const RecordedRun run(publishes_at({0}, {slow(links({p1}, {}, true), 5 * ms, 0, std::nullopt)}), records_only());
        CHECK(acks_from(run, b1) == std::vector<TimeNs>{12 * ms});
        CHECK(acks_from(run, b2) == std::vector<TimeNs>{12 * ms});
    }
}

TEST_CASE("slow: a link stays FIFO, so a message sent after the heal waits behind a slowed one", "[fault][slow]") {
    // m0 leaves at 9 ms, slowed: arrives at 15 ms. m1 leaves at 10 ms, after
    // the heal: 11 ms would overtake m0, so it arrives at 15 ms too, after it.
    const RecordedRun run(publishes_at({9 * ms, 10 * ms}, {slow(links({p1}, {b1}), 5 * ms, 0, 10 * ms)}), records_only());
    CHECK(arrivals_at(run, b1) == std::vector<TimeNs>{15 * ms, 15 * ms});
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m0", "m1"}}});
}

TEST_CASE("drop: decided when the message is sent, recorded when it would have arrived", "[fault][drop]") {
    // Probability 1 on p1->b1 from 5 to 10 ms. m0 leaves at 4.5 ms (before):
    // delivered at 5.5 ms. m1 leaves at 9.5 ms (during): lost, although it
    // would arrive after the heal. m2 leaves at 10 ms (healed): delivered.
    const RecordedRun run(publishes_at({4500 * us, 9500 * us, 10 * ms}, {drop(links({p1}, {b1}), 1.0, 5 * ms, 10 * ms)}),
                          records_only());
    const auto dropped = records_of(run, RecordKind::dropped);
    REQUIRE(dropped.size() == 1);
    CHECK(dropped[0].time_ns == 10500 * us);
    CHECK(dropped[0].sent_ns == 9500 * us);
    CHECK(dropped[0].source == p1);
    CHECK(dropped[0].target == b1);
    CHECK(dropped[0].reason == Reason::drop_random);
    CHECK(dropped[0].request == MessageType::publish);
    CHECK(text_of(run, dropped[0].text) == "m1");
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m0", "m2"}}});
    CHECK(dictionary(run.final_state(), 1) == Dictionary{{"t", {"m0", "m1", "m2"}}});
    // Without a timeout p1 never learns: the write is neither acked nor failed.
    const ProducerStats& stats = run.final_state().producers()[0].stats;
    CHECK(stats.acked == 5);
    CHECK(stats.failed == 0);
}

TEST_CASE("drop: replies are lost too, and probability 0 loses nothing", "[fault][drop]") {
    SECTION("b1->p1: the write is applied, the ack is lost") {
        const RecordedRun run(publishes_at({0}, {drop(links({b1}, {p1}), 1.0, 0, std::nullopt)}), records_only());
        const auto dropped = records_of(run, RecordKind::dropped);
        REQUIRE(dropped.size() == 1);
        CHECK(dropped[0].source == b1);
        CHECK(dropped[0].request == MessageType::publish);  // the reply to a publish
        CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m0"}}});
        CHECK(acks_from(run, b1).empty());
    }
    SECTION("probability 0") {
        const RecordedRun run(publishes_at({0, 1 * ms, 2 * ms}, {drop(links({}, {}), 0.0, 0, std::nullopt)}), records_only());
        CHECK(records_of(run, RecordKind::dropped).empty());
        CHECK(run.final_state().producers()[0].stats.acked == 6);
    }
}

TEST_CASE("drop: the share of lost messages follows the probability", "[fault][drop]") {
    std::vector<TimeNs> times;
    for (int i = 0; i < 2000; ++i) times.push_back(i * ms);
    const RecordedRun run(publishes_at(times, {drop(links({p1}, {}, true), 0.25, 0, std::nullopt)}), records_only());
    // 4000 requests and up to 4000 replies on p1's links: about a quarter of
    // the requests and a quarter of the replies that were sent.
    const double lost = static_cast<double>(records_of(run, RecordKind::dropped).size());
    const double sent = 4000 + (4000 - 0.25 * 4000);
    CHECK(lost / sent == Approx(0.25).margin(0.02));
}

TEST_CASE("partition: nothing crosses between groups while it lasts, and actors in no group reach everyone",
          "[fault][partition]") {
    // {p1, b1} | {b2} from 0 to 10 ms.
    const RecordedRun run(publishes_at({0, 20 * ms}, {partition({{p1, b1}, {b2}}, 0, 10 * ms)}), records_only());
    const auto dropped = records_of(run, RecordKind::dropped);
    REQUIRE(dropped.size() == 1);
    CHECK(dropped[0].source == p1);
    CHECK(dropped[0].target == b2);
    CHECK(dropped[0].reason == Reason::partitioned);
    CHECK(dropped[0].time_ns == 1 * ms);
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m0", "m1"}}});
    CHECK(dictionary(run.final_state(), 1) == Dictionary{{"t", {"m1"}}});  // healed at 10 ms
    CHECK(records_of(run, RecordKind::fault_end).size() == 1);
}

TEST_CASE("partition: messages on their way when it begins are stopped, and sent during it are lost after the heal",
          "[fault][partition]") {
    SECTION("begins while in flight") {
        // m0 leaves at 0 and would arrive at 1 ms; the partition starts at 0.5 ms.
        const RecordedRun run(publishes_at({0}, {partition({{p1}, {b1, b2}}, 500 * us, 5 * ms)}), records_only());
        const auto dropped = records_of(run, RecordKind::dropped);
        REQUIRE(dropped.size() == 2);
        for (const Record& record : dropped) {
            CHECK(record.time_ns == 1 * ms);
            CHECK(record.reason == Reason::partitioned);
        }
    }
    SECTION("heals while in flight") {
        // m0 leaves at 4.5 ms, during the partition, and would arrive at 5.5 ms: lost.
        const RecordedRun run(publishes_at({4500 * us}, {partition({{p1}, {b1, b2}}, 0, 5 * ms)}), records_only());
        CHECK(records_of(run, RecordKind::dropped).size() == 2);
        CHECK(dictionary(run.final_state(), 0).empty());
    }
}

TEST_CASE("faults on other links change nothing", "[fault][network]") {
    // Every link fault here names b2 only, p1 publishes to b1 only.
    ScenarioSpec spec = publishes_at({0, 3 * ms}, {slow(links({p1}, {b2}), 5 * ms, 0, std::nullopt),
                                                   drop(links({b2}, {}, true), 1.0, 0, std::nullopt),
                                                   partition({{p1, b1}, {b2}}, 0, std::nullopt)});
    spec.producers[0].targets = {0};
    const RecordedRun run(spec, records_only());
    CHECK(records_of(run, RecordKind::dropped).empty());
    CHECK(acks_from(run, b1) == std::vector<TimeNs>{2 * ms, 5 * ms});
}
