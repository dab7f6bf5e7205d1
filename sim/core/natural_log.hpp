// The natural logarithm in plain IEEE-754 arithmetic, for the exponential
// sampler. libm's log differs between C libraries (glibc, musl, macOS) in
// its last bits, and we promise the same trace bytes everywhere; with
// -ffp-contract=off these few additions, multiplications and one division
// round the same on every IEEE-754 machine.
#pragma once

namespace kafkasim {

// ln(x) for a finite x > 0, within about 2 ulp of the exact value. Its bits
// are the definition every exponential draw is rounded from
// (tests/unit/test_natural_log.cpp pins them): a rewrite must keep them.
double natural_log(double x);

// ln(x) for a finite x > 0 from the same reduction with a shorter series
// summed by Estrin's scheme (independent products instead of natural_log's
// chain of twelve): about half the latency. Within 2^-48 of natural_log(x),
// relative (truncation 2^-50 plus a few roundings; the tests measure it over
// the sampler's inputs), but not bit-identical: the sampler uses it only
// where that bound cannot change the rounded nanosecond (distribution.cpp).
double natural_log_estimate(double x);

}  // namespace kafkasim
