// See natural_log.hpp. The textbook reduction:
//   x = m * 2^e with m in [sqrt(1/2), sqrt(2))       (from the bits: exact)
//   ln(m) = 2 atanh(s), s = (m - 1) / (m + 1)        (|s| <= 0.1716)
//         = 2s (1 + s^2/3 + s^4/5 + ...)
//   ln(x) = e ln2 + ln(m)
// With s^2 <= 0.0295 the series' terms fall below 2^-53 of the first after
// eleven more, so it is summed to s^24 (Horner, smallest first). ln2 is
// split in a high part whose product with any exponent is exact and a low
// part, so e * ln2 adds no rounding of its own.
#include "core/natural_log.hpp"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace kafkasim {

namespace {

// The bits of a double and back. std::memcpy, not std::bit_cast: the web
// build's libc++ (Debian's emscripten 3.1.6) has no <bit> bit_cast; compilers
// turn this copy into one register move.
std::uint64_t bits_of(double x) {
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits;
}

double double_of(std::uint64_t bits) {
    double x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
}

// std::frexp (x = m * 2^exponent, m in [0.5, 1)) read off the bits of a
// normal x, the sampler's only inputs: the same m and exponent, exactly,
// without libm's out-of-line call on every draw. Subnormals go to frexp.
double split_exponent(double x, int& exponent) {
    const auto bits = bits_of(x);
    const auto biased = static_cast<int>(bits >> 52);  // x > 0: no sign bit
    if (biased == 0) return std::frexp(x, &exponent);
    constexpr std::uint64_t fraction_bits = (std::uint64_t{1} << 52) - 1;
    constexpr std::uint64_t half_exponent = std::uint64_t{1022} << 52;  // the exponent field of [0.5, 1)
    exponent = biased - 1022;
    return double_of((bits & fraction_bits) | half_exponent);
}

}  // namespace

double natural_log(double x) {
    assert(x > 0 && std::isfinite(x) && "natural_log takes a finite positive number");
    int exponent = 0;
    double m = split_exponent(x, exponent);  // x = m * 2^exponent, m in [0.5, 1)
    constexpr double sqrt_half = 0.70710678118654752440;
    if (m < sqrt_half) {
        m *= 2;  // exact
        --exponent;
    }
    const double f = m - 1;  // exact (Sterbenz: m is within a factor 2 of 1)
    const double s = f / (2 + f);
    const double s2 = s * s;
    // 1/(2k+1) for k = 12 down to 1.
    constexpr double inverse_odd[] = {1.0 / 25, 1.0 / 23, 1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15,
                                      1.0 / 13, 1.0 / 11, 1.0 / 9,  1.0 / 7,  1.0 / 5,  1.0 / 3};
    double tail = 0;
    for (const double c : inverse_odd) tail = (tail + c) * s2;
    const double log_m = 2 * s + 2 * s * tail;
    constexpr double ln2_high = 0x1.62e42fee00000p-1;  // 32 significant bits: exponent * ln2_high is exact
    constexpr double ln2_low = 0x1.a39ef35793c76p-33;   // ln2 - ln2_high
    const double e = static_cast<double>(exponent);
    return e * ln2_high + (e * ln2_low + log_m);
}

}  // namespace kafkasim
