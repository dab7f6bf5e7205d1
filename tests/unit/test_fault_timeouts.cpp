// Clients that cope, or visibly don't: a request with no reply within the
// timeout is resent after the backoff (doubled each time when asked), up to
// `retries` times, then given up and counted as failed. A resend whose
// original was only late applies the write twice. Consumers stop waiting
// for status replies after the timeout and skip the brokers that were silent.
//
// Latency 1 ms, service 0. Actors: b1 = 0, b2 = 1, then p1 or c1 = 2.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/monitors.hpp"
#include "core/recorded_run.hpp"
#include "report/format.hpp"
#include "fault_builders.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;
constexpr TimeNs us = ns_per_us;
constexpr ActorIndex b1 = 0;
constexpr ActorIndex b2 = 1;
constexpr ActorIndex client = 2;

// p1 publishes "m" to b1 and b2 at 0, with `retry`.
ScenarioSpec producer_scenario(RetrySpec retry, std::vector<FaultSpec> faults) {
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1"), broker("b2")};
    spec.producers = {producer("p1", {0, 1}, {action(0, OpKind::publish, "t", "m")})};
    spec.producers[0].retry = retry;
    spec.faults = std::move(faults);
    return spec;
}

struct Timeout {
    TimeNs time_ns;
    std::uint32_t attempt;
    Reason reason;
    bool operator==(const Timeout&) const = default;
};

std::vector<Timeout> timeouts_of(const RecordedRun& run) {
    std::vector<Timeout> result;
    for (const Record& record : records_of(run, RecordKind::timeout)) result.push_back({record.time_ns, record.count, record.reason});
    return result;
}

std::vector<TimeNs> times_of(const std::vector<Record>& records) {
    std::vector<TimeNs> result;
    for (const Record& record : records) result.push_back(record.time_ns);
    return result;
}

}  // namespace

TEST_CASE("producer: a lost request is resent after the backoff and acknowledged", "[fault][timeout][producer]") {
    // p1->b1 loses everything until 4 ms. Timeout 3 ms: at 3 ms, resend
    // after 1 ms (4 ms, healed), ack at 6 ms.
    const RecordedRun run(producer_scenario(retry_policy(3 * ms, 2, 1 * ms), {drop(links({client}, {b1}), 1.0, 0, 4 * ms)}),
                          records_only());
    CHECK(timeouts_of(run) == std::vector<Timeout>{{3 * ms, 1, Reason::will_retry}});
    const auto resends = records_of(run, RecordKind::resend);
    REQUIRE(resends.size() == 1);
    CHECK(resends[0].time_ns == 4 * ms);
    CHECK(resends[0].count == 2);  // the attempt it starts
    CHECK(resends[0].target == b1);
    const ProducerStats& stats = run.final_state().producers()[0].stats;
    CHECK(stats.sent == 2);
    CHECK(stats.acked == 2);
    CHECK(stats.failed == 0);
    CHECK(stats.timeouts == 1);
    CHECK(stats.resent == 1);
    CHECK(stats.ack_latency_total_ns == 2 * ms + 6 * ms);  // from the first send
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m"}}});
}

TEST_CASE("producer: doubling backoff, then it gives up and counts a failure", "[fault][timeout][producer]") {
    // Nothing reaches b1. Sends at 0, 4 (after 1 ms), 9 (after 2 ms); timeouts 3 ms after each.
    const RecordedRun run(producer_scenario(retry_policy(3 * ms, 2, 1 * ms, true), {drop(links({client}, {b1}), 1.0, 0, std::nullopt)}),
                          records_only());
    CHECK(timeouts_of(run) == std::vector<Timeout>{{3 * ms, 1, Reason::will_retry},
                                                   {7 * ms, 2, Reason::will_retry},
                                                   {12 * ms, 3, Reason::gave_up}});
    CHECK(times_of(records_of(run, RecordKind::resend)) == std::vector<TimeNs>{4 * ms, 9 * ms});
    CHECK(records_of(run, RecordKind::dropped).size() == 3);
    const ProducerStats& stats = run.final_state().producers()[0].stats;
    CHECK(stats.acked == 1);
    CHECK(stats.failed == 1);
    CHECK(stats.timeouts == 3);
    CHECK(stats.resent == 2);
    CHECK(run.final_state().producers()[0].pending.empty());
}

TEST_CASE("producer: without a timeout a lost write is never noticed", "[fault][timeout][producer]") {
    const RecordedRun run(producer_scenario(RetrySpec{}, {drop(links({client}, {b1}), 1.0, 0, std::nullopt)}), records_only());
    CHECK(records_of(run, RecordKind::timeout).empty());
    const ProducerStats& stats = run.final_state().producers()[0].stats;
    CHECK(stats.acked == 1);
    CHECK(stats.failed == 0);
}

TEST_CASE("producer: a late reply after a resend is stale, and the write was applied twice", "[fault][timeout][producer]") {
    // p1->b1 is 5 ms slower at 0: the publish reaches b1 at 6 ms. Timeout
    // 4 ms, no backoff: resent at 4 ms, FIFO behind the first (6 ms). b1
    // appends "m" twice; the first ack (7 ms) counts, the second is stale.
    const RecordedRun run(producer_scenario(retry_policy(4 * ms, 1), {slow(links({client}, {b1}), 5 * ms, 0, 1 * ms)}),
                          records_only());
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"t", {"m", "m"}}});
    CHECK(dictionary(run.final_state(), 1) == Dictionary{{"t", {"m"}}});
    std::vector<Record> acks;
    for (const Record& record : records_of(run, RecordKind::ack)) {
        if (record.source == b1) acks.push_back(record);
    }
    REQUIRE(acks.size() == 2);
    CHECK(acks[0].reason == Reason::none);
    CHECK(acks[1].reason == Reason::stale_reply);
    // The narrative says it changed nothing.
    CHECK(describe(acks[1], run.final_state()).ends_with("(too late: ignored)"));
    CHECK_FALSE(describe(acks[0], run.final_state()).ends_with("(too late: ignored)"));
    CHECK(run.final_state().producers()[0].stats.acked == 2);  // b1 once, b2 once
    // The duplicate leaves the brokers diverged, and that is visible.
    CHECK(run.monitors().count(MonitorKind::divergence) == 1);
}

TEST_CASE("consumer: a lost claim is resent and the session completes", "[fault][timeout][consumer]") {
    // One broker. Status at 1 ms, reply at 2 ms, claim sent at 2 ms: c1->b1
    // drops everything from 1.5 to 2.5 ms. Timeout 3 ms: resent at 5 ms,
    // granted at 6 ms. (A reply due exactly at the deadline is late: the
    // timer was set first.)
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.consumers[0].retry = retry_policy(3 * ms, 1);
    spec.faults = {drop(links({1}, {b1}), 1.0, 1500 * us, 2500 * us)};
    const RecordedRun run(spec, records_only());
    const auto timeouts = records_of(run, RecordKind::timeout);
    REQUIRE(timeouts.size() == 1);
    CHECK(timeouts[0].time_ns == 5 * ms);
    CHECK(timeouts[0].request == MessageType::claim);
    CHECK(timeouts[0].reason == Reason::will_retry);
    const auto claims = records_of(run, RecordKind::claim_granted);
    REQUIRE(claims.size() == 1);
    CHECK(claims[0].time_ns == 6 * ms);
    const ConsumerStats& stats = run.final_state().consumers()[0].stats;
    CHECK(stats.sessions_completed == 1);
    CHECK(stats.timeouts == 1);
    CHECK(stats.resent == 1);
    CHECK(nothing_held(run.final_state()));
}

TEST_CASE("consumer: with backoff the resend is its own event, and out of retries the session fails", "[fault][timeout][consumer]") {
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.consumers[0].retry = retry_policy(3 * ms, 1, 1 * ms);
    spec.faults = {drop(links({1}, {b1}), 1.0, 1500 * us, std::nullopt)};  // nothing from c1 after the status
    const RecordedRun run(spec, records_only());
    // Claim at 2 ms; timeout 5 ms; resend 6 ms; timeout 9 ms: given up.
    const auto timeouts = records_of(run, RecordKind::timeout);
    REQUIRE(timeouts.size() == 2);
    CHECK(timeouts[0].time_ns == 5 * ms);
    CHECK(timeouts[1].time_ns == 9 * ms);
    CHECK(timeouts[1].reason == Reason::gave_up);
    CHECK(timeouts[1].outcome == SessionOutcome::failed);
    CHECK(times_of(records_of(run, RecordKind::resend)) == std::vector<TimeNs>{6 * ms});
    CHECK(run.final_state().consumers()[0].stats.sessions_failed == 1);
    CHECK(run.final_state().consumers()[0].stage == Stage::idle);
}

TEST_CASE("consumer: giving up while holding a broker leaves it held", "[fault][timeout][consumer]") {
    // The claim is granted at 3 ms but b1->c1 loses everything from then on:
    // c1 gives up (timeout 3 ms, no retries) at 5 ms and b1 stays busy.
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.consumers[0].retry = retry_policy(3 * ms);
    spec.faults = {drop(links({b1}, {1}), 1.0, 2500 * us, std::nullopt)};
    const RecordedRun run(spec, records_only());
    CHECK(run.final_state().consumers()[0].stats.sessions_failed == 1);
    CHECK(run.final_state().brokers()[0].busy);
    CHECK(run.final_state().brokers()[0].holder == 1);
}

TEST_CASE("consumer: a broker silent past the status timeout is skipped", "[fault][timeout][status]") {
    // b2's status reply is 10 ms late (b2->c1 slowed). Timeout 3 ms: at 3 ms
    // c1 decides with b1's answer alone and claims b1; b2's reply at 12 ms is stale.
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))}, PolicyKind::random_idle)};
    spec.consumers[0].retry = retry_policy(3 * ms);
    spec.faults = {slow(links({b2}, {client}), 10 * ms, 0, std::nullopt)};
    const RecordedRun run(spec, records_only());
    const auto skipped = records_of(run, RecordKind::status_timeout);
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].time_ns == 3 * ms);
    CHECK(skipped[0].count == 1);  // one broker skipped
    CHECK(skipped[0].chosen == b1);
    CHECK(skipped[0].reason == Reason::only_idle);
    std::vector<Record> late;
    for (const Record& record : records_of(run, RecordKind::status_reply)) {
        if (record.source == b2) late.push_back(record);
    }
    REQUIRE(late.size() == 1);
    CHECK(late[0].time_ns == 12 * ms);
    CHECK(late[0].reason == Reason::stale_reply);
    CHECK(consumed_brokers(run, 0) == std::vector<std::string>{"b1"});
    CHECK(run.final_state().consumers()[0].stats.timeouts == 1);
}

TEST_CASE("consumer: no broker answers the status in time: refused", "[fault][timeout][status]") {
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    spec.consumers = {consumer("c1", {session(0, named_topic("Hello world"), named_index(0))})};
    spec.consumers[0].retry = retry_policy(3 * ms);
    spec.faults = {partition({{client}, {b1, b2}}, 0, 20 * ms)};
    const RecordedRun run(spec, records_only());
    const auto skipped = records_of(run, RecordKind::status_timeout);
    REQUIRE(skipped.size() == 1);
    CHECK(skipped[0].count == 2);
    CHECK(skipped[0].reason == Reason::none_answered);
    CHECK(skipped[0].outcome == SessionOutcome::refused);
    CHECK(run.final_state().consumers()[0].stats.sessions_refused == 1);
}
