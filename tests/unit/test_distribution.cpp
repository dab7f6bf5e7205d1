// Each duration distribution a scenario may use: constant (exact), uniform
// (inclusive integer bounds), exponential (mean and variance), sampled with
// our own code so the draws are the same with every standard library.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/distribution.hpp"
#include "core/prng.hpp"

using namespace kafkasim;

namespace {

struct Moments {
    double mean = 0;
    double variance = 0;
    TimeNs low = 0;
    TimeNs high = 0;
};

Moments moments(const DistributionSpec& distribution, std::uint64_t seed, int draws) {
    Prng prng(seed);
    double sum = 0;
    double sum_squares = 0;
    Moments result;
    result.low = std::numeric_limits<TimeNs>::max();
    result.high = std::numeric_limits<TimeNs>::min();
    for (int i = 0; i < draws; ++i) {
        const TimeNs x = sample(distribution, prng);
        const auto value = static_cast<double>(x);
        sum += value;
        sum_squares += value * value;
        result.low = std::min(result.low, x);
        result.high = std::max(result.high, x);
    }
    result.mean = sum / draws;
    result.variance = sum_squares / draws - result.mean * result.mean;
    return result;
}

}  // namespace

TEST_CASE("distribution: constant is exact and draws nothing", "[distribution]") {
    Prng prng(3);
    const Prng before = prng;
    for (const TimeNs value : {TimeNs{0}, TimeNs{1}, 250 * ns_per_us, 2 * ns_per_s}) {
        for (int i = 0; i < 100; ++i) REQUIRE(sample(DistributionSpec::constant(value), prng) == value);
    }
    // A constant latency or service time leaves the stream alone, so making a
    // duration constant does not shift the other draws of its actor.
    CHECK(prng == before);
}

TEST_CASE("distribution: uniform covers its inclusive bounds evenly", "[distribution]") {
    // Four values, 10..13 ns: each about a quarter; both bounds reached.
    Prng prng(21);
    std::array<int, 4> counts{};
    constexpr int draws = 40'000;
    for (int i = 0; i < draws; ++i) {
        const TimeNs x = sample(DistributionSpec::uniform(10, 13), prng);
        REQUIRE(x >= 10);
        REQUIRE(x <= 13);
        counts[static_cast<std::size_t>(x - 10)]++;
    }
    // Chi-square, 3 degrees of freedom: P(chi2 > 16.27) = 0.001.
    double chi2 = 0;
    for (const int count : counts) chi2 += (count - draws / 4.0) * (count - draws / 4.0) / (draws / 4.0);
    CHECK(chi2 < 16.27);
    CHECK(counts[0] > 0);
    CHECK(counts[3] > 0);
}

TEST_CASE("distribution: uniform with min == max is that value", "[distribution]") {
    Prng prng(22);
    for (int i = 0; i < 100; ++i) REQUIRE(sample(DistributionSpec::uniform(ns_per_ms, ns_per_ms), prng) == ns_per_ms);
    for (int i = 0; i < 100; ++i) REQUIRE(sample(DistributionSpec::uniform(0, 0), prng) == 0);
}

TEST_CASE("distribution: uniform mean and variance", "[distribution]") {
    // Discrete uniform on [a, b] (n = b - a + 1 values): mean (a + b) / 2,
    // variance (n^2 - 1) / 12.
    const TimeNs a = 1 * ns_per_ms;
    const TimeNs b = 3 * ns_per_ms;
    const Moments m = moments(DistributionSpec::uniform(a, b), 23, 400'000);
    const double n = static_cast<double>(b - a + 1);
    CHECK(m.low >= a);
    CHECK(m.high <= b);
    CHECK(m.mean == Approx((a + b) / 2.0).epsilon(0.005));
    CHECK(m.variance == Approx((n * n - 1) / 12).epsilon(0.02));
    // The extremes are approached: 400k draws over 2M+1 values.
    CHECK(m.low < a + 100 * ns_per_us);
    CHECK(m.high > b - 100 * ns_per_us);
}

TEST_CASE("distribution: exponential mean and variance", "[distribution]") {
    // Exponential with mean m: variance m^2, P(X > m) = 1/e, median m ln 2.
    for (const TimeNs mean_ns : {10 * ns_per_us, 1 * ns_per_ms, 50 * ns_per_ms}) {
        INFO("mean " << mean_ns << " ns");
        const int draws = 500'000;
        const Moments m = moments(DistributionSpec::exponential(mean_ns), 29 + static_cast<std::uint64_t>(mean_ns), draws);
        const auto mean = static_cast<double>(mean_ns);
        CHECK(m.low >= 0);
        // Standard error of the mean: mean / sqrt(n) = 0.14%; of the variance: ~0.4%.
        CHECK(m.mean == Approx(mean).epsilon(0.01));
        CHECK(m.variance == Approx(mean * mean).epsilon(0.03));
        // Tail and median.
        Prng prng(31);
        int above_mean = 0;
        int below_median = 0;
        for (int i = 0; i < draws; ++i) {
            const TimeNs x = sample(DistributionSpec::exponential(mean_ns), prng);
            above_mean += x > mean_ns ? 1 : 0;
            below_median += static_cast<double>(x) < mean * std::log(2.0) ? 1 : 0;
        }
        CHECK(static_cast<double>(above_mean) / draws == Approx(std::exp(-1.0)).margin(0.004));
        CHECK(static_cast<double>(below_median) / draws == Approx(0.5).margin(0.004));
    }
}

TEST_CASE("distribution: sampling is reproducible from the stream", "[distribution]") {
    for (const DistributionSpec& distribution :
         {DistributionSpec::uniform(0, 1'000'000), DistributionSpec::exponential(ns_per_ms)}) {
        Prng first(41);
        Prng second(41);
        for (int i = 0; i < 1000; ++i) REQUIRE(sample(distribution, first) == sample(distribution, second));
    }
}

TEST_CASE("distribution: exponential draws are pinned", "[distribution]") {
    // A hash of a million draws per mean, computed with the first version of
    // the sampler (libm's llround, the frexp reduction in natural_log): a
    // rewrite for speed must give the same nanoseconds. The small means put
    // many draws near a rounding half.
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const TimeNs mean_ns : {TimeNs{1}, TimeNs{3}, 50 * ns_per_us, 1 * ns_per_ms, TimeNs{1'000'000'000'000'000}}) {
        Prng prng(51 + static_cast<std::uint64_t>(mean_ns));
        for (int i = 0; i < 1'000'000; ++i) {
            const TimeNs x = sample(DistributionSpec::exponential(mean_ns), prng);
            hash = (hash ^ static_cast<std::uint64_t>(x)) * 0x100000001b3ull;
        }
    }
    CHECK(hash == 0xe691efe3f858c08full);
}
