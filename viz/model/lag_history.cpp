// See lag_history.hpp.
#include "model/lag_history.hpp"

#include <algorithm>
#include <cassert>

#include "core/log_stats.hpp"

namespace kafkasim::viz {

LagRecorder::LagRecorder(const Simulation& initial) {
    if (!initial.is_log_model()) return;
    groups_.resize(initial.log_model().groups.size());
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const std::uint64_t lag = group_lag(initial, g).total;
        groups_[g].points.push_back({0, lag});
        groups_[g].lag_max = lag;
    }
}

void LagRecorder::observe(const Simulation& state) {
    const TimeNs now_ns = state.now_ns();
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        GroupLagHistory& out = groups_[g];
        const std::uint64_t lag = group_lag(state, g).total;
        if (lag == out.points.back().lag) continue;
        // Several changes at one instant: the last one stands.
        if (out.points.back().time_ns == now_ns) {
            out.points.back().lag = lag;
            // Back to the value before the instant: the point says nothing new.
            if (out.points.size() > 1 && out.points[out.points.size() - 2].lag == lag) out.points.pop_back();
        } else {
            out.points.push_back({now_ns, lag});
        }
        out.lag_max = std::max(out.lag_max, lag);
    }
}

std::uint64_t lag_at(const GroupLagHistory& history, TimeNs time_ns) {
    const auto after = std::upper_bound(history.points.begin(), history.points.end(), time_ns,
                                        [](TimeNs t, const LagPoint& point) { return t < point.time_ns; });
    return after == history.points.begin() ? 0 : std::prev(after)->lag;
}

void sample_lag_columns(const GroupLagHistory& history, TimeNs begin_ns, TimeNs end_ns, int columns, std::vector<std::uint64_t>& out) {
    out.assign(static_cast<std::size_t>(std::max(columns, 0)), 0);
    if (columns <= 0 || end_ns <= begin_ns) return;
    const double span = static_cast<double>(end_ns - begin_ns);
    const auto column_of = [&](TimeNs t) {
        return std::clamp(static_cast<int>(static_cast<double>(t - begin_ns) / span * columns), 0, columns - 1);
    };
    // The value in force at the window's start, then every change inside it;
    // each value lasts until the next change (the last to the window's end).
    auto point = std::upper_bound(history.points.begin(), history.points.end(), begin_ns,
                                  [](TimeNs t, const LagPoint& p) { return t < p.time_ns; });
    std::uint64_t value = point == history.points.begin() ? 0 : std::prev(point)->lag;
    TimeNs since_ns = begin_ns;
    const auto fill = [&](TimeNs until_ns) {
        const int first = column_of(since_ns);
        const int last = until_ns >= end_ns ? columns - 1 : column_of(until_ns);
        for (int c = first; c <= last; ++c) out[static_cast<std::size_t>(c)] = std::max(out[static_cast<std::size_t>(c)], value);
    };
    for (; point != history.points.end() && point->time_ns < end_ns; ++point) {
        fill(point->time_ns);
        value = point->lag;
        since_ns = point->time_ns;
    }
    fill(end_ns);
}

}  // namespace kafkasim::viz
