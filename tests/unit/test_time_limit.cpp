// The end of simulated time (time_max_ns, 292 years): sums of times never
// wrap. The helpers against 128-bit arithmetic; the two examples; and
// many random scenarios whose times crowd the limit (ats, latencies, service
// times, interarrivals, counts, timeouts, doubled backoffs, retry_after, slow
// faults, until): each run finishes with non-decreasing times and
// non-negative latencies, or stops with the time-limit error.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "core/prng.hpp"
#include "core/recorded_run.hpp"
#include "core/stats.hpp"
#include "core/time_math.hpp"
#include "fault_builders.hpp"
#include "report/outputs.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

__extension__ typedef __int128 wide;

constexpr TimeNs s = ns_per_s;

bool representable(wide value) { return value >= std::numeric_limits<TimeNs>::min() && value <= time_max_ns; }

// A duration drawn to stress the limit: small, medium, huge, or close to the
// end of time itself.
TimeNs edgy_duration(Prng& prng) {
    switch (prng.below(5)) {
        case 0: return static_cast<TimeNs>(prng.below(1000));
        case 1: return static_cast<TimeNs>(prng.below(10 * s));
        case 2: return static_cast<TimeNs>(prng.below(static_cast<std::uint64_t>(time_max_ns / 2)));
        case 3: return time_max_ns - static_cast<TimeNs>(prng.below(10 * s));
        default: return time_max_ns / static_cast<TimeNs>(2 + prng.below(6));
    }
}

DistributionSpec edgy_distribution(Prng& prng) {
    switch (prng.below(3)) {
        case 0: return DistributionSpec::constant(edgy_duration(prng));
        case 1: {
            TimeNs a = edgy_duration(prng), b = edgy_duration(prng);
            if (a > b) std::swap(a, b);
            return DistributionSpec::uniform(a, b);
        }
        default: return DistributionSpec::exponential(std::max<TimeNs>(edgy_duration(prng), 1));
    }
}

RetrySpec edgy_retry(Prng& prng) {
    RetrySpec retry;
    if (prng.below(3) == 0) return retry;  // no timeout: waits forever
    retry.timeout_ns = std::max<TimeNs>(edgy_duration(prng), 1);
    retry.retries = static_cast<std::uint32_t>(prng.below(25));
    retry.backoff_ns = edgy_duration(prng);
    retry.backoff_doubling = prng.below(2) == 0;
    return retry;
}

// One random scenario near the end of time: two brokers, two producers (actions
// and a workload), two consumers (sessions and a workload), a slow fault, a crash.
ScenarioSpec edgy_scenario(std::uint64_t seed) {
    Prng prng(seed);
    ScenarioSpec spec = base_scenario(seed);
    spec.name = "edgy-" + std::to_string(seed);
    spec.network.latency = edgy_distribution(prng);
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    for (BrokerSpec& b : spec.brokers) b.service_time = edgy_distribution(prng);
    for (int p = 0; p < 2; ++p) {
        ProducerSpec producer_spec = workload_producer("p" + std::to_string(p + 1), {0, 1}, edgy_distribution(prng),
                                                       prng.below(7), {"Hello world", "news"}, "m-{n}", edgy_duration(prng));
        for (std::uint64_t a = prng.below(4); a > 0; --a) {
            producer_spec.actions.push_back(action(edgy_duration(prng), OpKind::publish, "news", "x"));
        }
        std::sort(producer_spec.actions.begin(), producer_spec.actions.end(),
                  [](const ProducerActionSpec& x, const ProducerActionSpec& y) { return x.at_ns < y.at_ns; });
        producer_spec.retry = edgy_retry(prng);
        spec.producers.push_back(producer_spec);
    }
    for (int c = 0; c < 2; ++c) {
        ConsumerSpec consumer_spec = workload_consumer("c" + std::to_string(c + 1), edgy_distribution(prng), prng.below(5),
                                                       choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random),
                                                       c == 0 ? PolicyKind::seed : PolicyKind::least_loaded, edgy_duration(prng));
        for (std::uint64_t k = prng.below(3); k > 0; --k) {
            consumer_spec.sessions.push_back(session(edgy_duration(prng), choice(ChoiceSpec::Kind::first), choice(ChoiceSpec::Kind::last)));
        }
        std::sort(consumer_spec.sessions.begin(), consumer_spec.sessions.end(),
                  [](const SessionSpec& x, const SessionSpec& y) { return x.at_ns < y.at_ns; });
        if (prng.below(2) == 0) consumer_spec.retry_after_ns = edgy_duration(prng);
        consumer_spec.max_attempts = 1 + static_cast<std::uint32_t>(prng.below(4));
        consumer_spec.choose_time = edgy_distribution(prng);
        consumer_spec.retry = edgy_retry(prng);
        spec.consumers.push_back(consumer_spec);
    }
    if (prng.below(2) == 0) {
        const TimeNs from_ns = edgy_duration(prng);
        spec.faults.push_back(slow(links({}, {}), edgy_duration(prng), from_ns,
                                   prng.below(2) == 0 ? std::optional<TimeNs>() : std::max(from_ns, edgy_duration(prng))));
    }
    if (prng.below(3) == 0) spec.faults.push_back(crash_at(edgy_duration(prng), 0));
    if (prng.below(3) == 0) spec.until_ns = edgy_duration(prng);
    return spec;
}

}  // namespace

TEST_CASE("checked time arithmetic agrees with 128-bit arithmetic", "[time]") {
    Prng prng(7);
    const TimeNs specials[] = {0, 1, -1, time_max_ns, time_max_ns - 1, std::numeric_limits<TimeNs>::min(), time_max_ns / 2,
                               time_max_ns / 2 + 1};
    auto pick = [&]() {
        if (prng.below(3) == 0) return specials[prng.below(std::size(specials))];
        return static_cast<TimeNs>(prng.next_u64() >> prng.below(64));
    };
    for (int i = 0; i < 20000; ++i) {
        const TimeNs a = pick(), b = pick();
        const wide sum = static_cast<wide>(a) + b;
        const std::optional<TimeNs> checked = checked_add_time(a, b);
        REQUIRE(checked.has_value() == representable(sum));
        if (checked) REQUIRE(*checked == static_cast<TimeNs>(sum));
        const TimeNs saturated = saturating_add_time(a, b);
        REQUIRE(static_cast<wide>(saturated) ==
                std::clamp<wide>(sum, std::numeric_limits<TimeNs>::min(), time_max_ns));

        const std::uint64_t count = prng.below(3) == 0 ? prng.below(10) : prng.next_u64() >> prng.below(64);
        const wide product = static_cast<wide>(a) * static_cast<wide>(count);
        const std::optional<TimeNs> multiplied = checked_multiply_time(a, count);
        REQUIRE(multiplied.has_value() == representable(product));
        if (multiplied) REQUIRE(*multiplied == static_cast<TimeNs>(product));

        const TimeNs duration = a < 0 ? -(a + 1) : a;
        const auto doublings = static_cast<std::uint32_t>(prng.below(70));
        const std::optional<TimeNs> doubled = checked_double_time(duration, doublings);
        const bool fits = duration == 0 || (doublings < 64 && (static_cast<wide>(duration) << doublings) <= time_max_ns);
        REQUIRE(doubled.has_value() == fits);
        if (doubled && duration != 0) REQUIRE(static_cast<wide>(*doubled) == static_cast<wide>(duration) << doublings);
    }
}

TEST_CASE("an action near the end of time plus a latency stops with the time-limit error", "[time]") {
    // The issue: `at: 9223372035s` plus a 1 s latency gave end_time_us: 0.
    ScenarioSpec spec = base_scenario();
    spec.network.latency = DistributionSpec::constant(1 * s);
    spec.brokers = {broker("b1")};
    spec.producers = {producer("p1", {0}, {action(9223372035 * s, OpKind::publish, "t", "m")})};
    const RecordedRun run(spec, RecordOptions{});
    REQUIRE(run.status() == RunStatus::time_limit);
    // Event 1 sends at 9223372035s, event 2 is the arrival at 9223372036s,
    // event 3 ends the service and would send the reply past the limit.
    REQUIRE(run.event_count() == 3);
    REQUIRE(run.final_state().time_limit_hit()->event == 3);
    CHECK(run.final_state().end_time_ns() == 9223372036 * s);
    const std::optional<std::string> error = stop_error(run);
    REQUIRE(error);
    CHECK(error->rfind("simulated time would pass 292 years at event 2 (b1, published)", 0) == 0);
    CHECK(std::string(run_status_name(run.status())) == "time_limit");
}

TEST_CASE("a workload whose interarrivals pass the end of time stops instead of running backwards", "[time]") {
    // The issue: interarrival 3155760000s (100 years), count 5.
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1")};
    spec.producers = {workload_producer("p1", {0}, DistributionSpec::constant(3155760000 * s), 5, {"t"})};
    const RecordedRun run(spec, RecordOptions{});
    REQUIRE(run.status() == RunStatus::time_limit);
    TimeNs previous_ns = 0;
    for (const Record& record : run.records()) {
        REQUIRE(record.time_ns >= previous_ns);
        REQUIRE(record.time_ns >= record.sent_ns);
        previous_ns = record.time_ns;
    }
    CHECK(producer_metrics(run.final_state(), 0).ack_latency_mean_us >= 0);
    CHECK(stop_error(run)->find("at event ") != std::string::npos);
}

TEST_CASE("a doubled backoff near the end of time stops instead of wrapping", "[time]") {
    ScenarioSpec spec = base_scenario();
    spec.network.latency = DistributionSpec::constant(0);
    spec.brokers = {broker("b1")};
    ProducerSpec p1 = producer("p1", {0}, {action(1 * s, OpKind::publish, "t", "m")});
    p1.retry.timeout_ns = 1 * s;
    p1.retry.retries = 30;
    p1.retry.backoff_ns = time_max_ns / 8;
    p1.retry.backoff_doubling = true;
    spec.producers = {p1};
    // A partition: no request arrives, so every attempt times out and the
    // backoff doubles until it would pass the end of time.
    spec.faults = {partition({{0}, {1}}, 0, std::nullopt)};
    const RecordedRun run(spec, RecordOptions{});
    REQUIRE(run.status() == RunStatus::time_limit);
    CHECK(record_kind_name(run.final_state().time_limit_hit()->kind) == "timeout");
}

TEST_CASE("random scenarios near the end of time never wrap: they finish in order or stop with the error", "[time][property]") {
    int stopped = 0, finished = 0;
    for (std::uint64_t seed = 1; seed <= 400; ++seed) {
        CAPTURE(seed);
        const ScenarioSpec spec = edgy_scenario(seed);
        RecordOptions options;
        options.max_events = 4000;
        const RecordedRun run(spec, options);
        TimeNs previous_ns = 0;
        for (const Record& record : run.records()) {
            REQUIRE(record.time_ns >= previous_ns);
            REQUIRE(record.time_ns >= record.sent_ns);
            REQUIRE(record.sent_ns >= 0);
            previous_ns = record.time_ns;
        }
        const Simulation& state = run.final_state();
        REQUIRE((run.status() == RunStatus::time_limit) == state.time_limit_hit().has_value());
        if (run.status() == RunStatus::time_limit) {
            ++stopped;
            REQUIRE(stop_error(run)->rfind("simulated time would pass 292 years at event " +
                                               std::to_string(state.time_limit_hit()->event - 1) + " (",
                                           0) == 0);
            REQUIRE(state.time_limit_hit()->event == run.event_count());
        } else {
            ++finished;
        }
        REQUIRE(state.end_time_ns() >= 0);
        for (std::size_t b = 0; b < state.brokers().size(); ++b) {
            const BrokerMetrics metrics = broker_metrics(state, b);
            REQUIRE(metrics.utilization >= 0);
            REQUIRE(metrics.utilization <= 1);
            REQUIRE(metrics.held_fraction >= 0);
            REQUIRE(metrics.held_fraction <= 1);
            REQUIRE(metrics.queue_wait_mean_us >= 0);
            REQUIRE(metrics.response_time_mean_us >= 0);
        }
        for (std::size_t p = 0; p < state.producers().size(); ++p) REQUIRE(producer_metrics(state, p).ack_latency_mean_us >= 0);

        // The same run stepped by hand, with every invariant checked after each event.
        StringTable strings;
        Simulation stepped(spec, strings);
        stepped.check_invariants();
        while (stepped.events_processed() < options.max_events && stepped.step()) stepped.check_invariants();
        REQUIRE(stepped.state_hash() == state.state_hash());
    }
    // The generator reaches both outcomes, or it proves nothing.
    CHECK(stopped > 40);
    CHECK(finished > 40);
}
