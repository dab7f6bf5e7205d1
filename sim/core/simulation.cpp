// The model's event handlers. Sections:
//   [SECTION] Construction
//   [SECTION] Engine: step, run, messages, network
//   [SECTION] Brokers: queueing and the dictionary operations
//   [SECTION] Faults: crash, restart, slow, drop, partition
//   [SECTION] Producers
//   [SECTION] Consumers: the session pipeline
//   [SECTION] Observation: names, stages
// (check_invariants and state_hash live in simulation_check.cpp.)
//
// Every handler writes exactly one Record (begin_record) per event, so record
// number N is event number N. Nothing here allocates per event once the pools
// have warmed up: messages and lists come from free lists, queues grow by
// doubling and keep their capacity.
#include "core/simulation.hpp"

#include <algorithm>
#include <cassert>
#include <string>

#include "core/distribution.hpp"
#include "core/link_faults.hpp"
#include "core/monitors.hpp"
#include "core/recorder.hpp"

namespace kafkasim {

// -----------------------------------------------------------------------------
// [SECTION] Construction
// -----------------------------------------------------------------------------

namespace {

constexpr std::uint32_t workload_marker = 0xffffffffu;

// Dictionary hashing (see Topic): a topic hashes its messages by position, a
// broker sums its topics' contributions, so any change costs O(1) (append)
// or O(topic length) (edit, delete) and two brokers compare in O(1).
constexpr std::uint64_t topic_base = 0x100000001b3ull;

constexpr std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

std::uint64_t message_mix(StringId text) { return mix64(text + 0x9e3779b97f4a7c15ull); }

std::uint64_t topic_contribution(const Topic& topic) {
    const std::uint64_t name = mix64(topic.name ^ 0x5bd1e995u);
    return name * 0x9e3779b97f4a7c15ull + mix64(topic.hash ^ name ^ topic.messages.size());
}

void topic_rehash(Topic& topic) {
    topic.hash = 0;
    topic.power = 1;
    for (const StringId text : topic.messages) {
        topic.hash += message_mix(text) * topic.power;
        topic.power *= topic_base;
    }
}

void topic_append(Topic& topic, StringId text) {
    topic.messages.push_back(text);
    topic.hash += message_mix(text) * topic.power;
    topic.power *= topic_base;
}

RecordKind arrival_kind(MessageType type) {
    assert(type != MessageType::reply);
    return static_cast<RecordKind>(static_cast<std::uint8_t>(type));  // same order by design
}

RecordKind client_reply_kind(MessageType request) {
    switch (request) {
        case MessageType::status: return RecordKind::status_reply;
        case MessageType::claim: return RecordKind::claim_reply;
        case MessageType::list_topics: return RecordKind::list_topics_reply;
        case MessageType::get_topic: return RecordKind::get_topic_reply;
        case MessageType::get_message: return RecordKind::get_message_reply;
        case MessageType::release: return RecordKind::release_reply;
        default: break;
    }
    assert(false && "not a consumer request");
    return RecordKind::status_reply;
}

// The wait before resending after timeout number `attempt` (1-based): the
// backoff, doubled attempt - 1 times (at most 20) when doubling. Nothing when
// the doubled wait would pass time_max_ns: a shift would wrap it negative.
std::optional<TimeNs> backoff_before_resend(const RetrySpec& retry, std::uint32_t attempt) {
    assert(attempt >= 1);
    if (!retry.backoff_doubling) return retry.backoff_ns;
    return checked_double_time(retry.backoff_ns, std::min<std::uint32_t>(attempt - 1, 20));
}

// Why a claim failed, from its error: a lost race (held_by_other), a broker
// that was down, or one that refused (queue_full). `restart`: attempts are
// left and the session starts over.
Reason claim_error_reason(ErrorCode error, bool restart) {
    switch (error) {
        case ErrorCode::held_by_other: return restart ? Reason::race_lost_restart : Reason::race_lost_refused;
        case ErrorCode::broker_down: return Reason::broker_unavailable;
        default: return Reason::broker_refused;
    }
}

// Why a list_topics / get_topic / get_message failed, from its error: the
// session fails either way (and releases the broker first).
Reason read_error_reason(ErrorCode error) {
    switch (error) {
        case ErrorCode::unknown_topic: return Reason::missing_topic;
        case ErrorCode::index_out_of_range: return Reason::missing_index;
        case ErrorCode::broker_down: return Reason::broker_unavailable;
        default: return Reason::broker_refused;
    }
}

MessageType op_message_type(OpKind kind) {
    switch (kind) {
        case OpKind::publish: return MessageType::publish;
        case OpKind::edit: return MessageType::edit;
        case OpKind::delete_topic: return MessageType::delete_topic;
        case OpKind::delete_message: return MessageType::delete_message;
    }
    assert(false && "unknown operation");
    return MessageType::publish;
}

}  // namespace

static_assert(static_cast<int>(RecordKind::release) == static_cast<int>(MessageType::release),
              "arrival record kinds mirror the request message types");

void SlotQueue::push(std::uint32_t slot) {
    if (count_ == ring_.size()) {
        // Grow by doubling, unrolling the ring into the new buffer.
        std::vector<std::uint32_t> grown(ring_.empty() ? 16 : ring_.size() * 2);
        for (std::uint32_t i = 0; i < count_; ++i) grown[i] = at(i);
        ring_.swap(grown);
        head_ = 0;
    }
    ring_[(head_ + count_) & (ring_.size() - 1)] = slot;
    ++count_;
}

std::uint32_t SlotQueue::pop() {
    assert(count_ > 0);
    const std::uint32_t slot = ring_[head_];
    head_ = (head_ + 1) & static_cast<std::uint32_t>(ring_.size() - 1);
    --count_;
    return slot;
}

std::int64_t Broker::find_topic(StringId name) const {
    for (std::size_t i = 0; i < topics.size(); ++i) {
        if (topics[i].name == name) return static_cast<std::int64_t>(i);
    }
    return -1;
}

void Simulation::load_initial_topics(ActorId broker_id) {
    Broker& broker = brokers_[broker_id];
    broker.topics.clear();
    broker.content_hash = 0;
    for (const TopicSpec& topic_spec : spec_->brokers[broker_id].topics) {
        Topic topic;
        topic.name = strings_->intern(topic_spec.name);
        for (const std::string& text : topic_spec.messages) topic_append(topic, strings_->intern(text));
        broker.content_hash += topic_contribution(topic);
        broker.topics.push_back(std::move(topic));
    }
}

Simulation::Simulation(const ScenarioSpec& spec, StringTable& strings)
    : spec_(&spec), strings_(&strings), network_prng_(Prng::stream(spec.seed, "network")) {
    assert(!spec.brokers.empty());
    assert(spec.brokers.size() + spec.producers.size() + spec.consumers.size() < no_actor);

    brokers_.resize(spec.brokers.size());
    for (std::size_t i = 0; i < spec.brokers.size(); ++i) {
        brokers_[i].prng = Prng::stream(spec.seed, "broker:" + spec.brokers[i].name);
        load_initial_topics(static_cast<ActorId>(i));
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
    const std::size_t actors = actor_count();
    link_last_delivery_ns_.assign(actors * actors, 0);

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
    for (std::size_t c = 0; c < spec.consumers.size(); ++c) {
        const ConsumerSpec& consumer = spec.consumers[c];
        for (std::size_t s = 0; s < consumer.sessions.size(); ++s) {
            schedule(consumer.sessions[s].at_ns, EventKind::session_start, consumer_actor(c), static_cast<std::uint32_t>(s));
        }
        if (consumer.workload && consumer.workload->count > 0) {
            schedule(consumer.workload->start_ns, EventKind::session_start, consumer_actor(c), workload_marker);
        }
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Engine: step, run, messages, network
// -----------------------------------------------------------------------------

bool Simulation::has_pending_event() const {
    if (events_.empty() || time_limit_hit_) return false;
    return !(spec_->until_ns && events_.top().time_ns > *spec_->until_ns);
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
                const Consumer& consumer = consumers_[event.actor - brokers_.size() - producers_.size()];
                return consumer.request_serial != event.payload;
            } else {
                const Producer& producer = producers_[event.actor - brokers_.size()];
                for (const PendingWrite& write : producer.pending) {
                    if (write.request_id == event.payload) return false;
                }
                return true;
            }
        case EventKind::status_timeout: {
            const Consumer& consumer = consumers_[event.actor - brokers_.size() - producers_.size()];
            return consumer.stage != Stage::asking_status || consumer.round != event.payload;
        }
        case EventKind::choose_done:
            return consumers_[event.actor - brokers_.size() - producers_.size()].choice_serial != event.payload;
        default: return false;
    }
}

bool Simulation::step() {
    // Cancelled timers are discarded without being events (lazy deletion:
    // the heap has no removal). Bounded by the queue's size.
    while (has_pending_event() && cancelled(events_.top())) events_.pop();
    if (!has_pending_event()) return false;
    const Event event = events_.pop();
    assert(event.time_ns >= now_ns_ && "simulated time never decreases");
    now_ns_ = event.time_ns;
    last_event_ns_ = event.time_ns;
    current_sequence_ = event.sequence;
    ++events_processed_;

    const ActorId actor = event.actor;
    current_actor_ = actor;
    switch (static_cast<EventKind>(event.kind)) {
        case EventKind::deliver: {
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
                free_message(event.payload);
            } else if (is_broker(actor)) {
                broker_receive(actor, event.payload);
            } else if (is_consumer(actor)) {
                consumer_reply(actor, message);
                free_message(event.payload);
            } else {
                producer_reply(actor, message);
                free_message(event.payload);
            }
            break;
        }
        case EventKind::service_done: broker_service_done(actor); break;
        case EventKind::producer_action: {
            const std::size_t p = actor - brokers_.size();
            const ProducerActionSpec& action = spec_->producers[p].actions[event.payload];
            producers_[p].next_action++;
            // publish and edit carry a message, possibly the empty string; deletes carry none.
            const bool has_message = action.op.kind == OpKind::publish || action.op.kind == OpKind::edit;
            producer_issue(p, action.op, has_message ? strings_->intern(action.op.message) : no_string);
            break;
        }
        case EventKind::producer_workload: producer_workload(actor - brokers_.size()); break;
        case EventKind::session_start:
            session_begin(actor - brokers_.size() - producers_.size(), event.payload);
            break;
        case EventKind::choose_done: {
            const std::size_t c = actor - brokers_.size() - producers_.size();
            if (consumers_[c].stage == Stage::choosing_broker) {
                Record& record = begin_record(RecordKind::broker_chosen, actor, no_actor);
                consumer_decide(c, record);
                record.target = record.chosen;
            } else {
                consumer_choose(c);
            }
            break;
        }
        case EventKind::retry: {
            const std::size_t c = actor - brokers_.size() - producers_.size();
            begin_record(RecordKind::retry, actor, no_actor).count = consumers_[c].attempt + 1;
            session_attempt(c);
            break;
        }
        case EventKind::fault_start: fault_start(event.payload); break;
        case EventKind::fault_end: fault_end(event.payload); break;
        case EventKind::request_timeout:
            if (is_consumer(actor)) {
                consumer_timeout(actor - brokers_.size() - producers_.size());
            } else {
                producer_timeout(actor - brokers_.size(), event.payload);
            }
            break;
        case EventKind::resend:
            if (is_consumer(actor)) {
                const std::size_t c = actor - brokers_.size() - producers_.size();
                Consumer& consumer = consumers_[c];
                Record& record = begin_record(RecordKind::resend, actor, consumer.target);
                record.request = consumer.request_type;
                record.count = consumer.request_attempt;
                consumer.stats.resent++;
                consumer_transmit(c);
            } else {
                producer_resend(actor - brokers_.size(), event.payload);
            }
            break;
        case EventKind::status_timeout: consumer_status_timeout(actor - brokers_.size() - producers_.size()); break;
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
    // requests), so a checked build stays O(1) amortized per event instead
    // of O(events x state).
    const std::uint64_t period = 1 + messages_.size() / 512;
    if (events_processed_ % period == 0) check_invariants();
#endif
    return true;
}

RunStatus Simulation::run(std::uint64_t max_events) {
    while (events_processed_ < max_events) {
        if (!step()) break;
    }
    if (time_limit_hit_) return RunStatus::time_limit;
    if (!has_pending_event()) return events_.empty() ? RunStatus::finished : RunStatus::until_reached;
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

void Simulation::schedule(TimeNs at_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare) {
    assert(at_ns >= now_ns_ && "an event is never scheduled in the past");
    // After a time limit hit the run is over: the rest of the current event
    // still runs its handler to the end, but schedules nothing more.
    if (time_limit_hit_) return;
    events_.push(at_ns, static_cast<std::uint8_t>(kind), actor, payload, spare);
}

void Simulation::note_time_limit() {
    // The first hit wins; step() completes kind (and actor, for faults) once
    // the event's record is written.
    if (!time_limit_hit_) time_limit_hit_ = TimeLimitHit{events_processed_, current_actor_, RecordKind::dropped};
}

std::optional<TimeNs> Simulation::time_after(TimeNs delay_ns) {
    assert(delay_ns >= 0 && "durations are never negative");
    const std::optional<TimeNs> at_ns = checked_add_time(now_ns_, delay_ns);
    if (!at_ns) note_time_limit();
    return at_ns;
}

void Simulation::schedule_after(TimeNs delay_ns, EventKind kind, ActorId actor, std::uint32_t payload, std::uint8_t spare) {
    if (time_limit_hit_) return;
    if (const std::optional<TimeNs> at_ns = time_after(delay_ns)) schedule(*at_ns, kind, actor, payload, spare);
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
    TimeNs& last_ns = link_last_delivery_ns_[static_cast<std::size_t>(source) * actor_count() + target];
    const TimeNs deliver_ns = std::max(*arrival_ns, last_ns);
    last_ns = deliver_ns;
    if (!time_limit_hit_) schedule(deliver_ns, EventKind::deliver, target, slot);
}

// -----------------------------------------------------------------------------
// [SECTION] Brokers: queueing and the dictionary operations
// -----------------------------------------------------------------------------

void Simulation::queue_length_changed(Broker& broker) {
    // Called before the length changes: close the interval at the old length.
    broker.stats.queue_length_area +=
        static_cast<double>(broker.queue.size()) * static_cast<double>(now_ns_ - broker.stats.queue_changed_ns);
    broker.stats.queue_changed_ns = now_ns_;
}

void Simulation::broker_receive(ActorId broker_id, std::uint32_t slot) {
    Broker& broker = brokers_[broker_id];
    Message& request = messages_[slot];
    Record& record = begin_record(arrival_kind(request.type), request.source, broker_id);
    record.sent_ns = request.sent_ns;
    record.request = request.type;
    record.topic = request.topic;
    record.text = request.text;
    record.index = request.index;
    request.origin_ns = now_ns_;  // arrival, for queue wait and response time
    if (!broker.up) {
        // Nobody listens: the connection is refused, the client learns at once.
        record.error = ErrorCode::broker_down;
        reply_broker_down(broker_id, slot);
        return;
    }
    broker.stats.requests_arrived++;

    if (broker.serving == no_slot) {
        record.count = 0;
        broker_start_service(broker_id, slot);
        return;
    }
    // Without a queue_capacity the queue is bounded only by the requests that
    // exist (each one a message slot), far below the 32-bit count.
    assert(broker.queue.size() < queue_capacity_unlimited);
    if (broker.queue.size() >= spec_->brokers[broker_id].queue_capacity) {
        // A bounded queue (queue_capacity set): refuse at once.
        record.error = ErrorCode::queue_full;
        broker.stats.requests_rejected++;
        const std::uint32_t reply_slot = allocate_message();
        Message& reply = messages_[reply_slot];
        const Message& original = messages_[slot];
        reply.type = MessageType::reply;
        reply.request = original.type;
        reply.error = ErrorCode::queue_full;
        reply.origin_ns = original.sent_ns;
        reply.topic = original.topic;
        reply.index = original.index;
        reply.text = is_write(original.type) ? original.text : no_string;
        reply.serial = original.serial;
        const ActorId client = original.source;
        free_message(slot);
        send(reply_slot, broker_id, client);
        return;
    }
    queue_length_changed(broker);
    broker.queue.push(slot);
    broker.stats.queue_length_max = std::max(broker.stats.queue_length_max, broker.queue.size());
    record.count = broker.queue.size();
}

void Simulation::broker_start_service(ActorId broker_id, std::uint32_t slot) {
    Broker& broker = brokers_[broker_id];
    assert(broker.serving == no_slot);
    broker.serving = slot;
    broker.service_started_ns = now_ns_;
    broker.stats.queue_wait_total_ns += static_cast<double>(now_ns_ - messages_[slot].origin_ns);
    const TimeNs service_ns = sample(spec_->brokers[broker_id].service_time, broker.prng);
    schedule_after(service_ns, EventKind::service_done, broker_id, slot, broker.epoch);
}

void Simulation::broker_service_done(ActorId broker_id) {
    const std::uint32_t request_slot = brokers_[broker_id].serving;
    assert(request_slot != no_slot);
    const std::uint32_t reply_slot = allocate_message();  // may move messages_: take references after
    Broker& broker = brokers_[broker_id];
    Message& request = messages_[request_slot];
    Message& reply = messages_[reply_slot];
    Record& record = begin_record(RecordKind::rejected, request.source, broker_id);
    record.request = request.type;
    record.topic = request.topic;
    record.index = request.index;
    record.text = request.text;

    reply.type = MessageType::reply;
    reply.request = request.type;
    reply.origin_ns = request.sent_ns;
    reply.topic = request.topic;
    reply.index = request.index;
    reply.serial = request.serial;
    if (is_write(request.type)) reply.text = request.text;  // so the ack can say what it acknowledges
    broker_apply(broker, broker_id, request, reply, record);
    if (reply.error != ErrorCode::none) {
        // A refused claim keeps its own record kind (the claim race); other
        // errors are plain rejections.
        if (record.kind != RecordKind::claim_refused) record.kind = RecordKind::rejected;
        record.error = reply.error;
        broker.stats.requests_rejected++;
    }

    broker.stats.requests_served++;
    broker.stats.busy_serving_ns += now_ns_ - broker.service_started_ns;
    broker.stats.response_time_total_ns += static_cast<double>(now_ns_ - request.origin_ns);
    const ActorId client = request.source;
    broker.serving = no_slot;
    free_message(request_slot);
    send(reply_slot, broker_id, client);

    if (!broker.queue.empty()) {
        queue_length_changed(broker);
        broker_start_service(broker_id, broker.queue.pop());
    }
}

void Simulation::broker_apply(Broker& broker, ActorId broker_id, Message& request, Message& reply, Record& record) {
    const std::int64_t t = request.topic == no_string ? -1 : broker.find_topic(request.topic);
    auto message_missing = [&]() {
        if (t < 0) return ErrorCode::unknown_topic;
        const auto& messages = broker.topics[static_cast<std::size_t>(t)].messages;
        if (request.index < 0 || request.index >= static_cast<std::int64_t>(messages.size())) {
            return ErrorCode::index_out_of_range;
        }
        return ErrorCode::none;
    };
    switch (request.type) {
        case MessageType::publish: {
            if (t < 0) {
                Topic created;
                created.name = request.topic;
                broker.topics.push_back(std::move(created));
                broker.content_hash += topic_contribution(broker.topics.back());
                record.flags |= record_flag::topic_created;
            }
            Topic& topic = broker.topics[t < 0 ? broker.topics.size() - 1 : static_cast<std::size_t>(t)];
            const std::uint64_t before = topic_contribution(topic);
            topic_append(topic, request.text);
            broker.content_hash += topic_contribution(topic) - before;
            record.kind = RecordKind::published;
            record.index = static_cast<std::int64_t>(topic.messages.size()) - 1;
            reply.index = record.index;
            return;
        }
        case MessageType::edit: {
            reply.error = message_missing();
            if (reply.error != ErrorCode::none) return;
            Topic& topic = broker.topics[static_cast<std::size_t>(t)];
            const std::uint64_t before = topic_contribution(topic);
            StringId& slot = topic.messages[static_cast<std::size_t>(request.index)];
            record.previous = slot;
            slot = request.text;
            topic_rehash(topic);
            broker.content_hash += topic_contribution(topic) - before;
            record.kind = RecordKind::edited;
            return;
        }
        case MessageType::delete_topic: {
            if (t < 0) {
                reply.error = ErrorCode::unknown_topic;
                return;
            }
            const Topic& topic = broker.topics[static_cast<std::size_t>(t)];
            record.count = static_cast<std::uint32_t>(topic.messages.size());
            broker.content_hash -= topic_contribution(topic);
            broker.topics.erase(broker.topics.begin() + t);
            record.kind = RecordKind::deleted;
            record.flags |= record_flag::whole_topic;
            return;
        }
        case MessageType::delete_message: {
            reply.error = message_missing();
            if (reply.error != ErrorCode::none) return;
            Topic& topic = broker.topics[static_cast<std::size_t>(t)];
            const std::uint64_t before = topic_contribution(topic);
            record.text = topic.messages[static_cast<std::size_t>(request.index)];
            topic.messages.erase(topic.messages.begin() + request.index);
            topic_rehash(topic);
            broker.content_hash += topic_contribution(topic) - before;
            record.kind = RecordKind::deleted;
            return;
        }
        case MessageType::status:
            reply.busy = broker.busy;
            reply.holder = broker.holder;
            reply.count = broker.queue.size();
            record.kind = RecordKind::status_reported;
            record.flags |= broker.busy ? record_flag::busy : 0;
            record.holder = broker.holder;
            record.count = reply.count;
            return;
        case MessageType::claim:
            record.holder = broker.holder;
            if (broker.busy && broker.holder != request.source) {
                reply.error = ErrorCode::held_by_other;
                reply.holder = broker.holder;
                record.kind = RecordKind::claim_refused;
                return;
            }
            if (!broker.busy) {
                broker.busy = true;
                broker.holder = request.source;
                broker.stats.held_since_ns = now_ns_;
            }
            record.kind = RecordKind::claim_granted;
            record.holder = broker.holder;
            return;
        case MessageType::list_topics: {
            reply.list = allocate_list();
            auto& list = lists_[reply.list];
            for (const Topic& topic : broker.topics) list.push_back(topic.name);
            reply.count = static_cast<std::uint32_t>(list.size());
            record.kind = RecordKind::topics_listed;
            record.count = reply.count;
            return;
        }
        case MessageType::get_topic: {
            if (t < 0) {
                reply.error = ErrorCode::unknown_topic;
                return;
            }
            // The original returns the whole list, but the consumer only needs
            // its length to choose an index (the message itself is fetched
            // next): sending the count keeps a read O(1) on long topics.
            reply.count = static_cast<std::uint32_t>(broker.topics[static_cast<std::size_t>(t)].messages.size());
            record.kind = RecordKind::topic_read;
            record.count = reply.count;
            return;
        }
        case MessageType::get_message:
            reply.error = message_missing();
            if (reply.error != ErrorCode::none) return;
            reply.text = broker.topics[static_cast<std::size_t>(t)].messages[static_cast<std::size_t>(request.index)];
            record.kind = RecordKind::message_read;
            record.text = reply.text;
            return;
        case MessageType::release:
            if (broker.holder != request.source) {
                reply.error = ErrorCode::not_holder;
                return;
            }
            broker.stats.held_total_ns += now_ns_ - broker.stats.held_since_ns;
            broker.busy = false;
            broker.holder = no_actor;
            record.kind = RecordKind::released;
            return;
        case MessageType::reply: break;
    }
    (void)broker_id;
    assert(false && "a broker was sent something that is not a request");
}

// -----------------------------------------------------------------------------
// [SECTION] Faults: crash, restart, slow, drop, partition
// -----------------------------------------------------------------------------

void Simulation::reply_broker_down(ActorId broker_id, std::uint32_t request_slot) {
    // A refused or reset connection: the client gets an error, and the
    // request is not executed.
    const std::uint32_t reply_slot = allocate_message();
    const Message& request = messages_[request_slot];
    Message& reply = messages_[reply_slot];
    reply.type = MessageType::reply;
    reply.request = request.type;
    reply.error = ErrorCode::broker_down;
    reply.origin_ns = request.sent_ns;
    reply.topic = request.topic;
    reply.index = request.index;
    reply.text = is_write(request.type) ? request.text : no_string;
    reply.serial = request.serial;
    const ActorId client = request.source;
    free_message(request_slot);
    send(reply_slot, broker_id, client);
}

void Simulation::broker_crash(ActorId broker_id, std::size_t fault) {
    Broker& broker = brokers_[broker_id];
    Record& record = begin_record(RecordKind::crash, broker_id, no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (!broker.up) {
        record.reason = Reason::already_down;  // nothing more to lose: said, so nobody narrates a loss
        return;
    }
    broker.up = false;
    broker.epoch++;          // the pending service_done is void (see cancelled)
    // In-flight and queued requests are lost; their connections reset.
    std::uint32_t lost = 0;
    if (broker.serving != no_slot) {
        broker.stats.busy_serving_ns += now_ns_ - broker.service_started_ns;
        reply_broker_down(broker_id, broker.serving);
        broker.serving = no_slot;
        ++lost;
    }
    queue_length_changed(broker);
    for (std::uint32_t bound = broker.queue.size(); bound > 0; --bound, ++lost) reply_broker_down(broker_id, broker.queue.pop());
    record.count = lost;
    if (broker.busy) {
        // The holder's session dies with the connection.
        broker.stats.held_total_ns += now_ns_ - broker.stats.held_since_ns;
        const ActorId holder = broker.holder;
        record.holder = holder;
        broker.busy = false;
        broker.holder = no_actor;
        const std::size_t c = holder - brokers_.size() - producers_.size();
        if (consumers_[c].stage != Stage::idle && consumers_[c].target == broker_id) {
            record.reason = Reason::broker_crashed;
            session_end(c, SessionOutcome::failed, record);
        }
    }
    if (!spec_->brokers[broker_id].durable) {
        // The original keeps topics in memory only: they die with the process.
        record.flags |= record_flag::whole_topic;
        broker.topics.clear();
        broker.content_hash = 0;
    }
}

void Simulation::broker_restart(ActorId broker_id, std::size_t fault) {
    Broker& broker = brokers_[broker_id];
    Record& record = begin_record(RecordKind::restart, broker_id, no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (broker.up) {
        record.reason = Reason::already_up;  // it keeps its dictionary: nothing happens
        return;
    }
    broker.up = true;
    broker.stats.queue_changed_ns = now_ns_;
    if (!spec_->brokers[broker_id].durable && spec_->faults[fault].reload_initial) {
        load_initial_topics(broker_id);
        record.flags |= record_flag::whole_topic;
    }
    record.count = static_cast<std::uint32_t>(broker.topics.size());
}

void Simulation::fault_start(std::size_t f) {
    const FaultSpec& fault = spec_->faults[f];
    switch (fault.kind) {
        case FaultSpec::Kind::crash: broker_crash(broker_actor(fault.broker), f); return;
        case FaultSpec::Kind::restart: broker_restart(broker_actor(fault.broker), f); return;
        case FaultSpec::Kind::slow:
        case FaultSpec::Kind::drop:
        case FaultSpec::Kind::partition: break;
    }
    fault_active_[f] = 1;
    begin_record(RecordKind::fault_start, no_actor, no_actor).index = static_cast<std::int64_t>(f);
}

void Simulation::fault_end(std::size_t f) {
    fault_active_[f] = 0;
    begin_record(RecordKind::fault_end, no_actor, no_actor).index = static_cast<std::int64_t>(f);
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
// [SECTION] Producers
// -----------------------------------------------------------------------------

void Simulation::producer_issue(std::size_t p, const OperationSpec& op, StringId text) {
    const ProducerSpec& producer_spec = spec_->producers[p];
    Producer& producer = producers_[p];
    const ActorId self = producer_actor(p);
    const StringId topic = strings_->intern(op.topic);
    const MessageType type = op_message_type(op.kind);
    Record& record = begin_record(RecordKind::produce, self, no_actor);
    record.request = type;
    record.topic = topic;
    record.text = text;
    record.index = (type == MessageType::edit || type == MessageType::delete_message) ? op.index : -1;
    record.count = static_cast<std::uint32_t>(producer_spec.targets.size());
    producer.stats.operations++;
    // The original fans out to every broker: one request per target.
    for (const std::uint32_t target : producer_spec.targets) {
        PendingWrite write;
        write.target = broker_actor(target);
        write.type = type;
        write.topic = topic;
        write.text = text;
        write.index = record.index;
        write.first_sent_ns = now_ns_;
        if (producer_spec.retry.timeout_ns) {
            // Only a producer that can time out remembers what it waits for.
            write.request_id = producer.next_request_id++;
            producer.pending.push_back(write);
        }
        producer.stats.sent++;
        producer_send(p, write);
    }
    (void)self;
}

void Simulation::producer_send(std::size_t p, const PendingWrite& write) {
    const std::uint32_t slot = allocate_message();
    Message& request = messages_[slot];
    request.type = write.type;
    request.topic = write.topic;
    request.text = write.text;
    request.index = write.index;
    request.serial = write.request_id;
    send(slot, producer_actor(p), write.target);
    if (const auto timeout_ns = spec_->producers[p].retry.timeout_ns) {
        schedule_after(*timeout_ns, EventKind::request_timeout, producer_actor(p), write.request_id);
    }
}

void Simulation::producer_timeout(std::size_t p, std::uint32_t request_id) {
    Producer& producer = producers_[p];
    const RetrySpec& retry = spec_->producers[p].retry;
    auto found = std::find_if(producer.pending.begin(), producer.pending.end(),
                              [request_id](const PendingWrite& write) { return write.request_id == request_id; });
    assert(found != producer.pending.end() && "cancelled() filters answered requests");
    PendingWrite& write = *found;
    Record& record = begin_record(RecordKind::timeout, producer_actor(p), write.target);
    record.request = write.type;
    record.topic = write.topic;
    record.text = write.text;
    record.index = write.index;
    record.count = write.attempt;
    producer.stats.timeouts++;
    if (write.attempt > retry.retries) {
        record.reason = Reason::gave_up;
        producer.stats.failed++;
        producer.pending.erase(found);
        return;
    }
    record.reason = Reason::will_retry;
    const std::optional<TimeNs> backoff_ns = backoff_before_resend(retry, write.attempt);
    write.attempt++;
    if (!backoff_ns) {
        note_time_limit();
    } else if (*backoff_ns == 0) {
        producer.stats.resent++;
        producer_send(p, write);
    } else {
        schedule_after(*backoff_ns, EventKind::resend, producer_actor(p), request_id);
    }
}

void Simulation::producer_resend(std::size_t p, std::uint32_t request_id) {
    Producer& producer = producers_[p];
    auto found = std::find_if(producer.pending.begin(), producer.pending.end(),
                              [request_id](const PendingWrite& write) { return write.request_id == request_id; });
    assert(found != producer.pending.end() && "cancelled() filters answered requests");
    Record& record = begin_record(RecordKind::resend, producer_actor(p), found->target);
    record.request = found->type;
    record.topic = found->topic;
    record.text = found->text;
    record.index = found->index;
    record.count = found->attempt;
    producer.stats.resent++;
    producer_send(p, *found);
}

void Simulation::producer_workload(std::size_t p) {
    const ProducerWorkloadSpec& workload = *spec_->producers[p].workload;
    Producer& producer = producers_[p];
    assert(producer.workload_issued < workload.count);
    assert(!workload.topics.empty());
    const std::uint64_t n = producer.workload_issued++;
    const std::size_t topic_index = workload.topic_order == ProducerWorkloadSpec::TopicOrder::random
                                        ? static_cast<std::size_t>(producer.prng.below(workload.topics.size()))
                                        : static_cast<std::size_t>(n % workload.topics.size());
    OperationSpec op;
    op.kind = OpKind::publish;
    op.topic = workload.topics[topic_index];
    // Expand the template: {n} is the 1-based operation number, {topic} the topic.
    std::string& text = workload_text_;
    text.clear();
    const std::string& pattern = workload.message_template;
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern.compare(i, 3, "{n}") == 0) {
            text += std::to_string(n + 1);
            i += 3;
        } else if (pattern.compare(i, 7, "{topic}") == 0) {
            text += op.topic;
            i += 7;
        } else {
            text += pattern[i++];
        }
    }
    producer_issue(p, op, strings_->intern(text));
    if (producer.workload_issued < workload.count) {
        schedule_after(sample(workload.interarrival, producer.prng), EventKind::producer_workload, producer_actor(p), 0);
    }
}

void Simulation::producer_reply(ActorId producer_id, const Message& reply) {
    Producer& producer = producers_[producer_id - brokers_.size()];
    const bool ok = reply.error == ErrorCode::none;
    Record& record = begin_record(ok ? RecordKind::ack : RecordKind::nack, reply.source, producer_id);
    record.sent_ns = reply.sent_ns;
    record.request = reply.request;
    record.error = reply.error;
    record.topic = reply.topic;
    record.index = reply.index;
    record.text = reply.text;
    record.flags |= ok ? record_flag::ok : 0;
    TimeNs first_sent_ns = reply.origin_ns;
    if (spec_->producers[producer_id - brokers_.size()].retry.timeout_ns) {
        auto found = std::find_if(producer.pending.begin(), producer.pending.end(),
                                  [&reply](const PendingWrite& write) { return write.request_id == reply.serial; });
        if (found == producer.pending.end()) {
            // Answered already (a resend's twin) or given up: nothing to count.
            record.reason = Reason::stale_reply;
            return;
        }
        first_sent_ns = found->first_sent_ns;
        producer.pending.erase(found);
    }
    if (ok) {
        producer.stats.acked++;
        producer.stats.ack_latency_total_ns += static_cast<double>(now_ns_ - first_sent_ns);
    } else {
        producer.stats.failed++;
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Consumers: the session pipeline
// -----------------------------------------------------------------------------

void Simulation::session_begin(std::size_t c, std::uint32_t session) {
    Consumer& consumer = consumers_[c];
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    const ActorId self = consumer_actor(c);
    Record& record = begin_record(RecordKind::session_start, self, no_actor);
    if (consumer.stage != Stage::idle) {
        // One session at a time, as one person at one page: this one waits.
        // Bounded by the scripted sessions (+1 workload session). Not by capacity():
        // a copied state (a snapshot the viz seeks from) does not keep the reserve.
        assert(consumer.queued.size() - consumer.queued_head < consumer_spec.sessions.size() + 1);
        if (consumer.queued_head == consumer.queued.size()) {
            consumer.queued.clear();
            consumer.queued_head = 0;
        }
        consumer.queued.push_back(session);
        record.flags |= record_flag::queued;
        record.reason = Reason::session_busy;
        return;
    }
    consumer.stats.sessions_started++;
    consumer.session = session;
    if (session == workload_marker) {
        const ConsumerWorkloadSpec& workload = *consumer_spec.workload;
        consumer.workload_started++;
        consumer.topic_choice = workload.topic.kind;
        consumer.index_choice = workload.index.kind;
        consumer.topic_named = workload.topic.kind == ChoiceSpec::Kind::named ? strings_->intern(workload.topic.topic) : no_string;
        consumer.index_named = workload.index.index;
    } else {
        const SessionSpec& session_spec = consumer_spec.sessions[session];
        consumer.topic_choice = session_spec.topic.kind;
        consumer.index_choice = session_spec.index.kind;
        consumer.topic_named = session_spec.topic.kind == ChoiceSpec::Kind::named ? strings_->intern(session_spec.topic.topic) : no_string;
        consumer.index_named = session_spec.index.index;
    }
    record.topic = consumer.topic_named;
    consumer.attempt = 0;
    consumer.chosen_topic = no_string;
    consumer.chosen_index = -1;
    consumer.pending_outcome = SessionOutcome::none;
    session_attempt(c);
    record.count = consumer.attempt;
}

void Simulation::session_attempt(std::size_t c) {
    Consumer& consumer = consumers_[c];
    consumer.attempt++;
    consumer.stats.attempts++;
    consumer.stage = Stage::asking_status;
    consumer.target = no_actor;
    consumer.request_serial = 0;
    for (BrokerView& view : consumer.views) view = BrokerView{};
    // The original asks every broker for its status before choosing.
    consumer.round = consumer.next_serial++;
    consumer.replies_pending = static_cast<std::uint32_t>(brokers_.size());
    for (std::size_t b = 0; b < brokers_.size(); ++b) {
        const std::uint32_t slot = allocate_message();
        messages_[slot].type = MessageType::status;
        messages_[slot].serial = consumer.round;
        send(slot, consumer_actor(c), broker_actor(b));
    }
    if (const auto timeout_ns = spec_->consumers[c].retry.timeout_ns) {
        schedule_after(*timeout_ns, EventKind::status_timeout, consumer_actor(c), consumer.round);
    }
}

void Simulation::session_end(std::size_t c, SessionOutcome outcome, Record& record) {
    Consumer& consumer = consumers_[c];
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    record.outcome = outcome;
    switch (outcome) {
        case SessionOutcome::completed: consumer.stats.sessions_completed++; break;
        case SessionOutcome::refused: consumer.stats.sessions_refused++; break;
        case SessionOutcome::failed: consumer.stats.sessions_failed++; break;
        case SessionOutcome::none: assert(false && "a session ends with an outcome"); break;
    }
    consumer.stage = Stage::idle;
    consumer.target = no_actor;
    consumer.pending_outcome = SessionOutcome::none;
    consumer.request_serial = 0;  // whatever still arrives for this session is stale
    consumer.choice_serial = 0;   // and a choice it was making is void
    const ActorId self = consumer_actor(c);
    // A session that waited for this one starts now, and is scheduled first:
    // with a think_time of 0 the workload's next session is due at the same
    // instant and must queue behind it, not overtake it.
    if (consumer.queued_head < consumer.queued.size()) {
        schedule(now_ns_, EventKind::session_start, self, consumer.queued[consumer.queued_head++]);
    }
    if (consumer.session == workload_marker && consumer.workload_started < consumer_spec.workload->count) {
        // think_time runs from the end of one session to the start of the next.
        schedule_after(sample(consumer_spec.workload->think_time, consumer.prng), EventKind::session_start, self, workload_marker);
    }
}

void Simulation::consumer_send(std::size_t c, MessageType type) {
    Consumer& consumer = consumers_[c];
    assert(consumer.target != no_actor);
    consumer.request_serial = consumer.next_serial++;
    consumer.request_type = type;
    consumer.request_attempt = 1;
    consumer_transmit(c);
}

void Simulation::consumer_transmit(std::size_t c) {
    Consumer& consumer = consumers_[c];
    const std::uint32_t slot = allocate_message();
    Message& request = messages_[slot];
    request.type = consumer.request_type;
    request.topic = consumer.chosen_topic;
    request.index = consumer.chosen_index;
    request.serial = consumer.request_serial;
    send(slot, consumer_actor(c), consumer.target);
    if (const auto timeout_ns = spec_->consumers[c].retry.timeout_ns) {
        schedule_after(*timeout_ns, EventKind::request_timeout, consumer_actor(c), consumer.request_serial);
    }
}

void Simulation::consumer_timeout(std::size_t c) {
    Consumer& consumer = consumers_[c];
    const RetrySpec& retry = spec_->consumers[c].retry;
    Record& record = begin_record(RecordKind::timeout, consumer_actor(c), consumer.target);
    record.request = consumer.request_type;
    record.topic = consumer.chosen_topic;
    record.index = consumer.chosen_index;
    record.count = consumer.request_attempt;
    consumer.stats.timeouts++;
    if (consumer.request_attempt > retry.retries) {
        // Given up. If it held the broker, the claim leaks: the broker stays
        // busy, which is exactly what a student should see happen.
        record.reason = Reason::gave_up;
        session_end(c, SessionOutcome::failed, record);
        return;
    }
    record.reason = Reason::will_retry;
    const std::optional<TimeNs> backoff_ns = backoff_before_resend(retry, consumer.request_attempt);
    consumer.request_attempt++;
    if (!backoff_ns) {
        note_time_limit();
    } else if (*backoff_ns == 0) {
        consumer.stats.resent++;
        consumer_transmit(c);
    } else {
        schedule_after(*backoff_ns, EventKind::resend, consumer_actor(c), consumer.request_serial);
    }
}

void Simulation::consumer_status_timeout(std::size_t c) {
    Consumer& consumer = consumers_[c];
    assert(consumer.stage == Stage::asking_status && consumer.replies_pending > 0);
    Record& record = begin_record(RecordKind::status_timeout, consumer_actor(c), no_actor);
    record.count = consumer.replies_pending;  // brokers skipped
    consumer.stats.timeouts++;
    // Brokers that did not answer in time are skipped (their views stay
    // unanswered, which the decision treats as unavailable).
    consumer.replies_pending = 0;
    consumer_statuses_in(c, record);
    if (record.reason == Reason::all_busy_refused || record.reason == Reason::all_busy_retry) {
        bool any_answered = false;
        for (const BrokerView& view : consumer.views) any_answered = any_answered || view.answered;
        if (!any_answered && record.reason == Reason::all_busy_refused) record.reason = Reason::none_answered;
    }
}

void Simulation::consumer_fail(std::size_t c, Reason reason, Record& record) {
    // The session cannot go on, but the consumer holds the broker: release it
    // first; the session ends (failed) when the release is answered.
    Consumer& consumer = consumers_[c];
    record.reason = reason;
    consumer.pending_outcome = SessionOutcome::failed;
    consumer.stage = Stage::releasing;
    consumer_send(c, MessageType::release);
}

void Simulation::consumer_reply(ActorId consumer_id, Message& reply) {
    const std::size_t c = consumer_id - brokers_.size() - producers_.size();
    Consumer& consumer = consumers_[c];
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    const bool ok = reply.error == ErrorCode::none;
    Record& record = begin_record(client_reply_kind(reply.request), reply.source, consumer_id);
    record.sent_ns = reply.sent_ns;
    record.request = reply.request;
    record.error = reply.error;
    record.topic = reply.topic;
    record.index = reply.index;
    record.count = reply.count;
    record.flags |= ok ? record_flag::ok : 0;

    // Late replies (after a timeout, a resend's twin, a session lost to a
    // crash) answer nothing the consumer waits for.
    const bool expected = reply.request == MessageType::status
                              ? consumer.stage == Stage::asking_status && reply.serial == consumer.round
                              : reply.serial != 0 && reply.serial == consumer.request_serial;
    if (!expected) {
        record.reason = Reason::stale_reply;
        return;
    }
    if (reply.request != MessageType::status) consumer.request_serial = 0;
    if (reply.error == ErrorCode::broker_down && reply.request != MessageType::status &&
        reply.request != MessageType::claim) {
        // The broker is gone, and the hold with it: nothing to release.
        record.reason = Reason::broker_unavailable;
        session_end(c, consumer.stage == Stage::releasing ? consumer.pending_outcome : SessionOutcome::failed, record);
        return;
    }

    switch (reply.request) {
        case MessageType::status: {
            assert(consumer.replies_pending > 0);
            BrokerView& view = consumer.views[reply.source];
            // Any error (queue_full, broker_down) leaves the broker's state
            // unknown: it is answered, but refused, never available.
            view = BrokerView{true, reply.busy, reply.holder, reply.count, reply.error == ErrorCode::broker_down, !ok};
            record.flags |= reply.busy ? record_flag::busy : 0;
            record.holder = reply.holder;
            if (--consumer.replies_pending > 0) {
                record.reason = Reason::waiting_replies;
                return;
            }
            consumer_statuses_in(c, record);
            return;
        }
        case MessageType::claim:
            assert(consumer.stage == Stage::claiming);
            record.holder = reply.holder;
            if (ok) {
                consumer.stage = Stage::listing_topics;
                consumer_send(c, MessageType::list_topics);
                return;
            }
            // Lost the race (the status was stale) or the broker went down.
            // Start over, within bounds.
            consumer.stats.claims_refused += reply.error == ErrorCode::held_by_other ? 1 : 0;
            consumer.target = no_actor;
            // The reason names the cause; the outcome (none: a new attempt)
            // says what follows.
            if (consumer.attempt < consumer_spec.max_attempts) {
                record.reason = claim_error_reason(reply.error, true);
                session_attempt(c);
            } else {
                record.reason = claim_error_reason(reply.error, false);
                session_end(c, SessionOutcome::refused, record);
            }
            return;
        case MessageType::list_topics:
        case MessageType::get_topic:
            if (!ok) {
                consumer_fail(c, read_error_reason(reply.error), record);
                return;
            }
            if (reply.request == MessageType::list_topics) {
                assert(reply.list != no_slot);
                consumer.received.swap(lists_[reply.list]);  // capacities circulate, nothing allocates
                consumer.stage = Stage::choosing_topic;
            } else {
                consumer.messages_count = reply.count;
                consumer.stage = Stage::choosing_index;
            }
            if (const SessionSpec* session = scripted_session(c); session && (session->manual || session->topic_at_ns || session->index_at_ns)) {
                consumer_await_choice(c, reply.request == MessageType::list_topics ? session->topic_at_ns : session->index_at_ns, record);
            } else {
                consumer.choice_serial = consumer.next_serial++;
                schedule_after(sample(consumer_spec.choose_time, consumer.prng), EventKind::choose_done, consumer_id,
                         consumer.choice_serial);
            }
            return;
        case MessageType::get_message:
            if (!ok) {
                consumer_fail(c, read_error_reason(reply.error), record);
                return;
            }
            // Consumed: shown to the person, recorded; it stays in the dictionary.
            record.text = reply.text;
            consumer.consumed.push_back(Consumption{now_ns_, reply.source, reply.topic, reply.index, reply.text});
            consumer.pending_outcome = SessionOutcome::completed;
            consumer.stage = Stage::releasing;
            consumer_send(c, MessageType::release);
            return;
        case MessageType::release:
            assert(consumer.stage == Stage::releasing);
            // A refused release (queue_full) leaves the broker held by this
            // consumer: the session ends all the same, and says so.
            if (reply.error == ErrorCode::queue_full) record.reason = Reason::broker_refused;
            session_end(c, consumer.pending_outcome == SessionOutcome::none ? SessionOutcome::failed : consumer.pending_outcome, record);
            return;
        default: break;
    }
    assert(false && "a consumer got a reply to a request it never sends");
}

const SessionSpec* Simulation::scripted_session(std::size_t c) const {
    const Consumer& consumer = consumers_[c];
    if (consumer.session == workload_marker) return nullptr;
    return &spec_->consumers[c].sessions[consumer.session];
}

void Simulation::consumer_await_choice(std::size_t c, std::optional<TimeNs> at_ns, Record& record) {
    // A person's choice: at the time they made it (at once if that is
    // already past), or, not made yet, never until the scenario says so.
    if (at_ns) {
        consumers_[c].choice_serial = consumers_[c].next_serial++;
        schedule(std::max(now_ns_, *at_ns), EventKind::choose_done, consumer_actor(c), consumers_[c].choice_serial);
    } else {
        record.reason = Reason::waiting_person;
    }
}

void Simulation::consumer_statuses_in(std::size_t c, Record& record) {
    const SessionSpec* session = scripted_session(c);
    if (session && (session->manual || session->broker_at_ns)) {
        consumers_[c].stage = Stage::choosing_broker;
        consumer_await_choice(c, session->broker_at_ns, record);
        return;
    }
    consumer_decide(c, record);
}

void Simulation::consumer_decide(std::size_t c, Record& record) {
    Consumer& consumer = consumers_[c];
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    const std::size_t broker_count = brokers_.size();
    // Available: answered in time with a status (not an error), and idle.
    auto available = [&consumer](std::size_t b) {
        const BrokerView& view = consumer.views[b];
        return view.answered && !view.refused && !view.down && !view.busy;
    };
    std::size_t idle_count = 0;
    for (std::size_t b = 0; b < broker_count; ++b) idle_count += available(b) ? 1 : 0;

    std::size_t chosen = broker_count;
    Reason reason = Reason::none;
    if (const SessionSpec* session = scripted_session(c); session && session->broker) {
        // The person's pick, busy or not: a refused claim teaches the same
        // lesson as a stale status.
        assert(*session->broker < broker_count);
        chosen = *session->broker;
        record.reason = Reason::person_chose;
        record.chosen = broker_actor(chosen);
        consumer.target = broker_actor(chosen);
        consumer.stage = Stage::claiming;
        consumer_send(c, MessageType::claim);
        return;
    }
    if (idle_count > 0) {
        auto nth_idle = [&](std::size_t n) {
            for (std::size_t b = 0; b < broker_count; ++b) {
                if (available(b) && n-- == 0) return b;
            }
            assert(false && "fewer idle brokers than counted");
            return broker_count;
        };
        switch (consumer_spec.policy) {
            case PolicyKind::seed:
                // The original: one idle -> it; several -> uniform random.
                if (idle_count == 1) {
                    chosen = nth_idle(0);
                    reason = Reason::only_idle;
                } else {
                    chosen = nth_idle(static_cast<std::size_t>(consumer.prng.below(idle_count)));
                    reason = Reason::random_among_idle;
                }
                break;
            case PolicyKind::random_idle:
                chosen = nth_idle(static_cast<std::size_t>(consumer.prng.below(idle_count)));
                reason = idle_count == 1 ? Reason::only_idle : Reason::random_among_idle;
                break;
            case PolicyKind::first_idle:
                chosen = nth_idle(0);
                reason = idle_count == 1 ? Reason::only_idle : Reason::first_idle;
                break;
            case PolicyKind::round_robin:
                for (std::size_t k = 0; k < broker_count; ++k) {
                    const std::size_t b = (consumer.round_robin_next + k) % broker_count;
                    if (available(b)) {
                        chosen = b;
                        break;
                    }
                }
                consumer.round_robin_next = static_cast<std::uint32_t>((chosen + 1) % broker_count);
                reason = idle_count == 1 ? Reason::only_idle : Reason::round_robin;
                break;
            case PolicyKind::least_loaded:
                for (std::size_t b = 0; b < broker_count; ++b) {
                    if (!available(b)) continue;
                    if (chosen == broker_count || consumer.views[b].queue_length < consumer.views[chosen].queue_length) chosen = b;
                }
                reason = idle_count == 1 ? Reason::only_idle : Reason::least_loaded;
                break;
        }
        assert(chosen < broker_count);
        record.reason = reason;
        record.chosen = broker_actor(chosen);
        consumer.target = broker_actor(chosen);
        consumer.stage = Stage::claiming;
        consumer_send(c, MessageType::claim);
        return;
    }
    if (consumer_spec.retry_after_ns && consumer.attempt < consumer_spec.max_attempts) {
        record.reason = Reason::all_busy_retry;
        consumer.stage = Stage::waiting_retry;
        schedule_after(*consumer_spec.retry_after_ns, EventKind::retry, consumer_actor(c), 0);
        return;
    }
    // The original's "no brokers available".
    record.reason = Reason::all_busy_refused;
    session_end(c, SessionOutcome::refused, record);
}

void Simulation::consumer_choose(std::size_t c) {
    Consumer& consumer = consumers_[c];
    const bool topic_step = consumer.stage == Stage::choosing_topic;
    assert(topic_step || consumer.stage == Stage::choosing_index);
    Record& record = begin_record(topic_step ? RecordKind::topic_chosen : RecordKind::index_chosen, consumer_actor(c), consumer.target);
    const auto& received = consumer.received;
    const std::size_t count = topic_step ? received.size() : consumer.messages_count;
    record.count = static_cast<std::uint32_t>(count);
    const ChoiceSpec::Kind choice = topic_step ? consumer.topic_choice : consumer.index_choice;

    std::size_t pick = count;  // count = nothing picked
    Reason reason = Reason::none;
    switch (choice) {
        case ChoiceSpec::Kind::named:
            reason = Reason::choice_named;
            if (topic_step) {
                for (std::size_t i = 0; i < count; ++i) {
                    if (received[i] == consumer.topic_named) pick = i;
                }
            } else if (consumer.index_named >= 0 && consumer.index_named < static_cast<std::int64_t>(count)) {
                pick = static_cast<std::size_t>(consumer.index_named);
            }
            break;
        case ChoiceSpec::Kind::random:
            reason = Reason::choice_random;
            if (count > 0) pick = static_cast<std::size_t>(consumer.prng.below(count));
            break;
        case ChoiceSpec::Kind::first:
            reason = Reason::choice_first;
            pick = 0;
            break;
        case ChoiceSpec::Kind::last:
            reason = Reason::choice_last;
            pick = count - 1;
            break;
    }
    if (count == 0 || pick >= count) {
        Reason failure = topic_step ? Reason::missing_topic : Reason::missing_index;
        if (count == 0) failure = topic_step ? Reason::no_topics : Reason::no_messages;
        record.topic = topic_step ? consumer.topic_named : consumer.chosen_topic;
        record.index = topic_step ? -1 : consumer.index_named;
        consumer_fail(c, failure, record);
        return;
    }
    record.reason = reason;
    if (topic_step) {
        consumer.chosen_topic = received[pick];
        record.topic = consumer.chosen_topic;
        consumer.stage = Stage::reading_topic;
        consumer_send(c, MessageType::get_topic);
    } else {
        consumer.chosen_index = static_cast<std::int64_t>(pick);
        record.topic = consumer.chosen_topic;
        record.index = consumer.chosen_index;
        consumer.stage = Stage::reading_message;
        consumer_send(c, MessageType::get_message);
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Observation: names, stages
// -----------------------------------------------------------------------------

std::string_view Simulation::actor_name(ActorId actor) const {
    if (actor == no_actor) return "-";
    std::size_t i = actor;
    if (i < spec_->brokers.size()) return spec_->brokers[i].name;
    i -= spec_->brokers.size();
    if (i < spec_->producers.size()) return spec_->producers[i].name;
    i -= spec_->producers.size();
    assert(i < spec_->consumers.size());
    return spec_->consumers[i].name;
}

std::string_view stage_name(Stage stage) {
    switch (stage) {
        case Stage::idle: return "idle";
        case Stage::asking_status: return "asking_status";
        case Stage::choosing_broker: return "choosing_broker";
        case Stage::waiting_retry: return "waiting_retry";
        case Stage::claiming: return "claiming";
        case Stage::listing_topics: return "listing_topics";
        case Stage::choosing_topic: return "choosing_topic";
        case Stage::reading_topic: return "reading_topic";
        case Stage::choosing_index: return "choosing_index";
        case Stage::reading_message: return "reading_message";
        case Stage::releasing: return "releasing";
    }
    assert(false && "unknown stage");
    return "?";
}

}  // namespace kafkasim
