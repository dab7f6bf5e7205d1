// Hand-built faults for core tests (the YAML forms are tested by the loader
// tests): crash/restart at an instant, slow/drop/partition over an interval.
#pragma once

#include <optional>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim::testing {

inline FaultSpec crash_at(TimeNs at_ns, std::uint32_t broker) {
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::crash;
    fault.from_ns = at_ns;
    fault.broker = broker;
    return fault;
}

inline FaultSpec restart_at(TimeNs at_ns, std::uint32_t broker, bool reload_initial = false) {
    FaultSpec fault = crash_at(at_ns, broker);
    fault.kind = FaultSpec::Kind::restart;
    fault.reload_initial = reload_initial;
    return fault;
}

// The log model: a consumer crashes (its group expires it after
// session_timeout) and restarts (it joins again as a new member).
inline FaultSpec consumer_crash_at(TimeNs at_ns, std::uint32_t consumer) {
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::crash;
    fault.from_ns = at_ns;
    fault.consumer = consumer;
    return fault;
}

inline FaultSpec consumer_restart_at(TimeNs at_ns, std::uint32_t consumer) {
    FaultSpec fault = consumer_crash_at(at_ns, consumer);
    fault.kind = FaultSpec::Kind::restart;
    return fault;
}

// Links (not `link`: unistd.h has one) from `from` to `to` (actor indices; empty: every actor), and back
// when both_directions.
inline LinkSetSpec links(std::vector<ActorIndex> from, std::vector<ActorIndex> to, bool both_directions = false) {
    return LinkSetSpec{std::move(from), std::move(to), both_directions};
}

inline FaultSpec slow(LinkSetSpec links, TimeNs extra_ns, TimeNs from_ns, std::optional<TimeNs> until_ns) {
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::slow;
    fault.links = std::move(links);
    fault.extra_latency_ns = extra_ns;
    fault.from_ns = from_ns;
    fault.until_ns = until_ns;
    return fault;
}

inline FaultSpec drop(LinkSetSpec links, double probability, TimeNs from_ns, std::optional<TimeNs> until_ns) {
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::drop;
    fault.links = std::move(links);
    fault.probability = probability;
    fault.from_ns = from_ns;
    fault.until_ns = until_ns;
    return fault;
}

inline FaultSpec partition(std::vector<std::vector<ActorIndex>> groups, TimeNs from_ns, std::optional<TimeNs> until_ns) {
    FaultSpec fault;
    fault.kind = FaultSpec::Kind::partition;
    fault.groups = std::move(groups);
    fault.from_ns = from_ns;
    fault.until_ns = until_ns;
    return fault;
}

inline RetrySpec retry_policy(TimeNs timeout_ns, std::uint32_t retries = 0, TimeNs backoff_ns = 0, bool doubling = false) {
    RetrySpec retry;
    retry.timeout_ns = timeout_ns;
    retry.retries = retries;
    retry.backoff_ns = backoff_ns;
    retry.backoff_doubling = doubling;
    return retry;
}

// Every fault kind at once, for random_workload's actors (b1 b2 | p1 p2 |
// c1 c2 c3): b1 crashes at seed x 5 ms and restarts 30 ms later (with its
// initial load on even seeds), every link is slow, then lossy, then the
// cluster splits in two. The property tests' standard mix.
inline std::vector<FaultSpec> every_fault_kind(std::uint64_t seed) {
    const TimeNs crash_ns = static_cast<TimeNs>(seed) * 5 * ns_per_ms;
    return {crash_at(crash_ns, 0), restart_at(crash_ns + 30 * ns_per_ms, 0, seed % 2 == 0),
            slow(links({}, {}), 2 * ns_per_ms, 50 * ns_per_ms, 120 * ns_per_ms),
            drop(links({}, {}), 0.2, 100 * ns_per_ms, 200 * ns_per_ms),
            partition({{0, 2}, {1, 3, 4, 5, 6}}, 150 * ns_per_ms, 260 * ns_per_ms)};
}

}  // namespace kafkasim::testing
