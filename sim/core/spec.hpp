// ScenarioSpec: a validated scenario as plain structs, the only thing the
// simulation is built from. The YAML loader (sim/scenario) produces it; tests
// and the interactive mode may build one by hand. No YAML types live here.
//
// Invariants (established by the loader, asserted by the builder):
// - names are unique across brokers, producers and consumers;
// - every duration is >= 0 and every distribution is well formed;
// - target indices are valid broker indices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/log/assignor.hpp"
#include "core/log/partitioner.hpp"

namespace kafkasim {

// Simulated time and durations, in integer nanoseconds.
using TimeNs = std::int64_t;

constexpr TimeNs ns_per_us = 1000;
constexpr TimeNs ns_per_ms = 1000 * ns_per_us;
constexpr TimeNs ns_per_s = 1000 * ns_per_ms;

// Where a spec element came from, so later checks (expectations) can report
// FILE:LINE:COL. line == 0 means "built by code, no position".
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

struct DistributionSpec {
    enum class Kind : std::uint8_t { constant, uniform, exponential };
    Kind kind = Kind::constant;
    TimeNs value_ns = 0;  // constant: the value; exponential: the mean
    TimeNs min_ns = 0;    // uniform: inclusive bounds
    TimeNs max_ns = 0;

    static DistributionSpec constant(TimeNs v) { return {Kind::constant, v, 0, 0}; }
    static DistributionSpec uniform(TimeNs lo, TimeNs hi) { return {Kind::uniform, 0, lo, hi}; }
    static DistributionSpec exponential(TimeNs mean) { return {Kind::exponential, mean, 0, 0}; }
    TimeNs mean_ns() const {
        // min + (max - min) / 2: equal to (min + max) / 2, which could overflow.
        return kind == Kind::uniform ? min_ns + (max_ns - min_ns) / 2 : value_ns;
    }
};

struct TopicSpec {
    std::string name;
    std::vector<std::string> messages;
};

// BrokerSpec::queue_capacity when the scenario sets none: never reached.
inline constexpr std::uint32_t queue_capacity_unlimited = 0xffffffffu;

struct BrokerSpec {
    std::string name;
    DistributionSpec service_time = DistributionSpec::constant(0);
    std::vector<TopicSpec> topics;  // initial load, in insertion order
    // Requests waiting beyond this are answered with the error queue_full.
    // The default is no limit (the original had none): the queue is still
    // bounded in memory by the requests the scenario's clients can have in
    // flight at once.
    std::uint32_t queue_capacity = queue_capacity_unlimited;
    // Keeps the dictionary across a crash (the original keeps it in memory
    // only: false).
    bool durable = false;
    SourcePos pos;
};

// How a client copes with a request that gets no reply: after timeout_ns it
// resends (after backoff_ns, doubled each time when backoff_doubling), up to
// `retries` times, then gives up and records the failure. No timeout: it
// waits forever, as the original's blocking requests did.
struct RetrySpec {
    std::optional<TimeNs> timeout_ns;
    std::uint32_t retries = 0;
    TimeNs backoff_ns = 0;
    bool backoff_doubling = false;
};

// The dictionary model's four operations, and the log model's one: `send`
// (a record to a topic, appended to one of its partitions).
enum class OpKind : std::uint8_t { publish, edit, delete_topic, delete_message, send };

struct OperationSpec {
    OpKind kind = OpKind::publish;
    std::string topic;
    std::string message;     // publish, edit; send: the record's value
    std::int64_t index = 0;  // edit, delete_message (0-based; may be out of range: a runtime error)
    std::optional<std::string> key{};  // send: the record's key (none: the partitioner's unkeyed rule)
};

struct ProducerActionSpec {
    TimeNs at_ns = 0;
    OperationSpec op;
    SourcePos pos;
};

// Generated traffic: `count` publishes (log model: sends), the first at
// `start`, then one every `interarrival`; topic i % topics.size(); message =
// template with {n} -> i (1-based), {topic} -> the topic and (log model)
// {key} -> the key. Log model: key i % keys.size() (key_order cycle) or a
// uniform draw (random); no keys: records without a key.
struct ProducerWorkloadSpec {
    TimeNs start_ns = 0;
    DistributionSpec interarrival = DistributionSpec::constant(0);
    std::uint64_t count = 0;
    std::vector<std::string> topics;
    enum class TopicOrder : std::uint8_t { cycle, random } topic_order = TopicOrder::cycle;
    std::string message_template = "m-{n}";
    std::vector<std::string> keys{};  // log model only
    enum class KeyOrder : std::uint8_t { cycle, random } key_order = KeyOrder::cycle;
};

struct ProducerSpec {
    std::string name;
    std::vector<std::uint32_t> targets;  // broker indices, in the order given (dictionary model)
    std::vector<ProducerActionSpec> actions;
    std::optional<ProducerWorkloadSpec> workload;
    RetrySpec retry;
    // The log model: how a record's partition is chosen (core/log/partitioner.hpp),
    // and for `sticky` how many unkeyed records go to one partition before the next.
    log::PartitionerKind partitioner = log::PartitionerKind::default_partitioner;
    std::uint32_t batch_records = 10;
    SourcePos pos;
};

// How a consumer picks a topic or an index once it has the list.
struct ChoiceSpec {
    enum class Kind : std::uint8_t { named, random, first, last };
    Kind kind = Kind::random;
    std::string topic;      // named topic
    std::int64_t index = 0; // named index
};

struct SessionSpec {
    TimeNs at_ns = 0;
    ChoiceSpec topic;
    ChoiceSpec index;
    // A person at the consumer page (interactive mode, saved scenarios): a
    // broker they picked instead of the policy, and the absolute times at
    // which they made each choice (instead of choose_time after the reply;
    // a time before the reply arrives means "as soon as it arrives").
    // `manual`: a choice with no time given waits for the person.
    std::optional<std::uint32_t> broker;  // broker index
    std::optional<TimeNs> broker_at_ns;
    std::optional<TimeNs> topic_at_ns;
    std::optional<TimeNs> index_at_ns;
    bool manual = false;
    SourcePos pos;
};

struct ConsumerWorkloadSpec {
    TimeNs start_ns = 0;
    DistributionSpec think_time = DistributionSpec::constant(0);
    std::uint64_t count = 0;
    ChoiceSpec topic;
    ChoiceSpec index;
};

enum class PolicyKind : std::uint8_t { seed, first_idle, round_robin, random_idle, least_loaded };

// The scenario's word for a policy (consumers[].policy), for saving and display.
constexpr std::string_view policy_name(PolicyKind policy) {
    switch (policy) {
        case PolicyKind::seed: return "seed";
        case PolicyKind::first_idle: return "first_idle";
        case PolicyKind::round_robin: return "round_robin";
        case PolicyKind::random_idle: return "random_idle";
        case PolicyKind::least_loaded: return "least_loaded";
    }
    return "seed";
}

// When a log-model consumer commits its positions (Kafka's enable.auto.commit
// and the application's own commitSync calls):
// - auto: in a poll, once auto_commit_interval has passed since the last
//   commit, and before it leaves the group or gives up its partitions in a
//   rebalance (as Kafka's consumer does when enable.auto.commit is true);
// - after_poll: once it has processed every record a poll fetched;
// - manual: only at the scenario's `commit_at` times (a person's commits).
enum class CommitMode : std::uint8_t { auto_commit, after_poll, manual };

struct ConsumerSpec {
    std::string name;
    PolicyKind policy = PolicyKind::seed;
    // on_all_busy: fail (retry_after_ns unset) or retry.
    std::optional<TimeNs> retry_after_ns;
    // Attempts per session (status round + claim). With `fail`, a lost claim
    // race still starts over, up to this many attempts.
    std::uint32_t max_attempts = 3;
    DistributionSpec choose_time = DistributionSpec::constant(0);
    std::vector<SessionSpec> sessions;
    std::optional<ConsumerWorkloadSpec> workload;
    // Status requests: brokers that have not answered after timeout_ns are
    // skipped. Other requests: resent per RetrySpec, then the session fails.
    // Log model: a request not answered within timeout_ns (default: the
    // group's session_timeout) is given up; the next poll or heartbeat asks
    // again (retries and backoff are not used).
    RetrySpec retry;

    // The log model (model: log): a member of a consumer group that pulls.
    // Every poll_interval it fetches up to max_poll_records from each of its
    // partitions, from its position, processes each record for
    // process_time, and commits per `commit`. It joins the group at join_at
    // and leaves it at leave_at (if set).
    std::uint32_t group = 0;            // index into ScenarioSpec::groups
    std::vector<std::uint32_t> topics;  // subscriptions: indices into ScenarioSpec::topics
    TimeNs poll_interval_ns = 100 * ns_per_ms;
    std::uint32_t max_poll_records = 500;  // Kafka's max.poll.records default
    DistributionSpec process_time = DistributionSpec::constant(0);
    CommitMode commit = CommitMode::auto_commit;
    TimeNs auto_commit_interval_ns = 5 * ns_per_s;  // Kafka's auto.commit.interval.ms default
    TimeNs join_at_ns = 0;
    std::optional<TimeNs> leave_at_ns;
    std::vector<TimeNs> commit_at_ns;   // extra commits at these times (any commit mode), ascending
    SourcePos pos;
};

struct NetworkSpec {
    DistributionSpec latency = DistributionSpec::constant(0);
};

// Actors are numbered brokers first, then producers, then consumers, in
// scenario order (the same numbering as the simulation's ActorId).
using ActorIndex = std::uint32_t;

// A set of directed links. `from` and `to` list actors; an empty list means
// every actor. "A->B": {A} -> {B}; "A<->B": both directions; "A": every
// link into or out of A (both_directions with to empty).
struct LinkSetSpec {
    std::vector<ActorIndex> from;
    std::vector<ActorIndex> to;
    bool both_directions = false;
};

struct FaultSpec {
    enum class Kind : std::uint8_t { crash, restart, slow, drop, partition };
    Kind kind = Kind::crash;
    TimeNs from_ns = 0;                  // crash/restart: the instant; others: start
    std::optional<TimeNs> until_ns;      // slow/drop/partition: end (absent: never heals)
    std::uint32_t broker = 0;            // crash/restart: broker index (unless `consumer` is set)
    // crash/restart of a consumer (log model only): its index. A crashed
    // consumer stops (no heartbeat, poll or commit; what it fetched and did
    // not commit is gone); its group notices after session_timeout. A
    // restart makes it join again.
    std::optional<std::uint32_t> consumer;
    bool reload_initial = false;         // restart: reload the scenario's initial topics
    LinkSetSpec links;                   // slow/drop
    TimeNs extra_latency_ns = 0;         // slow
    double probability = 0;              // drop: in [0, 1]
    std::vector<std::vector<ActorIndex>> groups;  // partition: no message crosses groups
    SourcePos pos;
};

// Continuous checks (see README, "Monitors"); all on by default, each where
// its model has what it watches (divergence, stale_read and no_broker are
// the dictionary model's; duplicate_delivery, per_key_order and lag_above
// the log model's; lost_ack both). lag_above needs its threshold: off
// unless set.
struct MonitorsSpec {
    bool divergence = true;
    bool lost_ack = true;
    bool stale_read = true;
    bool no_broker = true;
    bool duplicate_delivery = true;
    bool per_key_order = true;
    std::optional<std::uint64_t> lag_above;  // a group's total lag above this many records
};

// Expectations (`expect:`): checks on a finished run, evaluated by sim/check
// from the recorded run, beside the model and never inside it. Actor names
// are kept as written (the loader has checked that they exist); event kinds
// and monitors by their documented names (core/record.hpp, core/monitors.hpp).

// A consumed item to look for: a field left unset matches anything.
// Dictionary model: message, topic, broker, index. Log model: message (the
// record's `value`), topic, key, partition, offset.
struct ConsumedItemSpec {
    std::optional<std::string> message{};
    std::optional<std::string> topic{};
    std::optional<std::string> broker{};
    std::optional<std::int64_t> index{};
    std::optional<std::string> key{};
    std::optional<std::uint32_t> partition{};
    std::optional<std::uint64_t> offset{};
};

// How often something must happen in a window of simulated time: at least
// once (the default), never, or exactly `count` times. A time t is inside
// the window when after_ns < t < before_ns (each bound optional).
struct OccurrenceSpec {
    enum class Kind : std::uint8_t { at_least_once, never, exactly };
    Kind kind = Kind::at_least_once;
    std::uint64_t count = 0;  // exactly
    std::optional<TimeNs> after_ns;
    std::optional<TimeNs> before_ns;
};

struct ExpectBrokerTopics {  // the exact final dictionary, topic order included
    std::string broker;
    std::vector<TopicSpec> topics;
};
struct ExpectBrokerContains {  // a topic, or a message in a topic; negated: not_contains
    std::string broker;
    std::string topic;
    std::optional<std::string> message;
    bool negated = false;
};
struct ExpectBrokerState {  // the final up/down and busy/idle state; unset: not checked
    std::string broker;
    std::optional<bool> up;
    std::optional<bool> busy;
};
struct ExpectConsumed {  // some consumed item matches (never: none does)
    std::string consumer;
    ConsumedItemSpec item;
    OccurrenceSpec occurrence;
};
struct ExpectConsumedExactly {  // the whole list, in order, item i matching items[i]
    std::string consumer;
    std::vector<ConsumedItemSpec> items;
};
struct ExpectStat {  // a value of the stats JSON, by dotted path
    enum class Comparison : std::uint8_t { equal, not_equal, less_equal, greater_equal, less, greater, approx };
    std::string path;
    SourcePos path_pos;  // checked against the stats' fields before the run
    Comparison comparison = Comparison::equal;
    std::string value_text;                   // as written; == and != compare text with strings, booleans, null
    std::optional<double> value;              // value_text as a number, when it is one
    double tolerance = 0;                     // approx: absolute
    std::optional<double> tolerance_percent;  // approx: relative to value, instead of tolerance
};
struct ExpectEvent {  // records of a kind, optionally from/to/involving actors
    std::string kind;
    std::optional<std::string> source;
    std::optional<std::string> target;
    std::optional<std::string> actor;  // either side
    OccurrenceSpec occurrence;
};
// per_key_order (log model): every consumer saw each key's records in the
// order they were appended (offset order within a partition; across
// partitions, by append time, then partition, then offset), records it had
// seen before (re-reads after a rebalance) aside.
struct ExpectInvariant {
    enum class Kind : std::uint8_t { brokers_identical, acked_writes_present, per_key_order };
    Kind kind = Kind::brokers_identical;
};
struct ExpectFingerprint {  // the trace hash `kafkasim run` prints
    std::string hex;        // 16 lowercase hex digits
};
struct ExpectViolation {  // a monitor's findings (healings not counted)
    std::string monitor;
    OccurrenceSpec occurrence;
};

// The log model. A record of a partition's log as an expectation lists it:
// a field left unset matches anything.
struct ExpectLogRecord {
    std::optional<std::string> key;
    std::optional<std::string> value;
};
struct ExpectPartition {  // a partition's final log; unset parts are not checked
    std::string topic;
    std::uint32_t partition = 0;
    std::optional<std::uint64_t> end_offset;
    std::optional<std::vector<ExpectLogRecord>> records;  // the whole log, in offset order
};
// A topic-partition as scenarios write it: "orders-2" (the topic, '-', the
// partition number; the topic name may hold '-' itself).
struct TopicPartitionName {
    std::string topic;
    std::uint32_t partition = 0;
    friend bool operator==(const TopicPartitionName&, const TopicPartitionName&) = default;
};
struct ExpectGroup {  // a group's final state; unset parts are not checked
    std::string group;
    // consumer -> its partitions, for every consumer listed (in any order);
    // a member not listed is not checked.
    std::optional<std::vector<std::pair<std::string, std::vector<TopicPartitionName>>>> assignment;
    // partition -> the group's committed offset (the next record to read).
    std::optional<std::vector<std::pair<TopicPartitionName, std::uint64_t>>> committed;
    std::optional<std::uint64_t> lag;         // total: sum of end offset - committed
    std::optional<std::uint64_t> duplicates;  // records the group consumed more than once
    std::optional<std::uint64_t> rebalances;  // completed rebalances (generations)
};

struct ExpectationSpec {
    std::string name;  // empty: a description is generated
    std::uint32_t points = 1;
    std::string hint;  // shown when it fails
    std::variant<ExpectBrokerTopics, ExpectBrokerContains, ExpectBrokerState, ExpectConsumed, ExpectConsumedExactly,
                 ExpectStat, ExpectEvent, ExpectInvariant, ExpectFingerprint, ExpectViolation, ExpectPartition,
                 ExpectGroup>
        check;
    SourcePos pos;
};

// Which broker design a scenario runs (`model:`): the original system's
// dictionary of lists (the default), or Kafka's partitioned logs with keys,
// offsets and consumer groups.
enum class BrokerModel : std::uint8_t { dictionary, log };

// A topic of the log model (`topics:` at the top of a `model: log`
// scenario): its partitions, each an append-only log on one broker, its
// leader (core/log/placement.hpp: partition p of the topic at position t
// lives on broker (p + t) mod B).
struct LogTopicSpec {
    std::string name;
    std::uint32_t partitions = 1;
    SourcePos pos;
};

// A consumer group of the log model (`groups:`; a group a consumer names
// and no entry lists gets these defaults).
struct GroupSpec {
    std::string name;
    log::AssignorKind assignment = log::AssignorKind::range;  // Kafka's first default assignor
    // A member whose coordinator hears nothing from it (heartbeat, join) for
    // this long is removed and the group rebalances.
    TimeNs session_timeout_ns = 45 * ns_per_s;    // Kafka's session.timeout.ms default (3.0+)
    TimeNs heartbeat_interval_ns = 3 * ns_per_s;  // Kafka's heartbeat.interval.ms default
    // Where a member starts on a partition the group never committed, or
    // whose committed offset is past the log's end (the log was lost):
    // earliest = offset 0, latest = the log's end offset. (Kafka's default
    // is latest; ours is earliest, so that a member that joins late still
    // reads what was sent before it joined.)
    enum class OffsetReset : std::uint8_t { earliest, latest } auto_offset_reset = OffsetReset::earliest;
    // The broker that coordinates the group (index). Default (unset):
    // Kafka's rule, the leader of partition abs(hashCode(name)) % 50 of
    // __consumer_offsets, which with our placement is broker
    // (abs(hashCode(name)) % 50) % B (core/log/coordinator.hpp).
    std::optional<std::uint32_t> coordinator;
    SourcePos pos;
};

struct ScenarioSpec {
    std::string name = "unnamed";
    std::string description;
    std::string file;  // where it was loaded from ("<built-in>" for the default)
    std::uint64_t seed = 1;
    std::optional<TimeNs> until_ns;
    BrokerModel model = BrokerModel::dictionary;
    NetworkSpec network;
    std::vector<BrokerSpec> brokers;
    std::vector<LogTopicSpec> topics;  // log model only
    std::vector<GroupSpec> groups;     // log model only: every group a consumer names
    std::vector<ProducerSpec> producers;
    std::vector<ConsumerSpec> consumers;
    std::vector<FaultSpec> faults;
    MonitorsSpec monitors;
    std::vector<ExpectationSpec> expectations;  // expect:, in file order
};

}  // namespace kafkasim
