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
        case DistributionSpec::Kind::exponential: {
            assert(distribution.value_ns > 0);
            // Inverse transform: -mean * ln(1 - u). u is k * 2^-53 in [0, 1),
            // so 1 - u is exact and positive: the log is finite. Our own log,
            // not libm's (see natural_log.hpp).
            const double u = prng.unit();
            const double x = -static_cast<double>(distribution.value_ns) * natural_log(1.0 - u);
            // Rounded to the nearest nanosecond; capped so that absurd tails
            // cannot overflow the clock (probability e^-(2^62/mean)).
            constexpr double cap = static_cast<double>(std::numeric_limits<TimeNs>::max() / 4);
            return round_to_nanosecond(x < cap ? x : cap);
        }
    }
    assert(false && "unknown distribution kind");
    return 0;
}

}  // namespace kafkasim
