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

}  // namespace kafkasim::testing
