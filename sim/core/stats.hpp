// Derived measurements of a run (means, utilization), computed from the
// counters the model keeps. Times are in microseconds, as in the stats JSON.
#pragma once

#include <cstdint>

#include "core/simulation.hpp"

namespace kafkasim {

struct BrokerMetrics {
    double utilization = 0;            // fraction of the window spent serving
    double queue_wait_mean_us = 0;     // arrival -> service start
    double response_time_mean_us = 0;  // arrival -> reply
    double queue_length_mean = 0;      // waiting requests, time-weighted
    double held_fraction = 0;          // fraction of the window claimed by a consumer
};

struct ProducerMetrics {
    double ack_latency_mean_us = 0;    // request sent -> ack received
};

BrokerMetrics broker_metrics(const Simulation& simulation, std::size_t broker);
ProducerMetrics producer_metrics(const Simulation& simulation, std::size_t producer);

}  // namespace kafkasim
