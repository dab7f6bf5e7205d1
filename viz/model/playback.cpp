// See playback.hpp.
#include "model/playback.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

#include "core/time_math.hpp"

namespace kafkasim::viz {

TimeNs cursor_time_ns(const RecordLog& records, std::size_t cursor) {
    assert(cursor <= records.size());
    return cursor == 0 ? 0 : records[cursor - 1].time_ns;
}

std::size_t events_until(const RecordLog& records, TimeNs time_ns) {
    const auto after = std::upper_bound(records.begin(), records.end(), time_ns,
                                        [](TimeNs t, const Record& record) { return t < record.time_ns; });
    return static_cast<std::size_t>(after - records.begin());
}

void seek_event(Playback& playback, const RecordLog& records, std::size_t cursor) {
    playback.cursor = std::min(cursor, records.size());
    playback.clock_ns = cursor_time_ns(records, playback.cursor);
}

void seek_time(Playback& playback, const RecordLog& records, TimeNs time_ns) {
    playback.clock_ns = std::max<TimeNs>(time_ns, 0);
    playback.cursor = events_until(records, playback.clock_ns);
}

void step_forward(Playback& playback, const RecordLog& records) {
    if (playback.cursor < records.size()) seek_event(playback, records, playback.cursor + 1);
}

void step_backward(Playback& playback, const RecordLog& records) {
    if (playback.cursor > 0) seek_event(playback, records, playback.cursor - 1);
}

bool EventMatch::matches(const Record& record) const {
    if (actor != no_actor && record.source != actor && record.target != actor) return false;
    if (!kind) return true;
    const auto is_delete = [](RecordKind k) { return k == RecordKind::delete_topic || k == RecordKind::delete_message; };
    if (is_delete(*kind)) return is_delete(record.kind);
    return record.kind == *kind;
}

std::optional<std::size_t> next_match(const RecordLog& records, std::size_t cursor, const EventMatch& match) {
    // records[cursor] is the first event not yet applied.
    for (std::size_t i = cursor; i < records.size(); ++i) {
        if (match.matches(records[i])) return i + 1;
    }
    return std::nullopt;
}

std::optional<std::size_t> previous_match(const RecordLog& records, std::size_t cursor, const EventMatch& match) {
    // records[cursor - 1] is current; look strictly before it.
    for (std::size_t i = cursor > 0 ? cursor - 1 : 0; i-- > 0;) {
        if (match.matches(records[i])) return i + 1;
    }
    return std::nullopt;
}

void advance(Playback& playback, const RecordLog& records, double wall_elapsed_s, bool quiet) {
    if (!playback.playing) return;
    if (playback.cursor >= records.size()) {
        playback.playing = false;
        return;
    }
    const double step_ns = playback.speed_ns_per_s * std::max(wall_elapsed_s, 0.0);
    // Saturate rather than overflow on absurd speeds.
    const TimeNs step_whole_ns = step_ns >= 9e18 ? TimeNs{9'000'000'000'000'000'000} : static_cast<TimeNs>(step_ns);
    // Near the end of time the clock stops at time_max_ns instead of wrapping
    // to a negative time.
    TimeNs clock_ns = saturating_add_time(playback.clock_ns, std::max<TimeNs>(step_whole_ns, 1));
    const TimeNs next_ns = records[playback.cursor].time_ns;
    if (quiet && playback.skip_quiet) {
        const TimeNs gap_max_ns = static_cast<TimeNs>(playback.speed_ns_per_s * playback.quiet_gap_max_s);
        if (next_ns - clock_ns > gap_max_ns) clock_ns = next_ns - gap_max_ns;
    }
    playback.clock_ns = clock_ns;
    playback.cursor = std::max(playback.cursor, events_until(records, clock_ns));
    if (playback.cursor >= records.size()) {
        playback.cursor = records.size();
        playback.clock_ns = cursor_time_ns(records, playback.cursor);
        playback.playing = false;
    }
}

double default_speed_ns_per_s(const RecordLog& records, double hop_wall_s) {
    assert(hop_wall_s > 0);
    // Arrivals at a broker carry their send time: their difference is the hop.
    std::vector<TimeNs> hops_ns;
    for (const Record& record : records) {
        if (record.kind > RecordKind::release) continue;
        if (record.time_ns > record.sent_ns) hops_ns.push_back(record.time_ns - record.sent_ns);
        if (hops_ns.size() >= 4096) break;  // bounded: a sample is enough
    }
    double hop_ns = 1e6;  // no network delay at all: 1ms per wall second
    if (!hops_ns.empty()) {
        std::nth_element(hops_ns.begin(), hops_ns.begin() + static_cast<std::ptrdiff_t>(hops_ns.size() / 2), hops_ns.end());
        hop_ns = static_cast<double>(hops_ns[hops_ns.size() / 2]);
    }
    return std::clamp(hop_ns / hop_wall_s, speed_ns_per_s_min, speed_ns_per_s_max);
}

}  // namespace kafkasim::viz
