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

// x = m * 2^exponent with m in [sqrt(1/2), sqrt(2)), exactly: frexp's
// m in [0.5, 1) and exponent, then m doubled when below sqrt(1/2). For a
// normal x both steps read off the bits in one subtraction (x's bits minus
// sqrt(1/2)'s: the borrow out of the fraction is the doubling), without
// libm's out-of-line frexp and without a branch on m that the sampler's
// uniform inputs would mispredict four times in ten. Subnormals go to frexp.
struct Reduced {
    double m;
    int exponent;
};

constexpr double sqrt_half = 0.70710678118654752440;

// Subnormals (no sampler input is one): frexp, then the same doubling.
[[gnu::noinline, gnu::cold]] Reduced reduce_subnormal(double x) {
    Reduced reduced{};
    reduced.m = std::frexp(x, &reduced.exponent);
    if (reduced.m < sqrt_half) {
        reduced.m *= 2;  // exact
        --reduced.exponent;
    }
    return reduced;
}

inline Reduced reduce(double x) {
    const std::uint64_t bits = bits_of(x);
    if ((bits >> 52) == 0) return reduce_subnormal(x);  // x > 0: no sign bit
    // bits - bits(sqrt(1/2)): its exponent field is x's exponent, less one
    // where x's fraction is below sqrt(1/2)'s; shifted (arithmetic) it is the
    // exponent of the reduction, and taking it off x's exponent field gives m.
    const auto offset = static_cast<std::int64_t>(bits - bits_of(sqrt_half));
    const std::int64_t exponent = offset >> 52;  // floor: -1 for the offsets below zero
    const std::uint64_t m_bits = bits - (static_cast<std::uint64_t>(exponent) << 52);
    return Reduced{double_of(m_bits), static_cast<int>(exponent)};
}

// e * ln2 + log_m, with ln2 split in a high part whose product with any
// exponent is exact and a low part, so e * ln2 adds no rounding of its own.
double add_exponent(int exponent, double log_m) {
    constexpr double ln2_high = 0x1.62e42fee00000p-1;  // 32 significant bits: exponent * ln2_high is exact
    constexpr double ln2_low = 0x1.a39ef35793c76p-33;   // ln2 - ln2_high
    const double e = static_cast<double>(exponent);
    return e * ln2_high + (e * ln2_low + log_m);
}

}  // namespace

double natural_log(double x) {
    assert(x > 0 && std::isfinite(x) && "natural_log takes a finite positive number");
    const Reduced reduced = reduce(x);
    const double f = reduced.m - 1;  // exact (Sterbenz: m is within a factor 2 of 1)
    const double s = f / (2 + f);
    const double s2 = s * s;
    // 1/(2k+1) for k = 12 down to 1.
    static constexpr double inverse_odd[] = {1.0 / 25, 1.0 / 23, 1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15,
                                             1.0 / 13, 1.0 / 11, 1.0 / 9,  1.0 / 7,  1.0 / 5,  1.0 / 3};
    double tail = 0;
    for (const double c : inverse_odd) tail = (tail + c) * s2;
    const double log_m = 2 * s + 2 * s * tail;
    return add_exponent(reduced.exponent, log_m);
}

double natural_log_estimate(double x) {
    assert(x > 0 && std::isfinite(x) && "natural_log_estimate takes a finite positive number");
    const Reduced reduced = reduce(x);
    const double f = reduced.m - 1;
    const double s = f / (2 + f);
    const double z = s * s;  // <= 0.0295
    // tail = z (1/3 + z/5 + ... + z^7/17): the next term, z^9/19 relative to
    // 1, is below 2^-50. Pairs, then quads, then one product with z^4: three
    // levels of independent operations.
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double p01 = 1.0 / 3 + (1.0 / 5) * z;
    const double p23 = 1.0 / 7 + (1.0 / 9) * z;
    const double p45 = 1.0 / 11 + (1.0 / 13) * z;
    const double p67 = 1.0 / 15 + (1.0 / 17) * z;
    const double q0 = p01 + p23 * z2;
    const double q1 = p45 + p67 * z2;
    const double tail = z * (q0 + q1 * z4);
    const double log_m = 2 * s + 2 * s * tail;
    return add_exponent(reduced.exponent, log_m);
}

}  // namespace kafkasim
