// See fault_plan.hpp.
#include "core/fault_plan.hpp"

#include <algorithm>
#include <numeric>

namespace kafkasim {

namespace {

// "5ms", "1.5s", "250us": the duration as a scenario would write it.
std::string duration_words(TimeNs time_ns) {
    struct Unit {
        TimeNs size;
        const char* name;
    };
    static constexpr Unit units[] = {{ns_per_s, "s"}, {ns_per_ms, "ms"}, {ns_per_us, "us"}, {1, "ns"}};
    if (time_ns == 0) return "0";
    for (const Unit& unit : units) {
        if (time_ns % unit.size == 0) return std::to_string(time_ns / unit.size) + unit.name;
    }
    return std::to_string(time_ns) + "ns";
}

}  // namespace

std::vector<IneffectiveFault> ineffective_faults(const ScenarioSpec& spec) {
    // The engine runs faults due at the same time in scenario order (they are
    // scheduled first, in order): a stable sort by time gives that order.
    std::vector<std::size_t> order(spec.faults.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&spec](std::size_t a, std::size_t b) { return spec.faults[a].from_ns < spec.faults[b].from_ns; });
    // One slot per broker, then one per consumer (the log model crashes
    // consumers too).
    const std::size_t slots = spec.brokers.size() + spec.consumers.size();
    std::vector<bool> up(slots, true);
    std::vector<TimeNs> since_ns(slots, 0);  // the last crash or restart that set `up`
    std::vector<bool> changed(slots, false);
    std::vector<IneffectiveFault> found;
    for (const std::size_t f : order) {
        const FaultSpec& fault = spec.faults[f];
        if (fault.kind != FaultSpec::Kind::crash && fault.kind != FaultSpec::Kind::restart) continue;
        if (fault.consumer ? *fault.consumer >= spec.consumers.size() : fault.broker >= spec.brokers.size()) continue;
        const std::size_t slot = fault.consumer ? spec.brokers.size() + *fault.consumer : fault.broker;
        const std::string& name = fault.consumer ? spec.consumers[*fault.consumer].name : spec.brokers[fault.broker].name;
        const std::string keeps = fault.consumer ? "it keeps its place in its group"
                                  : spec.model == BrokerModel::log ? "it keeps its logs"
                                                                   : "it keeps its dictionary";
        const bool crash = fault.kind == FaultSpec::Kind::crash;
        const std::string when = " at " + duration_words(fault.from_ns);
        if (crash && !up[slot]) {
            found.push_back({f, "crash of " + name + when + " does nothing: " + name + " is down already (crashed at " +
                                    duration_words(since_ns[slot]) + ", no restart since)"});
        } else if (!crash && up[slot]) {
            found.push_back({f, "restart of " + name + when + " does nothing: " + name + " is up (" +
                                    (changed[slot] ? "restarted at " + duration_words(since_ns[slot]) : std::string("never crashed before")) +
                                    "); " + keeps});
        } else {
            up[slot] = !crash;
            since_ns[slot] = fault.from_ns;
            changed[slot] = true;
        }
    }
    return found;
}

}  // namespace kafkasim
