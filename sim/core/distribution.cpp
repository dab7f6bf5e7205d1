// See distribution.hpp.
#include "core/distribution.hpp"

#include <cassert>
#include <limits>

#include "core/natural_log.hpp"

namespace kafkasim {

namespace {

// std::llround for 0 <= x < 2^62 (halves away from zero) without libm's
// out-of-line call: the truncation is exact, and so is x - trunc(x) (the
// fraction has fewer bits than x), so the comparison with 0.5 decides
// exactly as llround does.
TimeNs round_to_nanosecond(double x) {
    assert(x >= 0 && x < 0x1p62);
    const auto whole = static_cast<TimeNs>(x);
    return x - static_cast<double>(whole) >= 0.5 ? whole + 1 : whole;
}

}  // namespace

TimeNs sample(const DistributionSpec& distribution, Prng& prng) {
    switch (distribution.kind) {
        case DistributionSpec::Kind::constant:
            return distribution.value_ns;
        case DistributionSpec::Kind::uniform: {
            assert(distribution.min_ns <= distribution.max_ns);
            const auto span = static_cast<std::uint64_t>(distribution.max_ns - distribution.min_ns) + 1;
            return distribution.min_ns + static_cast<TimeNs>(prng.below(span));
        }
        case DistributionSpec::Kind::exponential:
            return exponential_ns(distribution.value_ns, prng.unit());
    }
    assert(false && "unknown distribution kind");
    return 0;
}

TimeNs exponential_ns(TimeNs mean_ns, double u) {
    assert(mean_ns > 0 && u >= 0 && u < 1);
    // Inverse transform: -mean * ln(1 - u). u is k * 2^-53 in [0, 1), so
    // 1 - u is exact and positive: the log is finite. Our own log, not
    // libm's (see natural_log.hpp).
    const double mean = static_cast<double>(mean_ns);
    // The draw is -mean * natural_log(1 - u) rounded to the nearest
    // nanosecond. natural_log_estimate is within 2^-48 of natural_log
    // (relative), and so is its product with the mean within two more
    // roundings: an estimate further than estimate * 2^-36 from a half
    // rounds to the same nanosecond as the exact product, for certain. Nearer
    // a half (about 3 draws in 10^5 at a 1 ms mean), or from 2^35 ns on
    // (where the margin reaches a half), the exact log decides. So a draw is cheaper and none moves
    // (test_distribution.cpp pins a million per mean; test_natural_log.cpp
    // measures the estimate's error and crosses the halves).
    const double estimate = -mean * natural_log_estimate(1.0 - u);
    if (estimate < 0x1p35) {
        const auto whole = static_cast<TimeNs>(estimate);
        const double from_half = (estimate - static_cast<double>(whole)) - 0.5;  // the subtraction is exact
        const double margin = estimate * 0x1p-36;
        if (from_half > margin) return whole + 1;
        if (-from_half > margin) return whole;
    }
    const double x = -mean * natural_log(1.0 - u);
    // Capped so that absurd tails cannot overflow the clock (probability
    // e^-(2^62/mean)).
    constexpr double cap = static_cast<double>(std::numeric_limits<TimeNs>::max() / 4);
    return round_to_nanosecond(x < cap ? x : cap);
}

}  // namespace kafkasim
