// The natural logarithm in plain IEEE-754 arithmetic, for the exponential
// sampler. libm's log differs between C libraries (glibc, musl, macOS) in
// its last bits, and we promise the same trace bytes everywhere; with
// -ffp-contract=off these few additions, multiplications and one division
// round the same on every IEEE-754 machine.
#pragma once

namespace kafkasim {

// ln(x) for a finite x > 0, within about 2 ulp of the exact value.
double natural_log(double x);

}  // namespace kafkasim
