// The log model's brokers: building the cluster's layout, serving appends
// and fetches on the partitions a broker leads, and the group coordinator
// (joins, heartbeats, commits, leaves, session expiry and the rebalance's
// start and end). See log_state.hpp for the state and the protocol.
//
// [SECTION] construction and the payload pool
// [SECTION] appends and fetches
// [SECTION] the group coordinator: requests
// [SECTION] the group coordinator: rebalances and expiry
// [SECTION] a broker crash
#include <algorithm>
#include <cassert>
#include <string>

#include "core/log/placement.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

std::string_view group_phase_name(GroupPhase phase) {
    switch (phase) {
        case GroupPhase::empty: return "empty";
        case GroupPhase::preparing: return "preparing_rebalance";
        case GroupPhase::stable: return "stable";
    }
    assert(false && "unknown group phase");
    return "?";
}

std::string topic_partition_name(std::string_view topic, std::uint32_t partition) {
    std::string name(topic);
    name += '-';
    name += std::to_string(partition);
    return name;
}

CoordinatorMember* CoordinatedGroup::find(std::uint32_t consumer) {
    const auto it = std::lower_bound(members.begin(), members.end(), consumer,
                                     [](const CoordinatorMember& m, std::uint32_t c) { return m.consumer < c; });
    return it != members.end() && it->consumer == consumer ? &*it : nullptr;
}

const CoordinatorMember* CoordinatedGroup::find(std::uint32_t consumer) const {
    return const_cast<CoordinatedGroup*>(this)->find(consumer);
}

// [SECTION] construction and the payload pool

void Simulation::log_build() {
    if (!is_log_model()) return;
    LogLayout& layout = log_.layout;
    const auto brokers = static_cast<std::uint32_t>(brokers_.size());
    std::vector<log::TopicPartitions> topics;
    for (std::uint32_t t = 0; t < spec_->topics.size(); ++t) {
        const LogTopicSpec& topic = spec_->topics[t];
        assert(topic.partitions >= 1);
        layout.first_partition.push_back(layout.partition_count());
        layout.topic_names.push_back(strings_->intern(topic.name));
        const std::vector<std::vector<std::uint32_t>> replicas = log::place_replicas(t, topic.partitions, brokers);
        for (std::uint32_t p = 0; p < topic.partitions; ++p) {
            layout.topic_of.push_back(t);
            layout.leader.push_back(replicas[p][0]);
        }
        topics.push_back(log::TopicPartitions{topic.name, topic.partitions});
    }
    for (const GroupSpec& group : spec_->groups) {
        assert(group.coordinator && *group.coordinator < brokers && "the loader sets every group's coordinator");
        layout.coordinator.push_back(*group.coordinator);
        layout.group_names.push_back(strings_->intern(group.name));
        log_.groups.push_back(CoordinatedGroup{.group = log::ConsumerGroup(group.assignment, topics), .members = {}, .phase = GroupPhase::empty});
    }
    layout.groups_of_topic.resize(spec_->topics.size());
    for (std::uint32_t g = 0; g < spec_->groups.size(); ++g) {
        std::vector<bool> subscribed(spec_->topics.size(), false);
        for (const ConsumerSpec& consumer : spec_->consumers) {
            if (consumer.group != g) continue;
            for (const std::uint32_t t : consumer.topics) subscribed[t] = true;
        }
        for (std::uint32_t t = 0; t < spec_->topics.size(); ++t) {
            if (subscribed[t]) layout.groups_of_topic[t].push_back(g);
        }
    }
    log_.partitions.resize(layout.partition_count());
    log_.log_incarnation.assign(layout.partition_count(), 0);
    log_.consumers.resize(spec_->consumers.size());
    log_.expiry_serial.assign(spec_->consumers.size(), 0);
    log_.producers.resize(spec_->producers.size());
    for (LogProducerState& producer : log_.producers) {
        producer.unkeyed_sent.assign(spec_->topics.size(), 0);
        producer.partition_counts.assign(layout.partition_count(), 0);
    }
    for (std::size_t c = 0; c < spec_->consumers.size(); ++c) {
        const ConsumerSpec& consumer = spec_->consumers[c];
        assert(consumer.group < spec_->groups.size());
        schedule(consumer.join_at_ns, EventKind::member_join, consumer_actor(c), 0);
        for (std::size_t i = 0; i < consumer.commit_at_ns.size(); ++i) {
            schedule(consumer.commit_at_ns[i], EventKind::member_commit, consumer_actor(c), static_cast<std::uint32_t>(i));
        }
        if (consumer.leave_at_ns) schedule(*consumer.leave_at_ns, EventKind::member_leave, consumer_actor(c), 0);
    }
}

std::uint32_t Simulation::allocate_payload() {
    if (!log_.free_payloads.empty()) {
        const std::uint32_t slot = log_.free_payloads.back();
        log_.free_payloads.pop_back();
        LogPayload& payload = log_.payloads[slot];
        payload.records.clear();  // keeps its capacity
        payload.assigned.clear();
        payload.end_offset = 0;
        payload.log_incarnation = 0;
        return slot;
    }
    log_.payloads.emplace_back();
    return static_cast<std::uint32_t>(log_.payloads.size() - 1);
}

void Simulation::free_payload(std::uint32_t slot) {
    assert(slot < log_.payloads.size());
    log_.free_payloads.push_back(slot);
}

// [SECTION] appends and fetches

bool Simulation::log_serve(ActorId broker_id, Message& request, Message& reply, Record& record) {
    reply.partition = request.partition;
    reply.key = request.key;
    if (request.partition != no_slot) {
        record.chosen = log_.layout.local(request.partition);
        record.topic = log_.layout.topic_names[log_.layout.topic_of[request.partition]];
    }
    record.previous = request.key;
    switch (request.type) {
        case MessageType::append: {
            assert(log_.layout.leader[request.partition] == layout_.broker_index(broker_id) && "records go to the leader");
            const std::uint64_t offset = log_.partitions[request.partition].append(request.key, request.text, now_ns_);
            note_lag(request.partition, offset, offset + 1);
            record.kind = RecordKind::appended;
            record.index = static_cast<std::int64_t>(offset);
            reply.index = static_cast<std::int64_t>(offset);
            reply.text = request.text;  // so the ack can say what it acknowledges
            reply.count = log_.log_incarnation[request.partition];
            return true;
        }
        case MessageType::fetch: {
            const log::PartitionLog& partition = log_.partitions[request.partition];
            reply.payload = allocate_payload();
            LogPayload& payload = log_.payloads[reply.payload];
            payload.end_offset = partition.end_offset();
            payload.log_incarnation = log_.log_incarnation[request.partition];
            // index -1: "from the end" (a consumer whose reset is `latest`).
            const std::uint64_t from = request.index < 0 ? partition.end_offset() : static_cast<std::uint64_t>(request.index);
            const log::FetchResult result = partition.fetch(from, request.count);
            record.index = static_cast<std::int64_t>(from);
            reply.index = static_cast<std::int64_t>(from);
            if (result.out_of_range) {
                reply.error = ErrorCode::offset_out_of_range;
                return true;
            }
            payload.records.assign(result.records.begin(), result.records.end());
            record.kind = RecordKind::fetched;
            record.count = static_cast<std::uint32_t>(result.records.size());
            reply.count = record.count;
            return true;
        }
        default: break;
    }
    // The group protocol: the request names its group by the member's spec.
    const std::size_t c = layout_.consumer_index(request.source);
    const std::size_t g = spec_->consumers[c].group;
    assert(log_.layout.coordinator[g] == layout_.broker_index(broker_id) && "group requests go to the coordinator");
    if (request.type != MessageType::offset_commit) {  // (a commit names its partition's topic)
        record.topic = log_.layout.group_names[g];
        reply.topic = record.topic;
    }
    switch (request.type) {
        case MessageType::join_group: log_serve_join(g, request, record); return false;  // answered at the rebalance's end
        case MessageType::heartbeat: log_serve_heartbeat(g, request, reply, record); return true;
        case MessageType::offset_commit: log_serve_commit(g, request, reply, record); return true;
        case MessageType::leave_group: log_serve_leave(g, request, record); return true;
        default: break;
    }
    assert(false && "not a log request");
    return true;
}

// A partition's end offset went from `before` to `after`: every group
// reading its topic sees its lag change by the partition's share.
void Simulation::note_lag(std::uint32_t partition, std::uint64_t before, std::uint64_t after) {
    const std::uint32_t topic = log_.layout.topic_of[partition];
    const log::TopicPartition tp{topic, log_.layout.local(partition)};
    for (const std::uint32_t g : log_.layout.groups_of_topic[topic]) {
        const log::ConsumerGroup& group = log_.groups[g].group;
        change_group_lag(g, group.lag(tp, before), group.lag(tp, after));
    }
}

void Simulation::change_group_lag(std::size_t g, std::uint64_t before, std::uint64_t after) {
    GroupLagStats& stats = log_.groups[g].lag;
    if (before == after) return;
    stats.lag_area += static_cast<double>(stats.lag) * static_cast<double>(now_ns_ - stats.changed_ns);
    stats.changed_ns = now_ns_;
    assert(stats.lag >= before && "the group's lag is the sum of its partitions'");
    stats.lag = stats.lag - before + after;
    stats.lag_max = std::max(stats.lag_max, stats.lag);
}

// [SECTION] the group coordinator: requests

void Simulation::log_serve_join(std::size_t g, Message& request, Record& record) {
    CoordinatedGroup& group = log_.groups[g];
    const auto c = static_cast<std::uint32_t>(layout_.consumer_index(request.source));
    CoordinatorMember* member = group.find(c);
    if (!member) {
        const ConsumerSpec& consumer = spec_->consumers[c];
        group.group.join(c, consumer.name, consumer.topics);
        const auto at = std::lower_bound(group.members.begin(), group.members.end(), c,
                                         [](const CoordinatorMember& m, std::uint32_t id) { return m.consumer < id; });
        member = &*group.members.insert(at, CoordinatorMember{c});
    }
    member->last_heard_ns = now_ns_;
    member->joined = true;
    member->join_serial = request.serial;
    // A parked join is not expired: its session timer starts again when
    // the rebalance ends (Kafka waits up to the rebalance timeout instead).
    log_.expiry_serial[c]++;
    record.kind = RecordKind::member_joined;
    record.count = static_cast<std::uint32_t>(group.members.size());
    record.index = request.count;  // the generation the member had (0: new)
    group_want_rebalance(g, Reason::member_joined_group);
    group_check_barrier(g);
}

void Simulation::log_serve_heartbeat(std::size_t g, const Message& request, Message& reply, Record& record) {
    CoordinatedGroup& group = log_.groups[g];
    CoordinatorMember* member = group.find(static_cast<std::uint32_t>(layout_.consumer_index(request.source)));
    record.count = request.count;
    reply.count = group.group.generation();
    if (!member) {
        reply.error = ErrorCode::unknown_member;
        return;
    }
    member->last_heard_ns = now_ns_;
    group_schedule_expiry(g, member->consumer, now_ns_);
    if (group.phase == GroupPhase::preparing || group.start_pending) {
        reply.error = ErrorCode::rebalance_in_progress;
    } else if (request.count != group.group.generation()) {
        reply.error = ErrorCode::illegal_generation;
    } else {
        record.kind = RecordKind::heartbeat_answered;
    }
}

void Simulation::log_serve_commit(std::size_t g, const Message& request, Message& reply, Record& record) {
    CoordinatedGroup& group = log_.groups[g];
    CoordinatorMember* member = group.find(static_cast<std::uint32_t>(layout_.consumer_index(request.source)));
    record.count = request.count;
    reply.index = request.index;
    if (!member) {
        reply.error = ErrorCode::unknown_member;
        return;
    }
    member->last_heard_ns = now_ns_;
    if (request.count != group.group.generation()) {
        // Kafka accepts a commit of the current generation also while the
        // group prepares a rebalance, so a revoking member's last commit counts.
        reply.error = ErrorCode::illegal_generation;
        return;
    }
    group_schedule_expiry(g, member->consumer, now_ns_);
    const std::uint32_t topic = log_.layout.topic_of[request.partition];
    const log::TopicPartition tp{topic, log_.layout.local(request.partition)};
    const std::uint64_t end = log_.partitions[request.partition].end_offset();
    const std::uint64_t lag_before = group.group.lag(tp, end);
    group.group.commit(tp, static_cast<std::uint64_t>(request.index));
    change_group_lag(g, lag_before, group.group.lag(tp, end));
    record.kind = RecordKind::offset_committed;
}

void Simulation::log_serve_leave(std::size_t g, const Message& request, Record& record) {
    CoordinatedGroup& group = log_.groups[g];
    const auto c = static_cast<std::uint32_t>(layout_.consumer_index(request.source));
    record.kind = RecordKind::member_left;
    if (!group.find(c)) {
        record.reason = Reason::stale_reply;  // not a member (expired already): nothing changes
        record.count = static_cast<std::uint32_t>(group.members.size());
        return;
    }
    group.group.leave(c);
    std::erase_if(group.members, [c](const CoordinatorMember& m) { return m.consumer == c; });
    log_.expiry_serial[c]++;
    record.count = static_cast<std::uint32_t>(group.members.size());
    group_member_removed(g, Reason::member_left_group);
}

// [SECTION] the group coordinator: rebalances and expiry

void Simulation::group_schedule_expiry(std::size_t g, std::uint32_t consumer, TimeNs from_ns) {
    // One live timer per member: a newer one voids the older (cancelled()
    // compares serials), which the heap drops when it comes up.
    const std::optional<TimeNs> at_ns = checked_add_time(from_ns, spec_->groups[g].session_timeout_ns);
    const std::uint32_t serial = ++log_.expiry_serial[consumer];
    if (at_ns) schedule(*at_ns, EventKind::member_expiry, consumer_actor(consumer), serial);
    // (a session timeout past the end of time never expires)
}

void Simulation::group_want_rebalance(std::size_t g, Reason cause) {
    CoordinatedGroup& group = log_.groups[g];
    if (group.start_pending || group.phase == GroupPhase::preparing) return;
    group.start_pending = true;
    group.rebalance_cause = cause;
    const auto broker = log_.layout.coordinator[g];
    schedule(now_ns_, EventKind::rebalance_start, broker_actor(broker), static_cast<std::uint32_t>(g), brokers_[broker].epoch);
}

void Simulation::group_member_removed(std::size_t g, Reason cause) {
    CoordinatedGroup& group = log_.groups[g];
    if (group.phase == GroupPhase::preparing) {
        group_check_barrier(g);  // the one the group waited for may be gone
    } else {
        group_want_rebalance(g, cause);
    }
}

void Simulation::group_check_barrier(std::size_t g) {
    CoordinatedGroup& group = log_.groups[g];
    if (group.phase != GroupPhase::preparing || group.start_pending || group.end_pending) return;
    for (const CoordinatorMember& member : group.members) {
        if (!member.joined) return;
    }
    group.end_pending = true;
    const auto broker = log_.layout.coordinator[g];
    schedule(now_ns_, EventKind::rebalance_end, broker_actor(broker), static_cast<std::uint32_t>(g), brokers_[broker].epoch);
}

void Simulation::group_rebalance_start(std::size_t g) {
    CoordinatedGroup& group = log_.groups[g];
    assert(group.start_pending);
    group.start_pending = false;
    const ActorId coordinator = broker_actor(log_.layout.coordinator[g]);
    Record& record = begin_record(RecordKind::rebalance_start, coordinator, no_actor);
    record.topic = log_.layout.group_names[g];
    record.count = static_cast<std::uint32_t>(group.members.size());
    record.index = group.group.generation();
    record.reason = group.rebalance_cause;
    group.phase = GroupPhase::preparing;
    group_check_barrier(g);
}

void Simulation::group_rebalance_end(std::size_t g) {
    CoordinatedGroup& group = log_.groups[g];
    assert(group.end_pending && group.phase == GroupPhase::preparing);
    group.end_pending = false;
    const ActorId coordinator = broker_actor(log_.layout.coordinator[g]);
    Record& record = begin_record(RecordKind::rebalance_end, coordinator, no_actor);
    record.topic = log_.layout.group_names[g];
    group.group.rebalance();
    group.rebalances++;
    group.phase = group.members.empty() ? GroupPhase::empty : GroupPhase::stable;
    record.index = group.group.generation();
    record.count = static_cast<std::uint32_t>(group.members.size());
    // The assignment, as the narrative and the viz show it:
    // "c1: orders-0, orders-1; c2: orders-2; c3: -".
    std::string summary;
    const std::vector<log::TopicPartitions>& topics = group.group.topics();
    for (CoordinatorMember& member : group.members) {
        if (!summary.empty()) summary += "; ";
        summary += spec_->consumers[member.consumer].name;
        summary += ':';
        const std::span<const log::TopicPartition> assigned = group.group.assignment(member.consumer);
        if (assigned.empty()) summary += " -";
        for (std::size_t i = 0; i < assigned.size(); ++i) {
            summary += i == 0 ? " " : ", ";
            summary += topic_partition_name(topics[assigned[i].topic].name, assigned[i].partition);
        }
        // The parked join's reply: the generation, the partitions and the
        // group's committed offsets for them.
        const std::uint32_t slot = allocate_message();
        const std::uint32_t payload_slot = allocate_payload();
        Message& reply = messages_[slot];
        reply.type = MessageType::reply;
        reply.request = MessageType::join_group;
        reply.origin_ns = now_ns_;
        reply.topic = record.topic;
        reply.serial = member.join_serial;
        reply.count = group.group.generation();
        reply.payload = payload_slot;
        for (const log::TopicPartition& tp : assigned) {
            const std::optional<std::uint64_t> committed = group.group.committed(tp);
            log_.payloads[payload_slot].assigned.push_back(
                LogPayload::Assigned{log_.layout.global(tp.topic, tp.partition), committed ? static_cast<std::int64_t>(*committed) : -1});
        }
        member.joined = false;
        member.join_serial = 0;
        member.last_heard_ns = now_ns_;
        group_schedule_expiry(g, member.consumer, now_ns_);
        send(slot, coordinator, consumer_actor(member.consumer));
    }
    record.text = strings_->intern(summary);
}

void Simulation::group_member_expiry(std::uint32_t c) {
    const std::size_t g = spec_->consumers[c].group;
    CoordinatedGroup& group = log_.groups[g];
    const ActorId coordinator = broker_actor(log_.layout.coordinator[g]);
    Record& record = begin_record(RecordKind::member_expired, coordinator, consumer_actor(c));
    record.topic = log_.layout.group_names[g];
    record.reason = Reason::session_expired;
    assert(group.find(c) && "a removed member's timer is cancelled");
    group.group.leave(c);
    std::erase_if(group.members, [c](const CoordinatorMember& m) { return m.consumer == c; });
    log_.expiry_serial[c]++;
    record.count = static_cast<std::uint32_t>(group.members.size());
    group_member_removed(g, Reason::session_expired);
}

// [SECTION] a broker crash

void Simulation::log_broker_crash(ActorId broker_id, Record& record) {
    const std::size_t b = layout_.broker_index(broker_id);
    const bool durable = spec_->brokers[b].durable;
    if (!durable) {
        // One copy of each partition: the log dies with the process.
        for (std::uint32_t p = 0; p < log_.layout.partition_count(); ++p) {
            if (log_.layout.leader[p] != b) continue;
            const std::uint64_t end = log_.partitions[p].end_offset();
            log_.partitions[p].lose_all();
            note_lag(p, end, 0);
            log_.log_incarnation[p]++;
        }
    }
    for (std::size_t g = 0; g < log_.groups.size(); ++g) {
        if (log_.layout.coordinator[g] != b) continue;
        CoordinatedGroup& group = log_.groups[g];
        // Parked joins lose their connection: the members learn at once.
        for (const CoordinatorMember& member : group.members) {
            log_.expiry_serial[member.consumer]++;
            if (!member.joined || member.join_serial == 0) continue;
            const std::uint32_t slot = allocate_message();
            Message& reply = messages_[slot];
            reply.type = MessageType::reply;
            reply.request = MessageType::join_group;
            reply.error = ErrorCode::broker_down;
            reply.origin_ns = now_ns_;
            reply.topic = log_.layout.group_names[g];
            reply.serial = member.join_serial;
            send(slot, broker_id, consumer_actor(member.consumer));
            record.count++;
        }
        // Membership lives in the coordinator's memory; committed offsets
        // in its __consumer_offsets log, which survives only on a durable broker.
        log::ConsumerGroup fresh(spec_->groups[g].assignment, group.group.topics());
        if (durable) fresh.restore_committed(group.group);
        const std::uint32_t rebalances = group.rebalances;
        const GroupLagStats lag = group.lag;
        group = CoordinatedGroup{.group = std::move(fresh), .members = {}, .phase = GroupPhase::empty};
        group.rebalances = rebalances;
        group.lag = lag;
        // Committed offsets lost: every partition's lag counts from 0 again.
        std::uint64_t total = 0;
        for (std::uint32_t t = 0; t < spec_->topics.size(); ++t) {
            const std::vector<std::uint32_t>& readers = log_.layout.groups_of_topic[t];
            if (std::find(readers.begin(), readers.end(), g) == readers.end()) continue;
            for (std::uint32_t p = 0; p < spec_->topics[t].partitions; ++p) {
                total += group.group.lag(log::TopicPartition{t, p}, log_.partitions[log_.layout.global(t, p)].end_offset());
            }
        }
        change_group_lag(g, lag.lag, total);
    }
}

}  // namespace kafkasim
