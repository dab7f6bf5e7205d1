// Each broker's busy/idle and down spans and queue length along the whole run, for the
// "Over time" strip chart. Built once by one forward pass over the recorded
// run (replaying it and watching the brokers after every event), stored as
// change points only, and drawn through `sample_columns`, which reduces any
// time window to one summary per pixel column so a million-event run draws
// as cheaply as a small one.
#pragma once

#include <cstdint>
#include <vector>

#include "core/recorded_run.hpp"
#include "model/lag_history.hpp"

namespace kafkasim::viz {

struct HeldSpan {  // the broker was busy (claimed) by `holder` during [begin, end)
    TimeNs begin_ns = 0;
    TimeNs end_ns = 0;
    ActorId holder = no_actor;
};

struct DownSpan {  // the broker was down (crashed, not yet restarted) during [begin, end)
    TimeNs begin_ns = 0;
    TimeNs end_ns = 0;
};

struct QueuePoint {  // from time_ns on, `length` requests wait in the queue
    TimeNs time_ns = 0;
    std::uint32_t length = 0;
};

struct BrokerHistory {
    std::vector<HeldSpan> held;      // sorted, disjoint
    std::vector<DownSpan> down;      // sorted, disjoint
    std::vector<QueuePoint> queue;   // sorted by time; first point at time 0
    std::uint32_t queue_length_max = 0;
};

struct RunHistory {
    std::vector<BrokerHistory> brokers;
    std::vector<GroupLagHistory> groups;  // the log model: each consumer group's lag (empty otherwise)
    TimeNs end_ns = 0;  // the last event's time (the chart's right edge)
};

// One forward pass: replays the run once (cost: one simulation of the run),
// watching the brokers and, in the log model, the groups' lag.
RunHistory build_run_history(const RecordedRun& run);

// The broker's busy state and queue length in force at time_ns, i.e. after
// every event at or before it (what the chart shows under the cursor).
struct BrokerAt {
    bool down = false;
    bool busy = false;
    ActorId holder = no_actor;
    std::uint32_t queue_length = 0;
};
BrokerAt broker_at(const BrokerHistory& history, TimeNs time_ns);

// One pixel column of the chart over [begin, end).
struct HistoryColumn {
    float busy_fraction = 0;          // share of the column's time the broker was held
    float down_fraction = 0;          // share of the column's time the broker was down
    ActorId main_holder = no_actor;   // who held it longest within the column
    std::uint32_t queue_length_max = 0;
};

// Splits [begin_ns, end_ns) into `columns` equal parts and summarizes each
// (out is resized; its capacity is reused). Linear in the change points inside
// the window plus the columns.
void sample_columns(const BrokerHistory& history, TimeNs begin_ns, TimeNs end_ns, int columns,
                    std::vector<HistoryColumn>& out);

}  // namespace kafkasim::viz
