// The stats' observed window ends where the simulation stopped: over many
// random (scenario, until, max-events) cases every fraction is within [0, 1],
// and end_time_us is the last processed event's time when the run stopped
// early, `until` when it got there. A run stuck at time 0 reports no
// utilization, and its stop message says time does not advance.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/prng.hpp"
#include "core/recorded_run.hpp"
#include "core/stats.hpp"
#include "report/outputs.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

bool fraction(double value) { return std::isfinite(value) && value >= 0 && value <= 1; }

// end_time_us as the stats JSON writes it (an integer or a 3-decimal number).
std::string end_time_text(const RecordedRun& run) {
    const std::string json = stats_json(run).dump();
    const std::size_t at = json.find("\"end_time_us\":");
    REQUIRE(at != std::string::npos);
    const std::size_t begin = json.find_first_not_of(' ', at + 14);
    return json.substr(begin, json.find_first_of(",}", begin) - begin);
}

std::string us_text(TimeNs time_ns) {
    return time_ns % ns_per_us == 0 ? std::to_string(time_ns / ns_per_us) : JsonValue::number(static_cast<double>(time_ns) / ns_per_us, 3).dump();
}

}  // namespace

TEST_CASE("the observed window ends where the run stopped", "[stats][property]") {
    Prng prng(2024);
    int early = 0, to_until = 0;
    for (int i = 0; i < 250; ++i) {
        const std::uint64_t seed = 1 + prng.below(1000);
        ScenarioSpec spec = random_workload(seed);
        if (prng.below(4) != 0) spec.until_ns = static_cast<TimeNs>(prng.below(800 * ns_per_ms));
        RecordOptions options;
        options.max_events = 1 + prng.below(6000);
        options.keep_snapshots = false;
        CAPTURE(seed, spec.until_ns.value_or(-1), options.max_events);
        const RecordedRun run(spec, options);
        const Simulation& state = run.final_state();
        const TimeNs last_ns = run.event_count() == 0 ? 0 : run.records().back().time_ns;
        if (run.status() == RunStatus::event_limit) {
            ++early;
            REQUIRE(state.end_time_ns() == last_ns);
        } else if (spec.until_ns) {
            ++to_until;
            REQUIRE(state.end_time_ns() == *spec.until_ns);
        } else {
            REQUIRE(state.end_time_ns() == last_ns);
        }
        REQUIRE(end_time_text(run) == us_text(state.end_time_ns()));
        for (std::size_t b = 0; b < state.brokers().size(); ++b) {
            const BrokerMetrics metrics = broker_metrics(state, b);
            REQUIRE(fraction(metrics.utilization));
            REQUIRE(fraction(metrics.held_fraction));
            REQUIRE(std::isfinite(metrics.queue_length_mean));
            REQUIRE(metrics.queue_length_mean >= 0);
        }
    }
    CHECK(early > 20);
    CHECK(to_until > 20);
}

TEST_CASE("the issue's case: --until 10s --max-events 22 on a busy scenario", "[stats]") {
    ScenarioSpec spec = random_workload(1);
    spec.until_ns = 10 * ns_per_s;
    RecordOptions options;
    options.max_events = 22;
    const RecordedRun run(spec, options);
    REQUIRE(run.status() == RunStatus::event_limit);
    CHECK(run.final_state().end_time_ns() == run.records().back().time_ns);
    CHECK(run.final_state().end_time_ns() < 10 * ns_per_s);
    const std::string error = stop_error(run).value();
    CHECK(error.find("before until (10s)") != std::string::npos);
    CHECK(error.find("set until") == std::string::npos);
}

TEST_CASE("a run stuck at time 0 reports no ratio and says time does not advance", "[stats]") {
    // Zero latency and service: a workload of a million publishes at time 0.
    ScenarioSpec spec = base_scenario();
    spec.network.latency = DistributionSpec::constant(0);
    spec.brokers = {broker("b1")};
    spec.producers = {workload_producer("p1", {0}, DistributionSpec::constant(0), 1'000'000, {"t"})};
    spec.until_ns = 10 * ns_per_s;
    RecordOptions options;
    options.max_events = 22;
    const RecordedRun run(spec, options);
    REQUIRE(run.status() == RunStatus::event_limit);
    CHECK(run.final_state().end_time_ns() == 0);
    const BrokerMetrics metrics = broker_metrics(run.final_state(), 0);
    CHECK(metrics.utilization == 0);  // a zero-length window: no ratio, written as 0
    CHECK(metrics.held_fraction == 0);
    CHECK(metrics.queue_length_mean == 0);
    const std::string error = stop_error(run).value();
    CHECK(error.find("simulated time does not advance") != std::string::npos);
    CHECK(error.find("set until") == std::string::npos);

    spec.until_ns.reset();  // without until, the message suggests one
    const RecordedRun unbounded(spec, options);
    CHECK(stop_error(unbounded).value().find("set until:") != std::string::npos);
}
