// See stats.hpp. Work in progress at the end of the window (a request in
// service, a waiting queue, a held broker) counts up to the window's end.
#include "core/stats.hpp"

#include <algorithm>

namespace kafkasim {

namespace {
double ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0.0; }
}  // namespace

BrokerMetrics broker_metrics(const Simulation& simulation, std::size_t b) {
    const Broker& broker = simulation.brokers()[b];
    const BrokerStats& stats = broker.stats;
    const TimeNs end_ns = simulation.end_time_ns();
    BrokerMetrics metrics;
    TimeNs serving_ns = stats.busy_serving_ns;
    if (broker.serving != no_slot) serving_ns += std::max<TimeNs>(0, end_ns - broker.service_started_ns);
    double area = stats.queue_length_area;
    area += static_cast<double>(broker.queue.size()) * static_cast<double>(std::max<TimeNs>(0, end_ns - stats.queue_changed_ns));
    TimeNs held_ns = stats.held_total_ns;
    if (broker.busy) held_ns += std::max<TimeNs>(0, end_ns - stats.held_since_ns);
    const auto served = static_cast<double>(stats.requests_served);
    metrics.utilization = ratio(static_cast<double>(serving_ns), static_cast<double>(end_ns));
    metrics.queue_wait_mean_us = ratio(stats.queue_wait_total_ns, served) / ns_per_us;
    metrics.response_time_mean_us = ratio(stats.response_time_total_ns, served) / ns_per_us;
    metrics.queue_length_mean = ratio(area, static_cast<double>(end_ns));
    metrics.held_fraction = ratio(static_cast<double>(held_ns), static_cast<double>(end_ns));
    return metrics;
}

ProducerMetrics producer_metrics(const Simulation& simulation, std::size_t p) {
    const ProducerStats& stats = simulation.producers()[p].stats;
    ProducerMetrics metrics;
    metrics.ack_latency_mean_us =
        ratio(stats.ack_latency_total_ns, static_cast<double>(stats.acked)) / ns_per_us;
    return metrics;
}

}  // namespace kafkasim
