// The progress line of long headless runs: drawn only after the delay, at
// most every interval, erased at the end, never for streams that are not
// the process's stderr or with -q; its text over a table of cases; and the
// sink over real runs with a fake clock (the run's outputs do not change).
#include <catch2/catch.hpp>

#include <iostream>
#include <sstream>
#include <string>

#include "core/stream.hpp"
#include "report/progress.hpp"
#include "report/trace_sink.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// A clock that advances `step_s` each time it is read.
ProgressClock ticking(double step_s) {
    auto now = std::make_shared<double>(0);
    return [now, step_s] { return *now += step_s; };
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
    return count;
}

}  // namespace

TEST_CASE("progress: only the process's stderr on a terminal, never with -q", "[progress]") {
    std::ostringstream out;
    CHECK_FALSE(progress_wanted(out, false));
    CHECK_FALSE(progress_wanted(out, true));
    CHECK_FALSE(progress_wanted(std::cerr, true));
    // ctest runs with stderr in a pipe: not a terminal.
    CHECK_FALSE(progress_wanted(std::cerr, false));
}

TEST_CASE("progress: the line waits for the delay, is rate limited, and is erased", "[progress]") {
    std::ostringstream out;
    {
        ProgressLine line(out, ticking(0.1), 2.0, 0.25);
        int drawn = 0;
        for (int i = 0; i < 100; ++i) {
            if (line.due()) {
                line.show("x" + std::to_string(i));
                ++drawn;
            }
        }
        // 100 reads of 0.1 s: nothing during the first 2 s, then at most one
        // draw per 0.25 s (every third read).
        CHECK(drawn >= 20);
        CHECK(drawn <= 30);
        CHECK(out.str().rfind("\r", 0) == 0);
    }
    CHECK(out.str().substr(out.str().size() - 4) == "\r\x1b[K");

    std::ostringstream quiet;
    {
        ProgressLine line(quiet, ticking(0.001), 2.0, 0.25);
        for (int i = 0; i < 100; ++i) CHECK_FALSE(line.due());
    }
    CHECK(quiet.str().empty());  // never drawn: nothing to erase either
}

TEST_CASE("progress: texts", "[progress]") {
    CHECK(progress_text(12'500'000'000, 48'211'003, 8.31e6, 0.41) ==
          "kafkasim: 12.500 s simulated \xC2\xB7 48,211,003 events \xC2\xB7 8.3 M events/s \xC2\xB7 41%");
    CHECK(progress_text(0, 999, 999, std::nullopt) == "kafkasim: 0.000 s simulated \xC2\xB7 999 events \xC2\xB7 999 events/s");
    CHECK(progress_text(1, 1000, 1500, 1.7) == "kafkasim: 0.000 s simulated \xC2\xB7 1,000 events \xC2\xB7 1.5 k events/s \xC2\xB7 100%");
    CHECK(sweep_progress_text(45, 200, 3'100'221, 8.1e6) ==
          "kafkasim: seed 45 of 200 (22%) \xC2\xB7 3,100,221 events \xC2\xB7 8.1 M events/s");
    CHECK(sweep_progress_text(0, 0, 0, 0) == "kafkasim: seed 0 of 0 (100%) \xC2\xB7 0 events \xC2\xB7 0 events/s");
}

TEST_CASE("progress: the sink draws while a run streams and leaves its outputs alone", "[progress]") {
    for (const bool with_until : {false, true}) {
        ScenarioSpec spec = random_workload(3);
        for (ProducerSpec& producer : spec.producers) producer.workload->count *= 20;
        for (ConsumerSpec& consumer : spec.consumers) consumer.workload->count *= 20;
        if (with_until) spec.until_ns = 4 * ns_per_s;
        // The trace without a progress line...
        StreamedRun plain(spec, 10'000'000);
        TraceSink::Options fingerprint_only;
        fingerprint_only.fingerprint = true;
        TraceSink plain_trace(fingerprint_only);
        EventSink* plain_sinks[] = {&plain_trace};
        plain.run(plain_sinks);
        // ... and with one, on a clock that makes every check due.
        std::ostringstream terminal;
        ProgressLine line(terminal, ticking(1.0), 0.0, 0.0);
        ProgressSink progress(line);
        StreamedRun shown(spec, 10'000'000);
        TraceSink shown_trace(fingerprint_only);
        EventSink* shown_sinks[] = {&shown_trace, &progress};
        shown.run(shown_sinks);
        CHECK(shown_trace.fingerprint() == plain_trace.fingerprint());
        REQUIRE(shown.event_count() > 16384);
        // One draw per 16,384 events, then the erase.
        CHECK(count_of(terminal.str(), "kafkasim: ") == shown.event_count() / 16384);
        CHECK(count_of(terminal.str(), "%") == (with_until ? shown.event_count() / 16384 : 0));
        CHECK(terminal.str().substr(terminal.str().size() - 4) == "\r\x1b[K");
        CHECK_FALSE(line.shown());
    }
}
