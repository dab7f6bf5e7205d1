// See format.hpp.
#include "report/format.hpp"
#include "text/utf8_text.hpp"

#include <cassert>

#include "report/format_log.hpp"
#include "report/json.hpp"

namespace kafkasim {

std::string format_duration_ns(TimeNs duration_ns) {
    if (duration_ns == 0) return "0";
    std::string out;
    if (duration_ns < 0) {
        out += '-';
        duration_ns = -duration_ns;
    }
    // The largest unit the value reaches, with an exact decimal fraction.
    struct Unit {
        TimeNs size;
        const char* name;
        int digits;
    };
    static constexpr Unit units[] = {{ns_per_s, "s", 9}, {ns_per_ms, "ms", 6}, {ns_per_us, "us", 3}, {1, "ns", 0}};
    for (const Unit& unit : units) {
        if (duration_ns < unit.size) continue;
        append_integer(out, duration_ns / unit.size);
        TimeNs fraction = duration_ns % unit.size;
        if (fraction != 0) {
            std::string digits(static_cast<std::size_t>(unit.digits), '0');
            for (int i = unit.digits - 1; i >= 0; --i, fraction /= 10) digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + fraction % 10);
            while (!digits.empty() && digits.back() == '0') digits.pop_back();
            out += '.' + digits;
        }
        return out + unit.name;
    }
    return out;
}

std::string format_time_ms(TimeNs time_ns) {
    std::string number;
    append_integer(number, time_ns / ns_per_ms);
    number += '.';
    const TimeNs micros = (time_ns % ns_per_ms) / ns_per_us;
    number += static_cast<char>('0' + micros / 100);
    number += static_cast<char>('0' + micros / 10 % 10);
    number += static_cast<char>('0' + micros % 10);
    number += "ms";
    if (number.size() < 11) number.insert(0, 11 - number.size(), ' ');
    return number;
}

std::string format_us(TimeNs time_ns) {
    std::string out;
    append_fixed(out, static_cast<double>(time_ns) / ns_per_us, 3);
    return out;
}

namespace {

std::string quoted(const Simulation& names, StringId id) {
    std::string out;
    if (id == no_string) return "?";
    append_json_string(out, names.strings().text(id));
    return out;
}

// An actor's name as the terminal and the viz show it (text/utf8_text.hpp):
// a name with a line break or ESC in it stays on its line.
std::string name(const Simulation& names, ActorId actor) { return terminal_text(names.actor_name(actor)); }

std::string actor_list(const Simulation& names, const std::vector<ActorIndex>& actors, const char* separator) {
    std::string out;
    for (const ActorIndex actor : actors) out += (out.empty() ? "" : separator) + name(names, actor);
    return out;
}

// "b1 -> c2", "p1 <-> b2", "every link of b1", "every link".
std::string link_words(const Simulation& names, const LinkSetSpec& links) {
    if (links.from.empty() && links.to.empty()) return "every link";
    if (links.to.empty() && links.both_directions) return "every link of " + actor_list(names, links.from, ", ");
    const std::string from = links.from.empty() ? "anyone" : actor_list(names, links.from, ", ");
    const std::string to = links.to.empty() ? "anyone" : actor_list(names, links.to, ", ");
    return from + (links.both_directions ? " <-> " : " -> ") + to;
}

// What fault number `f` of the scenario does, for the fault_start/fault_end
// lines: "partition {p1, p2} | {b2}", "slow +20ms on b1 -> c2".
std::string fault_words(const Simulation& names, std::int64_t f) {
    const auto& faults = names.spec().faults;
    if (f < 0 || static_cast<std::size_t>(f) >= faults.size()) return "fault #" + std::to_string(f);
    const FaultSpec& fault = faults[static_cast<std::size_t>(f)];
    switch (fault.kind) {
        case FaultSpec::Kind::slow: return "slow +" + format_duration_ns(fault.extra_latency_ns) + " on " + link_words(names, fault.links);
        case FaultSpec::Kind::drop: {
            std::string probability;
            append_fixed(probability, fault.probability, 3);
            return "drop (probability " + probability + ") on " + link_words(names, fault.links);
        }
        case FaultSpec::Kind::partition: {
            std::string out = "partition";
            for (std::size_t g = 0; g < fault.groups.size(); ++g) {
                out += (g == 0 ? " {" : " | {") + actor_list(names, fault.groups[g], ", ") + "}";
            }
            return out;
        }
        case FaultSpec::Kind::crash:
        case FaultSpec::Kind::restart: break;
    }
    return "fault #" + std::to_string(f);
}

std::string at_index(std::int64_t index) {
    std::string out = "[";
    append_integer(out, index);
    return out + "]";
}

std::string request_words(const Record& r, const Simulation& n) {
    switch (r.request) {
        case MessageType::publish: return "publish " + quoted(n, r.text) + " to " + quoted(n, r.topic);
        case MessageType::edit: return "edit " + quoted(n, r.topic) + at_index(r.index) + " to " + quoted(n, r.text);
        case MessageType::delete_topic: return "delete topic " + quoted(n, r.topic);
        case MessageType::delete_message: return "delete " + quoted(n, r.topic) + at_index(r.index);
        case MessageType::status: return "status";
        case MessageType::claim: return "claim";
        case MessageType::list_topics: return "list topics";
        case MessageType::get_topic: return "get topic " + quoted(n, r.topic);
        case MessageType::get_message: return "get message " + quoted(n, r.topic) + at_index(r.index);
        case MessageType::release: return "release";
        case MessageType::reply: return "reply";
        default: break;  // the log model's requests: format_log.cpp
    }
    return std::string(message_type_name(r.request));
}

std::string outcome_words(const Record& r) {
    switch (r.outcome) {
        case SessionOutcome::none: return "";
        case SessionOutcome::completed: return "; session completed";
        case SessionOutcome::refused: return "; session refused";
        case SessionOutcome::failed: return "; session failed";
    }
    return "";
}

std::string count_words(std::uint32_t count, const char* singular, const char* plural) {
    std::string out;
    append_integer(out, count);
    return out + " " + (count == 1 ? singular : plural);
}

// An error in words a student reads: "queue full", "down", else its name.
std::string error_words(ErrorCode error) {
    switch (error) {
        case ErrorCode::queue_full: return "queue full";
        case ErrorCode::broker_down: return "down";
        default: return std::string(error_name(error));
    }
}

// What a consumer's failed read leads to: its session ended in this event
// (the outcome), or it releases the broker first.
std::string after_failure(const Record& r, const std::string& broker) {
    if (r.outcome != SessionOutcome::none) return outcome_words(r);
    return "; releasing " + broker;
}

// The broker decision carried by the last status reply, a status timeout or
// a person's "use policy": built from reason, chosen and outcome only.
std::string decision_words(const Record& r, const Simulation& n) {
    std::string line;
    if (r.chosen != no_actor) line += "; chose " + name(n, r.chosen);
    if (r.reason == Reason::all_busy_retry) line += "; no broker known idle, will retry";
    if (r.reason == Reason::all_busy_refused) line += "; no broker available";
    if (r.reason == Reason::none_answered) line += "; no broker answered";
    return line + outcome_words(r);
}

// A lost message in words: a request by its sender, a reply by what it was
// (the ack or the error) and whose request it answered.
std::string dropped_words(const Record& r, const Simulation& n) {
    const std::string source = name(n, r.source);
    const std::string target = name(n, r.target);
    std::string what;
    if (n.is_broker(r.source)) {
        const std::string answered = target + "'s " + std::string(message_type_name(r.request));
        if (r.error != ErrorCode::none) {
            what = "the error reply (" + std::string(error_name(r.error)) + ") to " + answered;
        } else if (is_write(r.request)) {
            what = "the ack of " + answered;
        } else {
            what = "the reply to " + answered;
        }
    } else {
        what = source + "'s " + std::string(message_type_name(r.request)) + " request";
    }
    return "the network lost " + what + " (" + source + " -> " + target + ")" +
           (r.reason == Reason::partitioned ? " (partition)" : " (random drop)");
}

}  // namespace

namespace {
std::string describe_event(const Record& r, const Simulation& n);
}  // namespace

std::string describe(const Record& r, const Simulation& n) {
    // A reply its client no longer waits for changes nothing: say so, or the
    // line reads as if the client acted on it.
    if (r.reason == Reason::stale_reply) return describe_event(r, n) + " (too late: ignored)";
    return describe_event(r, n);
}

namespace {
std::string describe_event(const Record& r, const Simulation& n) {
    if (narrated_as_log(r, n) && r.kind != RecordKind::dropped) return describe_log(r, n);
    const std::string source = name(n, r.source);
    const std::string target = name(n, r.target);
    std::string line;
    switch (r.kind) {
        case RecordKind::publish:
        case RecordKind::edit:
        case RecordKind::delete_topic:
        case RecordKind::delete_message:
        case RecordKind::status:
        case RecordKind::claim:
        case RecordKind::list_topics:
        case RecordKind::get_topic:
        case RecordKind::get_message:
        case RecordKind::release:
            if (r.error == ErrorCode::broker_down) return target + " is down: refused " + request_words(r, n) + " from " + source;
            line = target + " received " + request_words(r, n) + " from " + source;
            if (r.error != ErrorCode::none) return line + ": " + error_words(r.error) + ", rejected";
            return line + (r.count == 0 ? " (served at once)" : " (waits, queue " + std::to_string(r.count) + ")");
        case RecordKind::published:
            return target + " appended " + quoted(n, r.text) + " to " + quoted(n, r.topic) + " at " + at_index(r.index) +
                   ((r.flags & record_flag::topic_created) ? " (new topic)" : "") + " for " + source;
        case RecordKind::edited:
            return target + " set " + quoted(n, r.topic) + at_index(r.index) + " to " + quoted(n, r.text) + " for " + source;
        case RecordKind::deleted:
            if (r.flags & record_flag::whole_topic) {
                return target + " deleted topic " + quoted(n, r.topic) + " (" + count_words(r.count, "message", "messages") + ") for " + source;
            }
            return target + " deleted " + quoted(n, r.topic) + at_index(r.index) + " = " + quoted(n, r.text) + " for " + source;
        case RecordKind::status_reported:
            return target + " told " + source + " it is " +
                   ((r.flags & record_flag::busy) ? "busy (held by " + name(n, r.holder) + ")" : std::string("idle")) +
                   ", queue " + std::to_string(r.count);
        case RecordKind::claim_granted: return target + " is now held by " + source + " (busy)";
        case RecordKind::claim_refused:
            return target + " refused the claim of " + source + ": already held by " + name(n, r.holder);
        case RecordKind::topics_listed:
            return target + " listed " + count_words(r.count, "topic", "topics") + " for " + source;
        case RecordKind::topic_read:
            return target + " sent " + count_words(r.count, "message", "messages") + " of " + quoted(n, r.topic) + " to " + source;
        case RecordKind::message_read:
            return target + " sent " + quoted(n, r.topic) + at_index(r.index) + " = " + quoted(n, r.text) + " to " + source;
        case RecordKind::released: return target + " released by " + source + " (idle)";
        case RecordKind::rejected:
            return target + " rejected " + request_words(r, n) + " from " + source + ": " + std::string(error_name(r.error));
        case RecordKind::ack: return target + " got ack from " + source + " for " + request_words(r, n);
        case RecordKind::nack:
            return target + " got error " + std::string(error_name(r.error)) + " from " + source + " for " + request_words(r, n);
        case RecordKind::status_reply:
            if (r.error == ErrorCode::broker_down) {
                line = target + " learned " + source + " is down";
            } else if (r.error != ErrorCode::none) {
                line = target + " got no status from " + source + " (" + error_words(r.error) + "): does not know if it is idle";
            } else {
                line = target + " learned " + source + " is " +
                       ((r.flags & record_flag::busy) ? "busy (held by " + name(n, r.holder) + ")" : std::string("idle"));
            }
            return line + decision_words(r, n);
        case RecordKind::claim_reply:
            if (r.flags & record_flag::ok) return target + " holds " + source + " now";
            if (r.error == ErrorCode::held_by_other) {
                line = target + " lost the race for " + source + " (held by " + name(n, r.holder) + ")";
            } else {
                line = target + " could not claim " + source + " (" + error_words(r.error) + ")";
            }
            return line + (r.outcome == SessionOutcome::none && r.reason != Reason::stale_reply ? "; starts over" : outcome_words(r));
        case RecordKind::list_topics_reply:
            if (!(r.flags & record_flag::ok)) {
                return target + " could not list topics of " + source + " (" + error_words(r.error) + ")" + after_failure(r, source);
            }
            return target + " got " + count_words(r.count, "topic", "topics") + " from " + source;
        case RecordKind::get_topic_reply:
            if (r.error == ErrorCode::unknown_topic) {
                return target + " found no topic " + quoted(n, r.topic) + " on " + source + " (unknown_topic)" + after_failure(r, source);
            }
            if (!(r.flags & record_flag::ok)) {
                return target + " could not get topic " + quoted(n, r.topic) + " from " + source + " (" + error_words(r.error) + ")" +
                       after_failure(r, source);
            }
            return target + " got " + count_words(r.count, "message", "messages") + " of " + quoted(n, r.topic) + " from " + source;
        case RecordKind::get_message_reply:
            if (!(r.flags & record_flag::ok)) {
                return target + " could not read " + quoted(n, r.topic) + at_index(r.index) + " on " + source + " (" +
                       error_words(r.error) + ")" + after_failure(r, source);
            }
            return target + " consumed " + quoted(n, r.text) + " from " + quoted(n, r.topic) + at_index(r.index) + " on " + source;
        case RecordKind::release_reply:
            if (r.flags & record_flag::ok) return target + " released " + source + outcome_words(r);
            line = source + " refused the release by " + target + " (" + error_words(r.error) + ")";
            if (r.error == ErrorCode::queue_full) line += ": " + source + " stays held by " + target;
            return line + outcome_words(r);
        case RecordKind::produce:
            return source + " sends " + request_words(r, n) + " to " + count_words(r.count, "broker", "brokers");
        case RecordKind::session_start:
            if (r.flags & record_flag::queued) return source + " wants a session but one is running: queued";
            return source + " starts a session: asks every broker for its status";
        case RecordKind::topic_chosen:
            if (r.outcome != SessionOutcome::none || r.reason == Reason::missing_topic || r.reason == Reason::no_topics) {
                return source + " cannot choose a topic (" + std::string(reason_name(r.reason)) + "); releasing " + target;
            }
            return source + " chose topic " + quoted(n, r.topic) + " on " + target;
        case RecordKind::index_chosen:
            if (r.reason == Reason::missing_index || r.reason == Reason::no_messages) {
                return source + " cannot choose an index (" + std::string(reason_name(r.reason)) + "); releasing " + target;
            }
            return source + " chose " + quoted(n, r.topic) + at_index(r.index) + " on " + target;
        case RecordKind::retry: return source + " tries again (attempt " + std::to_string(r.count) + ")";
        case RecordKind::dropped: return dropped_words(r, n);
        case RecordKind::crash:
            if (r.reason == Reason::already_down) return "crash " + source + ": already down, nothing happens";
            line = source + " crashed";
            if (r.count > 0) line += ": " + count_words(r.count, "request", "requests") + " lost";
            if (r.holder != no_actor) line += "; " + name(n, r.holder) + " lost its session" + outcome_words(r);
            return line + "; " + source + "'s dictionary " + ((r.flags & record_flag::whole_topic) ? "is gone" : "survives (durable)");
        case RecordKind::restart:
            if (r.reason == Reason::already_up) return "restart " + source + ": already up, nothing happens (it keeps its dictionary)";
            return source + " restarted with " + count_words(r.count, "topic", "topics") +
                   ((r.flags & record_flag::whole_topic) ? " (initial load)" : "");
        case RecordKind::fault_start: return fault_words(n, r.index) + " begins";
        case RecordKind::fault_end: return fault_words(n, r.index) + " heals";
        case RecordKind::timeout:
            return source + " got no reply from " + target + " to " + std::string(message_type_name(r.request)) + " (attempt " +
                   std::to_string(r.count) + ")" + (r.reason == Reason::gave_up ? ": gives up" : ": will resend") + outcome_words(r);
        case RecordKind::resend:
            return source + " resends " + std::string(message_type_name(r.request)) + " to " + target + " (attempt " + std::to_string(r.count) + ")";
        case RecordKind::broker_chosen:
            if (r.reason == Reason::person_chose) return source + " (the person) chose " + name(n, r.chosen);
            // "Use policy": the person handed the choice to the policy.
            line = source + " let its policy choose (" + std::string(reason_name(r.reason)) + ")";
            return line + decision_words(r, n);
        case RecordKind::status_timeout:
            line = source + " stops waiting for " + count_words(r.count, "status reply", "status replies");
            return line + decision_words(r, n);
        default: break;  // the log model's kinds: describe_log
    }
    assert(false && "unknown record kind");
    return "?";
}
}  // namespace

std::string explain(const Record& r, const Simulation& after) {
    if (narrated_as_log(r, after) && r.kind != RecordKind::dropped) return explain_log(r, after);
    const std::string source = name(after, r.source);
    const std::string target = name(after, r.target);
    switch (r.reason) {
        case Reason::none: break;
        case Reason::waiting_replies: return target + " waits for the other status replies before choosing a broker.";
        case Reason::only_idle:
        case Reason::random_among_idle:
        case Reason::first_idle:
        case Reason::round_robin:
        case Reason::least_loaded:
        case Reason::all_busy_refused:
        case Reason::all_busy_retry: {
            // The decision is made on what the status replies said.
            std::string busy_list;
            const ActorId deciding = r.kind == RecordKind::status_timeout ? r.source : r.target;
            if (after.is_consumer(deciding)) {
                const Consumer& consumer = after.consumers()[deciding - after.brokers().size() - after.producers().size()];
                for (std::size_t b = 0; b < consumer.views.size(); ++b) {
                    const BrokerView& view = consumer.views[b];
                    if (view.answered && !view.busy && !view.down && !view.refused) continue;
                    if (!busy_list.empty()) busy_list += ", ";
                    const std::string broker_name = name(after, after.broker_actor(b));
                    if (!view.answered) {
                        busy_list += broker_name + " did not answer";
                    } else if (view.down) {
                        busy_list += broker_name + " was down";
                    } else if (view.refused) {
                        busy_list += broker_name + " refused the status request (queue full)";
                    } else {
                        busy_list += broker_name + " was busy (held by " + name(after, view.holder) + ")";
                    }
                }
            }
            const std::string because = busy_list.empty() ? "" : " because " + busy_list;
            const std::string chosen = name(after, r.chosen);
            const std::string target_name = name(after, deciding);
            switch (r.reason) {
                case Reason::only_idle: return target_name + " chose " + chosen + because + ": the only idle broker.";
                case Reason::random_among_idle: return target_name + " chose " + chosen + " at random among the idle brokers" + because + ".";
                case Reason::first_idle: return target_name + " chose " + chosen + ", the first idle broker (policy first_idle).";
                case Reason::round_robin: return target_name + " chose " + chosen + ", next in its round-robin order that was idle.";
                case Reason::least_loaded: return target_name + " chose " + chosen + ", the idle broker with the shortest queue.";
                case Reason::all_busy_refused: return target_name + " knows of no idle broker" + because + ": no brokers available, session refused.";
                case Reason::all_busy_retry: return target_name + " knows of no idle broker" + because + "; it will retry after retry_after.";
                default: break;
            }
            break;
        }
        case Reason::race_lost_restart:
            return source + " was already held by " + name(after, r.holder) + ": " + target + "'s status reply was stale, so it starts over.";
        case Reason::race_lost_refused:
            return source + " was already held by " + name(after, r.holder) + " and " + target + " has no attempts left: session refused.";
        case Reason::choice_named: return source + " picked what its session names.";
        case Reason::choice_random: return source + " picked uniformly at random (scenario seed).";
        case Reason::choice_first: return source + " picked the first one.";
        case Reason::choice_last: return source + " picked the last one.";
        case Reason::missing_topic: return "The topic is not on the broker (any more): the session fails and the broker is released.";
        case Reason::missing_index: return "That index is not in the topic (any more): the session fails and the broker is released.";
        case Reason::no_topics: return "The broker has no topics: the session fails and the broker is released.";
        case Reason::no_messages: return "The topic has no messages: the session fails and the broker is released.";
        case Reason::session_busy: return source + " is in a session already: this one starts when it ends.";
        case Reason::drop_random: return "A drop fault is active on this link: the network lost the message at random (scenario seed).";
        case Reason::partitioned: return source + " and " + target + " are on different sides of a partition: nothing crosses.";
        case Reason::broker_crashed:
            return source + " crashed while " + name(after, r.holder) + " held it: the session is lost with the connection.";
        case Reason::broker_unavailable:
            return source + " is down: the connection was refused" +
                   (r.outcome == SessionOutcome::none && r.kind == RecordKind::claim_reply ? ", so " + target + " starts over." : ".");
        case Reason::stale_reply: return target + " no longer waits for this reply (timed out, resent, or its session ended): ignored.";
        case Reason::will_retry: return "No reply within the timeout: the client sends the request again (retries left).";
        case Reason::gave_up: return "No reply within the timeout and no retries left: the client gives up.";
        case Reason::none_answered: return "No broker answered the status request in time: no broker available.";
        case Reason::person_chose: return "The person at the consumer page picked this broker (the policy was not asked).";
        case Reason::waiting_person: return "The consumer waits for the person to choose; simulated time goes on meanwhile.";
        case Reason::broker_refused:
            if (r.kind == RecordKind::release_reply) {
                return source + " refused the release (" + error_words(r.error) + "): " + target + " still holds it, and its session ends.";
            }
            return source + " refused the request (" + error_words(r.error) + "): nothing was done" +
                   (r.kind == RecordKind::claim_reply && r.outcome == SessionOutcome::none ? ", so " + target + " starts over."
                    : r.outcome != SessionOutcome::none   ? "; session " + std::string(outcome_name(r.outcome)) + "."
                                                          : "; the session fails and the broker is released.");
        case Reason::already_down: return source + " was down already: the crash changes nothing.";
        case Reason::already_up: return source + " was up already: the restart changes nothing; it keeps its dictionary.";
        default: break;  // the log model's reasons: explain_log
    }
    switch (r.kind) {
        case RecordKind::claim_refused: return target + " is busy: only the holder (" + name(after, r.holder) + ") may use it until it releases.";
        case RecordKind::rejected:
            if (r.error == ErrorCode::not_holder) return "Nothing changed: " + source + " does not hold " + target + " (not_holder).";
            return "Nothing changed: the request named something that is not there (" + std::string(error_name(r.error)) + ").";
        case RecordKind::published:
            return (r.flags & record_flag::topic_created) ? "The topic did not exist, so publish created it (the original addNewMessage)."
                                                          : "Publish appends to the topic's list; it never replaces.";
        default: break;
    }
    if (r.kind <= RecordKind::release && r.count > 0) return target + " is serving another request: this one waits its turn (first come, first served).";
    return describe(r, after) + ".";
}

}  // namespace kafkasim
