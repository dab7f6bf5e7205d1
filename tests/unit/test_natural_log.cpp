// Our own natural log (core/natural_log.hpp), which the exponential sampler
// uses instead of libm's: within 2 ulp of glibc's log over the whole range
// the sampler uses and beyond, exact where the math is exact, and the
// sampler's draws unchanged in practice by the switch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "core/distribution.hpp"
#include "core/natural_log.hpp"
#include "core/prng.hpp"

namespace kafkasim {
namespace {

// Distance in units in the last place between two finite doubles of one sign.
std::uint64_t ulp_distance(double a, double b) {
    const auto bits = [](double v) {
        std::uint64_t u = 0;
        std::memcpy(&u, &v, sizeof u);
        return u;
    };
    const std::uint64_t ua = bits(a);
    const std::uint64_t ub = bits(b);
    return ua > ub ? ua - ub : ub - ua;
}

TEST_CASE("natural_log: exact where the math is", "[natural_log]") {
    CHECK(natural_log(1.0) == 0.0);
    CHECK(natural_log(2.0) == std::log(2.0));
    CHECK(natural_log(0.5) == -std::log(2.0));
    CHECK(natural_log(1024.0) == std::log(1024.0));
}

TEST_CASE("natural_log: within 2 ulp of libm over the sampler's inputs and beyond", "[natural_log]") {
    Prng prng(12345);
    std::uint64_t worst_ulp = 0;
    for (int i = 0; i < 200'000; ++i) {
        // What the sampler takes: 1 - u, u = k * 2^-53 in [0, 1).
        const double x = 1.0 - prng.unit();
        const double expected = std::log(x);
        if (expected == 0.0) {
            CHECK(natural_log(x) == 0.0);
            continue;
        }
        worst_ulp = std::max(worst_ulp, ulp_distance(natural_log(x), expected));
    }
    // Around 1, where ln(x) ~ x - 1 is tiny, and across the exponent range.
    for (double x : {1.0 + 0x1p-52, 1.0 - 0x1p-53, 1.0 + 1e-9, 1.0 - 1e-9, 0.7071067811865475, 1.4142135623730951,
                     1e-300, 3e-200, 7.5e-10, 0x1p-1022, 123456.789, 1e300, std::numeric_limits<double>::max()}) {
        INFO("x = " << x);
        worst_ulp = std::max(worst_ulp, ulp_distance(natural_log(x), std::log(x)));
    }
    CHECK(worst_ulp <= 2);
}

TEST_CASE("natural_log: exponential draws match the libm formula to the nanosecond", "[natural_log][distribution]") {
    // The switch from std::log1p changed no recorded run: the sampler rounds
    // to whole nanoseconds, far coarser than 2 ulp.
    Prng ours(99);
    Prng reference(99);
    const DistributionSpec spec = DistributionSpec::exponential(ns_per_ms);
    int differing = 0;
    for (int i = 0; i < 100'000; ++i) {
        const TimeNs x = sample(spec, ours);
        const TimeNs y = static_cast<TimeNs>(std::llround(-static_cast<double>(ns_per_ms) * std::log1p(-reference.unit())));
        if (x != y) ++differing;
    }
    CHECK(differing == 0);
}

// FNV-1a over the bit patterns of natural_log at a million sampler inputs,
// across the exponent range and into the subnormals. The constant was
// computed with the first version (frexp and a libm-free series): any
// rewrite for speed must give the same bits, or every exponential draw of
// every scenario could move.
TEST_CASE("natural_log: its bits are pinned", "[natural_log]") {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    const auto mix = [&hash](double x) {
        const double y = natural_log(x);
        char bytes[sizeof y];
        std::memcpy(bytes, &y, sizeof y);
        hash = fnv1a64(std::string_view(bytes, sizeof bytes), hash);
    };
    Prng prng(2024);
    for (int i = 0; i < 1'000'000; ++i) mix(1.0 - prng.unit());
    for (int k = 1; k <= 4096; ++k) mix(k * 0x1p-53);
    for (int e = -1074; e <= 1023; ++e) {
        mix(std::ldexp(1.0, e));
        mix(std::ldexp(1.0 + prng.unit(), e));
    }
    CHECK(hash == 0xe91228c8c48fd3eaull);
}


// The sampler's shortcut (distribution.cpp) relies on this bound with a
// margin of 2^12: measured here over the sampler's whole input range, at the
// reduction's seams (sqrt(1/2) and the powers of two) and around 1.
TEST_CASE("natural_log_estimate: within 2^-48 of natural_log", "[natural_log]") {
    double worst = 0;
    const auto measure = [&worst](double x) {
        const double exact = natural_log(x);
        const double estimate = natural_log_estimate(x);
        if (exact == 0.0) {
            CHECK(estimate == 0.0);
            return;
        }
        worst = std::max(worst, std::abs(estimate - exact) / std::abs(exact));
    };
    Prng prng(777);
    for (int i = 0; i < 2'000'000; ++i) measure(1.0 - prng.unit());
    for (int k = 1; k <= 4096; ++k) {
        measure(k * 0x1p-53);
        measure(1.0 - k * 0x1p-53);
    }
    for (int e = -1074; e <= 1023; ++e) {
        for (const double m : {1.0, 0.70710678118654752440, 1.4142135623730951, 0.7071067811865474, 0.7071067811865477,
                               1.0 - 0x1p-53, 1.0 + 0x1p-52}) {
            const double x = std::ldexp(m, e);
            if (x > 0 && std::isfinite(x)) measure(x);
        }
    }
    INFO("worst relative difference " << worst << " (2^" << std::log2(worst) << ")");
    CHECK(worst <= 0x1p-48);
}

// -mean * natural_log(1 - u), rounded halves up: the sampler's definition,
// written out once more without the shortcut.
TimeNs exponential_reference(TimeNs mean_ns, double u) {
    const double x = -static_cast<double>(mean_ns) * natural_log(1.0 - u);
    constexpr double cap = static_cast<double>(std::numeric_limits<TimeNs>::max() / 4);
    return static_cast<TimeNs>(std::llround(x < cap ? x : cap));
}

// The shortcut only decides away from the halves. Here every draw is aimed
// at a half: for a mean and a target k + 1/2, the unit draws u whose
// product lands within a few thousand ulp of it on either side, where the
// estimate and the exact log may round apart if the shortcut were wrong.
TEST_CASE("exponential_ns: the shortcut gives the exact log's nanosecond, also at the halves", "[natural_log][distribution]") {
    Prng prng(4242);
    int draws = 0;
    int near_half = 0;
    for (const TimeNs mean_ns : {TimeNs{1}, TimeNs{2}, TimeNs{3}, TimeNs{7}, TimeNs{1000}, 50 * ns_per_us, ns_per_ms,
                                 TimeNs{123'456'789}, ns_per_s, TimeNs{1} << 35, TimeNs{1} << 45,
                                 TimeNs{1'000'000'000'000'000}}) {
        const double mean = static_cast<double>(mean_ns);
        for (int target = 0; target < 300; ++target) {
            // A half within the draws' range: x = -mean ln(1 - u) <= 36.7 mean.
            const double half = std::floor(prng.unit() * 36.0 * mean) + 0.5;
            const double y = std::exp(-half / mean);  // 1 - u, near the half
            if (!(y > 0x1p-53)) continue;
            const double k = std::round(y * 0x1p53);
            for (double step = -2000; step <= 2000; step += 97) {
                const double kk = k + step;
                if (kk < 1 || kk > 0x1p53) continue;
                const double u = 1.0 - kk * 0x1p-53;
                const TimeNs expected = exponential_reference(mean_ns, u);
                INFO("mean " << mean_ns << " u " << u);
                REQUIRE(exponential_ns(mean_ns, u) == expected);
                ++draws;
                const double x = -mean * natural_log(1.0 - u);
                if (std::abs(x - std::floor(x) - 0.5) < x * 0x1p-36) ++near_half;
            }
        }
        for (int i = 0; i < 100'000; ++i) {
            const double u = prng.unit();
            REQUIRE(exponential_ns(mean_ns, u) == exponential_reference(mean_ns, u));
            ++draws;
        }
    }
    INFO(draws << " draws, " << near_half << " within the shortcut's margin of a half");
    CHECK(near_half > 100);  // the aimed draws did reach the exact log's path
}

}  // namespace
}  // namespace kafkasim
