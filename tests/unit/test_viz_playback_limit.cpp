// The viz's playback clock near the end of simulated time (time_max_ns, 292
// years): over many random runs whose events crowd the limit, random speeds
// and frame times, playing never moves the clock backwards, below 0 or past
// the last event, and never wraps (the header showed
// "t = -8979464073709.++/ms").
#include <catch2/catch.hpp>

#include "core/prng.hpp"
#include "core/time_math.hpp"
#include "model/playback.hpp"

namespace kafkasim::viz {

TEST_CASE("viz playback: the clock saturates at the end of time instead of wrapping", "[viz][playback][time]") {
    Prng prng(11);
    for (int run = 0; run < 300; ++run) {
        // Event times: increasing, the last ones within a few ns of time_max_ns.
        RecordLog records;
        TimeNs time_ns = static_cast<TimeNs>(prng.below(static_cast<std::uint64_t>(time_max_ns)));
        const std::uint64_t count = 1 + prng.below(8);
        for (std::uint64_t i = 0; i < count; ++i) {
            Record& record = records.append();
            record.time_ns = time_ns;
            record.sent_ns = time_ns;
            record.kind = RecordKind::produce;
            record.source = 1;
            const TimeNs room_ns = time_max_ns - time_ns;
            time_ns += room_ns == 0 ? 0 : static_cast<TimeNs>(prng.below(static_cast<std::uint64_t>(room_ns)) + 1);
        }
        Playback playback;
        playback.speed_ns_per_s = prng.below(2) == 0 ? speed_ns_per_s_max : 1e18 * (1 + static_cast<double>(prng.below(17)));
        playback.skip_quiet = prng.below(2) == 0;
        seek_event(playback, records, prng.below(count + 1));
        playback.playing = true;
        for (int frame = 0; frame < 200 && playback.playing; ++frame) {
            const TimeNs clock_before_ns = playback.clock_ns;
            const std::size_t cursor_before = playback.cursor;
            advance(playback, records, static_cast<double>(prng.below(1000)) / 100.0, prng.below(2) == 0);
            REQUIRE(playback.clock_ns >= clock_before_ns);
            REQUIRE(playback.clock_ns >= 0);
            REQUIRE(playback.cursor >= cursor_before);
            REQUIRE(playback.cursor <= records.size());
        }
        REQUIRE(playback.clock_ns <= records.back().time_ns);
    }
}

}  // namespace kafkasim::viz
