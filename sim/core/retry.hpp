// The clients' retry timing, shared by producers and consumers.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <optional>

#include "core/spec.hpp"
#include "core/time_math.hpp"

namespace kafkasim {

// The wait before resending after timeout number `attempt` (1-based): the
// backoff, doubled attempt - 1 times (at most 20) when doubling. Nothing when
// the doubled wait would pass time_max_ns: a shift would wrap it negative.
inline std::optional<TimeNs> backoff_before_resend(const RetrySpec& retry, std::uint32_t attempt) {
    assert(attempt >= 1);
    if (!retry.backoff_doubling) return retry.backoff_ns;
    return checked_double_time(retry.backoff_ns, std::min<std::uint32_t>(attempt - 1, 20));
}

}  // namespace kafkasim
