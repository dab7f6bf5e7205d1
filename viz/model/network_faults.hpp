// Network faults (slow, drop, partition) for the visualizer: when each was in
// force, taken from the run's own fault_start/fault_end records, and which of
// them act on a link at the cursor (the model's fault_active flags and the
// shared link definition, core/link_faults.hpp). The Topology panel marks the
// links, the Over time panel draws the spans.
#pragma once

#include <cstddef>
#include <vector>

#include "core/recorded_run.hpp"

namespace kafkasim::viz {

struct FaultSpan {
    std::size_t fault = 0;      // index in the scenario's faults
    std::size_t start_event = 0;  // the fault_start record
    TimeNs begin_ns = 0;
    TimeNs end_ns = 0;          // the heal; the run's end when it never healed in the run
    bool healed = false;
};

// Every slow/drop/partition span of the run, in start order.
std::vector<FaultSpan> network_fault_spans(const RecordedRun& run);

// What the network does to a link at a moment, from the faults in force.
struct LinkFaults {
    bool cut = false;                  // a partition separates the two ends
    TimeNs extra_latency_ns = 0;       // slow faults, summed
    double drop_probability = 0;       // drop faults, combined: 1 - prod(1 - p)
    bool any() const { return cut || extra_latency_ns > 0 || drop_probability > 0; }
};
// The faults in force in `state` on source -> target.
LinkFaults link_faults(const Simulation& state, ActorId source, ActorId target);
// Both directions of a link at once (the Topology draws one line per pair).
LinkFaults link_faults_either_way(const Simulation& state, ActorId a, ActorId b);

}  // namespace kafkasim::viz
