// A consumer's handlers: the session pipeline of the original system (ask
// every broker's status, choose one, claim it, list its topics, choose a
// topic, read its length, choose an index, read the message, release), with
// its timeouts, retries and manual (scripted) choices. The broker choice
// itself is choose_broker() (choose_broker.hpp).
#include <algorithm>
#include <cassert>

#include "core/choose_broker.hpp"
#include "core/distribution.hpp"
#include "core/retry.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

namespace {

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

}  // namespace

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

void Simulation::consumer_choose_done(std::size_t c) {
    if (consumers_[c].stage == Stage::choosing_broker) {
        // A person's pick of a broker, made now.
        Record& record = begin_record(RecordKind::broker_chosen, consumer_actor(c), no_actor);
        consumer_decide(c, record);
        record.target = record.chosen;
    } else {
        consumer_choose(c);
    }
}

void Simulation::consumer_retry(std::size_t c) {
    begin_record(RecordKind::retry, consumer_actor(c), no_actor).count = consumers_[c].attempt + 1;
    session_attempt(c);
}

void Simulation::consumer_resend(std::size_t c) {
    Consumer& consumer = consumers_[c];
    Record& record = begin_record(RecordKind::resend, consumer_actor(c), consumer.target);
    record.request = consumer.request_type;
    record.count = consumer.request_attempt;
    consumer.stats.resent++;
    consumer_transmit(c);
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
    const std::size_t c = layout_.consumer_index(consumer_id);
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
            BrokerView& view = consumer.views[layout_.broker_index(reply.source)];
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
    std::size_t chosen = broker_count;
    Reason reason = Reason::none;
    if (const SessionSpec* session = scripted_session(c); session && session->broker) {
        // The person's pick, busy or not: a refused claim teaches the same
        // lesson as a stale status.
        assert(*session->broker < broker_count);
        chosen = *session->broker;
        reason = Reason::person_chose;
    } else {
        const BrokerChoice choice = choose_broker(consumer_spec.policy, consumer.views, consumer.prng, consumer.round_robin_next);
        chosen = choice.broker;
        reason = choice.reason;
    }
    if (chosen < broker_count) {
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
