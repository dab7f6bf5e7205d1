// A broker's handlers: a request arrives (served at once, queued, or
// refused when the queue is full or the broker is down), is served after
// its service time, and answered. Status, claim and release are the
// broker's own; data requests go to its store (broker_store.hpp).
#include <algorithm>
#include <cassert>

#include "core/broker_store.hpp"
#include "core/distribution.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

namespace {

RecordKind arrival_kind(MessageType type) {
    switch (type) {
        case MessageType::reply: break;
        case MessageType::append: return RecordKind::append;
        case MessageType::fetch: return RecordKind::fetch;
        case MessageType::offset_commit: return RecordKind::offset_commit;
        case MessageType::join_group: return RecordKind::join_group;
        case MessageType::heartbeat: return RecordKind::heartbeat;
        case MessageType::leave_group: return RecordKind::leave_group;
        default: return static_cast<RecordKind>(static_cast<std::uint8_t>(type));  // the dictionary's: same order by design
    }
    assert(false && "a reply does not arrive at a broker");
    return RecordKind::rejected;
}

// The fields every reply copies from its request (the error aside).
void answer(Message& reply, const Message& request, ErrorCode error) {
    reply.type = MessageType::reply;
    reply.request = request.type;
    reply.error = error;
    reply.origin_ns = request.sent_ns;
    reply.topic = request.topic;
    reply.index = request.index;
    reply.text = is_write(request.type) ? request.text : no_string;
    reply.serial = request.serial;
    reply.partition = request.partition;
    reply.key = request.key;
}

}  // namespace

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

void Simulation::load_initial_topics(std::size_t b) {
    TopicDictionary& store = brokers_[b].topics;
    store.clear();
    std::vector<StringId> messages;
    for (const TopicSpec& topic_spec : spec_->brokers[b].topics) {
        const StringId name = strings_->intern(topic_spec.name);  // (interned in scenario order: name, then messages)
        messages.clear();
        for (const std::string& text : topic_spec.messages) messages.push_back(strings_->intern(text));
        store.add_topic(name, messages);
    }
}

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
    note_log_fields(record, request);
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
        const Message& original = messages_[slot];
        answer(messages_[reply_slot], original, ErrorCode::queue_full);
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

    answer(reply, request, ErrorCode::none);  // a write's reply keeps its text: the ack says what it acknowledges
    const bool reply_now = broker_apply(broker_id, request, reply, record);
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
    if (reply_now) {
        send(reply_slot, broker_id, client);
    } else {
        free_message(reply_slot);  // a join waits for the rebalance: answered then
    }

    if (!broker.queue.empty()) {
        queue_length_changed(broker);
        broker_start_service(broker_id, broker.queue.pop());
    }
}

bool Simulation::broker_apply(ActorId broker_id, Message& request, Message& reply, Record& record) {
    Broker& broker = brokers_[broker_id];
    if (is_log_request(request.type)) return log_serve(broker_id, request, reply, record);
    switch (request.type) {
        case MessageType::status:
            reply.busy = broker.busy;
            reply.holder = broker.holder;
            reply.count = broker.queue.size();
            record.kind = RecordKind::status_reported;
            record.flags |= broker.busy ? record_flag::busy : 0;
            record.holder = broker.holder;
            record.count = reply.count;
            return true;
        case MessageType::claim:
            record.holder = broker.holder;
            if (broker.busy && broker.holder != request.source) {
                reply.error = ErrorCode::held_by_other;
                reply.holder = broker.holder;
                record.kind = RecordKind::claim_refused;
                return true;
            }
            if (!broker.busy) {
                broker.busy = true;
                broker.holder = request.source;
                broker.stats.held_since_ns = now_ns_;
            }
            record.kind = RecordKind::claim_granted;
            record.holder = broker.holder;
            return true;
        case MessageType::release:
            if (broker.holder != request.source) {
                reply.error = ErrorCode::not_holder;
                return true;
            }
            broker.stats.held_total_ns += now_ns_ - broker.stats.held_since_ns;
            broker.busy = false;
            broker.holder = no_actor;
            record.kind = RecordKind::released;
            return true;
        default: break;
    }
    assert(is_data_request(request.type) && "a broker was sent something that is not a request");
    // The store's part (broker_store.hpp). A list reply carries its items in
    // a slot of the list pool.
    if (request.type == MessageType::list_topics) reply.list = allocate_list();
    serve_data_request(broker.topics, request, reply, record, reply.list == no_slot ? nullptr : &lists_[reply.list]);
    return true;
}

void Simulation::reply_broker_down(ActorId broker_id, std::uint32_t request_slot) {
    // A refused or reset connection: the client gets an error, and the
    // request is not executed.
    const std::uint32_t reply_slot = allocate_message();
    const Message& request = messages_[request_slot];
    answer(messages_[reply_slot], request, ErrorCode::broker_down);
    const ActorId client = request.source;
    free_message(request_slot);
    send(reply_slot, broker_id, client);
}

}  // namespace kafkasim
