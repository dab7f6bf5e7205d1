// Sampling a DistributionSpec into an integer duration. Our own code (inverse
// transform, Lemire ranges), because std:: distributions differ between
// standard libraries and we promise the same bytes everywhere.
#pragma once

#include "core/prng.hpp"
#include "core/spec.hpp"

namespace kafkasim {

// One draw, in nanoseconds: constant draws nothing, uniform one below()
// (inclusive bounds), exponential one unit() through exponential_ns.
TimeNs sample(const DistributionSpec& distribution, Prng& prng);

// The exponential distribution's inverse transform of one unit draw u
// (k * 2^-53 in [0, 1)): -mean_ns * ln(1 - u) with our natural_log, rounded
// to the nearest nanosecond (halves up), capped at INT64_MAX / 4. mean_ns > 0.
TimeNs exponential_ns(TimeNs mean_ns, double u);

}  // namespace kafkasim
