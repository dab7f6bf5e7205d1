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
// The log model (model: log):
// - lost_ack: an acknowledged record's partition log was lost (its leader
//   crashed without durability);
// - duplicate_delivery: a consumer processed a record that a member of its
//   group had processed before (a re-read after a rebalance or a crash);
// - per_key_order: a consumer saw a key's records out of their append
//   order (log_stats.hpp, KeyOrderTracker);
// - lag_above: a group's total lag rose above the threshold (and "healed"
//   when it is back at or below it).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/id_index.hpp"
#include "core/log_stats.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"

namespace kafkasim {

enum class MonitorKind : std::uint8_t { divergence, lost_ack, stale_read, no_broker, duplicate_delivery, per_key_order, lag_above };
constexpr std::size_t monitor_kind_count = 7;
std::string_view monitor_name(MonitorKind kind);
// Whether a monitor watches something of this broker model (lost_ack
// watches both; the others one each): outputs list only these.
constexpr bool monitor_applies(MonitorKind kind, BrokerModel model) {
    if (kind == MonitorKind::lost_ack) return true;
    return (kind >= MonitorKind::duplicate_delivery) == (model == BrokerModel::log);
}
bool parse_monitor_kind(std::string_view name, MonitorKind& kind);

struct Violation {
    MonitorKind monitor = MonitorKind::divergence;
    bool healed = false;       // divergence: the brokers agree again; lag_above: the lag is back under
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
    void take_back_acks(StringId topic, StringId text, bool whole_topic);
    void compact_acks();
    void observe_log(const Record& record, const Simulation& state);

    static std::uint64_t key(StringId topic, StringId text) { return (std::uint64_t{topic} << 32) | text; }

    MonitorsSpec enabled_;
    std::vector<Violation> violations_;
    std::array<std::uint64_t, monitor_kind_count> counts_{};

    // divergence, incrementally: each broker's (up, store hash) as last
    // seen, and how many up brokers hold each hash. Only the broker an event
    // names is looked at again (a store changes only by publish, edit,
    // delete, crash and restart), so an event costs O(1), not O(brokers);
    // the up brokers agree iff one hash is held.
    struct Digest {
        bool up = false;
        std::uint64_t hash = 0;
    };
    void track_broker(const Simulation& state, std::size_t broker);
    bool diverged_ = false;
    std::vector<Digest> digests_;
    std::unordered_map<std::uint64_t, std::uint32_t> up_hashes_;  // only looked up and counted, never iterated

    // lost_ack: the acknowledged publishes that can still be lost (not yet
    // reported, not taken back by an edit or delete), in ack order, with
    // holes where one was reported or taken back. Each entry links to the
    // previous one of its (topic, text) and of its topic, and two indexes
    // find the last entry of each: an ack costs a lookup per index, with
    // nothing allocated per message. An edit / delete walks its chain and
    // cuts the links it walked, so no chain is walked twice. The links and
    // indexes are built at the run's first edit or delete (in O(entries),
    // once): a run with none, the common workload, never pays for them.
    // Entries and chains are compacted once holes outnumber live entries, so
    // memory is O(live) and every step O(1) amortized.
    //
    // An entry is 12 bytes and the entries a std::deque: a workload acks
    // about one write in six events, and a vector's doublings copied the
    // list and faulted its pages in twice (7% of a long run's time).
    static constexpr std::uint32_t no_entry = IdIndex::none;
    static constexpr ActorId hole = ~ActorId{0};  // Acked::broker of a hole
    struct Acked {
        ActorId broker;  // who acknowledged it; `hole` once reported or taken back
        StringId topic;
        StringId text;
        bool live() const { return broker != hole; }
    };
    struct AckedLinks {  // positions in acked_, or no_entry
        std::uint32_t earlier_same_message;
        std::uint32_t earlier_same_topic;
    };
    void link_acked(std::uint32_t position);
    void reindex_acks();
    void kill_acked(Acked& acked);
    // IdIndex matchers: does the entry at a position have this key?
    auto same_message(StringId topic, StringId text) const;
    auto same_topic(StringId topic) const;
    std::deque<Acked> acked_;
    std::vector<AckedLinks> acked_links_;  // one per entry once indexed, else empty
    bool acked_indexed_ = false;           // the links and indexes are built
    std::size_t acked_live_ = 0;
    // Positions in acked_ (the keys are read from the entries): the last
    // entry of each (topic, text) and of each topic. Chains may pass through
    // holes (taken back through the other index, or reported).
    IdIndex last_acked_by_message_;
    IdIndex last_acked_by_topic_;

    // stale_read, per broker: (topic, text) pairs removed by edit/delete,
    // and deleted topics. Only looked up, never iterated.
    std::vector<std::unordered_set<std::uint64_t>> removed_;
    std::vector<std::unordered_set<StringId>> deleted_topics_;

    // The log model. lost_ack: per global partition, the acknowledged
    // records of its current log. duplicate_delivery: per group, what its
    // members consumed (id -> the first consumer). per_key_order: one
    // tracker per consumer. lag_above: per group, above the threshold now.
    std::vector<std::uint64_t> log_acked_;
    std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> group_consumed_;
    std::vector<KeyOrderTracker> key_order_;
    std::vector<std::uint8_t> lag_above_now_;

public:
    // Tests: the acknowledged writes still tracked (live ones), and the
    // entries held including holes; the second stays within a constant
    // factor of the first (plus a small slack).
    std::size_t acked_tracked() const { return acked_live_; }
    std::size_t acked_held() const { return acked_.size(); }
};

}  // namespace kafkasim
