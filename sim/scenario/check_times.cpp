// The part of the time limit a scenario shows before it runs: sums of its
// times that certainly pass the last representable instant (time_max_ns,
// 292 years). Each time is range-checked where it is read; their sums are
// checked here with lower bounds only (a distribution's smallest value), so
// what this reports will happen in every run, whatever the seed. What depends
// on draws (a long exponential tail, doubled backoffs) is stopped at run time
// with "simulated time would pass 292 years at event N".
#include "scenario/duration.hpp"
#include "scenario/sections.hpp"

#include <algorithm>
#include <vector>

#include "core/time_math.hpp"

namespace kafkasim::scenario_detail {
namespace {

// The smallest value a distribution can draw.
TimeNs smallest(const DistributionSpec& distribution) {
    switch (distribution.kind) {
        case DistributionSpec::Kind::constant: return distribution.value_ns;
        case DistributionSpec::Kind::uniform: return distribution.min_ns;
        case DistributionSpec::Kind::exponential: return 0;
    }
    return 0;
}

std::string limit_words() {
    return "the largest simulated time, " + std::string(time_max_words) + " (" + format_duration(time_max_ns) + ")";
}

// `first` + `then` (described by `parts`), reported at `pos` when it passes the limit.
void check_sum(Reader& reader, const SourcePos& pos, const std::string& parts, TimeNs first, TimeNs then) {
    if (checked_add_time(first, then)) return;
    reader.error({pos.line, pos.column}, parts + " (" + format_duration(first) + " + " + format_duration(then) +
                                             ") passes " + limit_words() + ": the run would stop there; use smaller times");
}

// A request sent at `at_ns` is answered no earlier than at + latency +
// service + latency (the smallest of each: `round_trip_ns`), and times out at
// at + timeout.
void check_request(Reader& reader, const SourcePos& pos, const std::string& what, TimeNs at_ns,
                   std::optional<TimeNs> round_trip_ns, const RetrySpec& retry) {
    if (!round_trip_ns) {
        reader.error({pos.line, pos.column}, "the smallest network latency and service time alone pass " + limit_words() +
                                                 ": use smaller times");
    } else {
        check_sum(reader, pos, what + " plus the shortest round trip to a broker (latency, service, latency)", at_ns,
                  *round_trip_ns);
    }
    if (retry.timeout_ns) check_sum(reader, pos, what + " plus the timeout", at_ns, *retry.timeout_ns);
}

// The shortest request-reply round trip to any of `brokers`: nothing when
// the list is empty (nothing is sent); an empty inner value when even the
// shortest round trip is not representable.
std::optional<std::optional<TimeNs>> shortest_round_trip(const ScenarioSpec& spec, const std::vector<std::uint32_t>& brokers) {
    if (brokers.empty()) return std::nullopt;
    TimeNs service_ns = time_max_ns;
    for (const std::uint32_t b : brokers) {
        if (b < spec.brokers.size()) service_ns = std::min(service_ns, smallest(spec.brokers[b].service_time));
    }
    const TimeNs latency_ns = smallest(spec.network.latency);
    const std::optional<TimeNs> there_ns = checked_add_time(latency_ns, service_ns);
    return there_ns ? checked_add_time(*there_ns, latency_ns) : std::nullopt;
}

}  // namespace

void check_times(Reader& reader, const ScenarioSpec& spec) {
    for (const ProducerSpec& producer : spec.producers) {
        const auto round_trip_ns = shortest_round_trip(spec, producer.targets);
        if (!round_trip_ns) continue;  // no target: nothing is ever sent
        for (const ProducerActionSpec& action : producer.actions) {
            check_request(reader, action.pos, "the action at " + format_duration(action.at_ns), action.at_ns, *round_trip_ns,
                          producer.retry);
        }
        if (const auto& workload = producer.workload; workload && workload->count > 0) {
            // The last publish goes out at start + (count - 1) x interarrival at the earliest.
            const std::optional<TimeNs> span_ns = checked_multiply_time(smallest(workload->interarrival), workload->count - 1);
            const std::string what = "the workload of " + quote_for_message(producer.name) + ": its start plus " +
                                     std::to_string(workload->count - 1) + " x the smallest interarrival";
            if (!span_ns) {
                reader.error({producer.pos.line, producer.pos.column},
                             what + " (" + std::to_string(workload->count - 1) + " x " + format_duration(smallest(workload->interarrival)) +
                                 ") passes " + limit_words() + ": the run would stop there; use smaller times");
            } else if (checked_add_time(workload->start_ns, *span_ns)) {
                check_request(reader, producer.pos, "the last publish of the workload of " + quote_for_message(producer.name),
                              workload->start_ns + *span_ns, *round_trip_ns, producer.retry);
            } else {
                check_sum(reader, producer.pos, what, workload->start_ns, *span_ns);
            }
        }
    }
    std::vector<std::uint32_t> every_broker(spec.brokers.size());
    for (std::uint32_t b = 0; b < every_broker.size(); ++b) every_broker[b] = b;
    const auto status_round_trip_ns = shortest_round_trip(spec, every_broker);
    if (!status_round_trip_ns) return;
    for (const ConsumerSpec& consumer : spec.consumers) {
        // A session starts by asking every broker's status.
        for (const SessionSpec& session : consumer.sessions) {
            check_request(reader, session.pos, "the session at " + format_duration(session.at_ns), session.at_ns,
                          *status_round_trip_ns, consumer.retry);
        }
        if (const auto& workload = consumer.workload; workload && workload->count > 0) {
            const std::optional<TimeNs> span_ns = checked_multiply_time(smallest(workload->think_time), workload->count - 1);
            const std::string what = "the workload of " + quote_for_message(consumer.name) + ": its start plus " +
                                     std::to_string(workload->count - 1) + " x the smallest think time";
            if (!span_ns) {
                reader.error({consumer.pos.line, consumer.pos.column},
                             what + " (" + std::to_string(workload->count - 1) + " x " + format_duration(smallest(workload->think_time)) +
                                 ") passes " + limit_words() + ": the run would stop there; use smaller times");
            } else {
                check_sum(reader, consumer.pos, what, workload->start_ns, *span_ns);
            }
        }
    }
}

}  // namespace kafkasim::scenario_detail
