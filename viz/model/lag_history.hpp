// Each consumer group's lag along the whole run (the log model), for the
// Over time chart's lag lanes: the sum over the group's partitions of the
// log end offset minus the group's committed offset (group_lag, the same
// rule the stats and the lag_above monitor use), taken from the state after
// every event of one forward replay (build_run_history's), stored as change
// points only, and reduced to one value per pixel column like the brokers'
// lanes.
#pragma once

#include <cstdint>
#include <vector>

#include "core/simulation.hpp"

namespace kafkasim::viz {

struct LagPoint {  // from time_ns on, the group's lag is `lag` records
    TimeNs time_ns = 0;
    std::uint64_t lag = 0;
};

struct GroupLagHistory {
    std::vector<LagPoint> points;  // sorted by time, first at time 0; at most one per instant (the last state of it)
    std::uint64_t lag_max = 0;
};

// Fed the state before the first event, then after every event, in order.
class LagRecorder {
public:
    explicit LagRecorder(const Simulation& initial);
    void observe(const Simulation& state);
    std::vector<GroupLagHistory> take() { return std::move(groups_); }

private:
    std::vector<GroupLagHistory> groups_;  // empty in the dictionary model
};

// The lag in force at time_ns (after every event at or before it).
std::uint64_t lag_at(const GroupLagHistory& history, TimeNs time_ns);

// The largest lag within each of `columns` equal parts of [begin_ns, end_ns)
// (the value in force at a column's start counts). out is resized.
void sample_lag_columns(const GroupLagHistory& history, TimeNs begin_ns, TimeNs end_ns, int columns, std::vector<std::uint64_t>& out);

}  // namespace kafkasim::viz
