// What the simulation tells its observers: one compact Record per processed
// event, carrying what the event changed and why (a reason code, rendered to
// a sentence only at the edges). The record kinds and their snake_case names
// are a documented interface: traces, golden files and `expect: event:`
// entries use them. Append new kinds at the end of each group's list; never
// rename one.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "core/spec.hpp"
#include "core/string_table.hpp"

namespace kafkasim {

// Actors: brokers first, then producers, then consumers, in scenario order
// (core/actor_layout.hpp). Ids fit in 24 bits, so that a Record keeps four
// of them beside its kind bytes within 64 bytes: at most actor_id_limit - 1
// actors (the loader's max_actors is far below), no_actor meaning "none".
using ActorId = std::uint32_t;
constexpr ActorId no_actor = 0x00ffffff;
constexpr std::uint64_t actor_id_limit = no_actor;  // ids are < this

// What travels on the network. Requests go client -> broker, replies back.
enum class MessageType : std::uint8_t {
    publish,
    edit,
    delete_topic,
    delete_message,
    status,
    claim,
    list_topics,
    get_topic,
    get_message,
    release,
    reply,
    // The log model's requests (Kafka's API names): a record to a
    // partition's leader, a read of a partition from an offset, and the
    // group protocol with the group's coordinator.
    append,
    fetch,
    offset_commit,
    join_group,
    heartbeat,
    leave_group,
};
constexpr std::size_t message_type_count = 17;
std::string_view message_type_name(MessageType type);
// The dictionary model's writes (the divergence check counts them in flight).
constexpr bool is_write(MessageType type) { return type <= MessageType::delete_message; }
constexpr bool is_log_request(MessageType type) { return type >= MessageType::append; }

// Why a broker rejected a request; `none` means it succeeded.
enum class ErrorCode : std::uint8_t {
    none,
    unknown_topic,
    index_out_of_range,
    queue_full,
    held_by_other,
    not_holder,
    broker_down,  // the broker was down: the connection was refused or reset
    // The log model (Kafka's error codes of the same names):
    rebalance_in_progress,  // heartbeat: the group is rebalancing; rejoin
    unknown_member,         // the coordinator does not know the member (expired, or the coordinator lost its state)
    illegal_generation,     // the member's generation is not the group's current one
    offset_out_of_range,    // fetch: the offset is past the partition's end (the log was lost)
};
constexpr std::size_t error_code_count = static_cast<std::size_t>(ErrorCode::offset_out_of_range) + 1;
std::string_view error_name(ErrorCode error);

enum class RecordKind : std::uint8_t {
    // A request arrived at a broker (source = client, target = broker).
    // count = queue length after it joined (0: served at once).
    publish,
    edit,
    delete_topic,  // trace name "delete" (payload has no index)
    delete_message,  // trace name "delete" (payload has the index)
    status,
    claim,
    list_topics,
    get_topic,
    get_message,
    release,
    // A broker finished serving a request and sent the reply
    // (source = client, target = broker).
    published,       // index = position of the new message; flag topic_created
    edited,
    deleted,         // flag whole_topic, or index
    status_reported, // flag busy; holder; count = queue length
    claim_granted,
    claim_refused,   // holder = who holds it
    topics_listed,   // count = topics
    topic_read,      // count = messages
    message_read,    // index, text
    released,
    rejected,        // request = what, error = why; nothing changed
    // A reply arrived at a client (source = broker, target = client).
    ack,             // producer: write succeeded
    nack,            // producer: write failed (error)
    status_reply,    // consumer; when the last one is in: the broker decision (reason, chosen)
    claim_reply,     // ok or refused (error)
    list_topics_reply,
    get_topic_reply,
    get_message_reply,  // on success: the message is consumed
    release_reply,
    // Timers of the clients (source = the actor, target = broker or none).
    produce,         // a producer issues an operation to its targets (request = op)
    session_start,   // a consumer starts a session (or queues it: flag queued)
    topic_chosen,    // after choose_time: the topic picked (or the session fails)
    index_chosen,    // after choose_time: the index picked (or the session fails)
    retry,           // after retry_after: a new attempt of the session
    // Faults (source = the actor or broker concerned).
    dropped,         // a message was lost in the network (reason drop_random / partitioned); source = sender, target = receiver;
                     // a lost reply (source is a broker) carries the error it held
    crash,           // a broker stopped (source = broker); holder: the consumer that lost its session; reason already_down: no-op
    restart,         // a broker came back (flag whole_topic: with its initial load); reason already_up: no-op
    fault_start,     // a slow / drop / partition fault begins (count = fault number, 0-based)
    fault_end,       // ... and heals
    timeout,         // a client's request got no reply in time (reason will_retry / gave_up)
    resend,          // a client resends a request after its backoff
    status_timeout,  // a consumer stops waiting for status replies: unanswered brokers are skipped
    broker_chosen,   // a person picked the broker (interactive sessions): chosen, reason

    // The log model (model: log). Fields: topic = the topic (group kinds:
    // the group's name), partition() = the partition number in its topic,
    // offset() = an offset, key() = a record's key, text = its value.
    send,            // producer: a record to a partition's leader (target); reason = how the partition was chosen
    // A request arrived at a broker (as the dictionary kinds above: count =
    // queue length after it joined, 0 when served at once).
    append,          // partition, key, text
    fetch,           // partition, offset() = from
    offset_commit,   // partition, offset() = the committed offset
    join_group,      // topic = group
    heartbeat,       // topic = group
    leave_group,     // topic = group
    // The broker served it (errors are `rejected`, as above).
    appended,        // offset() = the record's offset
    fetched,         // offset() = first offset; count = records returned
    offset_committed,// partition, offset(); count = the member's generation
    member_joined,   // topic = group; count = members; offset() = the member's generation (0: new); the join waits for the rebalance
    heartbeat_answered, // error none or rebalance_in_progress (as the reply)
    member_left,     // topic = group; count = members left
    // The coordinator's own steps (source = coordinator broker, zero-delay events).
    rebalance_start, // topic = group; count = members; reason = why
    rebalance_end,   // topic = group; offset() = the new generation; count = members; text = the assignment
    member_expired,  // target = the member whose session timed out; topic = group
    // Replies at the consumer (source = broker, target = consumer).
    fetch_reply,     // partition, offset() = first offset, count = records (error: reason says what it does)
    offset_commit_reply,
    join_group_reply,   // offset() = generation; count = its partitions; text = them ("orders-0, orders-2")
    heartbeat_reply,
    leave_group_reply,
    // The consumer's own steps (source = consumer).
    join,            // join_at (or a restart): it asks the group's coordinator (target) to join
    leave,           // leave_at: it commits (auto) and leaves the group
    poll,            // count = fetches sent; reason: no_partitions (idle), processing (deferred)
    consumed,        // a record processed: partition, offset(), key(), text = value
    heartbeat_tick,  // a heartbeat (or a join resent) to the coordinator
    commit,          // the consumer commits its positions: count = partitions committed; reason = the commit mode
};
constexpr std::size_t record_kind_count = static_cast<std::size_t>(RecordKind::commit) + 1;
constexpr bool is_log_kind(RecordKind kind) { return kind >= RecordKind::send; }
std::string_view record_kind_name(RecordKind kind);  // the trace name
// Inverse of record_kind_name for expectations; "delete" maps to delete_topic
// (callers treat delete_topic and delete_message alike). false when unknown.
bool parse_record_kind(std::string_view name, RecordKind& kind);

// Why a consumer did what it did; rendered as the viz's "Explain" sentence.
enum class Reason : std::uint8_t {
    none,
    waiting_replies,   // status reply in, others still outstanding
    only_idle,         // exactly one broker idle: take it
    random_among_idle, // several idle: uniform random (seed, random_idle)
    first_idle,
    round_robin,
    least_loaded,
    all_busy_refused,  // no broker idle and on_all_busy: fail (or attempts exhausted)
    all_busy_retry,    // no broker idle: retry later
    race_lost_restart, // claim refused: start over
    race_lost_refused, // claim refused and no attempts left
    choice_named,
    choice_random,
    choice_first,
    choice_last,
    missing_topic,     // the chosen topic is not (or no longer) there
    missing_index,     // the chosen index is not (or no longer) there
    no_topics,
    no_messages,
    session_busy,      // a session start while another runs: queued
    drop_random,       // lost by a drop fault (scenario PRNG)
    partitioned,       // lost: sender and receiver are in different partition groups
    broker_crashed,    // the broker crashed while this consumer held it
    broker_unavailable,// the broker was down (connection refused)
    stale_reply,       // a reply to a request the client no longer waits for: ignored
    will_retry,        // timeout: the request is sent again
    gave_up,           // timeout: no retries left
    none_answered,     // status timeout: no broker answered in time
    person_chose,      // the session names the broker (a person picked it)
    waiting_person,    // a manual session waits for the person's choice
    broker_refused,    // the broker answered with an error (queue_full): the request was not done
    already_down,      // crash: the broker was down already, nothing happens
    already_up,        // restart: the broker was up already, nothing happens
    // The log model.
    partition_by_key,  // send: murmur2(key) % partitions
    partition_round_robin, // send: the producer's unkeyed count % partitions
    partition_sticky,  // send: a batch of unkeyed records to one partition
    member_joined_group,   // rebalance_start: a member joined
    member_left_group,     // rebalance_start: a member left
    session_expired,   // rebalance_start / member_expired: a member's session timed out
    no_partitions,     // an idle member (more members than partitions), or a poll with nothing assigned
    processing,        // poll: still processing the last fetch; it polls when done
    caught_up,         // fetch_reply: nothing new at the position
    offset_reset,      // fetch_reply offset_out_of_range: the position moves per auto_offset_reset
    rejoin,            // a heartbeat reply says rebalance / unknown member / old generation: revoke and join again
    commit_auto,       // a commit: auto.commit.interval passed (or before a revoke / leave)
    commit_after_poll, // a commit: every record of the poll was processed
    commit_manual,     // a commit: commit_at
    coordinator_down,  // the coordinator was down: try again at the next heartbeat
    consumer_crashed,  // a crashed consumer: fetched, unprocessed records are gone
};
constexpr std::size_t reason_count = static_cast<std::size_t>(Reason::consumer_crashed) + 1;
std::string_view reason_name(Reason reason);

enum class SessionOutcome : std::uint8_t { none, completed, refused, failed };
std::string_view outcome_name(SessionOutcome outcome);

namespace record_flag {
constexpr std::uint8_t topic_created = 1;  // published: the topic did not exist
constexpr std::uint8_t whole_topic = 2;    // deleted: the topic, not one message
constexpr std::uint8_t busy = 4;           // status: the broker was busy
constexpr std::uint8_t queued = 8;         // session_start: waits for the running session
constexpr std::uint8_t ok = 16;            // replies: the request succeeded
constexpr std::uint8_t logs_lost = 32;     // crash (log model): the broker's partition logs and group state are gone
}  // namespace record_flag

// Packed into one cache line: the actor ids are 24-bit fields that share
// their 32-bit words with the one-byte codes, and the sequence takes 48 bits
// (2.8e14 events) of a word it shares with the outcome and flags. Read and
// assign the fields as usual (bit-fields cannot be bound to a non-const
// reference).
struct Record {
    TimeNs time_ns = 0;
    TimeNs sent_ns = 0;          // arrivals and replies: when the message left; else time_ns
    std::int64_t index = -1;     // message index when meaningful
    std::uint64_t sequence : 48 = 0;  // the engine's insertion sequence of the event
    SessionOutcome outcome = SessionOutcome::none;  // a session ended in this event
    std::uint8_t flags = 0;
    StringId topic = no_string;
    StringId text = no_string;   // message text when meaningful
    StringId previous = no_string; // edited: the text it replaced
    std::uint32_t count = 0;     // queue length, topics, messages...
    ActorId source : 24 = no_actor;
    RecordKind kind = RecordKind::publish;
    ActorId target : 24 = no_actor;
    MessageType request = MessageType::reply;  // the request a reply/served record is about
    ActorId chosen : 24 = no_actor;   // the broker a consumer decided on
    ErrorCode error = ErrorCode::none;
    ActorId holder : 24 = no_actor;   // the consumer holding the broker concerned, when known
    Reason reason = Reason::none;
};
static_assert(sizeof(Record) <= 64, "one record per event: keep it within a cache line");

// The log model's names for the fields its kinds use (see RecordKind).
inline std::uint32_t record_partition(const Record& r) { return r.chosen; }
inline std::int64_t record_offset(const Record& r) { return r.index; }
inline StringId record_key(const Record& r) { return r.previous; }
constexpr std::uint32_t no_partition = no_actor;

// How the outputs name a log record's fields (the trace's keys; the
// narrative and exports follow them). A record is a log record when its
// kind is one of the log model's, or its request is (a producer's ack, a
// dropped fetch, a rejected heartbeat...).
inline bool is_log_record(const Record& r) { return is_log_kind(r.kind) || is_log_request(r.request); }
// The record's `topic` holds a consumer group's name (the group protocol).
bool log_names_group(const Record& r);
// The key for `index` ("offset", "generation", "commits") or empty when the
// kind has none.
std::string_view log_index_field(const Record& r);
// The key for `count` ("records", "members", "partitions", "fetches",
// "commits", "generation") or empty.
std::string_view log_count_field(const Record& r);
// The key for `text`: "value" (a record's), or "assignment" (rebalance_end,
// join_group_reply).
std::string_view log_text_field(const Record& r);

}  // namespace kafkasim
