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

enum class OpKind : std::uint8_t { publish, edit, delete_topic, delete_message };

struct OperationSpec {
    OpKind kind = OpKind::publish;
    std::string topic;
    std::string message;     // publish, edit
    std::int64_t index = 0;  // edit, delete_message (0-based; may be out of range: a runtime error)
};

struct ProducerActionSpec {
    TimeNs at_ns = 0;
    OperationSpec op;
    SourcePos pos;
};

// Generated traffic: `count` publishes, the first at `start`, then one every
// `interarrival`; topic i % topics.size(); message = template with {n} -> i
// (1-based) and {topic} -> the topic.
struct ProducerWorkloadSpec {
    TimeNs start_ns = 0;
    DistributionSpec interarrival = DistributionSpec::constant(0);
    std::uint64_t count = 0;
    std::vector<std::string> topics;
    enum class TopicOrder : std::uint8_t { cycle, random } topic_order = TopicOrder::cycle;
    std::string message_template = "m-{n}";
};

struct ProducerSpec {
    std::string name;
    std::vector<std::uint32_t> targets;  // broker indices, in the order given
    std::vector<ProducerActionSpec> actions;
    std::optional<ProducerWorkloadSpec> workload;
    RetrySpec retry;
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
    RetrySpec retry;
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
    std::uint32_t broker = 0;            // crash/restart: broker index
    bool reload_initial = false;         // restart: reload the scenario's initial topics
    LinkSetSpec links;                   // slow/drop
    TimeNs extra_latency_ns = 0;         // slow
    double probability = 0;              // drop: in [0, 1]
    std::vector<std::vector<ActorIndex>> groups;  // partition: no message crosses groups
    SourcePos pos;
};

// Continuous checks (see README, "Monitors"); all on by default.
struct MonitorsSpec {
    bool divergence = true;
    bool lost_ack = true;
    bool stale_read = true;
    bool no_broker = true;
};

// Expectations (`expect:`): checks on a finished run, evaluated by sim/check
// from the recorded run, beside the model and never inside it. Actor names
// are kept as written (the loader has checked that they exist); event kinds
// and monitors by their documented names (core/record.hpp, core/monitors.hpp).

// A consumed item to look for: a field left unset matches anything.
struct ConsumedItemSpec {
    std::optional<std::string> message;
    std::optional<std::string> topic;
    std::optional<std::string> broker;
    std::optional<std::int64_t> index;
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
struct ExpectInvariant {
    enum class Kind : std::uint8_t { brokers_identical, acked_writes_present };
    Kind kind = Kind::brokers_identical;
};
struct ExpectFingerprint {  // the trace hash `kafkasim run` prints
    std::string hex;        // 16 lowercase hex digits
};
struct ExpectViolation {  // a monitor's findings (healings not counted)
    std::string monitor;
    OccurrenceSpec occurrence;
};

struct ExpectationSpec {
    std::string name;  // empty: a description is generated
    std::uint32_t points = 1;
    std::string hint;  // shown when it fails
    std::variant<ExpectBrokerTopics, ExpectBrokerContains, ExpectBrokerState, ExpectConsumed, ExpectConsumedExactly,
                 ExpectStat, ExpectEvent, ExpectInvariant, ExpectFingerprint, ExpectViolation>
        check;
    SourcePos pos;
};

struct ScenarioSpec {
    std::string name = "unnamed";
    std::string description;
    std::string file;  // where it was loaded from ("<built-in>" for the default)
    std::uint64_t seed = 1;
    std::optional<TimeNs> until_ns;
    NetworkSpec network;
    std::vector<BrokerSpec> brokers;
    std::vector<ProducerSpec> producers;
    std::vector<ConsumerSpec> consumers;
    std::vector<FaultSpec> faults;
    MonitorsSpec monitors;
    std::vector<ExpectationSpec> expectations;  // expect:, in file order
};

}  // namespace kafkasim
