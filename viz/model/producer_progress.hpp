// Where a producer is, in words a student can trust: still producing (a
// scripted action or workload write left to issue), waiting (everything is
// issued but a write has had no answer yet: an ack in flight, a resend due
// after a timeout), or done (nothing left to issue and nothing unanswered).
// "done" must never hide a resend that is still to come.
#pragma once

#include <cstdint>

#include "core/simulation.hpp"

namespace kafkasim::viz {

enum class ProducerPhase : std::uint8_t { producing, waiting, done };

struct ProducerProgress {
    ProducerPhase phase = ProducerPhase::done;
    std::uint64_t unanswered = 0;   // writes sent with no ack or error yet (lost ones stay here without a timeout)
    std::uint32_t attempt_max = 1;  // of the unanswered writes (>1: resent)
};

ProducerProgress producer_progress(const Producer& producer, const ProducerSpec& spec);

}  // namespace kafkasim::viz
