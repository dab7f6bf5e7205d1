// See distribution.hpp.
#include "core/distribution.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace kafkasim {

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
            // Inverse transform: -mean * ln(1 - u), u in [0, 1) so the log is finite.
            const double u = prng.unit();
            const double x = -static_cast<double>(distribution.value_ns) * std::log1p(-u);
            // Rounded to the nearest nanosecond; capped so that absurd tails
            // cannot overflow the clock (probability e^-(2^62/mean)).
            constexpr double cap = static_cast<double>(std::numeric_limits<TimeNs>::max() / 4);
            return static_cast<TimeNs>(std::llround(x < cap ? x : cap));
        }
    }
    assert(false && "unknown distribution kind");
    return 0;
}

}  // namespace kafkasim
