// The log model's error cases for reply_error_cases(): every log request
// (append, fetch, offset_commit, join_group, heartbeat, leave_group) x
// queue_full and x broker_down, provoked as reply_error_cases.hpp does (a
// blocking append in service at its broker, queue_capacity 0; a crash just
// before it arrives), and the group protocol's own errors: a heartbeat
// during a rebalance (rebalance_in_progress) and after the coordinator lost
// its state (unknown_member), a commit after that loss (unknown_member), a
// fetch past the end of a lost log (offset_out_of_range).
#pragma once

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "log_builders.hpp"
#include "run_inspect.hpp"

namespace kafkasim::testing {

inline constexpr TimeNs log_case_ms = ns_per_ms;

// b1 leads orders-0 (and block_b1-0), b2 leads block_b2-0 and coordinates
// g1; service 1 ms, latency 1 ms. p1 is the blocker (no sends yet), p2
// sends user-1 -> orders-0 at 10 ms, c1 (after_poll commits, polls every
// 5 ms, heartbeats every 10 ms) joins g1 at 5 ms and leaves at 60 ms.
// Actors: b1 0, b2 1, p1 2, p2 3, c1 4.
inline ScenarioSpec log_error_base() {
    ScenarioSpec spec = log_scenario(2, {log_topic("orders", 1), log_topic("block_b2", 1), log_topic("block_b1", 1)}, 200 * log_case_ms);
    spec.name = "log-reply-errors";
    spec.network.latency = DistributionSpec::constant(log_case_ms);
    for (BrokerSpec& broker : spec.brokers) broker.service_time = DistributionSpec::constant(log_case_ms);
    spec.producers = {log_producer("p1"), log_producer("p2", {send_action(10 * log_case_ms, "orders", "user-1", "v1")})};
    const auto g = add_group(spec, "g1", 30 * log_case_ms, log::AssignorKind::range, 1);
    ConsumerSpec c1 = member("c1", g, {0});
    c1.join_at_ns = 5 * log_case_ms;
    c1.leave_at_ns = 60 * log_case_ms;
    spec.consumers = {c1};
    return spec;
}

inline constexpr ActorId log_case_producer = 3;
inline constexpr ActorId log_case_consumer = 4;

// When the first request of `type` from `client` arrives at its broker,
// and which broker that is.
struct LogArrival {
    TimeNs at_ns = -1;
    std::uint32_t broker = 0;
};
inline LogArrival log_arrival(const ScenarioSpec& spec, MessageType type, ActorId client) {
    const RecordedRun run(spec, records_only());
    for (const Record& record : run.records()) {
        if (record.kind >= RecordKind::append && record.kind <= RecordKind::leave_group && record.request == type &&
            record.source == client) {
            return {record.time_ns, record.target};
        }
    }
    return {};
}

inline FaultSpec log_crash(TimeNs at_ns, std::uint32_t broker, FaultSpec::Kind kind = FaultSpec::Kind::crash) {
    return kind == FaultSpec::Kind::crash ? crash_at(at_ns, broker) : restart_at(at_ns, broker);
}

// `spec` with its request arriving at `arrival` refused: its broker's queue
// is full (a blocking append is in service) or the broker is down.
inline ScenarioSpec log_provoked(ScenarioSpec spec, LogArrival arrival, ErrorCode error) {
    if (error == ErrorCode::queue_full) {
        spec.brokers[arrival.broker].queue_capacity = 0;
        // The blocker arrives half a service time before.
        const TimeNs blocker_ns = arrival.at_ns - log_case_ms - log_case_ms / 2;
        spec.producers[0].actions.push_back(send_action(blocker_ns, arrival.broker == 0 ? "block_b1" : "block_b2", "b", "blocker"));
    } else {
        spec.faults.push_back(log_crash(arrival.at_ns - log_case_ms / 2, arrival.broker));
        spec.faults.push_back(log_crash(arrival.at_ns + 10 * log_case_ms, arrival.broker, FaultSpec::Kind::restart));
    }
    return spec;
}

// Appends ErrorCase{name, request, error, stale, spec} for every log case.
template <class Add>
void add_log_error_cases(Add&& add) {
    const ScenarioSpec base = log_error_base();
    for (const MessageType type : {MessageType::append, MessageType::fetch, MessageType::offset_commit, MessageType::join_group,
                                   MessageType::heartbeat, MessageType::leave_group}) {
        const ActorId client = type == MessageType::append ? log_case_producer : log_case_consumer;
        const LogArrival arrival = log_arrival(base, type, client);
        for (const ErrorCode error : {ErrorCode::queue_full, ErrorCode::broker_down}) add(type, error, log_provoked(base, arrival, error));
    }
    {
        // A second member joins at 30 ms: c1's next heartbeat meets the rebalance.
        ScenarioSpec spec = base;
        ConsumerSpec c2 = member("c2", 0, {0});
        c2.join_at_ns = 30 * log_case_ms;
        spec.consumers.push_back(c2);
        add(MessageType::heartbeat, ErrorCode::rebalance_in_progress, spec);
    }
    {
        // The coordinator b2 (not durable) crashes at 30 ms and is back at
        // 32 ms knowing nobody: c1's commit at 33 ms (manual) and its next
        // heartbeat are from an unknown member.
        ScenarioSpec spec = base;
        spec.consumers[0].commit = CommitMode::manual;
        spec.consumers[0].commit_at_ns = {33 * log_case_ms};
        spec.faults = {log_crash(30 * log_case_ms, 1), log_crash(32 * log_case_ms, 1, FaultSpec::Kind::restart)};
        add(MessageType::heartbeat, ErrorCode::unknown_member, spec);
        add(MessageType::offset_commit, ErrorCode::unknown_member, spec);
    }
    {
        // The leader b1 (not durable) of orders-0 crashes at 30 ms, after c1
        // read offset 0, and is back at 31 ms with an empty log: the fetch
        // from offset 1 is out of range.
        ScenarioSpec spec = base;
        spec.faults = {log_crash(30 * log_case_ms, 0), log_crash(31 * log_case_ms, 0, FaultSpec::Kind::restart)};
        add(MessageType::fetch, ErrorCode::offset_out_of_range, spec);
    }
}

}  // namespace kafkasim::testing
