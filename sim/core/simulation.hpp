// The model: brokers, producers and consumers of the original system as
// actors exchanging timestamped messages over a FIFO network, driven by one
// event queue. A Simulation is a plain value: copying it is a snapshot from
// which the run continues identically (the viz seeks that way).
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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_queue.hpp"
#include "core/prng.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"
#include "core/string_table.hpp"
#include "core/time_math.hpp"

namespace kafkasim {

class Recorder;
class Monitors;

constexpr std::uint32_t no_slot = 0xffffffffu;

// A topic and a hash of its contents, kept up to date by every operation so
// that comparing two brokers' dictionaries (the divergence monitor) is O(1).
struct Topic {
    StringId name = no_string;
    std::vector<StringId> messages;
    std::uint64_t hash = 0;   // sum of mix(message_i) * base^i
    std::uint64_t power = 1;  // base^messages.size()
};

// A FIFO of message slots that grows by doubling up to its capacity.
class SlotQueue {
public:
    bool empty() const { return count_ == 0; }
    std::uint32_t size() const { return count_; }
    void push(std::uint32_t slot);
    std::uint32_t pop();
    std::uint32_t at(std::uint32_t i) const { return ring_[(head_ + i) & (ring_.size() - 1)]; }

private:
    std::vector<std::uint32_t> ring_;  // size is 0 or a power of two
    std::uint32_t head_ = 0;
    std::uint32_t count_ = 0;
};

struct BrokerStats {
    std::uint64_t requests_arrived = 0;
    std::uint64_t requests_served = 0;
    std::uint64_t requests_rejected = 0;  // served with an error, or refused for a full queue
    TimeNs busy_serving_ns = 0;           // time spent serving (utilization numerator)
    // Sums of durations over many requests can pass time_max_ns (three
    // waits of 100 years do): they are doubles, exact up to 2^53 ns (104
    // days in total) and rounded, never wrapped, beyond.
    double queue_wait_total_ns = 0;       // arrival -> service start, summed over served requests
    double response_time_total_ns = 0;    // arrival -> reply, summed over served requests
    // Integral of the waiting-queue length over time (length x ns), and the
    // last time the length changed: the time-weighted mean is area / end time.
    double queue_length_area = 0;
    TimeNs queue_changed_ns = 0;
    std::uint32_t queue_length_max = 0;
    TimeNs held_total_ns = 0;             // time busy (claimed by a consumer)
    TimeNs held_since_ns = 0;
};

struct Broker {
    bool up = true;
    bool busy = false;            // the original active_status: claimed by a consumer
    ActorId holder = no_actor;
    std::uint32_t serving = no_slot;  // the request in service
    TimeNs service_started_ns = 0;
    SlotQueue queue;              // waiting requests, FIFO
    std::vector<Topic> topics;    // insertion order
    Prng prng;
    BrokerStats stats;
    std::uint8_t epoch = 0;           // bumped by a crash: service events of before are void
    std::uint64_t content_hash = 0;   // sum over topics of topic_contribution(): order-free

    // Position of the topic in `topics`, or -1.
    std::int64_t find_topic(StringId name) const;
};

struct ProducerStats {
    std::uint64_t operations = 0;  // operations issued (each goes to every target)
    std::uint64_t sent = 0;        // requests sent (operations x targets), resends excluded
    std::uint64_t acked = 0;
    std::uint64_t failed = 0;      // error replies and requests given up after timeouts
    std::uint64_t timeouts = 0;
    std::uint64_t resent = 0;
    double ack_latency_total_ns = 0;      // summed over acks; a double, as BrokerStats' totals
};

// A write waiting for its reply (only tracked when the producer has a timeout).
struct PendingWrite {
    std::uint32_t request_id = 0;
    std::uint32_t attempt = 1;
    ActorId target = no_actor;
    MessageType type = MessageType::publish;
    StringId topic = no_string;
    StringId text = no_string;
    std::int64_t index = -1;
    TimeNs first_sent_ns = 0;
};

struct Producer {
    std::uint32_t next_action = 0;       // scripted actions issued so far
    std::uint64_t workload_issued = 0;
    std::uint32_t next_request_id = 1;
    std::vector<PendingWrite> pending;   // bounded by the writes in flight
    Prng prng;
    ProducerStats stats;
};

// The stages of a consumer session: the original pipeline, made explicit.
enum class Stage : std::uint8_t {
    idle,
    asking_status,
    choosing_broker,   // a manual session: the person looks at the statuses
    waiting_retry,
    claiming,
    listing_topics,
    choosing_topic,
    reading_topic,
    choosing_index,
    reading_message,
    releasing,
};
std::string_view stage_name(Stage stage);

struct BrokerView {  // a status reply, as the consumer saw it
    bool answered = false;
    bool busy = false;
    ActorId holder = no_actor;
    std::uint32_t queue_length = 0;
    bool down = false;  // the connection was refused
    // The reply was an error (queue_full, broker_down): the consumer does not
    // know whether the broker is idle, so no policy may choose it.
    bool refused = false;
};

struct Consumption {
    TimeNs time_ns = 0;
    ActorId broker = no_actor;
    StringId topic = no_string;
    std::int64_t index = 0;
    StringId text = no_string;
};

struct ConsumerStats {
    std::uint64_t sessions_started = 0;
    std::uint64_t sessions_completed = 0;
    std::uint64_t sessions_refused = 0;
    std::uint64_t sessions_failed = 0;
    std::uint64_t claims_refused = 0;  // lost races
    std::uint64_t attempts = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t resent = 0;
};

struct Consumer {
    Stage stage = Stage::idle;
    std::uint32_t attempt = 0;             // attempts in the current session (1-based once started)
    std::uint32_t replies_pending = 0;     // status replies still outstanding
    ActorId target = no_actor;             // the broker being claimed or held
    SessionOutcome pending_outcome = SessionOutcome::none;  // set while releasing
    // The current session's choices (copied from the spec at session start).
    std::uint32_t session = 0;             // scripted index, or sessions.size() + workload number
    ChoiceSpec::Kind topic_choice = ChoiceSpec::Kind::random;
    ChoiceSpec::Kind index_choice = ChoiceSpec::Kind::random;
    StringId topic_named = no_string;
    std::int64_t index_named = 0;
    StringId chosen_topic = no_string;
    std::int64_t chosen_index = -1;
    std::vector<BrokerView> views;         // one per broker
    std::vector<StringId> received;        // the topics of the last list_topics reply
    std::uint32_t messages_count = 0;      // the length of the topic of the last get_topic reply
    std::uint32_t round_robin_next = 0;
    std::uint32_t queued_head = 0;         // scripted sessions waiting for the running one
    std::vector<std::uint32_t> queued;     // (bounded by the number of scripted sessions)
    std::uint64_t workload_started = 0;
    // Replies are matched to what the consumer waits for by serial number, so
    // late replies (after a timeout or a crash) are recognised and ignored.
    std::uint32_t next_serial = 1;
    std::uint32_t round = 0;               // serial of the current status round
    std::uint32_t request_serial = 0;      // serial of the outstanding request (0: none)
    MessageType request_type = MessageType::reply;
    std::uint32_t request_attempt = 0;
    // Serial of the pending choose_done (0: none). A session that ends while
    // it waits (its broker crashed) leaves the event behind: it is void.
    std::uint32_t choice_serial = 0;
    Prng prng;
    ConsumerStats stats;
    std::vector<Consumption> consumed;
};

// A message in flight or waiting in a broker queue.
struct Message {
    TimeNs sent_ns = 0;
    TimeNs origin_ns = 0;       // replies: when the request was sent; requests: arrival time at the broker
    std::int64_t index = -1;
    StringId topic = no_string;
    StringId text = no_string;
    std::uint32_t list = no_slot;   // a slot of the list pool (topics or messages)
    std::uint32_t count = 0;        // status: queue length
    ActorId source = no_actor;
    ActorId target = no_actor;
    ActorId holder = no_actor;
    MessageType type = MessageType::reply;
    MessageType request = MessageType::reply;  // replies: what they answer
    ErrorCode error = ErrorCode::none;
    bool busy = false;
    Reason lost = Reason::none;     // drop_random / partitioned: it will not arrive
    std::uint32_t serial = 0;       // client's request serial, echoed by the reply
};

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

    const ScenarioSpec& spec() const { return *spec_; }
    const StringTable& strings() const { return *strings_; }
    std::size_t actor_count() const { return brokers_.size() + producers_.size() + consumers_.size(); }
    std::string_view actor_name(ActorId actor) const;
    ActorId broker_actor(std::size_t i) const { return static_cast<ActorId>(i); }
    ActorId producer_actor(std::size_t i) const { return static_cast<ActorId>(brokers_.size() + i); }
    ActorId consumer_actor(std::size_t i) const {
        return static_cast<ActorId>(brokers_.size() + producers_.size() + i);
    }
    bool is_broker(ActorId actor) const { return actor < brokers_.size(); }
    bool is_consumer(ActorId actor) const { return actor != no_actor && actor >= brokers_.size() + producers_.size() && actor < actor_count(); }

    const std::vector<Broker>& brokers() const { return brokers_; }
    const std::vector<Producer>& producers() const { return producers_; }
    const std::vector<Consumer>& consumers() const { return consumers_; }
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
    };
    bool cancelled(const Event& event) const;

    // Engine plumbing.
    std::uint32_t allocate_message();
    void free_message(std::uint32_t slot);
    std::uint32_t allocate_list();
    void free_list(std::uint32_t slot);
    void send(std::uint32_t slot, ActorId source, ActorId target);
    void schedule(TimeNs at_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare = 0);
    // now + delay_ns, or nothing after noting the time limit hit (the event
    // is then not scheduled and the run stops after the current event).
    std::optional<TimeNs> time_after(TimeNs delay_ns);
    void schedule_after(TimeNs delay_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare = 0);
    void note_time_limit();
    void load_initial_topics(ActorId broker);
    Record& begin_record(RecordKind kind, ActorId source, ActorId target);

    // Brokers.
    void broker_receive(ActorId broker, std::uint32_t slot);
    void broker_start_service(ActorId broker, std::uint32_t slot);
    void broker_service_done(ActorId broker);
    void broker_apply(Broker& broker, ActorId broker_id, Message& request, Message& reply, Record& record);
    void queue_length_changed(Broker& broker);
    void broker_crash(ActorId broker, std::size_t fault);
    void broker_restart(ActorId broker, std::size_t fault);
    void reply_broker_down(ActorId broker, std::uint32_t request_slot);

    // Faults.
    void fault_start(std::size_t fault);
    void fault_end(std::size_t fault);
    bool link_matches(const LinkSetSpec& links, ActorId source, ActorId target) const;
    bool partitioned(ActorId source, ActorId target) const;

    // Producers.
    void producer_issue(std::size_t producer, const OperationSpec& op, StringId text);
    void producer_workload(std::size_t producer);
    void producer_reply(ActorId producer, const Message& reply);
    void producer_send(std::size_t producer, const PendingWrite& write);
    void producer_timeout(std::size_t producer, std::uint32_t request_id);
    void producer_resend(std::size_t producer, std::uint32_t request_id);

    // Consumers.
    void session_begin(std::size_t consumer, std::uint32_t session);
    void session_attempt(std::size_t consumer);
    void session_end(std::size_t consumer, SessionOutcome outcome, Record& record);
    void session_schedule_next_workload(std::size_t consumer);
    void consumer_reply(ActorId consumer, Message& reply);
    void consumer_status_reply(std::size_t consumer, ActorId broker, const Message& reply);
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

    const ScenarioSpec* spec_;
    StringTable* strings_;
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
    Prng network_prng_;
    std::vector<TimeNs> link_last_delivery_ns_;  // actor_count x actor_count: FIFO links
    std::vector<Message> messages_;
    std::vector<std::uint32_t> free_messages_;
    std::vector<std::vector<StringId>> lists_;
    std::vector<std::uint32_t> free_lists_;
    std::vector<Broker> brokers_;
    std::vector<Producer> producers_;
    std::vector<Consumer> consumers_;
    std::vector<std::uint8_t> fault_active_;   // slow / drop / partition in force
    bool any_link_fault_ = false;
    std::uint64_t writes_in_flight_ = 0;             // fast path: no fault ever touches the network
    std::string workload_text_;              // scratch for workload messages (keeps its capacity)
    Record scratch_record_;                  // written when nobody records
};

}  // namespace kafkasim
