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
        return kind == Kind::uniform ? (min_ns + max_ns) / 2 : value_ns;
    }
};

struct TopicSpec {
    std::string name;
    std::vector<std::string> messages;
};

struct BrokerSpec {
    std::string name;
    DistributionSpec service_time = DistributionSpec::constant(0);
    std::vector<TopicSpec> topics;  // initial load, in insertion order
    // Requests waiting beyond this are answered with the error queue_full.
    std::uint32_t queue_capacity = 1u << 16;
    SourcePos pos;
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
    SourcePos pos;
};

struct NetworkSpec {
    DistributionSpec latency = DistributionSpec::constant(0);
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
};

}  // namespace kafkasim
