// Checked arithmetic on simulated time. Every instant and duration is an
// int64 count of nanoseconds, so the clock ends at time_max_ns, about 292
// years after time 0. Each part of a sum is range-checked by the loader, but
// a sum of parts (at + latency + service, start + n x interarrival, a doubled
// backoff) can still pass that instant: signed overflow would wrap to a
// negative time (undefined behaviour in C++). Every sum or product of times
// goes through these helpers instead; they return nothing when the result
// would not be representable, and the caller decides (the simulation stops
// with an error, the viz saturates its clock).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

namespace kafkasim {

// Same alias as core/spec.hpp: integer nanoseconds.
using TimeNs = std::int64_t;

// The last representable instant: 9223372036854775807 ns, 292.47 years.
constexpr TimeNs time_max_ns = std::numeric_limits<TimeNs>::max();
// The limit as users read it in messages and the README.
constexpr const char* time_max_words = "292 years";

// a + b, or nothing when it would overflow (either sign).
constexpr std::optional<TimeNs> checked_add_time(TimeNs a, TimeNs b) {
    TimeNs sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
    return sum;
}

// duration x count, or nothing when it would overflow.
constexpr std::optional<TimeNs> checked_multiply_time(TimeNs duration, std::uint64_t count) {
    TimeNs product = 0;
    if (__builtin_mul_overflow(duration, count, &product)) return std::nullopt;
    return product;
}

// duration x 2^doublings (a doubled backoff), or nothing when it would overflow.
// duration >= 0.
constexpr std::optional<TimeNs> checked_double_time(TimeNs duration, std::uint32_t doublings) {
    if (duration == 0) return TimeNs{0};
    if (doublings >= 63 || duration > (time_max_ns >> doublings)) return std::nullopt;
    return duration << doublings;
}

// a + b clamped to [min, time_max_ns]: for display clocks that may stop at the
// end of time but must never wrap (the viz's playback clock).
constexpr TimeNs saturating_add_time(TimeNs a, TimeNs b) {
    const std::optional<TimeNs> sum = checked_add_time(a, b);
    if (sum) return *sum;
    return b > 0 ? time_max_ns : std::numeric_limits<TimeNs>::min();
}

}  // namespace kafkasim
