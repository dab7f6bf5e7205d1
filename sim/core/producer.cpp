// A producer's handlers: scripted actions and workload operations fan out
// to every target broker; a producer with a timeout remembers each write
// (PendingWrites, by request id) until its reply, and resends or gives up.
#include <algorithm>
#include <cassert>
#include <string>

#include "core/distribution.hpp"
#include "core/retry.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

namespace {

MessageType op_message_type(OpKind kind) {
    switch (kind) {
        case OpKind::publish: return MessageType::publish;
        case OpKind::edit: return MessageType::edit;
        case OpKind::delete_topic: return MessageType::delete_topic;
        case OpKind::delete_message: return MessageType::delete_message;
        case OpKind::send: return MessageType::append;
    }
    assert(false && "unknown operation");
    return MessageType::publish;
}

}  // namespace

void PendingWrites::add(const PendingWrite& write) {
    assert(write.request_id != 0);
    if (slots_.empty()) first_id_ = write.request_id;
    assert(write.request_id >= first_id_ + slots_.size() && "request ids increase");
    // A gap (writes answered at the back and popped) is filled with holes.
    while (first_id_ + slots_.size() < write.request_id) slots_.push_back(PendingWrite{0});
    slots_.push_back(write);
    ++live_;
}

void PendingWrites::erase(std::uint32_t request_id) {
    PendingWrite* write = find(request_id);
    assert(write && "only an unanswered write is erased");
    write->request_id = 0;
    --live_;
    while (!slots_.empty() && slots_.front().request_id == 0) {
        slots_.pop_front();
        ++first_id_;
    }
    while (!slots_.empty() && slots_.back().request_id == 0) slots_.pop_back();
}

void expand_message_template(std::string_view pattern, std::uint64_t n, std::string_view topic, const std::string_view* key,
                             std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < pattern.size();) {
        if (pattern.compare(i, 3, "{n}") == 0) {
            out += std::to_string(n + 1);
            i += 3;
        } else if (pattern.compare(i, 7, "{topic}") == 0) {
            out += topic;
            i += 7;
        } else if (key && pattern.compare(i, 5, "{key}") == 0) {
            out += *key;
            i += 5;
        } else {
            out += pattern[i++];
        }
    }
}

void Simulation::producer_action(std::size_t p, std::uint32_t a) {
    const ProducerActionSpec& action = spec_->producers[p].actions[a];
    producers_[p].next_action++;
    if (action.op.kind == OpKind::send) {
        log_producer_send(p, action.op, action.op.key ? strings_->intern(*action.op.key) : no_string,
                          strings_->intern(action.op.message));
        return;
    }
    // publish and edit carry a message, possibly the empty string; deletes carry none.
    const bool has_message = action.op.kind == OpKind::publish || action.op.kind == OpKind::edit;
    producer_issue(p, action.op, has_message ? strings_->intern(action.op.message) : no_string);
}

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
            producer.pending.add(write);
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
    request.key = write.key;
    request.partition = write.partition;
    send(slot, producer_actor(p), write.target);
    if (const auto timeout_ns = spec_->producers[p].retry.timeout_ns) {
        schedule_after(*timeout_ns, EventKind::request_timeout, producer_actor(p), write.request_id);
    }
}

void Simulation::producer_timeout(std::size_t p, std::uint32_t request_id) {
    Producer& producer = producers_[p];
    const RetrySpec& retry = spec_->producers[p].retry;
    PendingWrite* found = producer.pending.find(request_id);
    assert(found && "cancelled() filters answered requests");
    PendingWrite& write = *found;
    Record& record = begin_record(RecordKind::timeout, producer_actor(p), write.target);
    record.request = write.type;
    record.topic = write.topic;
    record.text = write.text;
    record.index = write.index;
    record.count = write.attempt;
    if (write.partition != no_slot) {
        record.chosen = log_.layout.local(write.partition);
        record.previous = write.key;
    }
    producer.stats.timeouts++;
    if (write.attempt > retry.retries) {
        record.reason = Reason::gave_up;
        producer.stats.failed++;
        producer.pending.erase(request_id);
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
    const PendingWrite* found = producer.pending.find(request_id);
    assert(found && "cancelled() filters answered requests");
    Record& record = begin_record(RecordKind::resend, producer_actor(p), found->target);
    record.request = found->type;
    record.topic = found->topic;
    record.text = found->text;
    record.index = found->index;
    record.count = found->attempt;
    if (found->partition != no_slot) {
        record.chosen = log_.layout.local(found->partition);
        record.previous = found->key;
    }
    producer.stats.resent++;
    producer_send(p, *found);
}

void Simulation::producer_workload(std::size_t p) {
    if (is_log_model()) {
        log_producer_workload(p);
        return;
    }
    const ProducerWorkloadSpec& workload = *spec_->producers[p].workload;
    Producer& producer = producers_[p];
    assert(producer.workload_issued < workload.count);
    assert(!workload.topics.empty());
    const std::uint64_t n = producer.workload_issued++;
    const std::size_t topic_index =
        workload_pick(workload.topic_order == ProducerWorkloadSpec::TopicOrder::random, n, workload.topics.size(), producer.prng);
    OperationSpec op;
    op.kind = OpKind::publish;
    op.topic = workload.topics[topic_index];
    expand_message_template(workload.message_template, n, op.topic, nullptr, workload_text_);
    producer_issue(p, op, strings_->intern(workload_text_));
    if (producer.workload_issued < workload.count) {
        schedule_after(sample(workload.interarrival, producer.prng), EventKind::producer_workload, producer_actor(p), 0);
    }
}

void Simulation::producer_reply(ActorId producer_id, const Message& reply) {
    const std::size_t p = layout_.producer_index(producer_id);
    Producer& producer = producers_[p];
    const bool ok = reply.error == ErrorCode::none;
    Record& record = begin_record(ok ? RecordKind::ack : RecordKind::nack, reply.source, producer_id);
    record.sent_ns = reply.sent_ns;
    record.request = reply.request;
    record.error = reply.error;
    record.topic = reply.topic;
    record.index = reply.index;
    record.text = reply.text;
    record.flags |= ok ? record_flag::ok : 0;
    if (reply.partition != no_slot) {
        // The log model: the ack names the partition and the offset.
        record.chosen = log_.layout.local(reply.partition);
        record.previous = reply.key;
        record.count = reply.count;  // the log's incarnation when it was appended (lost logs count up)
    }
    TimeNs first_sent_ns = reply.origin_ns;
    if (spec_->producers[p].retry.timeout_ns) {
        const PendingWrite* found = producer.pending.find(reply.serial);
        if (!found) {
            // Answered already (a resend's twin) or given up: nothing to count.
            record.reason = Reason::stale_reply;
            return;
        }
        first_sent_ns = found->first_sent_ns;
        producer.pending.erase(reply.serial);
    }
    if (ok) {
        producer.stats.acked++;
        producer.stats.ack_latency_total_ns += static_cast<double>(now_ns_ - first_sent_ns);
    } else {
        producer.stats.failed++;
    }
}

}  // namespace kafkasim
