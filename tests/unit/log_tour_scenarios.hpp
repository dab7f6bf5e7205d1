// Hand-built log-model scenarios (model: log) that together produce every
// log record kind and reason: keyed, round-robin and sticky sends, retried
// and given-up appends, members that join late, commit in every mode, leave,
// crash and restart, sit idle or process slowly, a leader that loses its
// logs (offset reset) and a coordinator that loses its groups (unknown
// members, refused joins and heartbeats). The exports' and the narrative's
// "every record kind" tables walk them; log_error_cases.hpp provokes each
// error alone.
#pragma once

#include <vector>

#include "fault_builders.hpp"
#include "log_builders.hpp"

namespace kafkasim::testing {

inline FaultSpec consumer_fault(FaultSpec::Kind kind, TimeNs at_ns, std::uint32_t consumer) {
    FaultSpec fault;
    fault.kind = kind;
    fault.from_ns = at_ns;
    fault.consumer = consumer;
    return fault;
}

// Three brokers (b3 leads orders-2 and audit-1 and is not durable), topics
// orders (3 partitions) and audit (2). Group g1 (coordinator b1) reads
// orders: c1 auto-commits, c2 joins at 60 ms and processes slowly, c3
// commits manually and leaves at 200 ms, c4 crashes at 100 ms and restarts
// at 250 ms. Group g2 (coordinator b2) reads audit with three members: one
// sits idle. p1 sends keyed records, p2 unkeyed round robin (its link is
// cut 30..45 ms: timeouts, resends, a give-up), p3 sticky batches. b3
// crashes at 150 ms and restarts at 170 ms with empty logs.
inline ScenarioSpec log_tour_scenario(std::uint64_t seed = 1) {
    ScenarioSpec spec = log_scenario(3, {log_topic("orders", 3), log_topic("audit", 2)}, 400 * ns_per_ms);
    spec.name = "log-tour";
    spec.seed = seed;
    ProducerSpec p1 = log_producer("p1");
    p1.workload = send_workload("orders", 50, 2 * ns_per_ms, {"user-1", "user-2", "user-3", "user-4"});
    ProducerSpec p2 = log_producer("p2");
    p2.partitioner = log::PartitionerKind::round_robin;
    for (int i = 0; i < 12; ++i) p2.actions.push_back(send_action((20 + 3 * i) * ns_per_ms, i % 2 ? "audit" : "orders", std::nullopt, "rr-" + std::to_string(i)));
    p2.retry = retry_policy(3 * ns_per_ms, 1, 1 * ns_per_ms);
    ProducerSpec p3 = log_producer("p3");
    p3.partitioner = log::PartitionerKind::sticky;
    p3.batch_records = 3;
    p3.workload = send_workload("audit", 12, 4 * ns_per_ms);
    spec.producers = {p1, p2, p3};

    const auto g1 = add_group(spec, "g1", 30 * ns_per_ms, log::AssignorKind::range, 0);
    const auto g2 = add_group(spec, "g2", 30 * ns_per_ms, log::AssignorKind::round_robin, 1);
    ConsumerSpec c1 = member("c1", g1, {0}, CommitMode::auto_commit);
    c1.auto_commit_interval_ns = 20 * ns_per_ms;
    ConsumerSpec c2 = member("c2", g1, {0});
    c2.join_at_ns = 60 * ns_per_ms;
    c2.process_time = DistributionSpec::constant(2 * ns_per_ms);  // slower than its polls: "processing"
    ConsumerSpec c3 = member("c3", g1, {0}, CommitMode::manual);
    c3.commit_at_ns = {80 * ns_per_ms, 120 * ns_per_ms};
    c3.leave_at_ns = 200 * ns_per_ms;
    ConsumerSpec c4 = member("c4", g1, {0});
    spec.consumers = {c1, c2, c3, c4, member("c5", g2, {1}), member("c6", g2, {1}), member("c7", g2, {1}, CommitMode::auto_commit)};

    const ActorIndex p2_actor = 4;  // b1, b2, b3, p1, p2
    spec.faults = {drop(links({p2_actor}, {}), 1.0, 30 * ns_per_ms, 45 * ns_per_ms),
                   consumer_fault(FaultSpec::Kind::crash, 100 * ns_per_ms, 3),
                   consumer_fault(FaultSpec::Kind::restart, 250 * ns_per_ms, 3),
                   crash_at(150 * ns_per_ms, 2),
                   restart_at(170 * ns_per_ms, 2)};
    return spec;
}

// The coordinator's loss: g1's coordinator b2 (not durable) crashes at
// 50 ms while a member's join is parked, and comes back at 80 ms knowing
// nobody: heartbeats are refused while it is down, then answered "unknown
// member"; members rejoin as new. A consumer crashed before its join_at
// joins when it restarts; a second crash of it and a restart of a running
// one change nothing. Offset reset `latest` for g1.
inline ScenarioSpec log_coordinator_scenario(std::uint64_t seed = 1) {
    ScenarioSpec spec = log_scenario(2, {log_topic("orders", 2)}, 300 * ns_per_ms);
    spec.name = "log-coordinator";
    spec.seed = seed;
    ProducerSpec p1 = log_producer("p1");
    p1.workload = send_workload("orders", 40, 3 * ns_per_ms, {"k1", "k2", "k3"});
    spec.producers = {p1};
    const auto g = add_group(spec, "g1", 30 * ns_per_ms, log::AssignorKind::range, 1);
    spec.groups[g].auto_offset_reset = GroupSpec::OffsetReset::latest;
    ConsumerSpec c1 = member("c1", g, {0}, CommitMode::auto_commit);
    c1.auto_commit_interval_ns = 10 * ns_per_ms;
    ConsumerSpec c2 = member("c2", g, {0});
    c2.join_at_ns = 49 * ns_per_ms + 800 * ns_per_us;  // its join is parked when b2 crashes
    ConsumerSpec c3 = member("c3", g, {0});
    c3.join_at_ns = 20 * ns_per_ms;
    spec.consumers = {c1, c2, c3};
    spec.faults = {consumer_fault(FaultSpec::Kind::crash, 10 * ns_per_ms, 2),
                   consumer_fault(FaultSpec::Kind::crash, 12 * ns_per_ms, 2),
                   consumer_fault(FaultSpec::Kind::restart, 30 * ns_per_ms, 2),
                   consumer_fault(FaultSpec::Kind::restart, 35 * ns_per_ms, 0),
                   crash_at(50 * ns_per_ms, 1),
                   restart_at(80 * ns_per_ms, 1)};
    return spec;
}

inline std::vector<ScenarioSpec> log_tour_scenarios() { return {log_tour_scenario(), log_coordinator_scenario()}; }

}  // namespace kafkasim::testing
