// A consumer's choice of a broker from the statuses it collected: a pure
// function of the policy, the views, the consumer's PRNG stream and its
// round-robin cursor (the only state it changes, both passed explicitly).
// The session pipeline (consumer.cpp) calls it once all statuses are in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/consumer.hpp"
#include "core/prng.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"

namespace kafkasim {

// A broker is available when it answered in time with a status (not an
// error: refused, down) and was idle.
inline bool available(const BrokerView& view) { return view.answered && !view.refused && !view.down && !view.busy; }

struct BrokerChoice {
    std::size_t broker = 0;      // index into the views; views.size(): none available
    Reason reason = Reason::none;  // only_idle, random_among_idle, first_idle, round_robin, least_loaded
};

// The policies (README "Consumer policies"): seed (the original: the only
// idle broker, or uniform among several), random_idle (uniform, always one
// draw), first_idle (lowest index), round_robin (the first available at or
// after the cursor, which then moves past it), least_loaded (the shortest
// queue, lowest index on ties). Draws from `prng` only to pick among several
// (random_idle: also among one) and moves `round_robin_next` only when a
// round_robin choice is made. With no broker available: {views.size(),
// none}, and nothing drawn or moved.
BrokerChoice choose_broker(PolicyKind policy, std::span<const BrokerView> views, Prng& prng, std::uint32_t& round_robin_next);

}  // namespace kafkasim
