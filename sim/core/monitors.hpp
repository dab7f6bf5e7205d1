// Monitors: continuous checks that watch a run from beside the model (they
// read each event's Record and the state right after it, never change it)
// and report the first time, and every time, something went wrong:
// - divergence: the up brokers' dictionaries differ (and when they converge
//   again: "healed");
// - lost_ack: a publish that a broker acknowledged is on no up broker (a
//   durable broker that is down still holds its dictionary: not lost), and
//   its producer did not edit or delete it since;
// - stale_read: a consumer read a message that a peer broker had already
//   edited away or deleted;
// - no_broker: a session was refused because every broker was busy or down.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/record.hpp"
#include "core/spec.hpp"

namespace kafkasim {

class Simulation;

enum class MonitorKind : std::uint8_t { divergence, lost_ack, stale_read, no_broker };
constexpr std::size_t monitor_kind_count = 4;
std::string_view monitor_name(MonitorKind kind);
bool parse_monitor_kind(std::string_view name, MonitorKind& kind);

struct Violation {
    MonitorKind monitor = MonitorKind::divergence;
    bool healed = false;       // divergence only: the brokers agree again
    std::uint64_t event = 0;   // the event that caused it (0-based)
    TimeNs time_ns = 0;
    std::string detail;        // one sentence for people
};

class Monitors {
public:
    explicit Monitors(const MonitorsSpec& enabled) : enabled_(enabled) {}

    void observe(const Record& record, const Simulation& state);

    // Every firing, in event order; at most `kept_per_monitor_max` of each
    // kind are kept, but all are counted.
    const std::vector<Violation>& violations() const { return violations_; }
    std::uint64_t count(MonitorKind kind) const { return counts_[static_cast<std::size_t>(kind)]; }
    static constexpr std::uint64_t kept_per_monitor_max = 100;

private:
    void fire(MonitorKind kind, bool healed, const Record& record, const Simulation& state, std::string detail);
    void check_divergence(const Record& record, const Simulation& state);
    void check_lost_acks(const Record& record, const Simulation& state);
    void check_stale_read(const Record& record, const Simulation& state);

    struct Acked {
        ActorId broker;
        StringId topic;
        StringId text;
        TimeNs time_ns;
        bool reported;
    };
    static std::uint64_t key(StringId topic, StringId text) { return (std::uint64_t{topic} << 32) | text; }

    MonitorsSpec enabled_;
    std::vector<Violation> violations_;
    std::array<std::uint64_t, monitor_kind_count> counts_{};
    bool diverged_ = false;
    std::vector<Acked> acked_;
    // Per broker: (topic, text) pairs removed by edit/delete, and deleted
    // topics. Only looked up, never iterated: order cannot reach output.
    std::vector<std::unordered_set<std::uint64_t>> removed_;
    std::vector<std::unordered_set<StringId>> deleted_topics_;
};

}  // namespace kafkasim
