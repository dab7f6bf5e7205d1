// Reading a finished run in tests: dictionaries as plain strings, records of
// one kind, consumed items. Checkers beside the code they check, not inside it.
#pragma once

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/simulation.hpp"
#include "report/outputs.hpp"

namespace kafkasim::testing {

// A broker's dictionary in insertion order, as text.
using Dictionary = std::vector<std::pair<std::string, std::vector<std::string>>>;

inline Dictionary dictionary(const Simulation& simulation, std::size_t broker) {
    Dictionary result;
    for (const Topic& topic : simulation.brokers()[broker].topics) {
        std::vector<std::string> messages;
        for (const StringId text : topic.messages) messages.push_back(simulation.strings().text(text));
        result.emplace_back(simulation.strings().text(topic.name), std::move(messages));
    }
    return result;
}

inline Dictionary dictionary(const std::vector<TopicSpec>& topics) {
    Dictionary result;
    for (const TopicSpec& topic : topics) result.emplace_back(topic.name, topic.messages);
    return result;
}

// Records only, no snapshots: what most tests need, and the fastest.
inline RecordOptions records_only() {
    RecordOptions options;
    options.keep_snapshots = false;
    return options;
}

// A run's trace bytes, fingerprint and final state hash: what determinism
// tests compare between two runs.
struct Traced {
    std::string bytes;
    std::uint64_t fingerprint = 0;
    std::uint64_t state_hash = 0;
    std::size_t events = 0;
};

inline Traced trace_of(const ScenarioSpec& spec) {
    const RecordedRun run(spec, records_only());
    std::ostringstream out;
    Traced traced;
    traced.fingerprint = write_trace(run, &out);
    traced.bytes = out.str();
    traced.state_hash = run.final_state().state_hash();
    traced.events = run.event_count();
    return traced;
}

inline std::vector<Record> records_of(const RecordedRun& run, RecordKind kind) {
    std::vector<Record> result;
    for (const Record& record : run.records()) {
        if (record.kind == kind) result.push_back(record);
    }
    return result;
}

inline std::string text_of(const RecordedRun& run, StringId id) {
    return id == no_string ? std::string("<none>") : run.strings().text(id);
}

// The brokers a consumer consumed from, in order, by name.
inline std::vector<std::string> consumed_brokers(const RecordedRun& run, std::size_t consumer) {
    std::vector<std::string> result;
    const Simulation& state = run.final_state();
    for (const Consumption& item : state.consumers()[consumer].consumed) result.emplace_back(state.actor_name(item.broker));
    return result;
}

// After a run: every broker free and every consumer idle (sessions always
// release what they claimed, whatever their outcome).
inline bool nothing_held(const Simulation& state) {
    for (const Broker& broker : state.brokers()) {
        if (broker.busy || broker.holder != no_actor) return false;
    }
    for (const Consumer& consumer : state.consumers()) {
        if (consumer.stage != Stage::idle || consumer.target != no_actor) return false;
    }
    return true;
}

}  // namespace kafkasim::testing
