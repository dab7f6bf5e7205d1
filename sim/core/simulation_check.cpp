// Self-checks of the model, beside the event handlers: check_invariants()
// asserts the invariants listed at the top of simulation.hpp, and
// state_hash() digests every part of the state a later event can observe.
// Both are O(state size) and meant for tests, fuzzing and determinism checks,
// not for the hot loop (KAFKASIM_CHECK_INVARIANTS turns the per-event call on).
#include <algorithm>
#include <cassert>
#include <cstring>
#include <vector>

#include "core/dictionary.hpp"
#include "core/log_stats.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

// -----------------------------------------------------------------------------
// Invariants
// -----------------------------------------------------------------------------

void Simulation::check_invariants() const {
    // Time: never negative, never behind the clock, never past the end.
    assert(now_ns_ >= 0 && "simulated time is never negative");
    assert(last_event_ns_ == now_ns_ && "the clock is the last event's time");
    for (const Event& event : events_.items()) {
        assert(event.time_ns >= now_ns_ && "no pending event is earlier than now (time never decreases)");
        assert(event.actor == no_actor || event.actor < actor_count());
        (void)event;
    }
    for (const auto& [link, last_ns] : links_.live(now_ns_)) {
        assert(link.first < actor_count() && link.second < actor_count() && link.first != link.second &&
               "a link joins two actors");
        assert(last_ns > now_ns_ && "a live link's last delivery is still to come");
        (void)link;
        (void)last_ns;
    }

    // Brokers: one request in service at most, a holder iff busy, statistics
    // that agree with the queue.
    for (std::size_t b = 0; b < brokers_.size(); ++b) {
        const Broker& broker = brokers_[b];
        assert(broker.busy == (broker.holder != no_actor) && "a busy broker has a holder, an idle one none");
        assert((!broker.busy || is_consumer(broker.holder)) && "a broker's holder is a consumer");
        assert((broker.up || (!broker.busy && broker.serving == no_slot && broker.queue.empty())) &&
               "a broker that is down serves, queues and holds nothing");
        assert(broker.queue.size() <= broker.stats.queue_length_max && "queue_length_max covers the queue");
        assert(broker.queue.size() <= spec_->brokers[b].queue_capacity && "the queue stays within its capacity");
        assert(broker.stats.requests_arrived >=
                   broker.stats.requests_served + broker.queue.size() + (broker.serving != no_slot ? 1 : 0) &&
               "every served, queued or in-service request arrived");
        assert(broker.stats.requests_rejected <= broker.stats.requests_arrived);
        assert(broker.stats.queue_changed_ns <= now_ns_ && broker.stats.held_since_ns <= now_ns_);
        assert(broker.stats.busy_serving_ns <= now_ns_ && broker.stats.held_total_ns <= now_ns_ &&
               "a broker is busy for at most the time simulated");
        assert((broker.serving == no_slot || broker.service_started_ns <= now_ns_));
        // The store's hashes are kept up to date by every operation.
        std::uint64_t content_hash = 0;
        for (const Topic& topic : broker.topics) {
            assert(topic.hash == topic_hash_from_scratch(topic) && "a topic's hash matches its messages");
            content_hash += topic_contribution(topic);
        }
        assert(content_hash == broker.content_hash() && "a dictionary's hash sums its topics'");
        (void)content_hash;
        (void)broker;
    }
    // After a time limit hit the event that tried was not scheduled: the
    // slot accounting below no longer holds, and the run is over anyway.
    if (time_limit_hit_) return;

    // Message slots: each is free, or referenced exactly once (a pending
    // deliver, a broker's service, a queue entry); each delivery has a live
    // target and the write counter matches.
    std::vector<std::uint8_t> references(messages_.size(), 0);
    auto reference = [&](std::uint32_t slot) {
        assert(slot < messages_.size() && "a referenced message slot exists");
        assert(references[slot] == 0 && "a message slot is referenced once");
        references[slot] = 1;
    };
    for (const std::uint32_t slot : free_messages_) reference(slot);
    std::uint64_t writes = 0;
    for (const Event& event : events_.items()) {
        if (static_cast<EventKind>(event.kind) == EventKind::deliver) {
            reference(event.payload);
            const Message& message = messages_[event.payload];
            assert(message.target == event.actor && event.actor < actor_count() && "a message in flight has a live target");
            assert(message.source < actor_count() && message.source != message.target);
            assert(message.sent_ns <= event.time_ns && message.sent_ns <= now_ns_);
            writes += is_write(message.type) ? 1 : 0;
        } else if (static_cast<EventKind>(event.kind) == EventKind::service_done && !cancelled(event)) {
            assert(brokers_[event.actor].serving == event.payload && "a live service_done is the broker's service");
        }
    }
    for (std::size_t b = 0; b < brokers_.size(); ++b) {
        const Broker& broker = brokers_[b];
        if (broker.serving != no_slot) {
            reference(broker.serving);
            writes += is_write(messages_[broker.serving].type) ? 1 : 0;
            // `serving` is set iff a service_done for it is pending.
            const bool pending = std::any_of(events_.items().begin(), events_.items().end(), [&](const Event& event) {
                return static_cast<EventKind>(event.kind) == EventKind::service_done && event.actor == b &&
                       event.payload == broker.serving && event.spare == broker.epoch;
            });
            assert(pending && "a broker in service has its service_done pending");
            (void)pending;
        }
        for (std::uint32_t i = 0; i < broker.queue.size(); ++i) {
            reference(broker.queue.at(i));
            writes += is_write(messages_[broker.queue.at(i)].type) ? 1 : 0;
        }
    }
    assert(std::all_of(references.begin(), references.end(), [](std::uint8_t r) { return r == 1; }) &&
           "every message slot is free or referenced (no leak)");
    assert(writes == writes_in_flight_ && "writes_in_flight counts the write requests in flight");
    (void)writes;

    // Clients: pending writes go to brokers; replies outstanding are bounded.
    for (const Producer& producer : producers_) {
        std::size_t pending = 0;
        std::uint32_t previous_id = 0;
        for (const PendingWrite& write : producer.pending) {
            assert(is_broker(write.target) && write.first_sent_ns <= now_ns_);
            assert(write.request_id > previous_id && write.request_id < producer.next_request_id &&
                   "pending writes in request id order");
            assert(producer.pending.find(write.request_id) == &write && "a pending write is found by its id");
            previous_id = write.request_id;
            ++pending;
        }
        assert(pending == producer.pending.size());
        (void)pending;
        (void)previous_id;
    }
    for (const Consumer& consumer : consumers_) {
        assert(consumer.replies_pending <= brokers_.size() && "status replies outstanding: at most one per broker");
        assert((consumer.target == no_actor || is_broker(consumer.target)) && "a consumer targets a broker");
        assert(consumer.queued_head <= consumer.queued.size());
        for (const Consumption& item : consumer.consumed) {
            assert(item.time_ns <= now_ns_ && is_broker(item.broker));
            (void)item;
        }
        (void)consumer;
    }
    if (is_log_model()) check_log_invariants();
}

// The log model: logs are append-only with consecutive offsets; a
// coordinator's members match its group's; a member's buffer and its
// partitions agree; every payload slot is free or carried by one message.
void Simulation::check_log_invariants() const {
    for (const log::PartitionLog& partition : log_.partitions) {
        for (std::size_t i = 0; i < partition.records().size(); ++i) {
            assert(partition.records()[i].offset == i && "offsets are consecutive from 0");
            assert(partition.records()[i].timestamp_ns <= now_ns_);
        }
        (void)partition;
    }
    for (std::size_t g = 0; g < log_.groups.size(); ++g) {
        const CoordinatedGroup& group = log_.groups[g];
        assert(group.lag.lag == group_lag(*this, g).total && "the group's running lag is the sum of its partitions' lags");
        assert(group.members.size() == group.group.member_count() && "the coordinator's members are its group's");
        for (std::size_t m = 0; m < group.members.size(); ++m) {
            assert(group.group.is_member(group.members[m].consumer));
            assert((m == 0 || group.members[m - 1].consumer < group.members[m].consumer) && "members sorted by consumer");
            assert((!group.members[m].joined || group.phase != GroupPhase::stable || group.start_pending) &&
                   "a stable group has no member waiting in a join");
        }
        assert((group.phase != GroupPhase::empty || group.members.empty() || group.start_pending) && "an empty group has no members");
        assert(group.lag.lag <= group.lag.lag_max && group.lag.changed_ns <= now_ns_);
        (void)group;
    }
    for (const LogConsumer& consumer : log_.consumers) {
        std::uint64_t buffered = 0;
        for (const OwnedPartition& owned : consumer.owned) buffered += owned.buffered;
        assert(buffered == consumer.buffer.size() && "the buffer holds what each partition says it buffered");
        assert((!consumer.processing || !consumer.buffer.empty()) && "processing a buffered record");
        assert((consumer.phase == MemberPhase::stable || (consumer.owned.empty() && consumer.buffer.empty())) &&
               "only a stable member owns partitions");
        for (const LogConsumption& item : consumer.consumed) {
            assert(item.time_ns <= now_ns_ && item.partition < log_.layout.partition_count());
            (void)item;
        }
        (void)buffered;
    }
    std::vector<std::uint8_t> carried(log_.payloads.size(), 0);
    for (const std::uint32_t slot : log_.free_payloads) carried[slot]++;
    for (const Event& event : events_.items()) {
        if (event.kind != static_cast<std::uint8_t>(EventKind::deliver)) continue;
        const std::uint32_t payload = messages_[event.payload].payload;
        if (payload != no_slot) carried[payload]++;
    }
    assert(std::all_of(carried.begin(), carried.end(), [](std::uint8_t c) { return c == 1; }) &&
           "every payload slot is free or carried by one message in flight");
}

// -----------------------------------------------------------------------------
// State hash
// -----------------------------------------------------------------------------

namespace {

// FNV-1a over 64-bit words and texts. Texts are hashed by content, not by
// StringId, so that states built with different string tables compare.
class StateHasher {
public:
    explicit StateHasher(const StringTable& strings) : strings_(strings) {}
    void word(std::uint64_t value) {
        for (int i = 0; i < 8; ++i) {
            hash_ ^= (value >> (8 * i)) & 0xff;
            hash_ *= 0x100000001b3ull;
        }
    }
    void time(TimeNs value) { word(static_cast<std::uint64_t>(value)); }
    void real(double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        word(bits);
    }
    void text(StringId id) {
        // A length prefix keeps ("ab", "c") apart from ("a", "bc").
        if (id == no_string) {
            word(~0ull);
            return;
        }
        const std::string_view content = strings_.text(id);
        word(content.size());
        hash_ = fnv1a64(content, hash_);
    }
    void prng(const Prng& prng) {
        for (int i = 0; i < 4; ++i) word(prng.state_word(i));
    }
    std::uint64_t value() const { return hash_; }

private:
    const StringTable& strings_;
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
};


// The log model's state: partitions, groups at their coordinators, members.
void hash_log_model(StateHasher& h, const LogModel& log) {
    for (std::size_t p = 0; p < log.partitions.size(); ++p) {
        h.word(log.partitions[p].end_offset());
        h.word(log.partitions[p].hash());
        h.word(log.log_incarnation[p]);
    }
    for (const CoordinatedGroup& group : log.groups) {
        h.word(static_cast<std::uint64_t>(group.phase));
        h.word(static_cast<std::uint64_t>(group.rebalance_cause));
        h.word(group.start_pending);
        h.word(group.end_pending);
        h.word(group.rebalances);
        h.word(group.lag.lag);
        h.word(group.lag.lag_max);
        h.real(group.lag.lag_area);
        h.time(group.lag.changed_ns);
        h.word(group.group.generation());
        h.word(group.members.size());
        for (const CoordinatorMember& member : group.members) {
            h.word(member.consumer);
            h.time(member.last_heard_ns);
            h.word(member.joined);
            h.word(member.join_serial);
            for (const log::TopicPartition& tp : group.group.assignment(member.consumer)) {
                h.word(tp.topic);
                h.word(tp.partition);
            }
        }
        const std::vector<log::TopicPartitions>& topics = group.group.topics();
        for (std::uint32_t t = 0; t < topics.size(); ++t) {
            for (std::uint32_t p = 0; p < topics[t].partitions; ++p) {
                const std::optional<std::uint64_t> committed = group.group.committed(log::TopicPartition{t, p});
                h.word(committed ? *committed : ~0ull);
            }
        }
    }
    for (const std::uint32_t serial : log.expiry_serial) h.word(serial);
    for (const LogConsumer& consumer : log.consumers) {
        h.word(static_cast<std::uint64_t>(consumer.phase));
        h.word(consumer.generation);
        h.word(consumer.member);
        h.word(consumer.owned.size());
        for (const OwnedPartition& owned : consumer.owned) {
            h.word(owned.partition);
            h.word(static_cast<std::uint64_t>(owned.position));
            h.word(static_cast<std::uint64_t>(owned.committed));
            h.word(owned.fetch_serial);
            h.time(owned.fetch_sent_ns);
            h.word(owned.buffered);
        }
        h.word(consumer.buffer.size());
        for (const BufferedRecord& item : consumer.buffer) {
            h.word(item.partition);
            h.word(item.incarnation);
            h.word(item.record.offset);
            h.text(item.record.key);
            h.text(item.record.value);
            h.time(item.record.timestamp_ns);
        }
        h.word(consumer.processing);
        h.word(consumer.poll_deferred);
        h.word(consumer.epoch);
        h.word(consumer.life);
        h.word(consumer.next_serial);
        h.word(consumer.join_serial);
        h.time(consumer.join_sent_ns);
        h.time(consumer.last_commit_ns);
        h.word(consumer.consumed.size());
        for (const LogConsumption& item : consumer.consumed) {
            h.time(item.time_ns);
            h.word(item.partition);
            h.word(item.offset);
            h.text(item.key);
            h.text(item.value);
            h.word(item.log_incarnation);
            h.time(item.appended_ns);
        }
        const LogConsumerStats& stats = consumer.stats;
        for (const std::uint64_t count : {stats.polls, stats.fetches, stats.records_fetched, stats.records_consumed,
                                          stats.commits, stats.rebalances, stats.records_dropped}) {
            h.word(count);
        }
    }
    for (const LogProducerState& producer : log.producers) {
        for (const std::uint64_t count : producer.unkeyed_sent) h.word(count);
        for (const std::uint64_t count : producer.partition_counts) h.word(count);
    }
}

}  // namespace

std::uint64_t Simulation::state_hash() const {
    StateHasher h(*strings_);
    auto message = [&](const Message& m) {
        h.time(m.sent_ns);
        h.time(m.origin_ns);
        h.word(static_cast<std::uint64_t>(m.index));
        h.text(m.topic);
        h.text(m.text);
        if (m.list == no_slot) {
            h.word(~0ull);
        } else {
            h.word(lists_[m.list].size());
            for (const StringId item : lists_[m.list]) h.text(item);
        }
        h.word(m.count);
        h.word(m.source);
        h.word(m.target);
        h.word(m.holder);
        h.word(static_cast<std::uint64_t>(m.type));
        h.word(static_cast<std::uint64_t>(m.request));
        h.word(static_cast<std::uint64_t>(m.error));
        h.word(m.busy);
        h.word(static_cast<std::uint64_t>(m.lost));
        h.word(m.serial);
        if (is_log_model()) {
            // (dictionary-model hashes stay what they were)
            h.word(m.partition);
            h.text(m.key);
            h.word(m.payload != no_slot);
            if (m.payload != no_slot) {
                const LogPayload& payload = log_.payloads[m.payload];
                h.word(payload.records.size());
                for (const log::LogRecord& r : payload.records) {
                    h.word(r.offset);
                    h.text(r.key);
                    h.text(r.value);
                    h.time(r.timestamp_ns);
                }
                h.word(payload.assigned.size());
                for (const LogPayload::Assigned& a : payload.assigned) {
                    h.word(a.partition);
                    h.word(static_cast<std::uint64_t>(a.committed));
                }
                h.word(payload.end_offset);
                h.word(payload.log_incarnation);
            }
        }
    };

    // The clock and the engine.
    h.time(now_ns_);
    h.time(last_event_ns_);
    h.word(events_processed_);
    h.word(current_sequence_);
    h.word(events_.scheduled_total());
    h.word(time_limit_hit_ ? time_limit_hit_->event : 0);
    h.prng(network_prng_);
    // Only links whose last delivery is still to come constrain anything.
    const auto links = links_.live(now_ns_);
    h.word(links.size());
    for (const auto& [link, last_ns] : links) {
        h.word(link.first);
        h.word(link.second);
        h.time(last_ns);
    }
    for (const std::uint8_t active : fault_active_) h.word(active);
    h.word(writes_in_flight_);

    // The pending events in (time, sequence) order, the order they will run,
    // with the messages they carry (by content: slot numbers are not state
    // a later event can observe).
    std::vector<Event> pending = events_.items();
    std::sort(pending.begin(), pending.end(),
              [](const Event& a, const Event& b) { return a.time_ns != b.time_ns ? a.time_ns < b.time_ns : a.sequence < b.sequence; });
    h.word(pending.size());
    for (const Event& event : pending) {
        h.time(event.time_ns);
        h.word(event.sequence);
        h.word(event.kind);
        h.word(event.actor);
        h.word(event.spare);
        const auto kind = static_cast<EventKind>(event.kind);
        if (kind == EventKind::deliver) {
            message(messages_[event.payload]);
        } else if (kind != EventKind::service_done) {
            h.word(event.payload);  // service_done's payload is the broker's serving slot, hashed below
        }
    }

    for (const Broker& broker : brokers_) {
        h.word(broker.up);
        h.word(broker.busy);
        h.word(broker.holder);
        h.word(broker.serving != no_slot);
        if (broker.serving != no_slot) message(messages_[broker.serving]);
        h.time(broker.service_started_ns);
        h.word(broker.queue.size());
        for (std::uint32_t i = 0; i < broker.queue.size(); ++i) message(messages_[broker.queue.at(i)]);
        h.word(broker.topics.size());
        for (const Topic& topic : broker.topics) {
            h.text(topic.name);
            h.word(topic.messages.size());
            for (const StringId text : topic.messages) h.text(text);
        }
        h.prng(broker.prng);
        const BrokerStats& stats = broker.stats;
        h.word(stats.requests_arrived);
        h.word(stats.requests_served);
        h.word(stats.requests_rejected);
        h.time(stats.busy_serving_ns);
        h.real(stats.queue_wait_total_ns);
        h.real(stats.response_time_total_ns);
        h.real(stats.queue_length_area);
        h.time(stats.queue_changed_ns);
        h.word(stats.queue_length_max);
        h.time(stats.held_total_ns);
        h.time(stats.held_since_ns);
        h.word(broker.epoch);
    }

    for (const Producer& producer : producers_) {
        h.word(producer.next_action);
        h.word(producer.workload_issued);
        h.word(producer.next_request_id);
        h.word(producer.pending.size());
        for (const PendingWrite& write : producer.pending) {
            h.word(write.request_id);
            h.word(write.attempt);
            h.word(write.target);
            h.word(static_cast<std::uint64_t>(write.type));
            h.text(write.topic);
            h.text(write.text);
            h.word(static_cast<std::uint64_t>(write.index));
            h.time(write.first_sent_ns);
            if (is_log_model()) {
                h.text(write.key);
                h.word(write.partition);
            }
        }
        h.prng(producer.prng);
        const ProducerStats& stats = producer.stats;
        for (const std::uint64_t count : {stats.operations, stats.sent, stats.acked, stats.failed, stats.timeouts, stats.resent}) {
            h.word(count);
        }
        h.real(stats.ack_latency_total_ns);
    }

    for (const Consumer& consumer : consumers_) {
        h.word(static_cast<std::uint64_t>(consumer.stage));
        h.word(consumer.attempt);
        h.word(consumer.replies_pending);
        h.word(consumer.target);
        h.word(static_cast<std::uint64_t>(consumer.pending_outcome));
        h.word(consumer.session);
        h.word(static_cast<std::uint64_t>(consumer.topic_choice));
        h.word(static_cast<std::uint64_t>(consumer.index_choice));
        h.text(consumer.topic_named);
        h.word(static_cast<std::uint64_t>(consumer.index_named));
        h.text(consumer.chosen_topic);
        h.word(static_cast<std::uint64_t>(consumer.chosen_index));
        for (const BrokerView& view : consumer.views) {
            h.word(view.answered);
            h.word(view.busy);
            h.word(view.holder);
            h.word(view.queue_length);
            h.word(view.down);
            h.word(view.refused);
        }
        h.word(consumer.received.size());
        for (const StringId topic : consumer.received) h.text(topic);
        h.word(consumer.messages_count);
        h.word(consumer.round_robin_next);
        h.word(consumer.queued.size() - consumer.queued_head);
        for (std::size_t i = consumer.queued_head; i < consumer.queued.size(); ++i) h.word(consumer.queued[i]);
        h.word(consumer.workload_started);
        h.word(consumer.next_serial);
        h.word(consumer.round);
        h.word(consumer.request_serial);
        h.word(static_cast<std::uint64_t>(consumer.request_type));
        h.word(consumer.request_attempt);
        h.word(consumer.choice_serial);
        h.prng(consumer.prng);
        const ConsumerStats& stats = consumer.stats;
        for (const std::uint64_t count : {stats.sessions_started, stats.sessions_completed, stats.sessions_refused,
                                          stats.sessions_failed, stats.claims_refused, stats.attempts, stats.timeouts,
                                          stats.resent}) {
            h.word(count);
        }
        h.word(consumer.consumed.size());
        for (const Consumption& item : consumer.consumed) {
            h.time(item.time_ns);
            h.word(item.broker);
            h.text(item.topic);
            h.word(static_cast<std::uint64_t>(item.index));
            h.text(item.text);
        }
    }
    if (is_log_model()) hash_log_model(h, log_);
    return h.value();
}

}  // namespace kafkasim
