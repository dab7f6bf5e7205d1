// See progress.hpp.
#include "report/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace kafkasim {

namespace {

// 48211003 -> "48,211,003": long counts stay readable at a glance.
std::string grouped(std::uint64_t number) {
    std::string digits = std::to_string(number);
    for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
    return digits;
}

std::string rate_text(double events_per_s) {
    char text[32];
    if (events_per_s >= 1e6) {
        std::snprintf(text, sizeof text, "%.1f M events/s", events_per_s / 1e6);
    } else if (events_per_s >= 1e3) {
        std::snprintf(text, sizeof text, "%.1f k events/s", events_per_s / 1e3);
    } else {
        std::snprintf(text, sizeof text, "%.0f events/s", events_per_s);
    }
    return text;
}

std::string percent_text(double fraction) {
    if (fraction < 0) fraction = 0;
    if (fraction > 1) fraction = 1;
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", fraction * 100);
    return text;
}

}  // namespace

bool progress_wanted(const std::ostream& err, bool quiet) {
    if (quiet || &err != &std::cerr) return false;
    if (!isatty(STDERR_FILENO)) return false;
    const char* term = std::getenv("TERM");
    if (term && std::strcmp(term, "dumb") == 0) return false;
    return std::getenv("CI") == nullptr;
}

ProgressLine::ProgressLine(std::ostream& out, ProgressClock clock, double delay_s, double interval_s)
    : out_(out), clock_(std::move(clock)), start_s_(clock_()), delay_s_(delay_s), interval_s_(interval_s) {}

double ProgressLine::elapsed_s() const { return clock_() - start_s_; }

bool ProgressLine::due() {
    const double now_s = clock_();
    if (now_s - start_s_ < delay_s_) return false;
    if (last_drawn_s_ >= 0 && now_s - last_drawn_s_ < interval_s_) return false;
    last_drawn_s_ = now_s;
    return true;
}

void ProgressLine::show(const std::string& text) {
    out_ << '\r' << text << "\x1b[K" << std::flush;
    shown_ = true;
}

void ProgressLine::clear() {
    if (!shown_) return;
    out_ << "\r\x1b[K" << std::flush;
    shown_ = false;
}

std::string progress_text(TimeNs simulated_ns, std::uint64_t events, double events_per_s, std::optional<double> fraction) {
    char simulated[32];
    std::snprintf(simulated, sizeof simulated, "%.3f s", static_cast<double>(simulated_ns) / 1e9);
    std::string text = "kafkasim: ";
    text += simulated;
    text += " simulated \xC2\xB7 " + grouped(events) + " events \xC2\xB7 " + rate_text(events_per_s);
    if (fraction) text += " \xC2\xB7 " + percent_text(*fraction);
    return text;
}

std::string sweep_progress_text(std::uint64_t seeds_done, std::uint64_t seeds_total, std::uint64_t events, double events_per_s) {
    const double fraction = seeds_total == 0 ? 1.0 : static_cast<double>(seeds_done) / static_cast<double>(seeds_total);
    return "kafkasim: seed " + grouped(seeds_done) + " of " + grouped(seeds_total) + " (" + percent_text(fraction) +
           ") \xC2\xB7 " + grouped(events) + " events \xC2\xB7 " + rate_text(events_per_s);
}

void ProgressSink::begin(const Simulation& initial) { until_ns_ = initial.spec().until_ns; }

void ProgressSink::on_event(std::uint64_t event, const Record& record, const Simulation& state,
                            std::span<const Violation> violations) {
    (void)record;
    (void)violations;
    if ((event & 16383) != 16383 || !line_.due()) return;
    const double elapsed_s = line_.elapsed_s();
    const double rate = elapsed_s > 0 ? static_cast<double>(event + 1) / elapsed_s : 0;
    std::optional<double> fraction;
    if (until_ns_ && *until_ns_ > 0) fraction = static_cast<double>(state.now_ns()) / static_cast<double>(*until_ns_);
    line_.show(progress_text(state.now_ns(), event + 1, rate, fraction));
}

void ProgressSink::end(const Simulation& final_state, RunStatus status) {
    (void)final_state;
    (void)status;
    line_.clear();
}

}  // namespace kafkasim
