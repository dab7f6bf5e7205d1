// Consumer sessions that cannot finish: the named topic is missing, the index
// is out of range, or a producer deletes the topic (or the message) between
// the listing and the reading. The session ends failed, the error is
// recorded, and the broker is released: nothing stays busy.
//
// Timeline (latency 1 ms, service 0, choose_time 10 ms): claimed at 3 ms,
// topics listed at 5 ms (reply 6), topic chosen at 16, read at 17 (reply 18),
// index chosen at 28, message read at 29 (reply 30), released at 31.
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

ScenarioSpec single_session(ChoiceSpec topic, ChoiceSpec index, std::vector<ProducerActionSpec> writes = {},
                            std::vector<TopicSpec> topics = original_topics()) {
    ScenarioSpec spec = base_scenario(6);
    spec.brokers = {broker("b1", 0, std::move(topics))};
    if (!writes.empty()) spec.producers = {producer("p1", {0}, std::move(writes))};
    ConsumerSpec c1 = consumer("c1", {session(0, std::move(topic), std::move(index))});
    c1.choose_time = DistributionSpec::constant(10 * ms);
    spec.consumers = {c1};
    return spec;
}

struct Failure {
    RecordKind where;  // the record that detected it
    Reason reason;
    TimeNs detected_ns;
    TimeNs ended_ns;   // release answered
};

Failure failure_of(const RecordedRun& run) {
    Failure failure{RecordKind::retry, Reason::none, -1, -1};
    for (const Record& record : run.records()) {
        if (record.reason == Reason::missing_topic || record.reason == Reason::missing_index ||
            record.reason == Reason::no_topics || record.reason == Reason::no_messages) {
            failure.where = record.kind;
            failure.reason = record.reason;
            failure.detected_ns = record.time_ns;
        }
        if (record.outcome == SessionOutcome::failed) failure.ended_ns = record.time_ns;
    }
    return failure;
}

void check_failed_and_released(const RecordedRun& run) {
    const Simulation& state = run.final_state();
    const ConsumerStats& stats = state.consumers()[0].stats;
    CHECK(stats.sessions_started == 1);
    CHECK(stats.sessions_failed == 1);
    CHECK(stats.sessions_completed == 0);
    CHECK(state.consumers()[0].consumed.empty());
    CHECK(records_of(run, RecordKind::released).size() == 1);
    CHECK(nothing_held(state));
}

}  // namespace

TEST_CASE("session error: the named topic does not exist", "[consumer][session_error]") {
    const RecordedRun run(single_session(named_topic("Nope"), named_index(0)), records_only());
    check_failed_and_released(run);
    const Failure failure = failure_of(run);
    CHECK(failure.where == RecordKind::topic_chosen);
    CHECK(failure.reason == Reason::missing_topic);
    CHECK(failure.detected_ns == 16 * ms);
    CHECK(failure.ended_ns == 18 * ms);  // release sent at 16, answered at 18
    CHECK(records_of(run, RecordKind::get_topic).empty());
}

TEST_CASE("session error: the named index is out of range", "[consumer][session_error]") {
    for (const std::int64_t index : {std::int64_t{3}, std::int64_t{-1}, std::int64_t{1000}}) {
        INFO("index " << index);
        const RecordedRun run(single_session(named_topic("Hello world"), named_index(index)), records_only());
        check_failed_and_released(run);
        const Failure failure = failure_of(run);
        CHECK(failure.where == RecordKind::index_chosen);
        CHECK(failure.reason == Reason::missing_index);
        CHECK(failure.detected_ns == 28 * ms);
        CHECK(failure.ended_ns == 30 * ms);
        CHECK(records_of(run, RecordKind::get_message).empty());
    }
}

TEST_CASE("session error: the topic is deleted between listing and reading", "[consumer][session_error]") {
    // Listed at 5 ms; p1 deletes it at 8 ms (applied at 9 ms); c1 asks for it
    // at 17 ms: unknown topic.
    const RecordedRun run(single_session(named_topic("Ciao mondo"), choice(ChoiceSpec::Kind::first),
                                         {action(8 * ms, OpKind::delete_topic, "Ciao mondo")}),
                          records_only());
    check_failed_and_released(run);
    const Failure failure = failure_of(run);
    CHECK(failure.where == RecordKind::get_topic_reply);
    CHECK(failure.reason == Reason::missing_topic);
    CHECK(failure.detected_ns == 18 * ms);
    CHECK(failure.ended_ns == 20 * ms);
    const auto rejected = records_of(run, RecordKind::rejected);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].request == MessageType::get_topic);
    CHECK(rejected[0].error == ErrorCode::unknown_topic);
    // The write went through although c1 held the broker: busy only refuses claims.
    CHECK(run.final_state().producers()[0].stats.acked == 1);
}

TEST_CASE("session error: the message is deleted between reading the topic and the message", "[consumer][session_error]") {
    // Topic read at 17 ms (3 messages); p1 deletes index 0 at 20 ms; c1 asks
    // for index 2 at 29 ms: out of range.
    const RecordedRun run(single_session(named_topic("Ciao mondo"), choice(ChoiceSpec::Kind::last),
                                         {action(20 * ms, OpKind::delete_message, "Ciao mondo", "", 0)}),
                          records_only());
    check_failed_and_released(run);
    const Failure failure = failure_of(run);
    CHECK(failure.where == RecordKind::get_message_reply);
    CHECK(failure.reason == Reason::missing_index);
    CHECK(failure.detected_ns == 30 * ms);
    CHECK(failure.ended_ns == 32 * ms);
    const auto rejected = records_of(run, RecordKind::rejected);
    REQUIRE(rejected.size() == 1);
    CHECK(rejected[0].error == ErrorCode::index_out_of_range);
}

TEST_CASE("session error: the topic is deleted between reading it and getting the message", "[consumer][session_error]") {
    const RecordedRun run(single_session(named_topic("Ciao mondo"), named_index(0),
                                         {action(20 * ms, OpKind::delete_topic, "Ciao mondo")}),
                          records_only());
    check_failed_and_released(run);
    const Failure failure = failure_of(run);
    CHECK(failure.where == RecordKind::get_message_reply);
    CHECK(failure.reason == Reason::missing_topic);
}

TEST_CASE("session error: an empty broker or an empty topic", "[consumer][session_error]") {
    {
        const RecordedRun run(single_session(choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random), {}, {}),
                              records_only());
        check_failed_and_released(run);
        CHECK(failure_of(run).reason == Reason::no_topics);
    }
    {
        const RecordedRun run(single_session(choice(ChoiceSpec::Kind::first), choice(ChoiceSpec::Kind::last), {},
                                             {{"empty", {}}}),
                              records_only());
        check_failed_and_released(run);
        CHECK(failure_of(run).reason == Reason::no_messages);
    }
}

TEST_CASE("session error: a failed session does not stop the next one", "[consumer][session_error]") {
    ScenarioSpec spec = single_session(named_topic("Nope"), named_index(0));
    spec.consumers[0].sessions.push_back(session(1 * ms, named_topic("Hola mundo"), named_index(1)));  // queued behind
    const RecordedRun run(spec, records_only());
    const Consumer& c1 = run.final_state().consumers()[0];
    CHECK(c1.stats.sessions_started == 2);
    CHECK(c1.stats.sessions_failed == 1);
    CHECK(c1.stats.sessions_completed == 1);
    REQUIRE(c1.consumed.size() == 1);
    CHECK(text_of(run, c1.consumed[0].text) == "mensaje 2");
    // The second session was queued while the first ran, then started at 18 ms.
    const auto starts = records_of(run, RecordKind::session_start);
    REQUIRE(starts.size() == 3);
    CHECK((starts[1].flags & record_flag::queued) != 0);
    CHECK(starts[2].time_ns == 18 * ms);
    CHECK(nothing_held(run.final_state()));
}
