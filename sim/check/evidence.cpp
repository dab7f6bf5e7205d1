// See evidence.hpp. Each piece mirrors, event by event, what the checks once
// computed by walking every record after the run (check_events.cpp,
// check_brokers.cpp, check_consumers.cpp read the results).
#include "check/evidence.hpp"

#include <algorithm>
#include <cassert>

#include "check/check_detail.hpp"

namespace kafkasim {

void OccurrenceTally::add(const OccurrenceSpec& occurrence, std::uint64_t event, TimeNs time_ns, std::string_view detail) {
    if (check_detail::in_window(occurrence, time_ns)) {
        if (inside++ == 0) {
            first_inside_event = event;
            first_inside_ns = time_ns;
            first_inside_detail = detail;
        }
    } else if (outside++ == 0) {
        first_outside_event = event;
        first_outside_ns = time_ns;
        first_outside_detail = detail;
    }
}

ExpectationEvidence::ExpectationEvidence(const ScenarioSpec& spec) : spec_(spec) {
    for (std::size_t i = 0; i < spec.expectations.size(); ++i) {
        const auto& check = spec.expectations[i].check;
        if (std::holds_alternative<ExpectEvent>(check)) {
            EventWatch watch;
            watch.expectation = i;
            events_.push_back(std::move(watch));
        } else if (const auto* invariant = std::get_if<ExpectInvariant>(&check)) {
            acked_wanted_ = acked_wanted_ || invariant->kind == ExpectInvariant::Kind::acked_writes_present;
        } else if (std::holds_alternative<ExpectConsumed>(check) || std::holds_alternative<ExpectConsumedExactly>(check)) {
            sessions_wanted_ = true;
        }
    }
}

void ExpectationEvidence::begin(const Simulation& names) {
    auto actor_named = [&](std::string_view name) -> std::optional<ActorId> {
        for (std::size_t a = 0; a < names.actor_count(); ++a) {
            if (names.actor_name(static_cast<ActorId>(a)) == name) return static_cast<ActorId>(a);
        }
        return std::nullopt;
    };
    for (EventWatch& watch : events_) {
        const std::size_t index = watch.expectation;
        const ExpectEvent& expect = std::get<ExpectEvent>(spec_.expectations[index].check);
        watch = EventWatch{};
        watch.expectation = index;
        auto resolve = [&](const std::optional<std::string>& name, std::optional<ActorId>& id) {
            if (!name) return;
            id = actor_named(*name);
            if (!id) watch.unknown = *name;
        };
        resolve(expect.source, watch.source);
        resolve(expect.target, watch.target);
        resolve(expect.actor, watch.actor);
        watch.kinds.assign(record_kind_count, false);
        for (std::size_t k = 0; k < record_kind_count; ++k) {
            watch.kinds[k] = record_kind_name(static_cast<RecordKind>(k)) == expect.kind;
        }
    }
    acked_.clear();
    deleted_.clear();
    sessions_.assign(sessions_wanted_ ? names.consumers().size() : 0, ConsumerSessions{});
    first_consumer_ = names.consumers().empty() ? 0 : names.consumer_actor(0);
}

void ExpectationEvidence::on_event(std::uint64_t event, const Record& record, const Simulation&, std::span<const Violation>) {
    observe(event, record);
}

void ExpectationEvidence::observe(std::uint64_t event, const Record& record) {
    for (EventWatch& watch : events_) {
        if (watch.unknown || !watch.kinds[static_cast<std::size_t>(record.kind)]) continue;
        if (watch.source && record.source != *watch.source) continue;
        if (watch.target && record.target != *watch.target) continue;
        if (watch.actor && record.source != *watch.actor && record.target != *watch.actor) continue;
        const ExpectEvent& expect = std::get<ExpectEvent>(spec_.expectations[watch.expectation].check);
        watch.tally.add(expect.occurrence, event, record.time_ns);
    }
    if (acked_wanted_) observe_acked(record);
    if (sessions_wanted_) observe_sessions(record);
}

// A publish counts when the broker served it after the last removal of its
// text (an edit or delete of it, or a delete of its topic) on that broker:
// removals are the producers' right, losses are not. Every publish acked
// before a removal was served before it (events come in time order), so a
// removal forgets the publishes counted so far; a whole-topic delete does so
// lazily, through the topic's generation, for all texts of the topic.
void ExpectationEvidence::observe_acked(const Record& record) {
    if (record.kind == RecordKind::ack && record.request == MessageType::publish) {
        AckedWrites& entry = acked_[{record.source, record.topic, record.text}];
        TopicDeletions topic;
        if (auto found = deleted_.find({record.source, record.topic}); found != deleted_.end()) topic = found->second;
        if (entry.generation != topic.generation) {
            entry.needed = 0;
            entry.generation = topic.generation;
        }
        const TimeNs removal_ns = std::max(entry.removed_ns, topic.deleted_ns);
        if (record.sent_ns <= removal_ns) return;  // served before a removal
        if (entry.needed++ == 0) entry.example_acked_ns = record.time_ns;
    } else if (record.kind == RecordKind::edited ||
               (record.kind == RecordKind::deleted && !(record.flags & record_flag::whole_topic))) {
        const StringId text = record.kind == RecordKind::edited ? record.previous : record.text;
        AckedWrites& entry = acked_[{record.target, record.topic, text}];
        entry.removed_ns = record.time_ns;
        entry.needed = 0;
    } else if (record.kind == RecordKind::deleted) {
        TopicDeletions& topic = deleted_[{record.target, record.topic}];
        topic.deleted_ns = record.time_ns;
        ++topic.generation;
    }
}

std::vector<std::pair<ExpectationEvidence::AckedKey, ExpectationEvidence::AckedWrites>> ExpectationEvidence::acked_writes() const {
    std::vector<std::pair<AckedKey, AckedWrites>> result;
    result.reserve(acked_.size());
    for (const auto& [key, entry] : acked_) {
        AckedWrites owed = entry;
        const auto found = deleted_.find({std::get<0>(key), std::get<1>(key)});
        if (found != deleted_.end() && found->second.generation != entry.generation) owed.needed = 0;  // deleted since
        result.emplace_back(key, owed);
    }
    return result;
}

// A consumer's own events; a crash names the consumer whose session it
// ended as the holder. An event may concern two consumers (one each side).
void ExpectationEvidence::observe_sessions(const Record& record) {
    ActorId touched[3] = {record.source, record.target, record.kind == RecordKind::crash ? record.holder : no_actor};
    for (int i = 0; i < 3; ++i) {
        const ActorId actor = touched[i];
        if (actor == no_actor || actor < first_consumer_ || actor >= first_consumer_ + sessions_.size()) continue;
        if ((i > 0 && touched[0] == actor) || (i > 1 && touched[1] == actor)) continue;  // once per event
        ConsumerSessions& consumer = sessions_[actor - first_consumer_];
        if (record.reason != Reason::none && record.reason != Reason::stale_reply && record.reason != Reason::waiting_replies) {
            consumer.last_reason = record.reason;
            consumer.last_topic = record.topic;
        }
        if (record.outcome != SessionOutcome::refused && record.outcome != SessionOutcome::failed) continue;
        if (consumer.ended++ < sessions_shown_max) {
            consumer.first.push_back({record.outcome, record.time_ns, consumer.last_reason, consumer.last_topic});
        }
        consumer.last_reason = Reason::none;
        consumer.last_topic = no_string;
    }
}

const ExpectationEvidence::EventWatch* ExpectationEvidence::event_watch(std::size_t expectation) const {
    for (const EventWatch& watch : events_) {
        if (watch.expectation == expectation) return &watch;
    }
    return nullptr;
}

const ExpectationEvidence::ConsumerSessions* ExpectationEvidence::sessions(std::size_t consumer) const {
    return consumer < sessions_.size() ? &sessions_[consumer] : nullptr;
}

}  // namespace kafkasim
