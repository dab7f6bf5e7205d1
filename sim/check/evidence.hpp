// ExpectationEvidence: what `expect:` entries need from the events
// themselves (not from the final state), gathered as the run goes, so that
// check and sweep keep no record of the run. Only what the scenario's
// entries ask for is kept, and none of it grows with the number of events:
// - an `event:` entry: its count in and out of the window and the first of
//   each (a few integers);
// - `invariant: acked_writes_present`: per (broker, topic, text) the number
//   of acknowledged publishes still owed and when the last removal was (grows
//   with distinct texts, like the dictionaries themselves, not with events);
// - a consumer entry's failure text: per consumer, how many sessions ended
//   refused or failed and the first three of them.
// A recorded run is fed from its records (evaluate_expectations), through
// the same code.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/event_sink.hpp"
#include "core/spec.hpp"

namespace kafkasim {

// Occurrences of something in a time window: how many fell inside and
// outside, and the first of each (event number, time, a detail text).
struct OccurrenceTally {
    std::uint64_t inside = 0;
    std::uint64_t outside = 0;
    std::uint64_t first_inside_event = 0;
    TimeNs first_inside_ns = 0;
    std::uint64_t first_outside_event = 0;
    TimeNs first_outside_ns = 0;
    std::string first_inside_detail;
    std::string first_outside_detail;

    void add(const OccurrenceSpec& occurrence, std::uint64_t event, TimeNs time_ns, std::string_view detail = {});
};

class ExpectationEvidence final : public EventSink {
public:
    // Decides from `spec.expectations` what to gather. `spec` must outlive it.
    explicit ExpectationEvidence(const ScenarioSpec& spec);

    // Resolves the actor names the entries mention (any state of the run:
    // names do not change).
    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    // on_event without a state, for a recorded run's records (after begin).
    void observe(std::uint64_t event, const Record& record);

    // An `event:` entry (by its index in spec.expectations).
    struct EventWatch {
        std::size_t expectation = 0;
        std::vector<bool> kinds;  // by RecordKind: the entry's trace name ("delete" is two kinds)
        std::optional<ActorId> source, target, actor;
        std::optional<std::string> unknown;  // a name no actor has: the entry fails with it
        OccurrenceTally tally;
    };
    const EventWatch* event_watch(std::size_t expectation) const;

    // acked_writes_present: per (broker, topic, text), the acknowledged
    // publishes that no later edit or delete on that broker removed.
    struct AckedWrites {
        std::uint64_t needed = 0;       // copies the broker must hold
        TimeNs example_acked_ns = 0;    // the first of them: when it was acknowledged
        TimeNs removed_ns = -1;         // the last edit/delete of this text (-1: none)
        std::uint64_t generation = 0;   // the topic's deletions seen (see TopicDeletions)
    };
    using AckedKey = std::tuple<ActorId, StringId, StringId>;  // broker, topic, text
    // The owed copies of each key, in key order; needs an acked_writes_present entry.
    std::vector<std::pair<AckedKey, AckedWrites>> acked_writes() const;

    // Sessions of consumer `c` that ended refused or failed: how many, and
    // the first few (when, the outcome, the last reason and topic recorded
    // for the consumer before it ended). Needs a consumer entry.
    struct SessionEnd {
        SessionOutcome outcome = SessionOutcome::none;
        TimeNs time_ns = 0;
        Reason reason = Reason::none;
        StringId topic = no_string;
    };
    struct ConsumerSessions {
        std::uint64_t ended = 0;
        std::vector<SessionEnd> first;  // at most sessions_shown_max
        Reason last_reason = Reason::none;
        StringId last_topic = no_string;
    };
    static constexpr std::size_t sessions_shown_max = 3;
    const ConsumerSessions* sessions(std::size_t consumer) const;

    // Entries kept (for the memory test): grows with distinct texts at most.
    std::size_t entries_kept() const { return acked_.size() + deleted_.size(); }

private:
    struct TopicDeletions {
        TimeNs deleted_ns = -1;
        std::uint64_t generation = 0;  // bumped by each whole-topic delete
    };
    void observe_acked(const Record& record);
    void observe_sessions(const Record& record);

    const ScenarioSpec& spec_;
    std::vector<EventWatch> events_;
    bool acked_wanted_ = false;
    std::map<AckedKey, AckedWrites> acked_;
    std::map<std::pair<ActorId, StringId>, TopicDeletions> deleted_;
    bool sessions_wanted_ = false;
    ActorId first_consumer_ = 0;
    std::vector<ConsumerSessions> sessions_;
};

}  // namespace kafkasim
