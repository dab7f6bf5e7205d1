// See broker_history.hpp.
#include "model/broker_history.hpp"

#include <algorithm>
#include <cassert>

namespace kafkasim::viz {

RunHistory build_run_history(const RecordedRun& run) {
    Simulation state = run.state_after(0);
    const std::size_t broker_count = state.brokers().size();
    RunHistory history;
    history.brokers.resize(broker_count);
    std::vector<TimeNs> held_since_ns(broker_count, 0);
    std::vector<ActorId> holder(broker_count, no_actor);
    std::vector<TimeNs> down_since_ns(broker_count, 0);
    std::vector<bool> down(broker_count, false);
    for (std::size_t b = 0; b < broker_count; ++b) {
        const Broker& broker = state.brokers()[b];
        down[b] = !broker.up;
        history.brokers[b].queue.push_back({0, broker.queue.size()});
        history.brokers[b].queue_length_max = broker.queue.size();
        if (broker.busy) holder[b] = broker.holder;
    }
    LagRecorder lag(state);
    const std::size_t event_count = run.event_count();
    for (std::size_t i = 0; i < event_count; ++i) {
        const bool stepped = state.step();
        assert(stepped && "a recorded event could not be replayed");
        (void)stepped;
        lag.observe(state);
        const TimeNs now_ns = state.now_ns();
        for (std::size_t b = 0; b < broker_count; ++b) {
            const Broker& broker = state.brokers()[b];
            BrokerHistory& out = history.brokers[b];
            const ActorId holder_now = broker.busy ? broker.holder : no_actor;
            if (holder_now != holder[b]) {
                if (holder[b] != no_actor && now_ns > held_since_ns[b]) out.held.push_back({held_since_ns[b], now_ns, holder[b]});
                holder[b] = holder_now;
                held_since_ns[b] = now_ns;
            }
            if (!broker.up != down[b]) {
                if (down[b] && now_ns > down_since_ns[b]) out.down.push_back({down_since_ns[b], now_ns});
                down[b] = !broker.up;
                down_since_ns[b] = now_ns;
            }
            const std::uint32_t length = broker.queue.size();
            if (length != out.queue.back().length) {
                // Several changes at one instant: the last one stands.
                if (out.queue.back().time_ns == now_ns) {
                    out.queue.back().length = length;
                } else {
                    out.queue.push_back({now_ns, length});
                }
                out.queue_length_max = std::max(out.queue_length_max, length);
            }
        }
    }
    history.end_ns = state.now_ns();
    history.groups = lag.take();
    for (std::size_t b = 0; b < broker_count; ++b) {
        // A broker still held at the end: its span runs to the end of the run.
        if (holder[b] != no_actor) history.brokers[b].held.push_back({held_since_ns[b], std::max(history.end_ns, held_since_ns[b] + 1), holder[b]});
        if (down[b]) history.brokers[b].down.push_back({down_since_ns[b], std::max(history.end_ns, down_since_ns[b] + 1)});
    }
    return history;
}

BrokerAt broker_at(const BrokerHistory& history, TimeNs time_ns) {
    BrokerAt at;
    const auto queue = std::upper_bound(history.queue.begin(), history.queue.end(), time_ns,
                                        [](TimeNs t, const QueuePoint& point) { return t < point.time_ns; });
    if (queue != history.queue.begin()) at.queue_length = std::prev(queue)->length;
    const auto held = std::upper_bound(history.held.begin(), history.held.end(), time_ns,
                                       [](TimeNs t, const HeldSpan& span) { return t < span.begin_ns; });
    if (held != history.held.begin() && time_ns < std::prev(held)->end_ns) {
        at.busy = true;
        at.holder = std::prev(held)->holder;
    }
    const auto down = std::upper_bound(history.down.begin(), history.down.end(), time_ns,
                                       [](TimeNs t, const DownSpan& span) { return t < span.begin_ns; });
    at.down = down != history.down.begin() && time_ns < std::prev(down)->end_ns;
    return at;
}

void sample_columns(const BrokerHistory& history, TimeNs begin_ns, TimeNs end_ns, int columns,
                    std::vector<HistoryColumn>& out) {
    out.assign(static_cast<std::size_t>(std::max(columns, 0)), HistoryColumn{});
    if (columns <= 0 || end_ns <= begin_ns) return;
    const double column_ns = static_cast<double>(end_ns - begin_ns) / columns;
    const auto column_begin_ns = [&](int c) { return begin_ns + static_cast<TimeNs>(column_ns * c); };

    // Queue: the value in force at each column's start, raised by every point inside it.
    auto point = std::upper_bound(history.queue.begin(), history.queue.end(), begin_ns,
                                  [](TimeNs t, const QueuePoint& p) { return t < p.time_ns; });
    std::uint32_t length = point == history.queue.begin() ? 0 : std::prev(point)->length;
    for (int c = 0; c < columns; ++c) {
        const TimeNs c_end_ns = c + 1 == columns ? end_ns : column_begin_ns(c + 1);
        std::uint32_t length_max = length;
        while (point != history.queue.end() && point->time_ns < c_end_ns) {
            length = point->length;
            length_max = std::max(length_max, length);
            ++point;
        }
        out[static_cast<std::size_t>(c)].queue_length_max = length_max;
    }

    // Held spans: overlap per column; the longest holder names the column.
    auto span = std::upper_bound(history.held.begin(), history.held.end(), begin_ns,
                                 [](TimeNs t, const HeldSpan& s) { return t < s.end_ns; });
    for (int c = 0; c < columns; ++c) {
        const TimeNs c_begin_ns = column_begin_ns(c);
        const TimeNs c_end_ns = c + 1 == columns ? end_ns : column_begin_ns(c + 1);
        if (c_end_ns <= c_begin_ns) continue;
        TimeNs held_ns = 0;
        TimeNs longest_ns = 0;
        ActorId longest = no_actor;
        for (auto s = span; s != history.held.end() && s->begin_ns < c_end_ns; ++s) {
            const TimeNs overlap_ns = std::min(s->end_ns, c_end_ns) - std::max(s->begin_ns, c_begin_ns);
            if (overlap_ns <= 0) continue;
            held_ns += overlap_ns;
            if (overlap_ns > longest_ns) {
                longest_ns = overlap_ns;
                longest = s->holder;
            }
        }
        // Spans that end inside this column are not needed for the next one.
        while (span != history.held.end() && span->end_ns <= c_end_ns) ++span;
        HistoryColumn& column = out[static_cast<std::size_t>(c)];
        column.busy_fraction = static_cast<float>(static_cast<double>(held_ns) / static_cast<double>(c_end_ns - c_begin_ns));
        column.main_holder = longest;
    }

    // Down spans: overlap per column, as for the held ones.
    auto down = std::upper_bound(history.down.begin(), history.down.end(), begin_ns,
                                 [](TimeNs t, const DownSpan& s) { return t < s.end_ns; });
    for (int c = 0; c < columns; ++c) {
        const TimeNs c_begin_ns = column_begin_ns(c);
        const TimeNs c_end_ns = c + 1 == columns ? end_ns : column_begin_ns(c + 1);
        if (c_end_ns <= c_begin_ns) continue;
        TimeNs down_ns = 0;
        for (auto s = down; s != history.down.end() && s->begin_ns < c_end_ns; ++s) {
            down_ns += std::max<TimeNs>(0, std::min(s->end_ns, c_end_ns) - std::max(s->begin_ns, c_begin_ns));
        }
        while (down != history.down.end() && down->end_ns <= c_end_ns) ++down;
        out[static_cast<std::size_t>(c)].down_fraction =
            static_cast<float>(static_cast<double>(down_ns) / static_cast<double>(c_end_ns - c_begin_ns));
    }
}

}  // namespace kafkasim::viz
