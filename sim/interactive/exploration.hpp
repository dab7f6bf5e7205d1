// Interactive mode below the UI: a base scenario plus the actions a person
// injected at chosen simulated times, recomputed deterministically. It never
// pokes the model: every injection becomes part of the *scenario* (a producer
// action, a consumer session with the person's choice times, a fault), and
// the run is re-recorded from the start, so a saved exploration is an
// ordinary scenario file that `kafkasim run` reproduces byte for byte.
//
// Branching: injecting at time t while the current branch has injections
// later than t starts a new branch (the injections up to t, then the new
// one); the branch it left becomes the previous one. Two branches are kept,
// current and previous; the person switches between them or discards the
// previous one.
#pragma once

#include "core/recorded_run.hpp"
#include "core/spec.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kafkasim::interactive {

// One thing the person did, at a simulated time. `actor` is a producer index
// (operation), a consumer index (session and picks; the log model's join,
// leave, commit, counting consumers added before), a broker index (crash,
// restart) or a group index (add_consumer).
struct Injection {
    enum class Kind : std::uint8_t {
        operation,        // producer `actor` sends `op`
        session_start,    // consumer `actor` starts a manual session (asks every broker's status)
        pick_broker,      // ...picks `broker`, or its policy when unset
        pick_topic,       // ...picks `topic` from the topics returned
        pick_index,       // ...picks `index` from the messages of that topic
        crash,            // broker `actor` crashes
        restart,          // broker `actor` restarts
        partition_start,  // `groups` stop reaching each other
        partition_heal,   // the latest unhealed injected partition heals
        // The log model (model: log). A send is an `operation` with op.kind send.
        join,             // consumer `actor`, not a member yet, joins its group now (its join_at)
        leave,            // consumer `actor` leaves its group now (its leave_at)
        commit,           // consumer `actor` commits its positions now (one more commit_at time)
        add_consumer,     // a new consumer `name` joins group `actor` now, subscribed as the group's first member
    };
    Kind kind = Kind::operation;
    TimeNs at_ns = 0;
    std::uint32_t actor = 0;
    OperationSpec op;
    std::optional<std::uint32_t> broker;
    std::string topic;
    std::int64_t index = 0;
    std::vector<std::vector<ActorIndex>> groups;
    std::string name;  // add_consumer: the new consumer's name
};

// A line of what the person did, for the branch list: "12.5ms p1 publish ...".
// `spec` names the actors: the base scenario, or one with the injections
// applied (which knows the consumers added by add_consumer).
std::string describe(const Injection& injection, const ScenarioSpec& spec);

// Why an injection was refused (a precondition of the scenario, not a bug).
struct InjectError {
    std::string message;
};

class Exploration {
public:
    explicit Exploration(ScenarioSpec base, RecordOptions options = {});

    const ScenarioSpec& base() const { return base_; }
    // The base scenario plus the current branch's injections.
    ScenarioSpec spec() const;
    // The recording of spec(); rerun() after every change (inject does it).
    const RecordedRun& run() const { return *run_; }
    void rerun();

    // Adds the injection to the current branch (or starts a new branch, see
    // above) and re-records. Returns an error, changing nothing, when it
    // names no such actor or has nothing to apply to (a pick with no session
    // of that consumer started at or before its time, a heal with no
    // partition).
    std::optional<InjectError> inject(Injection injection);

    const std::vector<Injection>& current() const { return current_; }
    const std::optional<std::vector<Injection>>& previous() const { return previous_; }
    // Swaps current and previous (no-op without a previous) and re-records.
    void switch_branch();
    void discard_previous() { previous_.reset(); }

    // The scenario with the injections, without the base scenario's own
    // expectations (they describe the run before the person changed it),
    // plus, with_expectations, `expect:`
    // entries describing the end state (every broker's exact dictionary and
    // up/busy state, every consumer's consumed list, the trace fingerprint;
    // in the log model: each broker up or down, each partition's log, each
    // group's committed offsets, lag, duplicates and rebalances, each
    // consumer's consumed list, the fingerprint).
    ScenarioSpec spec_to_save(bool with_expectations) const;
    // Writes spec_to_save as YAML; false with `error` set when the file
    // cannot be written.
    bool save(const std::string& path, bool with_expectations, std::string& error) const;

    // The trace fingerprint of run() (16 hex digits, as `kafkasim run` prints).
    std::string fingerprint() const;

private:
    std::optional<InjectError> check(const Injection& injection, const std::vector<Injection>& branch) const;
    std::optional<InjectError> check_operation(const OperationSpec& op) const;
    void add_log_expectations(ScenarioSpec& spec) const;  // spec_to_save's, in the log model
    // join, leave, commit, add_consumer (the log model).
    std::optional<InjectError> check_membership(const Injection& injection, const std::vector<Injection>& branch) const;

    ScenarioSpec base_;
    RecordOptions options_;
    std::vector<Injection> current_;
    std::optional<std::vector<Injection>> previous_;
    std::unique_ptr<RecordedRun> run_;
};

// The scenario with `injections` applied, in order. Exposed for tests.
ScenarioSpec apply_injections(const ScenarioSpec& base, const std::vector<Injection>& injections);

}  // namespace kafkasim::interactive
