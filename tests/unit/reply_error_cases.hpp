// Scenarios that provoke every error reply the model can give, each client
// request kind by each error kind: the table the reply-handling tests and the
// narrative property test walk. Built in two runs: the first finds when the
// request under test reaches the broker, the second puts a fault or a
// blocking request just before that instant. Hand-built (no YAML). The log
// model's cases are log_error_cases.hpp's.
#pragma once

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "log_error_cases.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

namespace kafkasim::testing {

struct ErrorCase {
    std::string name;            // "get_message x queue_full"
    MessageType request;         // the request that must get the error
    ErrorCode error;             // the error it must get
    bool stale_expected = false; // the reply can only come too late (its session ended first)
    ScenarioSpec spec;
};

// How a case makes the request fail at the broker.
enum class Provoke {
    queue_full,          // a blocking publish is in service when it arrives; queue_capacity 0
    broker_down,         // the broker crashed just before it arrives (restarts 10ms later)
    unknown_topic,       // a delete of the topic is served just before it
    index_out_of_range,  // a delete of message 0 is served just before it
};

inline constexpr TimeNs error_case_ms = ns_per_ms;

// b1 (service 1ms, topic "t": ["m0"]), p1 (the blocker, no actions yet) and
// c1, one session at 5ms reading "t"[0]. Latency 1ms.
inline ScenarioSpec consumer_error_base(std::uint64_t seed = 1) {
    ScenarioSpec spec = base_scenario(seed);
    spec.name = "reply-errors";
    spec.brokers = {broker("b1", error_case_ms, {{"t", {"m0"}}})};
    spec.producers = {producer("p1", {0})};
    spec.consumers = {consumer("c1", {session(5 * error_case_ms, named_topic("t"), named_index(0))})};
    return spec;
}

// b1 (service 1ms, topic "t": ["m0", "m1"]), p1 (the blocker) and p2, which
// sends `op` at 10ms. Latency 1ms.
inline ScenarioSpec producer_error_base(const ProducerActionSpec& op) {
    ScenarioSpec spec = base_scenario(1);
    spec.name = "write-errors";
    spec.brokers = {broker("b1", error_case_ms, {{"t", {"m0", "m1"}}})};
    spec.producers = {producer("p1", {0}), producer("p2", {0}, {op})};
    return spec;
}

// When the first request of `type` from `client` arrives at a broker, in `spec`.
inline TimeNs arrival_time(const ScenarioSpec& spec, MessageType type, ActorId client) {
    const RecordedRun run(spec, records_only());
    for (const Record& record : run.records()) {
        if (record.kind <= RecordKind::release && record.request == type && record.source == client) return record.time_ns;
    }
    return -1;
}

// `spec` with what makes the request arriving at `at_ns` at b1 fail by `how`.
inline ScenarioSpec provoked(ScenarioSpec spec, TimeNs at_ns, Provoke how) {
    // The blocker's request arrives half a service time before: in service
    // (queue_full) or served first (the deletes) when the request arrives.
    const TimeNs blocker_ns = at_ns - error_case_ms - error_case_ms / 2;
    switch (how) {
        case Provoke::queue_full:
            spec.brokers[0].queue_capacity = 0;
            spec.producers[0].actions.push_back(action(blocker_ns, OpKind::publish, "blocker", "x"));
            break;
        case Provoke::broker_down:
            spec.faults.push_back(crash_at(at_ns - error_case_ms / 2, 0));
            spec.faults.push_back(restart_at(at_ns + 10 * error_case_ms, 0));
            break;
        case Provoke::unknown_topic:
            spec.producers[0].actions.push_back(action(blocker_ns - error_case_ms, OpKind::delete_topic, "t"));
            break;
        case Provoke::index_out_of_range:
            spec.producers[0].actions.push_back(action(blocker_ns - error_case_ms, OpKind::delete_message, "t", "", 0));
            break;
    }
    return spec;
}

inline ErrorCode provoked_error(Provoke how) {
    switch (how) {
        case Provoke::queue_full: return ErrorCode::queue_full;
        case Provoke::broker_down: return ErrorCode::broker_down;
        case Provoke::unknown_topic: return ErrorCode::unknown_topic;
        case Provoke::index_out_of_range: return ErrorCode::index_out_of_range;
    }
    return ErrorCode::none;
}

// Every (request kind, error kind) pair the model can produce, each in a
// scenario of its own. A consumer's requests after the claim can meet a
// down broker only too late: the crash ends the session it held first
// (stale_expected).
inline std::vector<ErrorCase> reply_error_cases() {
    std::vector<ErrorCase> cases;
    auto add = [&cases](MessageType type, Provoke how, ScenarioSpec spec, bool stale = false) {
        cases.push_back({std::string(message_type_name(type)) + " x " + std::string(error_name(provoked_error(how))), type,
                         provoked_error(how), stale, std::move(spec)});
    };
    // Consumer requests: c1 is actor 2 (b1, p1, c1).
    const ScenarioSpec consumer_base = consumer_error_base();
    for (const MessageType type : {MessageType::status, MessageType::claim, MessageType::list_topics, MessageType::get_topic,
                                   MessageType::get_message, MessageType::release}) {
        const TimeNs at_ns = arrival_time(consumer_base, type, 2);
        add(type, Provoke::queue_full, provoked(consumer_base, at_ns, Provoke::queue_full));
        const bool holds = type != MessageType::status && type != MessageType::claim;
        add(type, Provoke::broker_down, provoked(consumer_base, at_ns, Provoke::broker_down), holds);
        if (type == MessageType::get_topic || type == MessageType::get_message) {
            add(type, Provoke::unknown_topic, provoked(consumer_base, at_ns, Provoke::unknown_topic));
        }
        if (type == MessageType::get_message) {
            add(type, Provoke::index_out_of_range, provoked(consumer_base, at_ns, Provoke::index_out_of_range));
        }
    }
    // A lost claim race: two consumers, one broker, at once.
    {
        ScenarioSpec spec = consumer_base;
        spec.consumers.push_back(consumer("c2", {session(5 * error_case_ms, named_topic("t"), named_index(0))}));
        spec.consumers[0].max_attempts = 1;  // the loser has no attempt left: race_lost_refused
        spec.consumers[1].max_attempts = 1;
        cases.push_back({"claim x held_by_other", MessageType::claim, ErrorCode::held_by_other, false, spec});
    }
    // Producer writes: p2 is actor 2 (b1, p1, p2).
    const ProducerActionSpec writes[] = {
        action(10 * error_case_ms, OpKind::publish, "t", "new"),
        action(10 * error_case_ms, OpKind::edit, "t", "edited", 1),
        action(10 * error_case_ms, OpKind::delete_topic, "t"),
        action(10 * error_case_ms, OpKind::delete_message, "t", "", 1),
    };
    for (const ProducerActionSpec& write : writes) {
        const ScenarioSpec base = producer_error_base(write);
        const MessageType type = write.op.kind == OpKind::publish ? MessageType::publish
                                 : write.op.kind == OpKind::edit  ? MessageType::edit
                                 : write.op.kind == OpKind::delete_topic ? MessageType::delete_topic
                                                                         : MessageType::delete_message;
        const TimeNs at_ns = arrival_time(base, type, 2);
        add(type, Provoke::queue_full, provoked(base, at_ns, Provoke::queue_full));
        add(type, Provoke::broker_down, provoked(base, at_ns, Provoke::broker_down));
        if (type != MessageType::publish) add(type, Provoke::unknown_topic, provoked(base, at_ns, Provoke::unknown_topic));
        if (type == MessageType::edit || type == MessageType::delete_message) {
            // Index 1 of a topic whose message 0 was deleted first: out of range.
            add(type, Provoke::index_out_of_range, provoked(base, at_ns, Provoke::index_out_of_range));
        }
    }
    // The log model's requests (log_error_cases.hpp).
    add_log_error_cases([&cases](MessageType type, ErrorCode error, ScenarioSpec spec) {
        cases.push_back({std::string(message_type_name(type)) + " x " + std::string(error_name(error)), type, error, false, std::move(spec)});
    });
    return cases;
}

}  // namespace kafkasim::testing
