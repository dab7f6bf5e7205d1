// The model: brokers, producers and consumers of the original system as
// actors exchanging timestamped messages over a FIFO network, driven by one
// event queue. A Simulation is a plain value: copying it is a snapshot from
// which the run continues identically (the viz seeks that way).
//
// One class, one file per actor kind: the state of each kind is a struct of
// its own (broker.hpp, producer.hpp, consumer.hpp, network.hpp) and its
// handlers are Simulation members defined in its own file:
//   simulation.cpp        construction, the engine (step, run, scheduling, pools)
//   network.cpp           send: latency, FIFO links, drops, partitions, slowness
//   broker.cpp            arrival, queue, service, claims (broker_store.cpp: the
//                         dictionary model, dictionary.cpp: its operations)
//   producer.cpp          operations, fan-out, timeouts and resends
//   consumer.cpp          the session pipeline (choose_broker.cpp: the policies)
//   faults.cpp            crash, restart, and the start and end of link faults
//   simulation_check.cpp  check_invariants() and state_hash()
//
// Invariants (check_invariants() asserts them; after every event in builds
// with KAFKASIM_CHECK_INVARIANTS, every few events on a large state):
// - events run in (time, insertion sequence) order; time never decreases,
//   and no pending event is earlier than now;
// - every time is in [0, time_max_ns]: a step that would schedule past the
//   last representable instant stops the run instead (time_limit_hit);
// - a broker serves one request at a time; `serving` is set iff a
//   service_done event for it is pending;
// - a broker's holder is set iff it is busy; a consumer holds at most one
//   broker, and a broker held by c is c's held_broker;
// - every message slot is either free or referenced by exactly one pending
//   deliver / service_done event or one broker queue entry;
// - writes_in_flight counts the write requests in those slots; the stats'
//   queue_length_max is at least each broker's queue length.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor_layout.hpp"
#include "core/broker.hpp"
#include "core/consumer.hpp"
#include "core/event_queue.hpp"
#include "core/log_state.hpp"
#include "core/network.hpp"
#include "core/producer.hpp"
#include "core/prng.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"
#include "core/string_table.hpp"
#include "core/time_math.hpp"

namespace kafkasim {

class Recorder;
class Monitors;

// time_limit: an event would have been scheduled past time_max_ns (292
// years); the run stopped after the event that tried (see TimeLimitHit).
enum class RunStatus : std::uint8_t { finished, until_reached, event_limit, time_limit };

// The event whose handler tried to schedule past time_max_ns: its number
// (counted from 1: the trace's "event" index + 1; messages print the
// trace's index), the
// actor that handled it (no_actor for faults) and what it recorded.
struct TimeLimitHit {
    std::uint64_t event = 0;
    ActorId actor = no_actor;
    RecordKind kind = RecordKind::dropped;
};

class Simulation {
public:
    // `spec` and `strings` must outlive the simulation and all its copies.
    Simulation(const ScenarioSpec& spec, StringTable& strings);

    // Observers see every processed event; pass nullptr to stop recording.
    void set_recorder(Recorder* recorder) { recorder_ = recorder; }
    // Monitors see each event's record and the state right after it.
    void set_monitors(Monitors* monitors) { monitors_ = monitors; }

    // Processes the next event. False when none is left, the next one is
    // past `until`, or an earlier event hit the end of time (time_limit_hit).
    bool step();
    // The Record of the last processed event (after step() returned true),
    // whether or not a Recorder keeps it: streaming observers read it here.
    // Valid until the next step(); not meaningful before the first one.
    const Record& last_record() const { return recorder_ ? *current_record_ : scratch_record_; }
    // Steps until done or `max_events` processed in total.
    RunStatus run(std::uint64_t max_events);

    TimeNs now_ns() const { return now_ns_; }
    // The end of the observed window, the stats' denominator: `until` when
    // the run got there (no live event is left at or before it), else the
    // time of the last processed event. A run stopped early (--max-events,
    // the time limit) never reports time it did not simulate.
    TimeNs end_time_ns() const;
    std::uint64_t events_processed() const { return events_processed_; }
    bool has_pending_event() const;
    // Set once an event tried to schedule past time_max_ns; the run is over.
    const std::optional<TimeLimitHit>& time_limit_hit() const { return time_limit_hit_; }
    // Asserts the invariants listed at the top of this file (aborts with a
    // message naming the broken one). O(state size): test and fuzz builds
    // call it after every event (KAFKASIM_CHECK_INVARIANTS); anyone may call it.
    void check_invariants() const;
    void check_log_invariants() const;  // the log model's part of check_invariants()

    const ScenarioSpec& spec() const { return *spec_; }
    const StringTable& strings() const { return *strings_; }
    std::size_t actor_count() const { return layout_.count(); }
    std::string_view actor_name(ActorId actor) const;
    // Actor ids <-> each kind's index (actor_layout.hpp).
    const ActorLayout& layout() const { return layout_; }
    ActorId broker_actor(std::size_t i) const { return layout_.broker(i); }
    ActorId producer_actor(std::size_t i) const { return layout_.producer(i); }
    ActorId consumer_actor(std::size_t i) const { return layout_.consumer(i); }
    bool is_broker(ActorId actor) const { return layout_.is_broker(actor); }
    bool is_consumer(ActorId actor) const { return layout_.is_consumer(actor); }

    const std::vector<Broker>& brokers() const { return brokers_; }
    const std::vector<Producer>& producers() const { return producers_; }
    const std::vector<Consumer>& consumers() const { return consumers_; }
    // The log model's state (log_state.hpp); empty in the dictionary model.
    const LogModel& log_model() const { return log_; }
    bool is_log_model() const { return spec_->model == BrokerModel::log; }
    // Messages in the network (sent, not yet delivered), in no particular order.
    template <typename Visit>
    void for_each_in_flight(Visit&& visit) const {
        for (const Event& event : events_.items()) {
            if (event.kind == static_cast<std::uint8_t>(EventKind::deliver)) visit(messages_[event.payload], event.time_ns);
        }
    }
    // A hash of the whole model state, for determinism checks: the clock,
    // every actor's state and stats, the PRNG streams, the pending events
    // (time, sequence, kind, actor, payload) with their messages, the
    // producers' pending writes and the links' FIFO clocks. Two states that
    // differ in anything a later event can observe hash differently (up to
    // 64-bit collisions). Not a documented value: it may change between
    // versions, never between runs.
    std::uint64_t state_hash() const;
    bool fault_active(std::size_t fault) const { return fault_active_[fault] != 0; }
    // Write requests sent and not yet served, rejected or lost: when 0, the
    // brokers have settled and any difference between them is divergence.
    std::uint64_t writes_in_flight() const { return writes_in_flight_; }
    // The network's FIFO link clocks (network.hpp): their memory grows with
    // the links that carry traffic, not with actors x actors.
    const LinkClocks& link_clocks() const { return links_; }

private:
    // Test-only access (tests/unit/test_state_hash.cpp changes one part of a
    // copied state at a time); nothing else may use it.
    friend struct SimulationTestAccess;

    enum class EventKind : std::uint8_t {
        deliver,         // payload: message slot; actor: receiver
        service_done,    // actor: broker
        producer_action, // actor: producer; payload: scripted action index
        producer_workload,
        session_start,   // actor: consumer; payload: scripted session index or workload marker
        choose_done,     // actor: consumer
        retry,           // actor: consumer
        fault_start,     // payload: fault index (crash and restart happen here)
        fault_end,       // payload: fault index
        request_timeout, // actor: client; payload: request id / serial
        resend,          // actor: client; payload: request id / serial
        status_timeout,  // actor: consumer; payload: round serial
        // The log model.
        member_join,     // actor: consumer (join_at, a restart)
        member_leave,    // actor: consumer (leave_at)
        member_commit,   // actor: consumer; payload: commit_at index
        poll,            // actor: consumer; payload: epoch
        process_done,    // actor: consumer; payload: epoch
        heartbeat_tick,  // actor: consumer; payload: life
        member_expiry,   // actor: coordinator broker; payload: consumer index; spare: broker epoch
        rebalance_start, // actor: coordinator broker; payload: group; spare: broker epoch
        rebalance_end,   // actor: coordinator broker; payload: group; spare: broker epoch
    };
    bool cancelled(const Event& event) const;
    // The log model's members' periodic timers, which never run out.
    static bool idle_loop_event(std::uint8_t kind) {
        const auto k = static_cast<EventKind>(kind);
        return k == EventKind::poll || k == EventKind::heartbeat_tick || k == EventKind::member_expiry;
    }
    bool log_quiescent() const;

    // A session_start payload that is not a scripted session's index.
    static constexpr std::uint32_t workload_marker = 0xffffffffu;

    // Engine plumbing (simulation.cpp).
    std::uint32_t allocate_message();
    void free_message(std::uint32_t slot);
    std::uint32_t allocate_list();
    void free_list(std::uint32_t slot);
    void schedule(TimeNs at_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare = 0);
    // now + delay_ns, or nothing after noting the time limit hit (the event
    // is then not scheduled and the run stops after the current event).
    std::optional<TimeNs> time_after(TimeNs delay_ns);
    void schedule_after(TimeNs delay_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare = 0);
    void note_time_limit();
    Record& begin_record(RecordKind kind, ActorId source, ActorId target);
    // A log message's partition and key into its record (nothing for the
    // dictionary model's messages, which have neither).
    void note_log_fields(Record& record, const Message& message) const {
        if (message.partition != no_slot) record.chosen = log_.layout.local(message.partition);
        if (message.key != no_string) record.previous = message.key;
    }

    // Network (network.cpp).
    void send(std::uint32_t slot, ActorId source, ActorId target);
    void deliver(const Event& event);
    bool link_matches(const LinkSetSpec& links, ActorId source, ActorId target) const;
    bool partitioned(ActorId source, ActorId target) const;

    // Brokers (broker.cpp).
    void load_initial_topics(std::size_t broker);
    void broker_receive(ActorId broker, std::uint32_t slot);
    void broker_start_service(ActorId broker, std::uint32_t slot);
    void broker_service_done(ActorId broker);
    // false: the reply waits (log_serve)
    bool broker_apply(ActorId broker, Message& request, Message& reply, Record& record);
    void queue_length_changed(Broker& broker);
    void reply_broker_down(ActorId broker, std::uint32_t request_slot);

    // Faults (faults.cpp).
    void fault_start(std::size_t fault);
    void fault_end(std::size_t fault);
    void broker_crash(ActorId broker, std::size_t fault);
    void broker_restart(ActorId broker, std::size_t fault);

    // Producers (producer.cpp).
    void producer_action(std::size_t producer, std::uint32_t action);
    void producer_issue(std::size_t producer, const OperationSpec& op, StringId text);
    void producer_workload(std::size_t producer);
    void producer_reply(ActorId producer, const Message& reply);
    void producer_send(std::size_t producer, const PendingWrite& write);
    void producer_timeout(std::size_t producer, std::uint32_t request_id);
    void producer_resend(std::size_t producer, std::uint32_t request_id);

    // Consumers (consumer.cpp).
    void session_begin(std::size_t consumer, std::uint32_t session);
    void session_attempt(std::size_t consumer);
    void session_end(std::size_t consumer, SessionOutcome outcome, Record& record);
    void consumer_reply(ActorId consumer, Message& reply);
    void consumer_choose_done(std::size_t consumer);
    void consumer_retry(std::size_t consumer);
    void consumer_resend(std::size_t consumer);
    void consumer_decide(std::size_t consumer, Record& record);
    void consumer_statuses_in(std::size_t consumer, Record& record);
    void consumer_await_choice(std::size_t consumer, std::optional<TimeNs> at_ns, Record& record);
    const SessionSpec* scripted_session(std::size_t consumer) const;
    void consumer_choose(std::size_t consumer);
    void consumer_send(std::size_t consumer, MessageType type);
    void consumer_fail(std::size_t consumer, Reason reason, Record& record);
    void consumer_transmit(std::size_t consumer);
    void consumer_timeout(std::size_t consumer);
    void consumer_status_timeout(std::size_t consumer);

    // The log model: construction (log_broker.cpp).
    void log_build();
    std::uint32_t allocate_payload();
    void free_payload(std::uint32_t slot);
    // Producers (log_producer.cpp).
    void log_producer_send(std::size_t producer, const OperationSpec& op, StringId key, StringId value);
    void log_producer_workload(std::size_t producer);
    // Brokers: partitions and the group coordinator (log_broker.cpp).
    // Serves a log request; false when the reply waits (a join parked until
    // the rebalance ends: the reply slot is then not used).
    bool log_serve(ActorId broker, Message& request, Message& reply, Record& record);
    void note_lag(std::uint32_t partition, std::uint64_t end_before, std::uint64_t end_after);
    void change_group_lag(std::size_t group, std::uint64_t lag_before, std::uint64_t lag_after);
    void log_serve_join(std::size_t group, Message& request, Record& record);
    void log_serve_heartbeat(std::size_t group, const Message& request, Message& reply, Record& record);
    void log_serve_commit(std::size_t group, const Message& request, Message& reply, Record& record);
    void log_serve_leave(std::size_t group, const Message& request, Record& record);
    void group_member_removed(std::size_t group, Reason cause);
    void group_want_rebalance(std::size_t group, Reason cause);
    void group_check_barrier(std::size_t group);
    void group_schedule_expiry(std::size_t group, std::uint32_t consumer, TimeNs from_ns);
    void group_rebalance_start(std::size_t group);
    void group_rebalance_end(std::size_t group);
    void group_member_expiry(std::uint32_t consumer);
    void log_broker_crash(ActorId broker, Record& record);
    // Consumers (log_consumer.cpp).
    void member_join(std::size_t consumer);
    void member_leave(std::size_t consumer);
    void member_commit_at(std::size_t consumer);
    void member_poll(std::size_t consumer);
    void member_process_done(std::size_t consumer);
    void member_heartbeat_tick(std::size_t consumer);
    void member_reply(std::size_t consumer, Message& reply);
    void member_fetch_reply(std::size_t consumer, Message& reply, Record& record);
    void member_join_reply(std::size_t consumer, Message& reply, Record& record);
    void member_send(std::size_t consumer, MessageType type, std::uint32_t partition, std::int64_t index);
    void member_send_join(std::size_t consumer);
    void member_process_next(std::size_t consumer);
    void member_batch_done(std::size_t consumer);
    std::uint32_t member_commit(std::size_t consumer);
    void member_revoke(std::size_t consumer);
    void member_rejoin(std::size_t consumer, bool as_new);
    void consumer_crash(std::size_t consumer, std::size_t fault);
    void consumer_restart(std::size_t consumer, std::size_t fault);

    const ScenarioSpec* spec_;
    StringTable* strings_;
    ActorLayout layout_;
    Recorder* recorder_ = nullptr;
    Monitors* monitors_ = nullptr;
    Record* current_record_ = nullptr;

    TimeNs now_ns_ = 0;
    TimeNs last_event_ns_ = 0;
    ActorId current_actor_ = no_actor;            // the actor handling the current event
    std::optional<TimeLimitHit> time_limit_hit_;
    std::uint64_t events_processed_ = 0;
    EventQueue events_;
    std::uint64_t current_sequence_ = 0;
    std::uint64_t work_pending_ = 0;             // pending events other than idle_loop_event ones
    Prng network_prng_;
    LinkClocks links_;                           // FIFO links (network.cpp)
    std::vector<Message> messages_;
    std::vector<std::uint32_t> free_messages_;
    std::vector<std::vector<StringId>> lists_;
    std::vector<std::uint32_t> free_lists_;
    std::vector<Broker> brokers_;
    std::vector<Producer> producers_;
    std::vector<Consumer> consumers_;
    LogModel log_;                               // the log model (empty in the dictionary model)
    std::vector<std::uint8_t> fault_active_;   // slow / drop / partition in force
    bool any_link_fault_ = false;
    std::uint64_t writes_in_flight_ = 0;             // fast path: no fault ever touches the network
    std::string workload_text_;              // scratch for workload messages (keeps its capacity)
    Record scratch_record_;                  // written when nobody records
};

// Scheduling runs a few times per event: defined here so that it inlines
// into the handlers (out of line, the std::optional that time_after returns
// went through the stack, a store-forwarding stall on every call).
inline void Simulation::schedule(TimeNs at_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare) {
    assert(at_ns >= now_ns_ && "an event is never scheduled in the past");
    // After a time limit hit the run is over: the rest of the current event
    // still runs its handler to the end, but schedules nothing more.
    if (time_limit_hit_) return;
    events_.push(at_ns, static_cast<std::uint8_t>(kind), actor, payload, spare);
    work_pending_ += idle_loop_event(static_cast<std::uint8_t>(kind)) ? 0 : 1;
}

inline std::optional<TimeNs> Simulation::time_after(TimeNs delay_ns) {
    assert(delay_ns >= 0 && "durations are never negative");
    const std::optional<TimeNs> at_ns = checked_add_time(now_ns_, delay_ns);
    if (!at_ns) note_time_limit();
    return at_ns;
}

inline void Simulation::schedule_after(TimeNs delay_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare) {
    if (time_limit_hit_) return;
    if (const std::optional<TimeNs> at_ns = time_after(delay_ns)) schedule(*at_ns, kind, actor, payload, spare);
}

}  // namespace kafkasim
