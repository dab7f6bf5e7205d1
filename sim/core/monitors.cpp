// See monitors.hpp.
#include "core/monitors.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "core/simulation.hpp"

namespace kafkasim {

namespace {

constexpr std::array<std::string_view, monitor_kind_count> monitor_names = {
    "divergence", "lost_ack", "stale_read", "no_broker", "duplicate_delivery", "per_key_order", "lag_above",
};

std::string quote(const Simulation& state, StringId id) {
    return id == no_string ? std::string("?") : "\"" + state.strings().text(id) + "\"";
}

bool holds(const Broker& broker, StringId topic, StringId text) {
    const std::int64_t t = broker.find_topic(topic);
    if (t < 0) return false;
    const auto& messages = broker.topics[static_cast<std::size_t>(t)].messages;
    return std::find(messages.begin(), messages.end(), text) != messages.end();
}

}  // namespace

std::string_view monitor_name(MonitorKind kind) { return monitor_names[static_cast<std::size_t>(kind)]; }

bool parse_monitor_kind(std::string_view name, MonitorKind& kind) {
    for (std::size_t i = 0; i < monitor_names.size(); ++i) {
        if (monitor_names[i] == name) {
            kind = static_cast<MonitorKind>(i);
            return true;
        }
    }
    return false;
}

void Monitors::fire(MonitorKind kind, bool healed, const Record& record, const Simulation& state, std::string detail) {
    std::uint64_t& count = counts_[static_cast<std::size_t>(kind)];
    if (!healed) ++count;
    if (count > kept_per_monitor_max) return;
    assert(state.events_processed() > 0);
    violations_.push_back(Violation{kind, healed, state.events_processed() - 1, record.time_ns, std::move(detail)});
}

void Monitors::observe(const Record& record, const Simulation& state) {
    if (state.is_log_model()) {
        observe_log(record, state);
        return;
    }
    if (removed_.empty()) {
        removed_.resize(state.brokers().size());
        deleted_topics_.resize(state.brokers().size());
    }
    if (enabled_.divergence) check_divergence(record, state);
    switch (record.kind) {
        case RecordKind::published:
        case RecordKind::edited:
        case RecordKind::deleted:
        case RecordKind::crash:
        case RecordKind::restart:
            if (record.kind == RecordKind::edited) removed_[record.target].insert(key(record.topic, record.previous));
            if (record.kind == RecordKind::deleted) {
                if (record.flags & record_flag::whole_topic) {
                    deleted_topics_[record.target].insert(record.topic);
                } else {
                    removed_[record.target].insert(key(record.topic, record.text));
                }
            }
            if (record.kind == RecordKind::edited || record.kind == RecordKind::deleted) {
                // A producer that edits or deletes a message takes it back:
                // it is no longer owed, and its absence is no lost write.
                const bool whole_topic = record.kind == RecordKind::deleted && (record.flags & record_flag::whole_topic);
                take_back_acks(record.topic, record.kind == RecordKind::edited ? record.previous : record.text, whole_topic);
            }
            if (enabled_.lost_ack && (record.kind == RecordKind::crash || record.kind == RecordKind::restart)) {
                check_lost_acks(record, state);
            }
            return;
        case RecordKind::ack:
            if (enabled_.lost_ack && record.request == MessageType::publish && record.reason != Reason::stale_reply) {
                assert(record.source != hole);
                acked_.push_back(Acked{record.source, record.topic, record.text});
                ++acked_live_;
                if (acked_indexed_) {
                    acked_links_.push_back(AckedLinks{no_entry, no_entry});
                    link_acked(static_cast<std::uint32_t>(acked_.size() - 1));
                }
            }
            return;
        case RecordKind::get_message_reply:
            if (enabled_.stale_read && (record.flags & record_flag::ok) && record.reason != Reason::stale_reply) {
                check_stale_read(record, state);
            }
            return;
        default: break;
    }
    if (enabled_.no_broker && record.outcome == SessionOutcome::refused &&
        (record.reason == Reason::all_busy_refused || record.reason == Reason::none_answered)) {
        const ActorId consumer = record.kind == RecordKind::status_timeout ? record.source : record.target;
        fire(MonitorKind::no_broker, false, record, state,
             std::string(state.actor_name(consumer)) + "'s session was refused: no broker was available");
    }
}

void Monitors::track_broker(const Simulation& state, std::size_t b) {
    Digest& digest = digests_[b];
    // The node the old hash leaves carries the new one: every publish
    // changes a store's hash, and a node per change would cost a malloc and
    // a free per event.
    decltype(up_hashes_)::node_type spare;
    if (digest.up) {
        auto found = up_hashes_.find(digest.hash);
        assert(found != up_hashes_.end() && found->second > 0);
        if (--found->second == 0) spare = up_hashes_.extract(found);
    }
    const Broker& broker = state.brokers()[b];
    digest = Digest{broker.up, broker.content_hash()};
    if (!digest.up) return;
    if (auto found = up_hashes_.find(digest.hash); found != up_hashes_.end()) {
        ++found->second;
    } else if (spare) {
        spare.key() = digest.hash;
        spare.mapped() = 1;
        up_hashes_.insert(std::move(spare));
    } else {
        up_hashes_.emplace(digest.hash, 1);
    }
}

void Monitors::check_divergence(const Record& record, const Simulation& state) {
    const auto& brokers = state.brokers();
    if (digests_.empty()) {
        digests_.resize(brokers.size());
        for (std::size_t b = 0; b < brokers.size(); ++b) track_broker(state, b);
    } else {
        switch (record.kind) {
            case RecordKind::published:
            case RecordKind::edited:
            case RecordKind::deleted: track_broker(state, state.layout().broker_index(record.target)); break;
            case RecordKind::crash:
            case RecordKind::restart: track_broker(state, state.layout().broker_index(record.source)); break;
            default: break;
        }
    }
#ifdef KAFKASIM_CHECK_INVARIANTS
    // The incremental digests agree with the brokers (every store change
    // was one of the records above).
    for (std::size_t b = 0; b < brokers.size(); ++b) {
        assert(digests_[b].up == brokers[b].up && digests_[b].hash == brokers[b].content_hash() &&
               "the divergence monitor saw every change of a broker's store");
    }
#endif
    // While writes are on their way, brokers differ for a moment by design
    // (the fan-out reaches them one after the other): only a difference
    // that remains once every write has landed or been lost is divergence.
    if (!diverged_ && state.writes_in_flight() > 0) return;
    const bool diverged = up_hashes_.size() > 1;
    if (diverged == diverged_) return;
    diverged_ = diverged;
    if (!diverged) {
        fire(MonitorKind::divergence, true, record, state, "the up brokers hold identical dictionaries again (healed)");
        return;
    }
    // Name the first up broker and the first one that differs from it: O(brokers), once per change.
    std::size_t first_up = brokers.size();
    std::size_t differing = brokers.size();
    for (std::size_t b = 0; b < brokers.size(); ++b) {
        if (!brokers[b].up) continue;
        if (first_up == brokers.size()) {
            first_up = b;
        } else if (brokers[b].content_hash() != brokers[first_up].content_hash()) {
            differing = b;
            break;
        }
    }
    assert(differing < brokers.size());
    fire(MonitorKind::divergence, false, record, state,
         std::string(state.actor_name(state.broker_actor(first_up))) + " and " +
             std::string(state.actor_name(state.broker_actor(differing))) + " hold different dictionaries");
}

namespace {

// The lost_ack indexes' hashes: the packed ids spread over the whole word.
std::uint64_t spread(std::uint64_t key) { return IdIndex::spread(key); }

}  // namespace

auto Monitors::same_message(StringId topic, StringId text) const {
    return [this, topic, text](std::uint32_t p) { return acked_[p].topic == topic && acked_[p].text == text; };
}

auto Monitors::same_topic(StringId topic) const {
    return [this, topic](std::uint32_t p) { return acked_[p].topic == topic; };
}

void Monitors::link_acked(std::uint32_t position) {
    const Acked& acked = acked_[position];
    AckedLinks& links = acked_links_[position];
    // A new key's slot holds no_entry: the entry starts its chain.
    std::uint32_t& last_of_message = last_acked_by_message_.insert(spread(key(acked.topic, acked.text)),
                                                                   same_message(acked.topic, acked.text));
    links.earlier_same_message = std::exchange(last_of_message, position);
    std::uint32_t& last_of_topic = last_acked_by_topic_.insert(spread(acked.topic), same_topic(acked.topic));
    links.earlier_same_topic = std::exchange(last_of_topic, position);
}

void Monitors::kill_acked(Acked& acked) {
    if (!acked.live()) return;
    // The keys stay: a hole is still found through the indexes until the
    // next compaction, and its chains pass through it.
    acked.broker = hole;
    --acked_live_;
}

void Monitors::take_back_acks(StringId topic, StringId text, bool whole_topic) {
    // Kills the chain from `position` back and cuts its links: a later walk
    // through the last of them stops there. Positions decrease along a
    // chain, so a walk ends within acked_.size() steps.
    if (!acked_indexed_) {
        // The first edit or delete of the run: index what was acked so far.
        acked_indexed_ = true;
        reindex_acks();
    }
    auto kill = [this](std::uint32_t position, std::uint32_t AckedLinks::*earlier) {
        while (position != no_entry) {
            AckedLinks& links = acked_links_[position];
            assert((links.*earlier == no_entry || links.*earlier < position) && "chains run backwards");
            kill_acked(acked_[position]);
            position = std::exchange(links.*earlier, no_entry);
        }
    };
    if (whole_topic) {
        kill(last_acked_by_topic_.find(spread(topic), same_topic(topic)), &AckedLinks::earlier_same_topic);
    } else {
        kill(last_acked_by_message_.find(spread(key(topic, text)), same_message(topic, text)), &AckedLinks::earlier_same_message);
    }
    compact_acks();
}

void Monitors::compact_acks() {
    const std::size_t holes = acked_.size() - acked_live_;
    if (holes <= acked_live_ || holes < 64) return;
    // O(entries), after at least as many removals: O(1) amortized.
    std::erase_if(acked_, [](const Acked& acked) { return !acked.live(); });
    acked_.shrink_to_fit();
    if (acked_indexed_) reindex_acks();
}

void Monitors::reindex_acks() {
    last_acked_by_message_.clear();
    last_acked_by_topic_.clear();
    acked_links_.assign(acked_.size(), AckedLinks{no_entry, no_entry});
    for (std::size_t i = 0; i < acked_.size(); ++i) link_acked(static_cast<std::uint32_t>(i));
}

void Monitors::check_lost_acks(const Record& record, const Simulation& state) {
    if (acked_live_ == 0) return;
    // One pass over the contents that survive, then a lookup per acked write.
    // A durable broker that is down keeps its dictionary for its restart:
    // what it holds is unavailable for now, not lost.
    std::unordered_set<std::uint64_t> present;
    for (std::size_t b = 0; b < state.brokers().size(); ++b) {
        const Broker& broker = state.brokers()[b];
        if (!broker.up && !state.spec().brokers[b].durable) continue;
        for (const Topic& topic : broker.topics) {
            for (const StringId text : topic.messages) present.insert(key(topic.name, text));
        }
    }
    for (Acked& acked : acked_) {
        if (!acked.live() || present.count(key(acked.topic, acked.text))) continue;
        const std::string message = quote(state, acked.text) + " in " + quote(state, acked.topic) + ", acknowledged by " +
                                    std::string(state.actor_name(acked.broker)) + ", is on no up broker";
        kill_acked(acked);  // reported once: it cannot be lost again
        fire(MonitorKind::lost_ack, false, record, state, message);
    }
    compact_acks();
}

void Monitors::check_stale_read(const Record& record, const Simulation& state) {
    const ActorId reader = record.source;  // the broker that served the read
    for (std::size_t b = 0; b < state.brokers().size(); ++b) {
        const ActorId peer = state.broker_actor(b);
        const Broker& broker = state.brokers()[b];
        if (peer == reader || !broker.up) continue;
        const bool removed_there = removed_[peer].count(key(record.topic, record.text)) > 0 || deleted_topics_[peer].count(record.topic) > 0;
        if (!removed_there || holds(broker, record.topic, record.text)) continue;
        fire(MonitorKind::stale_read, false, record, state,
             std::string(state.actor_name(record.target)) + " read " + quote(state, record.text) + " from " +
                 std::string(state.actor_name(reader)) + ", but " + std::string(state.actor_name(peer)) +
                 " had already edited or deleted it");
        return;
    }
}

namespace {

std::string partition_text(const Simulation& state, std::uint32_t global) {
    const LogLayout& layout = state.log_model().layout;
    return topic_partition_name(state.spec().topics[layout.topic_of[global]].name, layout.local(global));
}

// The global partition a log record names (its topic and partition number).
std::uint32_t record_global_partition(const Simulation& state, const Record& record) {
    const LogLayout& layout = state.log_model().layout;
    for (std::uint32_t t = 0; t < layout.topic_names.size(); ++t) {
        if (layout.topic_names[t] == record.topic) return layout.global(t, record_partition(record));
    }
    assert(false && "a log record names a declared topic");
    return 0;
}

}  // namespace

void Monitors::observe_log(const Record& record, const Simulation& state) {
    const LogModel& model = state.log_model();
    if (log_acked_.empty()) {
        log_acked_.assign(model.layout.partition_count(), 0);
        group_consumed_.resize(model.groups.size());
        key_order_.resize(model.consumers.size());
        lag_above_now_.assign(model.groups.size(), 0);
    }
    bool lag_may_change = false;
    switch (record.kind) {
        case RecordKind::ack:
            if (enabled_.lost_ack && record.request == MessageType::append && record.reason != Reason::stale_reply) {
                const std::uint32_t partition = record_global_partition(state, record);
                // An ack of a log that was lost since it was appended: lost at once.
                if (record.count == model.log_incarnation[partition]) {
                    log_acked_[partition]++;
                } else {
                    fire(MonitorKind::lost_ack, false, record, state,
                         quote(state, record.text) + " in " + partition_text(state, partition) + ", acknowledged by " +
                             std::string(state.actor_name(record.source)) + ", was lost with its partition's log");
                }
            }
            return;
        case RecordKind::crash:
            if (!(record.flags & record_flag::logs_lost)) return;
            for (std::uint32_t p = 0; p < model.layout.partition_count(); ++p) {
                if (state.broker_actor(model.layout.leader[p]) != record.source || log_acked_[p] == 0) continue;
                if (enabled_.lost_ack) {
                    fire(MonitorKind::lost_ack, false, record, state,
                         std::to_string(log_acked_[p]) + " acknowledged record" + (log_acked_[p] == 1 ? "" : "s") + " of " +
                             partition_text(state, p) + " lost with " + std::string(state.actor_name(record.source)) +
                             " (not durable, one copy)");
                }
                log_acked_[p] = 0;
            }
            lag_may_change = true;
            break;
        case RecordKind::consumed: {
            const std::size_t c = state.layout().consumer_index(record.source);
            const LogConsumption& item = model.consumers[c].consumed.back();
            const std::uint32_t group = state.spec().consumers[c].group;
            if (enabled_.duplicate_delivery) {
                const auto [found, first] =
                    group_consumed_[group].try_emplace(consumption_id(item.partition, item.offset, item.log_incarnation), static_cast<std::uint32_t>(c));
                if (!first) {
                    fire(MonitorKind::duplicate_delivery, false, record, state,
                         std::string(state.actor_name(record.source)) + " consumed " + partition_text(state, item.partition) + "@" +
                             std::to_string(item.offset) + " again (first consumed by " +
                             std::string(state.actor_name(state.consumer_actor(found->second))) + "): it was not committed");
                }
            }
            if (enabled_.per_key_order) {
                if (const auto broken = key_order_[c].observe(item)) {
                    fire(MonitorKind::per_key_order, false, record, state,
                         std::string(state.actor_name(record.source)) + " consumed key " + quote(state, item.key) + " at " +
                             partition_text(state, item.partition) + "@" + std::to_string(item.offset) + " after " +
                             partition_text(state, broken->before.partition) + "@" + std::to_string(broken->before.offset) +
                             ", appended later");
                }
            }
            return;
        }
        case RecordKind::appended:
        case RecordKind::offset_committed:
        case RecordKind::rebalance_end:
        case RecordKind::restart: lag_may_change = true; break;
        default: return;
    }
    if (!enabled_.lag_above || !lag_may_change) return;
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        const std::uint64_t lag = model.groups[g].lag.lag;
        const bool above = lag > *enabled_.lag_above;
        if (above == (lag_above_now_[g] != 0)) continue;
        lag_above_now_[g] = above ? 1 : 0;
        fire(MonitorKind::lag_above, !above, record, state,
             state.spec().groups[g].name + "'s lag is " + std::to_string(lag) + (above ? ", above " : ", back at or below ") +
                 std::to_string(*enabled_.lag_above));
    }
}

}  // namespace kafkasim
