// What the scenario alone says about its scripted crashes and restarts: a
// broker starts up, a crash takes it down, a restart brings it back. A crash
// of a broker the script has already taken down (and not restarted), or a
// restart of one that is up, does nothing at all when it runs (the model
// records it with reason already_down / already_up); `kafkasim validate`
// warns about them, since a teacher who wrote one meant something else.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim {

struct IneffectiveFault {
    std::size_t fault = 0;  // index into ScenarioSpec::faults
    std::string message;    // "restart of b1 at 5ms does nothing: b1 is up (never crashed)"
};

// The crash/restart entries that can be seen, from the scenario alone, to
// change nothing, in the order they run (time, then scenario order, as the
// engine schedules them). Link faults never appear.
std::vector<IneffectiveFault> ineffective_faults(const ScenarioSpec& spec);

}  // namespace kafkasim
