// See monitors.hpp.
#include "core/monitors.hpp"

#include <algorithm>
#include <cassert>

#include "core/simulation.hpp"

namespace kafkasim {

namespace {

constexpr std::array<std::string_view, monitor_kind_count> monitor_names = {"divergence", "lost_ack", "stale_read", "no_broker"};

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
                const StringId removed = record.kind == RecordKind::edited ? record.previous : record.text;
                std::erase_if(acked_, [&](const Acked& acked) {
                    return acked.topic == record.topic && (whole_topic || acked.text == removed);
                });
            }
            if (enabled_.lost_ack && (record.kind == RecordKind::crash || record.kind == RecordKind::restart)) {
                check_lost_acks(record, state);
            }
            return;
        case RecordKind::ack:
            if (enabled_.lost_ack && record.request == MessageType::publish && record.reason != Reason::stale_reply) {
                acked_.push_back(Acked{record.source, record.topic, record.text, record.time_ns, false});
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

void Monitors::check_divergence(const Record& record, const Simulation& state) {
    // While writes are on their way, brokers differ for a moment by design
    // (the fan-out reaches them one after the other): only a difference
    // that remains once every write has landed or been lost is divergence.
    if (!diverged_ && state.writes_in_flight() > 0) return;
    const auto& brokers = state.brokers();
    std::size_t first_up = brokers.size();
    std::size_t differing = brokers.size();
    for (std::size_t b = 0; b < brokers.size(); ++b) {
        if (!brokers[b].up) continue;
        if (first_up == brokers.size()) {
            first_up = b;
        } else if (brokers[b].content_hash != brokers[first_up].content_hash) {
            differing = b;
            break;
        }
    }
    const bool diverged = differing < brokers.size();
    if (diverged == diverged_) return;
    diverged_ = diverged;
    if (diverged) {
        fire(MonitorKind::divergence, false, record, state,
             std::string(state.actor_name(state.broker_actor(first_up))) + " and " +
                 std::string(state.actor_name(state.broker_actor(differing))) + " hold different dictionaries");
    } else {
        fire(MonitorKind::divergence, true, record, state, "the up brokers hold identical dictionaries again (healed)");
    }
}

void Monitors::check_lost_acks(const Record& record, const Simulation& state) {
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
        if (acked.reported || present.count(key(acked.topic, acked.text))) continue;
        acked.reported = true;
        fire(MonitorKind::lost_ack, false, record, state,
             quote(state, acked.text) + " in " + quote(state, acked.topic) + ", acknowledged by " +
                 std::string(state.actor_name(acked.broker)) + ", is on no up broker");
    }
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

}  // namespace kafkasim
