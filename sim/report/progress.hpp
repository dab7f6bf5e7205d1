// The progress line of long headless runs (`kafkasim run`, `check`,
// `sweep`): after about two seconds of wall time, one line on the terminal,
// redrawn in place a few times a second, erased when the run ends, e.g.
//   kafkasim: 12.5 s simulated · 48,211,003 events · 8.3 M events/s · 41%
// It is for people watching a terminal: the commands create it only when
// stderr is a terminal and -q was not given (progress_wanted), so it never
// reaches pipes, files or CI logs. Wall time only decides when the line is
// drawn; it never reaches a result (the run's outputs stay deterministic).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "core/event_sink.hpp"

namespace kafkasim {

// Whether a command shows the progress line: `err` is the process's stderr
// (std::cerr), stderr is a terminal, TERM is not "dumb", CI is not set, and
// the user did not ask for quiet.
bool progress_wanted(const std::ostream& err, bool quiet);

// Wall-clock seconds since some fixed instant. The library reads no clock
// itself: the commands pass the steady clock (cli/progress_clock.hpp), tests
// their own.
using ProgressClock = std::function<double()>;

// The terminal line: draws text in place ("\r" + text + erase to the end of
// the line) once `delay_s` have passed since construction, at most every
// `interval_s`; clear() erases it if it was ever drawn.
class ProgressLine {
public:
    ProgressLine(std::ostream& out, ProgressClock clock, double delay_s = 2.0, double interval_s = 0.25);
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // True when a (re)draw is due now; reads the clock.
    bool due();
    void show(const std::string& text);
    void clear();
    // Seconds since construction (by the clock).
    double elapsed_s() const;
    bool shown() const { return shown_; }

private:
    std::ostream& out_;
    ProgressClock clock_;
    double start_s_;
    double delay_s_;
    double interval_s_;
    double last_drawn_s_ = -1;
    bool shown_ = false;
};

// "12.5 s simulated · 48,211,003 events · 8.3 M events/s · 41%": the run's
// line. `fraction` in [0, 1] when the run's end is known (until), else none.
std::string progress_text(TimeNs simulated_ns, std::uint64_t events, double events_per_s, std::optional<double> fraction);
// "seed 45 of 200 (22%) · 3,100,221 events · 8.1 M events/s": a sweep's line.
std::string sweep_progress_text(std::uint64_t seeds_done, std::uint64_t seeds_total, std::uint64_t events, double events_per_s);

// The run's progress line as a sink: looks at the clock every 16,384
// events (a cheap counter test per event), draws progress_text, and erases
// the line at the end of the run.
class ProgressSink : public EventSink {
public:
    explicit ProgressSink(ProgressLine& line) : line_(line) {}
    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    void end(const Simulation& final_state, RunStatus status) override;

private:
    ProgressLine& line_;
    std::optional<TimeNs> until_ns_;
};

}  // namespace kafkasim
