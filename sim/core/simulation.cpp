// The engine: construction (everything scripted is scheduled up front),
// step() and run(), scheduling, the message and list pools, and the
// dispatch of each event to its actor's handler (network.cpp, broker.cpp,
// producer.cpp, consumer.cpp, faults.cpp).
//
// Every handler writes exactly one Record (begin_record) per event, so record
// number N is event number N. Nothing here allocates per event once the pools
// have warmed up: messages and lists come from free lists, queues grow by
// doubling and keep their capacity.
#include "core/simulation.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "core/monitors.hpp"
#include "core/recorder.hpp"

namespace kafkasim {

Simulation::Simulation(const ScenarioSpec& spec, StringTable& strings)
    : spec_(&spec), strings_(&strings), network_prng_(Prng::stream(spec.seed, "network")) {
    assert(!spec.brokers.empty());
    assert(spec.brokers.size() + spec.producers.size() + spec.consumers.size() < actor_id_limit);
    layout_.brokers = static_cast<std::uint32_t>(spec.brokers.size());
    layout_.producers = static_cast<std::uint32_t>(spec.producers.size());
    layout_.consumers = static_cast<std::uint32_t>(spec.consumers.size());

    brokers_.resize(spec.brokers.size());
    for (std::size_t i = 0; i < spec.brokers.size(); ++i) {
        brokers_[i].prng = Prng::stream(spec.seed, "broker:" + spec.brokers[i].name);
        load_initial_topics(i);
    }
    producers_.resize(spec.producers.size());
    for (std::size_t i = 0; i < spec.producers.size(); ++i) {
        producers_[i].prng = Prng::stream(spec.seed, "producer:" + spec.producers[i].name);
        for (const std::uint32_t target : spec.producers[i].targets) {
            assert(target < brokers_.size());
            (void)target;
        }
    }
    consumers_.resize(spec.consumers.size());
    for (std::size_t i = 0; i < spec.consumers.size(); ++i) {
        Consumer& consumer = consumers_[i];
        consumer.prng = Prng::stream(spec.seed, "consumer:" + spec.consumers[i].name);
        consumer.views.resize(brokers_.size());
        consumer.queued.reserve(spec.consumers[i].sessions.size() + 1);
    }
    // Everything scripted is scheduled now, in scenario order, so that equal
    // times run in the order the scenario lists them. Faults first: a crash
    // at t happens before what clients do at t.
    fault_active_.assign(spec.faults.size(), 0);
    for (std::size_t f = 0; f < spec.faults.size(); ++f) {
        const FaultSpec& fault = spec.faults[f];
        assert(fault.kind == FaultSpec::Kind::crash || fault.kind == FaultSpec::Kind::restart || !fault.until_ns ||
               *fault.until_ns >= fault.from_ns);
        schedule(fault.from_ns, EventKind::fault_start, no_actor, static_cast<std::uint32_t>(f));
        const bool on_links = fault.kind != FaultSpec::Kind::crash && fault.kind != FaultSpec::Kind::restart;
        any_link_fault_ = any_link_fault_ || on_links;
        if (on_links && fault.until_ns) schedule(*fault.until_ns, EventKind::fault_end, no_actor, static_cast<std::uint32_t>(f));
    }
    for (std::size_t p = 0; p < spec.producers.size(); ++p) {
        const ProducerSpec& producer = spec.producers[p];
        for (std::size_t a = 0; a < producer.actions.size(); ++a) {
            schedule(producer.actions[a].at_ns, EventKind::producer_action, producer_actor(p), static_cast<std::uint32_t>(a));
        }
        if (producer.workload && producer.workload->count > 0) {
            schedule(producer.workload->start_ns, EventKind::producer_workload, producer_actor(p), 0);
        }
    }
    log_build();  // the log model's cluster and its members' join, commit and leave times
    for (std::size_t c = 0; c < spec.consumers.size() && !is_log_model(); ++c) {
        const ConsumerSpec& consumer = spec.consumers[c];
        for (std::size_t s = 0; s < consumer.sessions.size(); ++s) {
            schedule(consumer.sessions[s].at_ns, EventKind::session_start, consumer_actor(c), static_cast<std::uint32_t>(s));
        }
        if (consumer.workload && consumer.workload->count > 0) {
            schedule(consumer.workload->start_ns, EventKind::session_start, consumer_actor(c), workload_marker);
        }
    }
}

bool Simulation::has_pending_event() const {
    if (events_.empty() || time_limit_hit_) return false;
    if (!spec_->until_ns && log_quiescent()) return false;
    return !(spec_->until_ns && events_.top().time_ns > *spec_->until_ns);
}

bool Simulation::log_quiescent() const {
    // A log run without `until` ends when only the members' own loops are
    // left (polls, heartbeats, session timers: they would go on forever)
    // and they have nothing to do: nothing in flight or being processed,
    // no rebalance under way, every owned partition read to its end and
    // committed (unless the member commits only by hand).
    if (!is_log_model() || work_pending_ > 0) return false;
    for (const CoordinatedGroup& group : log_.groups) {
        if (group.phase == GroupPhase::preparing || group.start_pending || group.end_pending) return false;
        // A member that stopped heartbeating (crashed) is still to expire.
        for (const CoordinatorMember& member : group.members) {
            if (log_.consumers[member.consumer].phase != MemberPhase::stable) return false;
        }
    }
    for (std::size_t c = 0; c < log_.consumers.size(); ++c) {
        const LogConsumer& consumer = log_.consumers[c];
        // What waits for a broker that is down for good cannot happen (a
        // restart still to come is pending work, above).
        const bool coordinator_up = brokers_[log_.layout.coordinator[spec_->consumers[c].group]].up;
        if ((consumer.phase == MemberPhase::joining && coordinator_up) || !consumer.buffer.empty()) return false;
        for (const OwnedPartition& owned : consumer.owned) {
            if (!brokers_[log_.layout.leader[owned.partition]].up) continue;
            const auto end = static_cast<std::int64_t>(log_.partitions[owned.partition].end_offset());
            if (owned.position < end || owned.fetch_serial != 0) return false;
            if (spec_->consumers[c].commit != CommitMode::manual && owned.committed < owned.position && coordinator_up) return false;
        }
    }
    return true;
}

TimeNs Simulation::end_time_ns() const {
    // The window reaches `until` only when the run got there: no live event
    // is left at or before it (cancelled timers do not count: step() would
    // discard them without processing anything), and no event hit the end of
    // time. Otherwise it ends at the last processed event.
    if (!spec_->until_ns || time_limit_hit_) return last_event_ns_;
    for (const Event& event : events_.items()) {
        if (event.time_ns <= *spec_->until_ns && !cancelled(event)) return last_event_ns_;
    }
    return *spec_->until_ns;
}

bool Simulation::cancelled(const Event& event) const {
    switch (static_cast<EventKind>(event.kind)) {
        case EventKind::service_done: {
            // A crash voids the service in progress.
            const Broker& broker = brokers_[event.actor];
            return !broker.up || broker.epoch != event.spare || broker.serving != event.payload;
        }
        case EventKind::request_timeout:
        case EventKind::resend:
            if (is_consumer(event.actor)) {
                return consumers_[layout_.consumer_index(event.actor)].request_serial != event.payload;
            }
            return producers_[layout_.producer_index(event.actor)].pending.find(event.payload) == nullptr;
        case EventKind::status_timeout: {
            const Consumer& consumer = consumers_[layout_.consumer_index(event.actor)];
            return consumer.stage != Stage::asking_status || consumer.round != event.payload;
        }
        case EventKind::choose_done:
            return consumers_[layout_.consumer_index(event.actor)].choice_serial != event.payload;
        case EventKind::poll:
        case EventKind::process_done:
            return log_.consumers[layout_.consumer_index(event.actor)].epoch != event.payload;
        case EventKind::heartbeat_tick:
            return log_.consumers[layout_.consumer_index(event.actor)].life != event.payload;
        case EventKind::member_expiry:
            return log_.expiry_serial[layout_.consumer_index(event.actor)] != event.payload;
        case EventKind::rebalance_start:
        case EventKind::rebalance_end: {
            // A coordinator crash voids the group's pending steps.
            const Broker& broker = brokers_[event.actor];
            return !broker.up || broker.epoch != event.spare;
        }
        default: return false;
    }
}

bool Simulation::step() {
    // Cancelled timers are discarded without being events (lazy deletion:
    // the heap has no removal). Bounded by the queue's size.
    while (has_pending_event() && cancelled(events_.top())) work_pending_ -= idle_loop_event(events_.pop().kind) ? 0 : 1;
    if (!has_pending_event()) return false;
    const Event event = events_.pop();
    work_pending_ -= idle_loop_event(event.kind) ? 0 : 1;
    assert(event.time_ns >= now_ns_ && "simulated time never decreases");
    now_ns_ = event.time_ns;
    last_event_ns_ = event.time_ns;
    current_sequence_ = event.sequence;
    ++events_processed_;

    const ActorId actor = event.actor;
    current_actor_ = actor;
    switch (static_cast<EventKind>(event.kind)) {
        case EventKind::deliver: deliver(event); break;
        case EventKind::service_done: broker_service_done(actor); break;
        case EventKind::producer_action: producer_action(layout_.producer_index(actor), event.payload); break;
        case EventKind::producer_workload: producer_workload(layout_.producer_index(actor)); break;
        case EventKind::session_start: session_begin(layout_.consumer_index(actor), event.payload); break;
        case EventKind::choose_done: consumer_choose_done(layout_.consumer_index(actor)); break;
        case EventKind::retry: consumer_retry(layout_.consumer_index(actor)); break;
        case EventKind::fault_start: fault_start(event.payload); break;
        case EventKind::fault_end: fault_end(event.payload); break;
        case EventKind::request_timeout:
            if (is_consumer(actor)) {
                consumer_timeout(layout_.consumer_index(actor));
            } else {
                producer_timeout(layout_.producer_index(actor), event.payload);
            }
            break;
        case EventKind::resend:
            if (is_consumer(actor)) {
                consumer_resend(layout_.consumer_index(actor));
            } else {
                producer_resend(layout_.producer_index(actor), event.payload);
            }
            break;
        case EventKind::status_timeout: consumer_status_timeout(layout_.consumer_index(actor)); break;
        case EventKind::member_join: member_join(layout_.consumer_index(actor)); break;
        case EventKind::member_leave: member_leave(layout_.consumer_index(actor)); break;
        case EventKind::member_commit: member_commit_at(layout_.consumer_index(actor)); break;
        case EventKind::poll: member_poll(layout_.consumer_index(actor)); break;
        case EventKind::process_done: member_process_done(layout_.consumer_index(actor)); break;
        case EventKind::heartbeat_tick: member_heartbeat_tick(layout_.consumer_index(actor)); break;
        case EventKind::member_expiry: group_member_expiry(static_cast<std::uint32_t>(layout_.consumer_index(actor))); break;
        case EventKind::rebalance_start: group_rebalance_start(event.payload); break;
        case EventKind::rebalance_end: group_rebalance_end(event.payload); break;
    }
    if (time_limit_hit_) {
        // The record is only complete now: name what the event did.
        time_limit_hit_->kind = current_record_->kind;
        if (time_limit_hit_->actor == no_actor) time_limit_hit_->actor = current_record_->source;
    }
    if (monitors_) monitors_->observe(*current_record_, *this);
#ifdef KAFKASIM_CHECK_INVARIANTS
    // check_invariants() is O(state): after every event while the state is
    // small, and every `period` events on a large one (100,000 queued
    // requests, or 100,000 actors), so a checked build stays O(1) amortized
    // per event instead of O(events x state).
    const std::uint64_t period = 1 + (messages_.size() + actor_count()) / 512;
    if (events_processed_ % period == 0) check_invariants();
#endif
    return true;
}

RunStatus Simulation::run(std::uint64_t max_events) {
    while (events_processed_ < max_events) {
        if (!step()) break;
    }
    if (time_limit_hit_) return RunStatus::time_limit;
    if (!has_pending_event()) return events_.empty() || !spec_->until_ns ? RunStatus::finished : RunStatus::until_reached;
    return RunStatus::event_limit;
}

Record& Simulation::begin_record(RecordKind kind, ActorId source, ActorId target) {
    Record& record = recorder_ ? recorder_->append() : scratch_record_;
    record = Record{};
    record.time_ns = now_ns_;
    record.sent_ns = now_ns_;
    record.sequence = current_sequence_;
    record.kind = kind;
    record.source = source;
    record.target = target;
    current_record_ = &record;
    return record;
}

void Simulation::note_time_limit() {
    // The first hit wins; step() completes kind (and actor, for faults) once
    // the event's record is written.
    if (!time_limit_hit_) time_limit_hit_ = TimeLimitHit{events_processed_, current_actor_, RecordKind::dropped};
}

std::uint32_t Simulation::allocate_message() {
    if (!free_messages_.empty()) {
        const std::uint32_t slot = free_messages_.back();
        free_messages_.pop_back();
        messages_[slot] = Message{};
        return slot;
    }
    messages_.emplace_back();
    return static_cast<std::uint32_t>(messages_.size() - 1);
}

void Simulation::free_message(std::uint32_t slot) {
    assert(slot < messages_.size());
    if (is_write(messages_[slot].type)) {
        assert(writes_in_flight_ > 0);
        --writes_in_flight_;
    }
    if (messages_[slot].list != no_slot) free_list(messages_[slot].list);
    messages_[slot].list = no_slot;
    if (messages_[slot].payload != no_slot) free_payload(messages_[slot].payload);
    messages_[slot].payload = no_slot;
    free_messages_.push_back(slot);
}

std::uint32_t Simulation::allocate_list() {
    if (!free_lists_.empty()) {
        const std::uint32_t slot = free_lists_.back();
        free_lists_.pop_back();
        lists_[slot].clear();  // keeps its capacity
        return slot;
    }
    lists_.emplace_back();
    return static_cast<std::uint32_t>(lists_.size() - 1);
}

void Simulation::free_list(std::uint32_t slot) {
    assert(slot < lists_.size());
    free_lists_.push_back(slot);
}

std::string_view Simulation::actor_name(ActorId actor) const {
    if (actor == no_actor) return "-";
    switch (layout_.kind(actor)) {
        case ActorKind::broker: return spec_->brokers[layout_.broker_index(actor)].name;
        case ActorKind::producer: return spec_->producers[layout_.producer_index(actor)].name;
        case ActorKind::consumer: break;
    }
    return spec_->consumers[layout_.consumer_index(actor)].name;
}

}  // namespace kafkasim
