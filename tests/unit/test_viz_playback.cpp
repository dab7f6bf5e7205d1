// The visualizer's playback: cursor moves, seeking by time, playing with the
// clock and the quiet-gap skip, and jumps to the next/previous event of an
// actor or kind. Synthetic records: no simulation needed.
#include <catch2/catch.hpp>

#include "model/playback.hpp"

namespace kafkasim::viz {
namespace {

void add(RecordLog& log, TimeNs time_ns, RecordKind kind, ActorId source, ActorId target, TimeNs sent_ns = -1) {
    Record& record = log.append();
    record.time_ns = time_ns;
    record.sent_ns = sent_ns < 0 ? time_ns : sent_ns;
    record.kind = kind;
    record.source = source;
    record.target = target;
}

// Actors: 0 b1, 1 p1, 2 c1. Times in ms.
RecordLog sample_records() {
    RecordLog log;
    add(log, 0 * ns_per_ms, RecordKind::session_start, 2, no_actor);
    add(log, 1 * ns_per_ms, RecordKind::status, 2, 0, 0);
    add(log, 1 * ns_per_ms, RecordKind::status_reported, 2, 0);
    add(log, 2 * ns_per_ms, RecordKind::status_reply, 0, 2, 1 * ns_per_ms);
    add(log, 100 * ns_per_ms, RecordKind::produce, 1, no_actor);
    add(log, 101 * ns_per_ms, RecordKind::publish, 1, 0, 100 * ns_per_ms);
    add(log, 101 * ns_per_ms, RecordKind::published, 1, 0);
    add(log, 102 * ns_per_ms, RecordKind::ack, 0, 1, 101 * ns_per_ms);
    return log;
}

TEST_CASE("viz playback: steps and seeks clamp to the run", "[viz][playback]") {
    const RecordLog records = sample_records();
    Playback playback;
    step_backward(playback, records);
    CHECK(playback.cursor == 0);
    CHECK(playback.clock_ns == 0);
    step_forward(playback, records);
    step_forward(playback, records);
    CHECK(playback.cursor == 2);
    CHECK(playback.clock_ns == 1 * ns_per_ms);
    seek_event(playback, records, 100);
    CHECK(playback.cursor == records.size());
    CHECK(playback.clock_ns == 102 * ns_per_ms);
    step_forward(playback, records);
    CHECK(playback.cursor == records.size());
    step_backward(playback, records);
    CHECK(playback.cursor == records.size() - 1);
    CHECK(playback.clock_ns == 101 * ns_per_ms);
}

TEST_CASE("viz playback: seeking a time applies every event at or before it", "[viz][playback]") {
    const RecordLog records = sample_records();
    Playback playback;
    seek_time(playback, records, 1 * ns_per_ms);
    CHECK(playback.cursor == 3);  // both events at 1ms
    CHECK(playback.clock_ns == 1 * ns_per_ms);
    seek_time(playback, records, 1 * ns_per_ms - 1);
    CHECK(playback.cursor == 1);
    seek_time(playback, records, 50 * ns_per_ms);
    CHECK(playback.cursor == 4);
    CHECK(playback.clock_ns == 50 * ns_per_ms);  // between events: dots interpolate here
    seek_time(playback, records, -5);
    CHECK(playback.cursor == 1);                 // the event at 0 is applied at time 0
    CHECK(events_until(records, 1'000 * ns_per_ms) == records.size());
}

TEST_CASE("viz playback: playing advances the clock at the chosen speed", "[viz][playback]") {
    const RecordLog records = sample_records();
    Playback playback;
    playback.speed_ns_per_s = 1e6;  // 1ms per second
    playback.skip_quiet = false;
    playback.playing = true;
    advance(playback, records, 0.5, false);
    CHECK(playback.clock_ns == 500 * ns_per_us);
    CHECK(playback.cursor == 1);
    advance(playback, records, 1.0, false);
    CHECK(playback.clock_ns == 1500 * ns_per_us);
    CHECK(playback.cursor == 3);
    SECTION("paused: nothing moves") {
        playback.playing = false;
        advance(playback, records, 10.0, false);
        CHECK(playback.clock_ns == 1500 * ns_per_us);
    }
    SECTION("a quiet gap plays in at most quiet_gap_max_s") {
        playback.skip_quiet = true;
        advance(playback, records, 1.0, false);  // to 2.5ms
        CHECK(playback.cursor == 4);
        advance(playback, records, 0.01, true);  // nothing in flight; next event at 100ms
        CHECK(playback.clock_ns == 100 * ns_per_ms - static_cast<TimeNs>(1e6 * playback.quiet_gap_max_s));
        CHECK(playback.cursor == 4);
        advance(playback, records, playback.quiet_gap_max_s, true);
        CHECK(playback.cursor == 5);
    }
    SECTION("playing stops at the end, on the last event") {
        playback.speed_ns_per_s = 1e9;
        advance(playback, records, 1.0, false);
        CHECK(playback.cursor == records.size());
        CHECK_FALSE(playback.playing);
        CHECK(playback.clock_ns == 102 * ns_per_ms);
    }
}

TEST_CASE("viz playback: jumps to the next and previous event of an actor or kind", "[viz][playback]") {
    const RecordLog records = sample_records();
    EventMatch broker_events;
    broker_events.actor = 0;
    CHECK(next_match(records, 0, broker_events) == std::optional<std::size_t>(2));
    CHECK(next_match(records, 2, broker_events) == std::optional<std::size_t>(3));
    CHECK(previous_match(records, 3, broker_events) == std::optional<std::size_t>(2));
    CHECK(previous_match(records, 2, broker_events) == std::nullopt);

    EventMatch publishes;
    publishes.kind = RecordKind::published;
    CHECK(next_match(records, 0, publishes) == std::optional<std::size_t>(7));
    CHECK(next_match(records, 7, publishes) == std::nullopt);
    CHECK(previous_match(records, records.size(), publishes) == std::optional<std::size_t>(7));

    EventMatch producer_acks;
    producer_acks.actor = 1;
    producer_acks.kind = RecordKind::ack;
    CHECK(next_match(records, 0, producer_acks) == std::optional<std::size_t>(8));
    EventMatch everything;
    CHECK(next_match(records, 3, everything) == std::optional<std::size_t>(4));
    CHECK(previous_match(records, 0, everything) == std::nullopt);
}

TEST_CASE("viz playback: the default speed makes a network hop last about a second", "[viz][playback]") {
    const RecordLog records = sample_records();
    // The arrivals in the sample took 1ms each.
    CHECK(default_speed_ns_per_s(records, 1.0) == Approx(1e6));
    CHECK(default_speed_ns_per_s(RecordLog{}, 1.0) == Approx(1e6));
}

}  // namespace
}  // namespace kafkasim::viz
