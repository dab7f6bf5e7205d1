// The scenario's sections (network, brokers, producers, consumers) and the
// checks across them. PRIVATE to kafkasim_scenario. A new top-level section
// (expect:, faults:) gets a reader declared here, a file of its own, and one
// row in the top-level key table in load.cpp.
#pragma once

#include "core/record.hpp"
#include "core/spec.hpp"
#include "scenario/yaml_reader.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kafkasim::scenario_detail {

// A broker name as written in a producer's `targets`, kept until every broker
// is known (brokers may come after producers in the file).
struct TargetRef {
    std::string name;
    Pos pos;
};
struct TargetList {
    Pos pos;  // of the list, for "names no broker"
    std::vector<TargetRef> names;
};

// A name in an expect: entry (an actor, or a stat path that names one),
// checked by check_expect once every actor is known.
// The log model's refs: topic_partition (text: the topic; `partition` at
// partition_pos), group (text: the group) and group_member (text: the
// consumer; `group`: the group it must belong to).
struct ExpectRef {
    enum class Kind : std::uint8_t { broker, consumer, actor, stat_path, topic_partition, group, group_member };
    Kind kind = Kind::actor;
    std::string text;
    Pos pos;
    std::uint32_t partition = 0;
    Pos partition_pos{};
    std::string group{};
};

// An actor named in a fault, kept by name until every actor is known.
struct ActorRef {
    std::string name;
    Pos pos;
};

// The actors one fault names (see read_faults.cpp); an empty link side means
// every actor, as in LinkSetSpec.
struct FaultRefs {
    std::optional<ActorRef> broker;             // crash, restart
    std::vector<ActorRef> from;                 // slow, drop
    std::vector<ActorRef> to;
    std::vector<std::vector<ActorRef>> groups;  // partition
};

// A broker a consumer session names (`broker: b1`), resolved once every broker
// is known; consumer and session index into spec.consumers[].sessions[].
struct SessionBrokerRef {
    std::size_t consumer = 0;
    std::size_t session = 0;
    std::string name;
    Pos pos;
};

// A name (topic, group, broker) as written, kept until every section is read.
struct NameRef {
    std::string name;
    Pos pos;
};

// A topic a log-model producer names (a send, a workload); `where` names the
// place in messages: "the send", "the workload".
struct TopicRef {
    NameRef topic;
    std::string_view where;
};

// What a log-model consumer names: its group and its topics (resolved to
// indices by resolve_log); `consumer` indexes spec.consumers.
struct LogConsumerRefs {
    std::size_t consumer = 0;
    std::optional<NameRef> group;
    std::vector<NameRef> topics;
};

// A scenario being read: the spec plus what can only be checked at the end.
// spec.model is read before any other key (load.cpp), so every reader knows
// the model it reads for.
struct Draft {
    ScenarioSpec spec;
    // Parallel to spec.producers; nullopt: all brokers.
    std::vector<std::optional<TargetList>> producer_targets;
    // Parallel to spec.faults.
    std::vector<FaultRefs> fault_refs;
    std::vector<ExpectRef> expect_refs;
    std::vector<SessionBrokerRef> session_brokers;
    // The log model (read_log.cpp).
    std::vector<TopicRef> producer_topics;
    std::vector<LogConsumerRefs> log_consumers;
    std::vector<std::optional<NameRef>> group_coordinators;  // parallel to the listed spec.groups

    bool log_model() const { return spec.model == BrokerModel::log; }
};

// Messages about keys of the other broker model, in one wording everywhere.
// "'group' is a key of the log model's consumers: it needs `model: log` at the top of the scenario"
std::string needs_log_model(std::string_view key, std::string_view whose);
// "'policy' is a key of the dictionary model's consumers, not of `model: log`" + `why`
std::string not_in_log_model(std::string_view key, std::string_view whose, std::string_view why);

// Upper bounds that keep a typo from asking for the impossible.
// Actors: brokers, producers and consumers together. The engine numbers
// them with 24 bits (ActorId in core/record.hpp, actor_id_limit); half a
// million is far beyond any teaching scenario and still loads and runs (a
// 100,000-actor run takes seconds), and stays below the reader's budget of
// a million items (yaml_reader.cpp), so this limit is the one reported.
inline constexpr std::uint64_t max_actors = 500'000;
static_assert(max_actors < actor_id_limit, "every actor has an id");
inline constexpr std::uint64_t max_count = 100'000'000;
inline constexpr std::uint64_t max_attempts_limit = 1'000'000;

void read_network(Reader& reader, const Entry& entry, NetworkSpec& network);
void read_brokers(Reader& reader, const Entry& entry, Draft& draft);
void read_producers(Reader& reader, const Entry& entry, Draft& draft);
void read_consumers(Reader& reader, const Entry& entry, Draft& draft);
void read_faults(Reader& reader, const Entry& entry, Draft& draft);
void read_monitors(Reader& reader, const Entry& entry, const Draft& draft, MonitorsSpec& monitors);

// The log model (read_log.cpp): `model:` (read first, before the other keys),
// the top-level `topics:` and `groups:`, and the names they resolve.
void read_model(Reader& reader, const Entry& document, Draft& draft);
void read_log_topics(Reader& reader, const Entry& entry, Draft& draft);
void read_groups(Reader& reader, const Entry& entry, Draft& draft);
// A log-model consumer (read_log_consumer.cpp).
void read_log_consumer(Reader& reader, const Entry& entry, Draft& draft);
// Each model's consumer keys, so that each reader names the other's keys as
// such ("needs `model: log`") rather than as unknown.
std::span<const std::string_view> log_consumer_keys();
std::span<const std::string_view> dictionary_consumer_keys();
// After every section: consumers' groups (a GroupSpec for every group named)
// and topics, producers' topics, and group coordinators.
void resolve_log(Reader& reader, Draft& draft);

// A client's `timeout`, `retries` and `backoff` keys (read_retry.cpp): the
// client's key table sends each of them to read_retry_key, and finish_retry
// checks them together once the client's mapping is read.
struct RetryDraft {
    RetrySpec spec;
    std::optional<Pos> retries;  // where each key was given, for "needs a timeout"
    std::optional<Pos> backoff;
};
void read_retry_key(Reader& reader, const Entry& entry, RetryDraft& retry);
void finish_retry(Reader& reader, const RetryDraft& retry, RetrySpec& out);

// expect: (read_expect.cpp), and its names checked after every section (read_expect_names.cpp).
void read_expect(Reader& reader, const Entry& entry, Draft& draft);
void check_expect(Reader& reader, const Draft& draft);

// Session brokers named by consumers resolved to indices (read_consumers.cpp).
void resolve_session_brokers(Reader& reader, Draft& draft);

// After every section is read: unique actor names across the three kinds,
// targets resolved to broker indices, and the actors faults name resolved.
void check_scenario(Reader& reader, Draft& draft);
// The fault part of check_scenario (read_faults.cpp).
void resolve_faults(Reader& reader, Draft& draft);
// Sums of times that certainly pass time_max_ns (292 years), at the position
// of the action, session or actor (check_times.cpp).
void check_times(Reader& reader, const ScenarioSpec& spec);

// "b1", "p2": the names the count shorthand (`brokers: 2`) gives.
std::string numbered_name(char prefix, std::uint64_t number);

}  // namespace kafkasim::scenario_detail
