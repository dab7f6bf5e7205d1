// The network: every message leaves through send(), which draws its
// latency, applies the link faults in force (slow, drop, partition) and
// keeps each link FIFO; deliver() hands what arrives to the receiver's
// handler, or records it as dropped. LinkClocks (network.hpp) is here too.
#include <algorithm>
#include <cassert>

#include "core/distribution.hpp"
#include "core/link_faults.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

void Simulation::send(std::uint32_t slot, ActorId source, ActorId target) {
    Message& message = messages_[slot];
    message.source = source;
    message.target = target;
    message.sent_ns = now_ns_;
    writes_in_flight_ += is_write(message.type) ? 1 : 0;
    std::optional<TimeNs> latency_ns = sample(spec_->network.latency, network_prng_);
    if (any_link_fault_) {
        // Faults in scenario order; drop draws come from the network stream,
        // so they are part of the seed's story.
        for (std::size_t f = 0; f < fault_active_.size(); ++f) {
            if (!fault_active_[f]) continue;
            const FaultSpec& fault = spec_->faults[f];
            if (fault.kind == FaultSpec::Kind::slow && link_matches(fault.links, source, target)) {
                if (latency_ns) latency_ns = checked_add_time(*latency_ns, fault.extra_latency_ns);
            } else if (fault.kind == FaultSpec::Kind::drop && link_matches(fault.links, source, target) &&
                       message.lost == Reason::none && network_prng_.unit() < fault.probability) {
                message.lost = Reason::drop_random;
            }
        }
        if (message.lost == Reason::none && partitioned(source, target)) message.lost = Reason::partitioned;
    }
    // Links are FIFO per (sender, receiver), like TCP: a message never
    // overtakes an earlier one on the same link.
    // (latency and arrival are checked sums: a huge slow fault plus a huge
    // latency must stop the run, not wrap to an arrival in the past.)
    const std::optional<TimeNs> arrival_ns = latency_ns ? time_after(*latency_ns) : std::nullopt;
    if (!arrival_ns) {
        note_time_limit();
        return;
    }
    const TimeNs deliver_ns = links_.deliver(source, target, *arrival_ns, now_ns_);
    if (!time_limit_hit_) schedule(deliver_ns, EventKind::deliver, target, slot);
}

void Simulation::deliver(const Event& event) {
    Message& message = messages_[event.payload];
    // A partition that began while the message was in flight stops it too.
    if (message.lost == Reason::none && any_link_fault_ && partitioned(message.source, message.target)) {
        message.lost = Reason::partitioned;
    }
    if (message.lost != Reason::none) {
        Record& record = begin_record(RecordKind::dropped, message.source, message.target);
        record.sent_ns = message.sent_ns;
        record.request = message.type == MessageType::reply ? message.request : message.type;
        record.reason = message.lost;
        // A lost reply is an ack or an error: keep which.
        if (message.type == MessageType::reply) record.error = message.error;
        record.topic = message.topic;
        record.text = message.text;
        record.index = message.index;
        note_log_fields(record, message);
        free_message(event.payload);
        return;
    }
    switch (layout_.kind(event.actor)) {
        case ActorKind::broker: broker_receive(event.actor, event.payload); return;  // keeps the slot (queue, service)
        case ActorKind::producer: producer_reply(event.actor, message); break;
        case ActorKind::consumer:
            if (is_log_model()) {
                member_reply(layout_.consumer_index(event.actor), message);
            } else {
                consumer_reply(event.actor, message);
            }
            break;
    }
    free_message(event.payload);
}

bool Simulation::link_matches(const LinkSetSpec& links, ActorId source, ActorId target) const {
    return link_set_contains(links, source, target);  // core/link_faults.hpp: shared with the viz
}

bool Simulation::partitioned(ActorId source, ActorId target) const {
    for (std::size_t f = 0; f < fault_active_.size(); ++f) {
        if (!fault_active_[f] || spec_->faults[f].kind != FaultSpec::Kind::partition) continue;
        if (partition_separates(spec_->faults[f], source, target)) return true;
    }
    return false;
}

// -----------------------------------------------------------------------------
// LinkClocks
// -----------------------------------------------------------------------------

void LinkClocks::rebuild(TimeNs now_ns) {
    std::vector<Slot> kept;
    kept.reserve(used_);
    for (const Slot& slot : slots_) {
        // A link whose last delivery is not after now constrains nothing:
        // any later arrival is at or after now.
        if (slot.key != empty_key && slot.last_ns > now_ns) kept.push_back(slot);
    }
    std::size_t capacity = 16;
    unsigned bits = 4;
    while (capacity < 4 * (kept.size() + 1)) {
        capacity *= 2;
        ++bits;
    }
    std::vector<Slot>(capacity, Slot{empty_key, 0}).swap(slots_);
    shift_ = 64 - bits;
    used_ = kept.size();
    for (const Slot& slot : kept) {
        std::size_t i = home(slot.key);
        while (slots_[i].key != empty_key) i = (i + 1) & (capacity - 1);
        slots_[i] = slot;
    }
}

std::vector<std::pair<std::pair<ActorId, ActorId>, TimeNs>> LinkClocks::live(TimeNs now_ns) const {
    std::vector<std::pair<std::pair<ActorId, ActorId>, TimeNs>> result;
    for (const Slot& slot : slots_) {
        if (slot.key == empty_key || slot.last_ns <= now_ns) continue;
        result.push_back({{static_cast<ActorId>(slot.key >> 32), static_cast<ActorId>(slot.key & 0xffffffffu)}, slot.last_ns});
    }
    std::sort(result.begin(), result.end());
    return result;
}

TimeNs* LinkClocks::find(ActorId source, ActorId target) {
    if (slots_.empty()) return nullptr;
    const std::uint64_t wanted = key(source, target);
    for (std::size_t i = home(wanted);; i = (i + 1) & (slots_.size() - 1)) {
        if (slots_[i].key == wanted) return &slots_[i].last_ns;
        if (slots_[i].key == empty_key) return nullptr;
    }
}

}  // namespace kafkasim
