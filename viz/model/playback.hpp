// Playback state of the visualizer (cursor, play clock, speed) and the moves
// on it: step, seek by event or time, jump to the next event of an actor or
// kind, and advancing the clock while playing. It lives in the viz, never in
// the model: the recorded run stays read-only and the cursor only says which
// state to show.
//
// Cursor convention: `cursor` = events applied. 0 is the initial state; the
// "current event" is records[cursor - 1] (none at 0); cursor == event count is
// the final state. `--event N` and the "#N" of the event log use the same
// numbers.
#pragma once

#include <cstddef>
#include <optional>

#include "core/recorder.hpp"

namespace kafkasim::viz {

struct Playback {
    std::size_t cursor = 0;     // events applied
    TimeNs clock_ns = 0;        // displayed simulated time; between events while playing
    bool playing = false;
    double speed_ns_per_s = 1e6;  // simulated nanoseconds per wall-clock second
    // While nothing is in flight, a gap between events plays in at most this
    // much wall time, so quiet stretches (a consumer "thinking") do not stall.
    bool skip_quiet = true;
    double quiet_gap_max_s = 0.3;
};

// The speed range the UI offers (logarithmic slider).
constexpr double speed_ns_per_s_min = 1e3;    // 1us per second
constexpr double speed_ns_per_s_max = 1e11;   // 100s per second

// Time of the state after `cursor` events: the last applied event's time.
TimeNs cursor_time_ns(const RecordLog& records, std::size_t cursor);
// Events whose time is <= time_ns (records are in time order).
std::size_t events_until(const RecordLog& records, TimeNs time_ns);

void seek_event(Playback& playback, const RecordLog& records, std::size_t cursor);
void seek_time(Playback& playback, const RecordLog& records, TimeNs time_ns);
void step_forward(Playback& playback, const RecordLog& records);
void step_backward(Playback& playback, const RecordLog& records);

// What "jump to next/previous" looks for; unset fields match anything.
struct EventMatch {
    ActorId actor = no_actor;          // as source or target
    std::optional<RecordKind> kind;    // delete_topic also matches delete_message
    bool matches(const Record& record) const;
};
// The cursor that makes the next (previous) matching event current, or empty.
std::optional<std::size_t> next_match(const RecordLog& records, std::size_t cursor, const EventMatch& match);
std::optional<std::size_t> previous_match(const RecordLog& records, std::size_t cursor, const EventMatch& match);

// Advances the clock by wall_elapsed_s of real time at the playback speed and
// applies every event up to the clock; stops playing at the end of the run.
// `quiet`: nothing is in flight now (enables the quiet-gap skip).
void advance(Playback& playback, const RecordLog& records, double wall_elapsed_s, bool quiet);

// A speed at which a typical network hop takes about `hop_wall_s` of wall
// time: the median delivery latency of the run's first arrivals.
double default_speed_ns_per_s(const RecordLog& records, double hop_wall_s = 0.8);

}  // namespace kafkasim::viz
