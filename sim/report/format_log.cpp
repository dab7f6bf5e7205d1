// The narrative of the log model (model: log): describe() and explain()
// for its records, called by format.cpp. Every sentence is built from the
// record and the scenario alone (never from a later state), so a line says
// what that event did and why, whatever the viewer's position.
//
// [SECTION] words shared by the sentences
// [SECTION] describe: what happened
// [SECTION] explain: why
#include <algorithm>
#include <cassert>
#include <string>

#include "report/format.hpp"
#include "report/format_log.hpp"
#include "report/json.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

// [SECTION] words shared by the sentences

std::string name(const Simulation& n, ActorId actor) { return terminal_text(n.actor_name(actor)); }

std::string quoted(const Simulation& n, StringId id) {
    std::string out;
    if (id == no_string) return "?";
    append_json_string(out, n.strings().text(id));
    return out;
}

std::string plain(const Simulation& n, StringId id) { return id == no_string ? "?" : terminal_text(n.strings().text(id)); }

std::string number(std::int64_t value) {
    std::string out;
    append_integer(out, value);
    return out;
}

std::string count_words(std::uint32_t count, const char* singular, const char* plural) {
    return number(count) + " " + (count == 1 ? singular : plural);
}

// "orders-2" for the record's topic and partition.
std::string partition_words(const Simulation& n, const Record& r) {
    return plain(n, r.topic) + "-" + number(record_partition(r));
}

// ` (key "user-42")`, or ` (no key)`.
std::string key_words(const Simulation& n, const Record& r) {
    return r.previous == no_string ? " (no key)" : " (key " + quoted(n, r.previous) + ")";
}

// The group a consumer belongs to, by the scenario.
std::string group_of(const Simulation& n, ActorId consumer) {
    if (!n.is_consumer(consumer)) return "?";
    const ConsumerSpec& spec = n.spec().consumers[n.layout().consumer_index(consumer)];
    return terminal_text(n.spec().groups[spec.group].name);
}

// The group's partitions (of every topic its consumers subscribe to).
std::uint32_t group_partitions(const Simulation& n, const std::string& group_name) {
    const ScenarioSpec& spec = n.spec();
    std::vector<bool> subscribed(spec.topics.size(), false);
    for (const ConsumerSpec& consumer : spec.consumers) {
        if (consumer.group >= spec.groups.size() || terminal_text(spec.groups[consumer.group].name) != group_name) continue;
        for (const std::uint32_t t : consumer.topics) subscribed[t] = true;
    }
    std::uint32_t partitions = 0;
    for (std::size_t t = 0; t < spec.topics.size(); ++t) partitions += subscribed[t] ? spec.topics[t].partitions : 0;
    return partitions;
}

std::string request_words(const Simulation& n, const Record& r) {
    switch (r.request) {
        case MessageType::append: return "append of " + quoted(n, r.text) + key_words(n, r) + " to " + partition_words(n, r);
        case MessageType::fetch: return "fetch of " + partition_words(n, r) + " from offset " + number(r.index);
        case MessageType::offset_commit: return "commit of " + partition_words(n, r) + " at offset " + number(r.index);
        case MessageType::join_group: return "request to join " + plain(n, r.topic);
        case MessageType::heartbeat:
            // An arrival's count is its queue length (broker.cpp); the served
            // and rejected records carry the member's generation.
            if (r.kind == RecordKind::heartbeat) return "heartbeat (" + plain(n, r.topic) + ")";
            return "heartbeat (" + plain(n, r.topic) + ", generation " + number(r.count) + ")";
        case MessageType::leave_group: return "request to leave " + plain(n, r.topic);
        default: return std::string(message_type_name(r.request));
    }
}

std::string error_words(ErrorCode error) {
    switch (error) {
        case ErrorCode::broker_down: return "down";
        case ErrorCode::queue_full: return "queue full";
        case ErrorCode::rebalance_in_progress: return "the group is rebalancing";
        case ErrorCode::unknown_member: return "unknown member";
        case ErrorCode::illegal_generation: return "an old generation";
        case ErrorCode::offset_out_of_range: return "offset out of range";
        default: return std::string(error_name(error));
    }
}

std::string commits_words(std::uint32_t commits) {
    return commits == 0 ? "" : "; commits " + count_words(commits, "partition", "partitions");
}

std::string assignor_name(const Simulation& n, const std::string& group_name) {
    for (const GroupSpec& group : n.spec().groups) {
        if (terminal_text(group.name) == group_name) return group.assignment == log::AssignorKind::range ? "range" : "round_robin";
    }
    return "?";
}

// The partitions a broker leads ("orders-0, audit-0"), after `prefix`;
// empty when none. The layout is static: true at any event.
std::string led_words(const Simulation& n, ActorId broker, const char* prefix) {
    const LogLayout& layout = n.log_model().layout;
    std::string list;
    for (std::uint32_t p = 0; p < layout.partition_count(); ++p) {
        if (n.broker_actor(layout.leader[p]) != broker) continue;
        list += (list.empty() ? "" : ", ") + terminal_text(n.spec().topics[layout.topic_of[p]].name) + "-" + number(layout.local(p));
    }
    return list.empty() ? "" : prefix + list;
}

// The groups a broker coordinates ("g1, g2"), after `prefix`; empty when none.
std::string coordinated_words(const Simulation& n, ActorId broker, const char* prefix) {
    const LogLayout& layout = n.log_model().layout;
    std::string list;
    for (std::size_t g = 0; g < layout.coordinator.size(); ++g) {
        if (n.broker_actor(layout.coordinator[g]) == broker) list += (list.empty() ? "" : ", ") + terminal_text(n.spec().groups[g].name);
    }
    return list.empty() ? "" : prefix + list;
}

// What a broker's crash loses: its partitions' logs (not durable), its
// groups' members (always: membership is in memory) and committed offsets
// (not durable).
std::string crash_losses(const Simulation& n, const Record& r) {
    const bool lost = (r.flags & record_flag::logs_lost) != 0;
    std::string out;
    const std::string led = led_words(n, r.source, "");
    const LogLayout& layout = n.log_model().layout;
    const auto b = static_cast<std::uint32_t>(n.layout().broker_index(r.source));
    const bool several = std::count(layout.leader.begin(), layout.leader.end(), b) > 1;
    if (!led.empty()) {
        out += std::string("; the ") + (several ? "logs of " : "log of ") + led + (several ? " are " : " is ") +
               (lost ? "gone (not durable)" : "kept (durable)");
    }
    const std::string groups = coordinated_words(n, r.source, "");
    if (!groups.empty()) {
        const bool many = std::count(layout.coordinator.begin(), layout.coordinator.end(), b) > 1;
        out += "; " + groups + (many ? " lose their members" : " loses its members") +
               (lost ? " and committed offsets" : " (committed offsets kept)");
    }
    return out;
}

// [SECTION] describe: what happened

std::string describe_arrival(const Record& r, const Simulation& n) {
    const std::string source = name(n, r.source);
    const std::string target = name(n, r.target);
    if (r.error == ErrorCode::broker_down) return target + " is down: refused " + source + "'s " + request_words(n, r);
    const std::string line = target + " received " + source + "'s " + request_words(n, r);
    if (r.error != ErrorCode::none) return line + ": " + error_words(r.error) + ", rejected";
    return line + (r.count == 0 ? "" : " (waits, queue " + number(r.count) + ")");
}

std::string describe_rebalance_end(const Record& r, const Simulation& n) {
    const std::string group = plain(n, r.topic);
    std::string line = group + " generation " + number(r.index) + ": " + (r.count == 0 ? "no members" : plain(n, r.text));
    // Idle members: "c4: -" in the assignment.
    const std::string assignment = r.text == no_string ? "" : n.strings().text(r.text);
    std::uint32_t idle = 0;
    for (std::size_t at = assignment.find(": -"); at != std::string::npos; at = assignment.find(": -", at + 1)) ++idle;
    if (idle > 0) {
        line += " (" + count_words(idle, "member", "members") + " idle: " + count_words(r.count, "member", "members") + ", " +
                count_words(group_partitions(n, group), "partition", "partitions") + ")";
    }
    return line;
}

}  // namespace

// A reply the member no longer waits for.
std::string describe_stale_reply(const Record& r, const Simulation& n) {
    return name(n, r.target) + " ignored " + name(n, r.source) + "'s late " + std::string(record_kind_name(r.kind)) + " (" +
           request_words(n, r) + ")" + (r.error == ErrorCode::none ? "" : ", an error: " + error_words(r.error));
}

// "b1 is down" / "b1's queue is full" / the group error, for a refused request.
std::string refusal_words(const Simulation& n, const Record& r) {
    if (r.error == ErrorCode::broker_down) return name(n, r.source) + " is down";
    if (r.error == ErrorCode::queue_full) return name(n, r.source) + "'s queue full";
    return error_words(r.error);
}

std::string describe_log(const Record& r, const Simulation& n) {
    const std::string source = name(n, r.source);
    const std::string target = name(n, r.target);
    if (r.kind >= RecordKind::fetch_reply && r.kind <= RecordKind::leave_group_reply && r.reason == Reason::stale_reply) {
        return describe_stale_reply(r, n);
    }
    switch (r.kind) {
        case RecordKind::send: {
            std::string rule;
            if (r.reason == Reason::partition_by_key) rule = "by murmur2 of the key";
            if (r.reason == Reason::partition_round_robin) rule = "round robin over " + count_words(r.count, "partition", "partitions");
            if (r.reason == Reason::partition_sticky) rule = "sticky batch";
            return source + " sends " + quoted(n, r.text) + key_words(n, r) + " -> " + partition_words(n, r) + " on " + target + " (" +
                   rule + ")";
        }
        case RecordKind::append:
        case RecordKind::fetch:
        case RecordKind::offset_commit:
        case RecordKind::join_group:
        case RecordKind::heartbeat:
        case RecordKind::leave_group: return describe_arrival(r, n);
        case RecordKind::appended:
            return target + " appended " + quoted(n, r.text) + key_words(n, r) + " to " + partition_words(n, r) + " at offset " +
                   number(r.index) + " for " + source;
        case RecordKind::fetched:
            if (r.count == 0) return target + " has nothing new for " + source + " in " + partition_words(n, r) + " at offset " + number(r.index);
            return target + " sent " + count_words(r.count, "record", "records") + " of " + partition_words(n, r) + " from offset " +
                   number(r.index) + " to " + source;
        case RecordKind::offset_committed:
            return target + " stored " + group_of(n, r.source) + "'s committed offset " + number(r.index) + " for " + partition_words(n, r) +
                   " (from " + source + ")";
        case RecordKind::member_joined:
            return target + ": " + source + " joins " + plain(n, r.topic) + " (" +
                   (r.index == 0 ? std::string("new, generation 0") : "from generation " + number(r.index)) + "; " +
                   count_words(r.count, "member", "members") + "); its join waits for the rebalance";
        case RecordKind::heartbeat_answered:
            return target + " answered " + source + "'s heartbeat: " + plain(n, r.topic) + " is stable";
        case RecordKind::member_left:
            if (r.reason == Reason::stale_reply) {
                return target + ": " + source + " asks to leave " + plain(n, r.topic) + " but is no member: ignored";
            }
            return target + ": " + source + " left " + plain(n, r.topic) + " (" + count_words(r.count, "member", "members") + " left)";
        case RecordKind::rebalance_start: {
            std::string cause = "membership changed";
            if (r.reason == Reason::member_joined_group) cause = "a member joined";
            if (r.reason == Reason::member_left_group) cause = "a member left";
            if (r.reason == Reason::session_expired) cause = "a member's session expired";
            return source + ": " + plain(n, r.topic) + " rebalances from generation " + number(r.index) + " (" + cause +
                   "): every member stops and rejoins (" + count_words(r.count, "member", "members") + ")";
        }
        case RecordKind::rebalance_end: return source + ": " + describe_rebalance_end(r, n);
        case RecordKind::member_expired:
            return source + ": " + target + "'s session in " + plain(n, r.topic) + " expired (no heartbeat in time): removed, " +
                   count_words(r.count, "member", "members") + " left";
        case RecordKind::fetch_reply:
            if (r.reason == Reason::offset_reset) {
                return target + ": " + partition_words(n, r) + " has no such offset any more (its log was lost): position reset to " +
                       number(r.index);
            }
            if (r.error != ErrorCode::none) {
                return target + " could not fetch " + partition_words(n, r) + " from offset " + number(r.index) + ": " + refusal_words(n, r);
            }
            if (r.reason == Reason::caught_up) {
                return target + " is caught up on " + partition_words(n, r) + " at offset " + number(r.index) + " (" + source + " has nothing new)";
            }
            return target + " got " + count_words(r.count, "record", "records") + " of " + partition_words(n, r) + " from offset " +
                   number(r.index) + " from " + source;
        case RecordKind::offset_commit_reply:
            if (r.flags & record_flag::ok) {
                return target + "'s commit of " + partition_words(n, r) + " at offset " + number(r.index) + " is stored by " + source;
            }
            return target + "'s commit of " + partition_words(n, r) + " at offset " + number(r.index) + " was refused (" +
                   refusal_words(n, r) + ")";
        case RecordKind::join_group_reply:
            if (!(r.flags & record_flag::ok)) return target + " could not join " + plain(n, r.topic) + ": " + refusal_words(n, r);
            if (r.count == 0) {
                return target + " joined " + plain(n, r.topic) + " (coordinator " + source + "), generation " + number(r.index) +
                       ": no partitions (idle)";
            }
            return target + " joined " + plain(n, r.topic) + " (coordinator " + source + "), generation " + number(r.index) + ": owns " +
                   plain(n, r.text);
        case RecordKind::heartbeat_reply:
            if (r.flags & record_flag::ok) return source + " answered " + target + "'s heartbeat: " + plain(n, r.topic) + " is stable";
            if (r.error == ErrorCode::broker_down || r.error == ErrorCode::queue_full) {
                return target + "'s heartbeat in " + plain(n, r.topic) + " is refused: " + refusal_words(n, r) + "; it keeps trying";
            }
            if (r.error == ErrorCode::unknown_member) {
                return source + " does not know " + target + " (unknown member): it rejoins " + plain(n, r.topic) + " as a new member";
            }
            if (r.error == ErrorCode::illegal_generation) {
                // (the reply's count is the group's current generation)
                return target + " has an old generation: " + plain(n, r.topic) + " is at generation " + number(r.count) +
                       "; gives up its partitions and rejoins";
            }
            return target + " learns " + plain(n, r.topic) + " is rebalancing: gives up its partitions and rejoins";
        case RecordKind::leave_group_reply:
            if (!(r.flags & record_flag::ok)) {
                return target + "'s request to leave " + plain(n, r.topic) + " was refused: " + refusal_words(n, r) +
                       " (its session will expire instead)";
            }
            return source + " confirmed that " + target + " left " + plain(n, r.topic);
        case RecordKind::join:
            if (r.reason == Reason::consumer_crashed) {
                return source + " is crashed at its join time: it joins " + plain(n, r.topic) + " (coordinator " + target + ") when it restarts";
            }
            return source + " asks " + target + " to join " + plain(n, r.topic);
        case RecordKind::leave: return source + " leaves " + plain(n, r.topic) + " (tells " + target + ")" + commits_words(r.count);
        case RecordKind::poll:
            if (r.reason == Reason::processing) return source + " is still processing its last fetch: polls when done";
            if (r.reason == Reason::no_partitions) return source + " polls: nothing assigned (idle)";
            return source + " polls: fetches " + count_words(r.count, "partition", "partitions") +
                   (r.reason == Reason::commit_auto ? "; auto commit of " + count_words(r.index > 0 ? static_cast<std::uint32_t>(r.index) : 0, "partition", "partitions")
                                                    : std::string());
        case RecordKind::consumed:
            return source + " consumed " + partition_words(n, r) + "@" + number(r.index) + key_words(n, r) + " = " + quoted(n, r.text) +
                   " (led by " + target + ")" + commits_words(r.count);
        case RecordKind::heartbeat_tick:
            if (r.request == MessageType::heartbeat) {
                return source + " sends a heartbeat to " + target + " (" + plain(n, r.topic) + ", generation " + number(r.count) + ")";
            }
            if (r.request == MessageType::join_group) {
                return source + " asks " + target + " again to join " + plain(n, r.topic) +
                       (r.reason == Reason::coordinator_down ? " (it was down)" : " (no answer in time: will_retry)");
            }
            return source + " waits for " + plain(n, r.topic) + "'s rebalance to end (its join is with " + target + ")";
        case RecordKind::commit:
            return source + " commits its " + plain(n, r.topic) + " positions to " + target + " (commit_at)" +
                   (r.count == 0 ? ": nothing new to commit" : commits_words(r.count));
        case RecordKind::ack:
            return target + " got ack from " + source + ": " + quoted(n, r.text) + key_words(n, r) + " is " + partition_words(n, r) + "@" +
                   number(r.index);
        case RecordKind::nack:
            return target + " got error " + std::string(error_name(r.error)) + " from " + source + " for " + request_words(n, r);
        case RecordKind::rejected:
            return target + " rejected " + source + "'s " + request_words(n, r) + ": " + std::string(error_name(r.error));
        case RecordKind::timeout:
            return source + " got no reply from " + target + " to " + request_words(n, r) + " (attempt " + number(r.count) + ")" +
                   (r.reason == Reason::gave_up ? ": gives up" : ": will resend");
        case RecordKind::resend: return source + " resends " + request_words(n, r) + " to " + target + " (attempt " + number(r.count) + ")";
        case RecordKind::crash:
            if (r.reason == Reason::already_down) return "crash " + source + ": already down, nothing happens";
            if (n.is_consumer(r.source)) {
                return source + " crashed" +
                       (r.count > 0 ? ": " + count_words(r.count, "fetched record", "fetched records") + " never processed" : "") +
                       "; its group notices after session_timeout";
            }
            return source + " crashed" + (r.count > 0 ? ": " + count_words(r.count, "request", "requests") + " lost" : "") +
                   crash_losses(n, r);
        case RecordKind::restart:
            if (r.reason == Reason::already_up) return "restart " + source + ": already up, nothing happens";
            if (n.is_consumer(r.source)) return source + " restarted: it joins " + group_of(n, r.source) + " again as a new member";
            return source + " restarted" + led_words(n, r.source, "; it leads ") + coordinated_words(n, r.source, "; it coordinates ");
        default: break;
    }
    // A dropped log message and the dictionary's other kinds never reach here.
    return std::string(record_kind_name(r.kind)) + " " + source + " -> " + target;
}

// [SECTION] explain: why

std::string explain_log(const Record& r, const Simulation& n) {
    const std::string source = name(n, r.source);
    const std::string target = name(n, r.target);
    switch (r.reason) {
        case Reason::partition_by_key:
            return "Kafka's default partitioner: toPositive(murmur2(key)) % " + number(r.count) + " = " + number(record_partition(r)) +
                   ". Every record with this key goes to " + partition_words(n, r) + ", so their order is kept; across keys it is not.";
        case Reason::partition_round_robin:
            return "The record has no key (or the partitioner ignores keys): round robin sends each one to the next partition, so load "
                   "spreads evenly and no order holds across partitions.";
        case Reason::partition_sticky:
            return "No key: the sticky partitioner sends a batch of records to one partition, then moves on to the next (fewer, larger "
                   "requests).";
        case Reason::member_joined_group:
        case Reason::member_left_group:
        case Reason::session_expired:
            if (r.kind == RecordKind::member_expired) {
                return target + " sent no heartbeat within its group's session_timeout: the coordinator removes it, and the remaining "
                       "members rebalance to take over its partitions.";
            }
            return "Membership changed, so " + plain(n, r.topic) + " rebalances (Kafka's eager protocol): every member stops consuming, "
                   "commits if it auto-commits, and rejoins; the coordinator then assigns the partitions with the " +
                   assignor_name(n, plain(n, r.topic)) + " assignor.";
        case Reason::no_partitions:
            return "More members than partitions: a partition goes to exactly one member of a group, so the extra members sit idle.";
        case Reason::processing:
            return source + " fetches again only after it has processed what it fetched (Kafka's poll loop).";
        case Reason::caught_up:
            return "The position is the partition's end offset: there is nothing new to read yet.";
        case Reason::offset_reset:
            return "The partition's log was lost with its broker (not durable), so the old position does not exist: the group's "
                   "auto_offset_reset decides where to read from.";
        case Reason::rejoin:
            return "The coordinator says the group is rebalancing (or does not know this member any more): " + target +
                   " gives up its partitions (dropping what it fetched and did not process) and joins again.";
        case Reason::commit_auto:
            return "commit: auto commits the positions every auto_commit_interval (and before giving up partitions): what was processed "
                   "since the last commit is read again if the partition moves before the next one.";
        case Reason::commit_after_poll:
            return "commit: after_poll commits once every record of the poll is processed: a rebalance re-reads at most one poll's records.";
        case Reason::commit_manual: return "A commit at a time the scenario gives (commit_at): the positions become the group's committed offsets.";
        case Reason::coordinator_down:
            return "The group's coordinator is down: the member keeps its state and asks again at its next heartbeat.";
        case Reason::consumer_crashed:
            return "A crashed consumer loses what it fetched and did not commit; the group only notices when its session times out.";
        case Reason::stale_reply: return target + " no longer waits for this reply (its partitions changed, or it asked again): ignored.";
        case Reason::will_retry: return "No reply within the timeout: the request is sent again (a retried append may be stored twice).";
        case Reason::gave_up: return "No reply within the timeout and no retries left: the producer gives up.";
        case Reason::broker_unavailable: return source + " is down: the connection was refused; the next poll asks again.";
        case Reason::broker_refused:
            return source + "'s queue was full (queue_capacity): the request was refused and nothing was done; the member asks again "
                   "at its next poll or heartbeat.";
        case Reason::waiting_replies: return "A join is answered only when every member has rejoined (or timed out): the rebalance's barrier.";
        case Reason::already_down: return source + " was down already: the crash changes nothing.";
        case Reason::already_up: return source + " was up already: the restart changes nothing.";
        default: break;
    }
    switch (r.kind) {
        case RecordKind::rebalance_end:
            return "The assignor gave each member its partitions. Each new owner resumes from the group's committed offset: what was "
                   "processed and not committed is read again (duplicates).";
        case RecordKind::consumed:
            return source + "'s position moves to offset " + number(r.index + 1) +
                   "; it becomes the group's committed offset only when " + source + " commits.";
        case RecordKind::appended:
            return "A partition is an append-only log: the record gets the next offset and is never changed; consumers read it by offset.";
        case RecordKind::fetch_reply:
        case RecordKind::fetched:
            return "Consumers pull: each fetch asks a partition's leader for records from the consumer's own position. Many consumers "
                   "read one broker at once; nobody holds it.";
        case RecordKind::join_group_reply:
            return "Each new owner starts at the group's committed offset (or per auto_offset_reset when the group never committed).";
        default: break;
    }
    return describe_log(r, n) + ".";
}

}  // namespace kafkasim
