// See network_faults.hpp.
#include "model/network_faults.hpp"

#include <algorithm>

#include "core/link_faults.hpp"

namespace kafkasim::viz {

std::vector<FaultSpan> network_fault_spans(const RecordedRun& run) {
    std::vector<FaultSpan> spans;
    std::vector<std::size_t> open(run.spec().faults.size(), static_cast<std::size_t>(-1));  // fault -> its open span
    const auto& records = run.records();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& record = records[i];
        if (record.kind != RecordKind::fault_start && record.kind != RecordKind::fault_end) continue;
        if (record.index < 0 || static_cast<std::size_t>(record.index) >= open.size()) continue;
        const auto fault = static_cast<std::size_t>(record.index);
        if (record.kind == RecordKind::fault_start) {
            open[fault] = spans.size();
            spans.push_back(FaultSpan{fault, i, record.time_ns, run.final_state().now_ns(), false});
        } else if (open[fault] != static_cast<std::size_t>(-1)) {
            spans[open[fault]].end_ns = record.time_ns;
            spans[open[fault]].healed = true;
            open[fault] = static_cast<std::size_t>(-1);
        }
    }
    return spans;
}

LinkFaults link_faults(const Simulation& state, ActorId source, ActorId target) {
    LinkFaults result;
    const auto& faults = state.spec().faults;
    double through = 1;  // the chance a message survives every drop fault
    for (std::size_t f = 0; f < faults.size(); ++f) {
        const FaultSpec& fault = faults[f];
        if (fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::restart) continue;
        if (!state.fault_active(f) || !fault_acts_on_link(fault, source, target)) continue;
        switch (fault.kind) {
            case FaultSpec::Kind::slow: result.extra_latency_ns += fault.extra_latency_ns; break;
            case FaultSpec::Kind::drop: through *= 1 - fault.probability; break;
            case FaultSpec::Kind::partition: result.cut = true; break;
            case FaultSpec::Kind::crash:
            case FaultSpec::Kind::restart: break;
        }
    }
    result.drop_probability = 1 - through;
    return result;
}

LinkFaults link_faults_either_way(const Simulation& state, ActorId a, ActorId b) {
    const LinkFaults there = link_faults(state, a, b);
    const LinkFaults back = link_faults(state, b, a);
    LinkFaults result;
    result.cut = there.cut || back.cut;
    result.extra_latency_ns = std::max(there.extra_latency_ns, back.extra_latency_ns);
    result.drop_probability = std::max(there.drop_probability, back.drop_probability);
    return result;
}

}  // namespace kafkasim::viz
