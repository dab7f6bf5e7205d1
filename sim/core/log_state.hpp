// The log model's state (model: log), beside the dictionary model's in the
// same Simulation value: the partitions' logs, each group's coordinator
// state and each consumer's group membership, positions and buffer. The
// handlers live in log_producer.cpp (send), log_broker.cpp (append, fetch
// and the group coordinator) and log_consumer.cpp (join, poll, process,
// commit, leave).
//
// Where things live (log_layout): partition p of topic t is led by broker
// (p + t) mod B (core/log/placement.hpp); a group is coordinated by its
// GroupSpec::coordinator (the loader fills in Kafka's rule when unset).
// Partitions are numbered globally (first_partition[topic] + p) inside the
// engine; records and outputs name them by topic and number.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/log/consumer_group.hpp"
#include "core/log/partition_log.hpp"
#include "core/record.hpp"
#include "core/spec.hpp"

namespace kafkasim {

// The static layout of the cluster: which broker leads each partition and
// coordinates each group. Computed once from the spec.
struct LogLayout {
    std::vector<std::uint32_t> first_partition;  // per topic: global number of its partition 0
    std::vector<std::uint32_t> topic_of;         // per global partition
    std::vector<std::uint32_t> leader;           // per global partition: broker index
    std::vector<std::uint32_t> coordinator;      // per group: broker index
    std::vector<StringId> topic_names;           // per topic (interned)
    std::vector<StringId> group_names;           // per group (interned)
    std::vector<std::vector<std::uint32_t>> groups_of_topic;  // per topic: the groups whose consumers subscribe to it

    std::uint32_t partition_count() const { return static_cast<std::uint32_t>(leader.size()); }
    std::uint32_t global(std::uint32_t topic, std::uint32_t partition) const { return first_partition[topic] + partition; }
    std::uint32_t local(std::uint32_t global_partition) const {
        return global_partition - first_partition[topic_of[global_partition]];
    }
};

// A group's lag over time (the model keeps it as BrokerStats keeps queue
// lengths): the lag now, its maximum, and its time integral (records x ns)
// up to changed_ns, so the time-weighted mean is area / end time. Updated
// in O(1) per append, commit and lost log (log_broker.cpp, note_lag).
struct GroupLagStats {
    std::uint64_t lag = 0;
    std::uint64_t lag_max = 0;
    double lag_area = 0;
    TimeNs changed_ns = 0;
};

// A member as the coordinator tracks it (beside log::ConsumerGroup's view).
struct CoordinatorMember {
    std::uint32_t consumer = 0;      // consumer index
    TimeNs last_heard_ns = 0;        // last join / heartbeat / commit from it
    bool joined = false;             // it has (re)joined in the current rebalance
    std::uint32_t join_serial = 0;   // the parked join request's serial, answered at the rebalance's end
};

enum class GroupPhase : std::uint8_t {
    empty,      // no members
    preparing,  // a rebalance: waiting for every member to (re)join (Kafka's PreparingRebalance)
    stable,     // every member has its partitions of the current generation
};
std::string_view group_phase_name(GroupPhase phase);

// One group at its coordinator: a rebalance runs as Kafka's classic eager
// protocol does (every member stops, rejoins, and gets its partitions from
// the coordinator once all have rejoined or timed out), with the
// assignment computed by the coordinator (as Kafka's KIP-848 protocol does;
// the classic protocol has the group's leader member compute it).
struct CoordinatedGroup {
    log::ConsumerGroup group;                 // members' subscriptions, assignment, committed offsets
    std::vector<CoordinatorMember> members;   // sorted by consumer index
    GroupPhase phase = GroupPhase::empty;
    Reason rebalance_cause = Reason::none;    // why the pending rebalance starts
    bool start_pending = false;               // a rebalance_start event is scheduled
    bool end_pending = false;                 // a rebalance_end event is scheduled
    std::uint32_t rebalances = 0;             // completed rebalances
    GroupLagStats lag{};
    CoordinatorMember* find(std::uint32_t consumer);
    const CoordinatorMember* find(std::uint32_t consumer) const;
};

// A partition a member owns in the current generation.
struct OwnedPartition {
    std::uint32_t partition = 0;     // global number
    // The next offset to process (Kafka's position); -1: not known yet (a
    // `latest` reset: the first fetch asks the leader for its end).
    std::int64_t position = 0;
    std::int64_t committed = -1;     // what this member last committed (-1: nothing)
    std::uint32_t fetch_serial = 0;  // the outstanding fetch's serial (0: none)
    TimeNs fetch_sent_ns = 0;
    std::uint32_t buffered = 0;      // records of it in the buffer
};

// A fetched record waiting to be processed.
struct BufferedRecord {
    std::uint32_t partition = 0;     // global number
    std::uint32_t incarnation = 0;   // of the partition's log when it was fetched
    log::LogRecord record;
};

// A record a consumer processed (what `consumed` lists in the stats).
struct LogConsumption {
    TimeNs time_ns = 0;
    std::uint32_t partition = 0;     // global number
    std::uint64_t offset = 0;
    StringId key = no_string;
    StringId value = no_string;
    std::uint32_t log_incarnation = 0;  // the leader's log incarnation (a lost log restarts offsets)
    TimeNs appended_ns = 0;             // when the leader appended it
    friend bool operator==(const LogConsumption&, const LogConsumption&) = default;
};

enum class MemberPhase : std::uint8_t {
    not_started,  // before join_at
    joining,      // asked to join; waits for the rebalance to end
    stable,       // owns its partitions (perhaps none: idle); polls
    left,         // left the group (leave_at)
    crashed,      // a consumer crash fault
};
std::string_view member_phase_name(MemberPhase phase);

struct LogConsumerStats {
    std::uint64_t polls = 0;
    std::uint64_t fetches = 0;
    std::uint64_t records_fetched = 0;
    std::uint64_t records_consumed = 0;
    std::uint64_t commits = 0;        // offset_commit requests sent
    std::uint64_t rebalances = 0;     // assignments received
    std::uint64_t records_dropped = 0;  // fetched and never processed (revoked, crashed, left)
};

struct LogConsumer {
    MemberPhase phase = MemberPhase::not_started;
    std::uint32_t generation = 0;     // of its assignment (0: none yet)
    bool member = false;              // the coordinator knows it (as far as it knows)
    std::vector<OwnedPartition> owned;
    std::deque<BufferedRecord> buffer;  // bounded by max_poll_records x owned partitions
    bool processing = false;          // a process_done event is pending
    bool poll_deferred = false;       // a poll came while processing: poll when the buffer is done
    // Bumped when what it was doing is void (revoke, crash, leave): pending
    // poll and process_done events of an older epoch are cancelled.
    std::uint32_t epoch = 0;
    // Bumped by leave and crash: the heartbeat chain of before is cancelled.
    std::uint32_t life = 0;
    std::uint32_t next_serial = 1;
    std::uint32_t join_serial = 0;    // outstanding join (0: none)
    TimeNs join_sent_ns = 0;
    TimeNs last_commit_ns = 0;
    std::deque<LogConsumption> consumed;  // a deque for the reason of Consumer::consumed
    LogConsumerStats stats;
    OwnedPartition* find(std::uint32_t partition);
};

struct LogProducerState {
    std::vector<std::uint64_t> unkeyed_sent;       // per topic: records whose partition the key did not decide
    std::vector<std::uint64_t> partition_counts;   // per global partition: records sent there
};

// What a log reply carries beyond the Message fields: fetched records, or
// an assignment with committed offsets.
struct LogPayload {
    std::vector<log::LogRecord> records;
    struct Assigned {
        std::uint32_t partition = 0;   // global number
        std::int64_t committed = -1;   // -1: the group never committed it
    };
    std::vector<Assigned> assigned;
    std::uint64_t end_offset = 0;      // fetch replies: the log's end offset
    std::uint32_t log_incarnation = 0;
};

// The whole log model's state (empty in the dictionary model).
struct LogModel {
    LogLayout layout;
    std::vector<log::PartitionLog> partitions;        // per global partition
    std::vector<std::uint32_t> log_incarnation;       // per global partition: bumped when its log is lost
    std::vector<CoordinatedGroup> groups;             // per group
    std::vector<LogConsumer> consumers;               // per consumer
    std::vector<LogProducerState> producers;          // per producer
    // Per consumer: the serial of its live session timer (a member_expiry
    // event); a join, heartbeat or commit starts a new one, voiding the older.
    std::vector<std::uint32_t> expiry_serial;
    std::vector<LogPayload> payloads;                 // pool, indexed by Message::payload
    std::vector<std::uint32_t> free_payloads;
};

// "orders-2": a topic-partition as Kafka and our outputs name it.
std::string topic_partition_name(std::string_view topic, std::uint32_t partition);

}  // namespace kafkasim
