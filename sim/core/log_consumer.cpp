// The log model's consumers: members of a consumer group that pull. A
// member joins (join_at), waits for the rebalance to give it partitions,
// then polls every poll_interval: it fetches from each of its partitions at
// its position (up to max_poll_records each), processes the fetched
// records one at a time (process_time each; position = offset + 1) and
// commits per its commit mode. It heartbeats every heartbeat_interval; a
// reply saying the group rebalances makes it revoke its partitions
// (committing first under `auto`) and join again. See log_state.hpp.
//
// [SECTION] joining and leaving
// [SECTION] polling and processing
// [SECTION] commits
// [SECTION] replies
// [SECTION] consumer faults
#include <algorithm>
#include <cassert>
#include <string>

#include "core/distribution.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

std::string_view member_phase_name(MemberPhase phase) {
    switch (phase) {
        case MemberPhase::not_started: return "not_started";
        case MemberPhase::joining: return "joining";
        case MemberPhase::stable: return "stable";
        case MemberPhase::left: return "left";
        case MemberPhase::crashed: return "crashed";
    }
    assert(false && "unknown member phase");
    return "?";
}

OwnedPartition* LogConsumer::find(std::uint32_t partition) {
    for (OwnedPartition& owned_partition : owned) {
        if (owned_partition.partition == partition) return &owned_partition;
    }
    return nullptr;
}

namespace {

// How long a member waits for a fetch or join reply before it asks again
// (at its next poll or heartbeat): its retry timeout, else the session timeout.
TimeNs request_timeout_ns(const ScenarioSpec& spec, const ConsumerSpec& consumer) {
    return consumer.retry.timeout_ns.value_or(spec.groups[consumer.group].session_timeout_ns);
}

}  // namespace

// [SECTION] joining and leaving

void Simulation::member_send(std::size_t c, MessageType type, std::uint32_t partition, std::int64_t index) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    const std::uint32_t slot = allocate_message();
    Message& request = messages_[slot];
    request.type = type;
    request.serial = consumer.next_serial++;
    request.partition = partition;
    request.index = index;
    request.count = consumer.generation;
    ActorId target = no_actor;
    if (partition != no_slot && type == MessageType::offset_commit) {
        request.topic = log_.layout.topic_names[log_.layout.topic_of[partition]];
        target = broker_actor(log_.layout.coordinator[consumer_spec.group]);
    } else if (partition != no_slot && type == MessageType::fetch) {
        request.topic = log_.layout.topic_names[log_.layout.topic_of[partition]];
        request.count = consumer_spec.max_poll_records;
        target = broker_actor(log_.layout.leader[partition]);
        OwnedPartition* owned = consumer.find(partition);
        assert(owned);
        owned->fetch_serial = request.serial;
        owned->fetch_sent_ns = now_ns_;
        consumer.stats.fetches++;
    } else {
        request.topic = log_.layout.group_names[consumer_spec.group];
        target = broker_actor(log_.layout.coordinator[consumer_spec.group]);
        if (type == MessageType::join_group) {
            consumer.join_serial = request.serial;
            consumer.join_sent_ns = now_ns_;
        }
    }
    send(slot, consumer_actor(c), target);
}

void Simulation::member_send_join(std::size_t c) {
    log_.consumers[c].phase = MemberPhase::joining;
    member_send(c, MessageType::join_group, no_slot, -1);
}

void Simulation::member_join(std::size_t c) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::join, consumer_actor(c), broker_actor(log_.layout.coordinator[consumer_spec.group]));
    record.topic = log_.layout.group_names[consumer_spec.group];
    if (consumer.phase != MemberPhase::not_started) {
        // A crashed consumer joins when it restarts; one that left stays out.
        record.reason = consumer.phase == MemberPhase::crashed ? Reason::consumer_crashed : Reason::none;
        return;
    }
    consumer.life++;
    member_send_join(c);
    schedule_after(spec_->groups[consumer_spec.group].heartbeat_interval_ns, EventKind::heartbeat_tick, consumer_actor(c),
                   consumer.life);
}

void Simulation::member_leave(std::size_t c) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::leave, consumer_actor(c), broker_actor(log_.layout.coordinator[consumer_spec.group]));
    record.topic = log_.layout.group_names[consumer_spec.group];
    const bool in_group = consumer.phase == MemberPhase::joining || consumer.phase == MemberPhase::stable;
    if (in_group) {
        if (consumer_spec.commit == CommitMode::auto_commit && consumer.phase == MemberPhase::stable) {
            record.count = member_commit(c);
            record.reason = Reason::commit_auto;
        }
        member_send(c, MessageType::leave_group, no_slot, -1);
        member_revoke(c);
    }
    consumer.phase = MemberPhase::left;
    consumer.life++;
    consumer.join_serial = 0;
}

void Simulation::member_revoke(std::size_t c) {
    // What was fetched and not processed is dropped; positions go with the
    // partitions (the next owner starts from the group's committed offset).
    LogConsumer& consumer = log_.consumers[c];
    consumer.stats.records_dropped += consumer.buffer.size();
    consumer.buffer.clear();
    consumer.owned.clear();
    consumer.processing = false;
    consumer.poll_deferred = false;
    consumer.epoch++;
}

void Simulation::member_rejoin(std::size_t c, bool as_new) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    // Kafka's consumer commits before it gives up its partitions when it
    // auto-commits (the ConsumerCoordinator's onJoinPrepare); a member the
    // coordinator no longer knows could not commit anyway.
    if (!as_new && consumer_spec.commit == CommitMode::auto_commit) member_commit(c);
    member_revoke(c);
    if (as_new) {
        consumer.member = false;
        consumer.generation = 0;
    }
    member_send_join(c);
}

void Simulation::member_heartbeat_tick(std::size_t c) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    const ActorId coordinator = broker_actor(log_.layout.coordinator[consumer_spec.group]);
    Record& record = begin_record(RecordKind::heartbeat_tick, consumer_actor(c), coordinator);
    record.topic = log_.layout.group_names[consumer_spec.group];
    record.count = consumer.generation;
    if (consumer.phase == MemberPhase::stable) {
        record.request = MessageType::heartbeat;
        member_send(c, MessageType::heartbeat, no_slot, -1);
    } else if (consumer.phase == MemberPhase::joining &&
               (consumer.join_serial == 0 || now_ns_ - consumer.join_sent_ns >= request_timeout_ns(*spec_, consumer_spec))) {
        // No join outstanding (the coordinator was down), or no answer for
        // too long: ask again.
        record.request = MessageType::join_group;
        record.reason = consumer.join_serial == 0 ? Reason::coordinator_down : Reason::will_retry;
        member_send(c, MessageType::join_group, no_slot, -1);
    } else {
        record.reason = Reason::waiting_replies;  // the join waits for the rebalance to end
    }
    schedule_after(spec_->groups[consumer_spec.group].heartbeat_interval_ns, EventKind::heartbeat_tick, consumer_actor(c),
                   consumer.life);
}

// [SECTION] polling and processing

void Simulation::member_poll(std::size_t c) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::poll, consumer_actor(c), no_actor);
    record.topic = log_.layout.group_names[consumer_spec.group];
    assert(consumer.phase == MemberPhase::stable && "a revoke voids the poll chain");
    consumer.stats.polls++;
    if (consumer.processing || !consumer.buffer.empty()) {
        // Kafka's poll() runs after the application processed the last
        // batch: this one waits for that.
        consumer.poll_deferred = true;
        record.reason = Reason::processing;
        return;
    }
    if (consumer_spec.commit == CommitMode::auto_commit && now_ns_ - consumer.last_commit_ns >= consumer_spec.auto_commit_interval_ns) {
        record.index = member_commit(c);
        record.reason = Reason::commit_auto;
    }
    const TimeNs timeout_ns = request_timeout_ns(*spec_, consumer_spec);
    std::uint32_t fetches = 0;
    for (std::size_t i = 0; i < consumer.owned.size(); ++i) {
        const OwnedPartition& owned = consumer.owned[i];
        if (owned.buffered > 0) continue;
        if (owned.fetch_serial != 0 && now_ns_ - owned.fetch_sent_ns < timeout_ns) continue;  // still waiting
        member_send(c, MessageType::fetch, owned.partition, owned.position);
        ++fetches;
    }
    record.count = fetches;
    if (consumer.owned.empty()) record.reason = Reason::no_partitions;
    schedule_after(consumer_spec.poll_interval_ns, EventKind::poll, consumer_actor(c), consumer.epoch);
}

void Simulation::member_process_next(std::size_t c) {
    LogConsumer& consumer = log_.consumers[c];
    if (consumer.processing || consumer.buffer.empty()) return;
    consumer.processing = true;
    schedule_after(sample(spec_->consumers[c].process_time, consumers_[c].prng), EventKind::process_done, consumer_actor(c),
                   consumer.epoch);
}

void Simulation::member_process_done(std::size_t c) {
    LogConsumer& consumer = log_.consumers[c];
    assert(consumer.processing && !consumer.buffer.empty());
    const BufferedRecord item = consumer.buffer.front();
    consumer.buffer.pop_front();
    consumer.processing = false;
    Record& record = begin_record(RecordKind::consumed, consumer_actor(c), broker_actor(log_.layout.leader[item.partition]));
    record.topic = log_.layout.topic_names[log_.layout.topic_of[item.partition]];
    record.chosen = log_.layout.local(item.partition);
    record.index = static_cast<std::int64_t>(item.record.offset);
    record.previous = item.record.key;
    record.text = item.record.value;
    OwnedPartition* owned = consumer.find(item.partition);
    assert(owned && owned->buffered > 0 && "a revoke empties the buffer");
    owned->buffered--;
    owned->position = static_cast<std::int64_t>(item.record.offset) + 1;
    consumer.consumed.push_back(LogConsumption{now_ns_, item.partition, item.record.offset, item.record.key, item.record.value,
                                               item.incarnation, item.record.timestamp_ns});
    consumer.stats.records_consumed++;
    member_process_next(c);
    if (!consumer.processing) member_batch_done(c);  // (record.count: the commits it sent)
}

void Simulation::member_batch_done(std::size_t c) {
    // The buffer is empty. after_poll commits once every record a poll
    // fetched is processed (no fetch still outstanding); a deferred poll
    // runs now.
    LogConsumer& consumer = log_.consumers[c];
    Record& record = *current_record_;
    const bool fetching = std::any_of(consumer.owned.begin(), consumer.owned.end(),
                                      [](const OwnedPartition& owned) { return owned.fetch_serial != 0; });
    if (spec_->consumers[c].commit == CommitMode::after_poll && !fetching) {
        const std::uint32_t commits = member_commit(c);
        // A `consumed` record tells the commits it led to; a fetch reply
        // keeps its own fields (its commits show as offset_commit arrivals).
        if (record.kind == RecordKind::consumed) {
            record.count = commits;
            if (commits > 0) record.reason = Reason::commit_after_poll;
        }
    }
    if (consumer.poll_deferred) {
        consumer.poll_deferred = false;
        schedule(now_ns_, EventKind::poll, consumer_actor(c), consumer.epoch);
    }
}

// [SECTION] commits

std::uint32_t Simulation::member_commit(std::size_t c) {
    // One offset_commit per partition whose position moved since its last
    // commit; the offset is the next record to read (Kafka's convention).
    LogConsumer& consumer = log_.consumers[c];
    std::uint32_t sent = 0;
    for (std::size_t i = 0; i < consumer.owned.size(); ++i) {
        OwnedPartition& owned = consumer.owned[i];
        if (owned.position < 0 || owned.position <= owned.committed) continue;
        owned.committed = owned.position;
        member_send(c, MessageType::offset_commit, owned.partition, owned.position);
        ++sent;
    }
    consumer.last_commit_ns = now_ns_;
    consumer.stats.commits += sent;
    return sent;
}

void Simulation::member_commit_at(std::size_t c) {
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::commit, consumer_actor(c), broker_actor(log_.layout.coordinator[spec_->consumers[c].group]));
    record.topic = log_.layout.group_names[spec_->consumers[c].group];
    record.reason = Reason::commit_manual;
    if (consumer.phase == MemberPhase::stable) record.count = member_commit(c);
}

// [SECTION] replies

void Simulation::member_reply(std::size_t c, Message& reply) {
    LogConsumer& consumer = log_.consumers[c];
    const ActorId self = consumer_actor(c);
    const bool ok = reply.error == ErrorCode::none;
    RecordKind kind = RecordKind::heartbeat_reply;
    switch (reply.request) {
        case MessageType::fetch: kind = RecordKind::fetch_reply; break;
        case MessageType::offset_commit: kind = RecordKind::offset_commit_reply; break;
        case MessageType::join_group: kind = RecordKind::join_group_reply; break;
        case MessageType::heartbeat: kind = RecordKind::heartbeat_reply; break;
        case MessageType::leave_group: kind = RecordKind::leave_group_reply; break;
        default: assert(false && "a log consumer gets only log replies"); break;
    }
    Record& record = begin_record(kind, reply.source, self);
    record.sent_ns = reply.sent_ns;
    record.request = reply.request;
    record.error = reply.error;
    record.topic = reply.topic;
    record.index = reply.index;
    record.count = reply.count;
    record.flags |= ok ? record_flag::ok : 0;
    if (reply.partition != no_slot) record.chosen = log_.layout.local(reply.partition);
    switch (reply.request) {
        case MessageType::fetch: member_fetch_reply(c, reply, record); return;
        case MessageType::join_group: member_join_reply(c, reply, record); return;
        case MessageType::offset_commit:
            if (!ok) {
                // Not stored: commit it again next time.
                if (OwnedPartition* owned = consumer.find(reply.partition)) owned->committed = -1;
                if (reply.error == ErrorCode::broker_down) record.reason = Reason::coordinator_down;
                if (reply.error == ErrorCode::queue_full) record.reason = Reason::broker_refused;
            }
            return;
        case MessageType::leave_group:
            if (reply.error == ErrorCode::broker_down) record.reason = Reason::coordinator_down;
            if (reply.error == ErrorCode::queue_full) record.reason = Reason::broker_refused;
            return;
        case MessageType::heartbeat:
            if (consumer.phase != MemberPhase::stable) {
                record.reason = Reason::stale_reply;
                return;
            }
            if (reply.error == ErrorCode::broker_down) {
                record.reason = Reason::coordinator_down;
            } else if (reply.error == ErrorCode::queue_full) {
                record.reason = Reason::broker_refused;  // no news: the next heartbeat asks again
            } else if (reply.error == ErrorCode::rebalance_in_progress || reply.error == ErrorCode::illegal_generation) {
                record.reason = Reason::rejoin;
                member_rejoin(c, false);
            } else if (reply.error == ErrorCode::unknown_member) {
                record.reason = Reason::rejoin;
                member_rejoin(c, true);
            }
            return;
        default: return;
    }
}

void Simulation::member_fetch_reply(std::size_t c, Message& reply, Record& record) {
    LogConsumer& consumer = log_.consumers[c];
    OwnedPartition* owned = consumer.phase == MemberPhase::stable ? consumer.find(reply.partition) : nullptr;
    if (!owned || owned->fetch_serial != reply.serial) {
        record.reason = Reason::stale_reply;  // revoked since, or asked again after a timeout
        return;
    }
    owned->fetch_serial = 0;
    const LogPayload* payload = reply.payload == no_slot ? nullptr : &log_.payloads[reply.payload];
    if (reply.error == ErrorCode::broker_down || reply.error == ErrorCode::queue_full) {
        // Down, or its queue full: the next poll asks again.
        record.reason = reply.error == ErrorCode::broker_down ? Reason::broker_unavailable : Reason::broker_refused;
    } else if (reply.error == ErrorCode::offset_out_of_range) {
        // The log was lost and restarted below the position: Kafka's
        // auto.offset.reset decides where to go on.
        assert(payload);
        const bool earliest = spec_->groups[spec_->consumers[c].group].auto_offset_reset == GroupSpec::OffsetReset::earliest;
        owned->position = earliest ? 0 : static_cast<std::int64_t>(payload->end_offset);
        record.reason = Reason::offset_reset;
        record.index = owned->position;
    } else {
        assert(payload);
        if (owned->position < 0) owned->position = reply.index;  // `latest`: from the end the leader reported
        for (const log::LogRecord& item : payload->records) {
            consumer.buffer.push_back(BufferedRecord{reply.partition, payload->log_incarnation, item});
        }
        owned->buffered += static_cast<std::uint32_t>(payload->records.size());
        consumer.stats.records_fetched += payload->records.size();
        if (payload->records.empty()) record.reason = Reason::caught_up;
    }
    member_process_next(c);
    if (!consumer.processing && consumer.buffer.empty()) member_batch_done(c);
}

void Simulation::member_join_reply(std::size_t c, Message& reply, Record& record) {
    LogConsumer& consumer = log_.consumers[c];
    if (consumer.phase != MemberPhase::joining || consumer.join_serial != reply.serial) {
        record.reason = Reason::stale_reply;
        return;
    }
    consumer.join_serial = 0;
    if (reply.error != ErrorCode::none) {
        // Down (or a parked join lost with its crash), or its queue full:
        // the next heartbeat tick asks again.
        record.reason = reply.error == ErrorCode::queue_full ? Reason::broker_refused : Reason::coordinator_down;
        return;
    }
    const GroupSpec& group = spec_->groups[spec_->consumers[c].group];
    const LogPayload& payload = log_.payloads[reply.payload];
    consumer.phase = MemberPhase::stable;
    consumer.member = true;
    consumer.generation = reply.count;
    consumer.owned.clear();
    std::string assigned;
    for (const LogPayload::Assigned& item : payload.assigned) {
        OwnedPartition owned;
        owned.partition = item.partition;
        owned.committed = item.committed;
        owned.position = item.committed >= 0 ? item.committed
                         : group.auto_offset_reset == GroupSpec::OffsetReset::earliest ? 0
                                                                                       : -1;
        consumer.owned.push_back(owned);
        if (!assigned.empty()) assigned += ", ";
        assigned += topic_partition_name(strings_->text(log_.layout.topic_names[log_.layout.topic_of[item.partition]]),
                                         log_.layout.local(item.partition));
    }
    record.index = reply.count;
    record.count = static_cast<std::uint32_t>(consumer.owned.size());
    record.text = strings_->intern(assigned);
    if (consumer.owned.empty()) record.reason = Reason::no_partitions;
    consumer.stats.rebalances++;
    consumer.last_commit_ns = now_ns_;
    consumer.epoch++;
    schedule(now_ns_, EventKind::poll, consumer_actor(c), consumer.epoch);
}

// [SECTION] consumer faults

void Simulation::consumer_crash(std::size_t c, std::size_t fault) {
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::crash, consumer_actor(c), no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (consumer.phase == MemberPhase::crashed) {
        record.reason = Reason::already_down;
        return;
    }
    record.count = static_cast<std::uint32_t>(consumer.buffer.size());
    record.reason = Reason::consumer_crashed;
    member_revoke(c);
    if (consumer.phase != MemberPhase::left) consumer.phase = MemberPhase::crashed;
    consumer.life++;
    consumer.join_serial = 0;
}

void Simulation::consumer_restart(std::size_t c, std::size_t fault) {
    const ConsumerSpec& consumer_spec = spec_->consumers[c];
    LogConsumer& consumer = log_.consumers[c];
    Record& record = begin_record(RecordKind::restart, consumer_actor(c), no_actor);
    record.index = static_cast<std::int64_t>(fault);
    if (consumer.phase != MemberPhase::crashed) {
        record.reason = Reason::already_up;
        return;
    }
    if (now_ns_ < consumer_spec.join_at_ns) {
        consumer.phase = MemberPhase::not_started;  // it joins at join_at
        return;
    }
    // A restarted consumer is a new member with nothing: it joins again.
    consumer.member = false;
    consumer.generation = 0;
    consumer.life++;
    member_send_join(c);
    schedule_after(spec_->groups[consumer_spec.group].heartbeat_interval_ns, EventKind::heartbeat_tick, consumer_actor(c),
                   consumer.life);
}

}  // namespace kafkasim
