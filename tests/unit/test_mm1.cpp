// Queueing-theory validation: one producer with exponential inter-arrival
// times publishing to one broker with exponential service times, over a
// network without latency, is an M/M/1 queue. With arrival rate lambda and
// service rate mu (rho = lambda / mu < 1), in steady state:
//   mean response time (arrival -> reply sent)  T  = 1 / (mu - lambda)
//   utilization                                 U  = rho
//   mean wait before service                    Wq = rho / (mu - lambda)
//   mean number waiting (time-weighted)         Lq = rho^2 / (1 - rho)
// Measured over 200k requests per load; the tolerance (5%) is about 2.5
// standard errors of the response-time mean at rho = 0.8, where successive
// responses are strongly correlated. The run is deterministic, so this
// either always passes or shows a real change in the model or the sampler.
#include <catch2/catch.hpp>

#include <cstdint>

#include "core/simulation.hpp"
#include "core/stats.hpp"
#include "core/string_table.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

struct Measured {
    BrokerMetrics broker;
    double ack_latency_mean_us = 0;
    std::uint64_t served = 0;
};

Measured run_mm1(double rho, std::uint64_t requests, std::uint64_t seed) {
    constexpr TimeNs service_mean_ns = 100 * ns_per_us;  // mu = 10 per ms
    const auto interarrival_mean_ns = static_cast<TimeNs>(static_cast<double>(service_mean_ns) / rho);
    ScenarioSpec spec = base_scenario(seed);
    spec.name = "mm1";
    spec.network.latency = DistributionSpec::constant(0);
    BrokerSpec b1 = broker("b1");
    b1.service_time = DistributionSpec::exponential(service_mean_ns);
    b1.queue_capacity = 1u << 20;  // never refuse: M/M/1 has an infinite queue
    spec.brokers = {b1};
    // One topic and one message text: the dictionary grows by one id per
    // request and the string table not at all.
    spec.producers = {workload_producer("p1", {0}, DistributionSpec::exponential(interarrival_mean_ns), requests, {"t"}, "m")};

    StringTable strings;
    Simulation simulation(spec, strings);
    const RunStatus status = simulation.run(requests * 10);
    REQUIRE(status == RunStatus::finished);
    Measured measured;
    measured.broker = broker_metrics(simulation, 0);
    measured.ack_latency_mean_us = producer_metrics(simulation, 0).ack_latency_mean_us;
    measured.served = simulation.brokers()[0].stats.requests_served;
    return measured;
}

void check_mm1(double rho) {
    constexpr std::uint64_t requests = 200'000;
    const double mu_per_us = 1.0 / 100.0;
    const double lambda_per_us = rho * mu_per_us;
    const double response_expected_us = 1.0 / (mu_per_us - lambda_per_us);
    const double wait_expected_us = rho / (mu_per_us - lambda_per_us);
    const double waiting_expected = rho * rho / (1 - rho);

    const Measured m = run_mm1(rho, requests, 2024);
    INFO("rho " << rho << ": response " << m.broker.response_time_mean_us << " us (expected " << response_expected_us
                << "), utilization " << m.broker.utilization << ", wait " << m.broker.queue_wait_mean_us << " us (expected "
                << wait_expected_us << "), queue " << m.broker.queue_length_mean << " (expected " << waiting_expected << ")");
    CHECK(m.served == requests);
    CHECK(m.broker.response_time_mean_us == Approx(response_expected_us).epsilon(0.05));
    CHECK(m.broker.utilization == Approx(rho).epsilon(0.05));
    // Little's law pieces, same tolerance.
    CHECK(m.broker.queue_wait_mean_us == Approx(wait_expected_us).epsilon(0.05));
    CHECK(m.broker.queue_length_mean == Approx(waiting_expected).epsilon(0.05));
    // No network latency: the producer's ack latency is the response time.
    CHECK(m.ack_latency_mean_us == Approx(m.broker.response_time_mean_us).epsilon(1e-9));
}

}  // namespace

TEST_CASE("M/M/1: rho = 0.5", "[mm1]") { check_mm1(0.5); }

TEST_CASE("M/M/1: rho = 0.8", "[mm1]") { check_mm1(0.8); }

// Not run by default ([.]): the same check over several seeds, to see how far
// the 5% tolerance is from the noise (run: kafkasim_tests "[mm1-seeds]").
TEST_CASE("M/M/1: several seeds", "[.][mm1-seeds]") {
    for (const double rho : {0.5, 0.8}) {
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            const Measured m = run_mm1(rho, 200'000, seed);
            const double response_expected_us = 100.0 / (1 - rho);
            WARN("rho " << rho << " seed " << seed << ": response " << m.broker.response_time_mean_us << " us ("
                        << (m.broker.response_time_mean_us / response_expected_us - 1) * 100 << "%), utilization "
                        << m.broker.utilization);
            CHECK(m.broker.response_time_mean_us == Approx(response_expected_us).epsilon(0.05));
            CHECK(m.broker.utilization == Approx(rho).epsilon(0.05));
        }
    }
}
