// Sampling a DistributionSpec into an integer duration. Our own code (inverse
// transform, Lemire ranges), because std:: distributions differ between
// standard libraries and we promise the same bytes everywhere.
#pragma once

#include "core/prng.hpp"
#include "core/spec.hpp"

namespace kafkasim {

TimeNs sample(const DistributionSpec& distribution, Prng& prng);

}  // namespace kafkasim
