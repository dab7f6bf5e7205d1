// The monitors' findings by event, for the event log's markers and the
// Explain panel. The run keeps them in event order (Monitors::observe fires
// while the event is processed), so a lookup is two binary searches: no
// per-event table, whatever the run's length.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/monitors.hpp"

namespace kafkasim::viz {

// The findings caused by event `event` (0-based), possibly none.
std::span<const Violation> violations_at(const std::vector<Violation>& violations, std::size_t event);

}  // namespace kafkasim::viz
