// The Chrome/Perfetto trace-event JSON of a run (the format ui.perfetto.dev
// and chrome://tracing open), written as the run goes.
//
// Layout: one process per actor kind (brokers, producers, consumers) plus
// "network and faults"; one thread (track) per actor, named after it.
// - A broker's service of each request is a slice named after the request
//   (args: client, topic, index, message, error, arrived_us); a request that
//   arrives while it serves another is a zero-length "queued <request>" slice
//   inside the one in service; a refused request (queue_full, broker_down) is
//   a zero-length slice with its error. A crashed broker has a "down" slice
//   until its restart.
// - A consumer's session is a slice ("session", args number and outcome) with
//   one nested slice per stage (asking_status, claiming, ...).
// - A producer's operation is a slice from its send to the last reply (or
//   the last request given up). Operations that overlap go on extra tracks of
//   the same producer ("p1 #2"), up to lanes_max; beyond that an operation
//   has no slice and its messages land on zero-length slices.
// - Every network message is a flow ("s" at the send, "f" with "bp":"e" at
//   the delivery, one id each), from the sending slice to the slice that
//   handles it. A dropped message ends on the "dropped" track; one still in
//   flight when the run (or the window) ends, on a zero-length "in flight at
//   the end" slice of its receiver.
// - Counters per broker: queue_length, serving, busy, up.
// - The log model (model: log): a broker's service slices name the
//   partition, offset and key; a producer's `send` is an operation with one
//   target (the partition's leader). Each group has a track beside its
//   coordinator's ("b1 coordinator of g1"): a "rebalance" slice from
//   rebalance_start to rebalance_end (args: the new generation and the
//   assignment; the join replies leave from it), member_expired as a
//   zero-length slice, and counters "g1 generation" (generation, members),
//   "g1 committed" and "g1 lag" (per partition "orders-0", and total).
//   Each partition's end offset is a counter on its leader's track
//   ("orders-0": end_offset). A consumer's track has a slice per
//   membership phase ("joining", "generation N", "crashed") with one nested
//   slice per record it processes ("process orders-1@5", args key, value),
//   and a zero-length slice for each of its steps (join, poll, heartbeat_tick,
//   commit, leave, consumed) and replies, where its requests start.
// - Faults: slow/drop/partition spans and crash/restart instants on the
//   "faults" track(s); monitor findings as instants on the "monitors" track.
//
// Timestamps are microseconds with three decimals (the nanoseconds kept).
// Events are written in time order, so every track's timestamps are
// monotone; slices open and close as a stack per track. With a window, only
// [from, to] is written: slices open at `from` are begun there (args
// "clipped": true), slices open at `to` end there, and flows are written only
// when they start inside the window.
#pragma once

#include <cstdint>
#include <deque>
#include <iosfwd>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/log_state.hpp"
#include "export/export_options.hpp"

namespace kafkasim {

class PerfettoExport : public ExportSink {
public:
    static constexpr std::uint32_t lanes_max = 32;

    PerfettoExport(std::ostream& out, ExportWindow window);
    ~PerfettoExport() override;

    void begin(const Simulation& initial) override;
    void on_event(std::uint64_t event, const Record& record, const Simulation& state,
                  std::span<const Violation> violations) override;
    void end(const Simulation& final_state, RunStatus status) override;

    // Deliveries whose send this export could not find (a bug if ever > 0;
    // the property tests assert it stays 0).
    std::uint64_t unmatched_deliveries() const { return unmatched_deliveries_; }

private:
    class Writer;

    // A message on its way: its flow id and, for a producer's write and its
    // reply, the operation it belongs to.
    struct InFlight {
        std::uint64_t flow = 0;
        MessageType request = MessageType::reply;
        bool reply = false;
        std::uint64_t operation = 0;  // 0: none
    };
    struct BrokerRequest {
        ActorId client = no_actor;
        MessageType type = MessageType::reply;
        StringId topic = no_string;
        StringId text = no_string;
        std::int64_t index = -1;
        TimeNs arrived_ns = 0;
        std::uint64_t operation = 0;
        std::uint32_t partition = no_partition;  // the log model: partition number in `topic`
        StringId key = no_string;
    };
    struct BrokerTrack {
        std::deque<BrokerRequest> queue;
        bool serving = false;
        BrokerRequest in_service;
        bool down = false;
        std::string counters;  // the last counter values written
    };
    struct Operation {
        std::uint64_t id = 0;
        std::int32_t lane = -1;  // -1: no slice (lanes_max reached)
        MessageType type = MessageType::publish;
        StringId topic = no_string;
        StringId text = no_string;
        std::int64_t index = -1;
        std::vector<ActorId> outstanding;  // targets not answered nor given up
        std::uint32_t acked = 0;
        std::uint32_t failed = 0;
    };
    struct ProducerTrack {
        std::vector<Operation> open;  // oldest first
        std::vector<bool> lane_busy;
        std::uint64_t sent = 0;
        std::uint64_t resent = 0;
    };
    // A log-model consumer: what its slices show (log_consumer_reconcile
    // compares with the state after each event).
    struct LogConsumerTrack {
        bool phase_open = false;
        MemberPhase phase = MemberPhase::not_started;
        std::uint32_t generation = 0;
        bool processing_open = false;
        std::uint64_t consumed = 0;
        std::uint32_t epoch = 0;
        std::uint32_t next_serial = 1;
    };
    // A log-model group at its coordinator.
    struct GroupTrack {
        std::uint32_t tid = 0;                 // 0: no track (too many groups on one coordinator)
        bool rebalancing = false;
        std::vector<std::uint32_t> parked;     // consumers whose join waits for the rebalance, ascending
        std::string counters;                  // the last counter values written
    };
    struct ConsumerTrack {
        Stage stage = Stage::idle;
        std::uint32_t round = 0;
        std::uint32_t request_serial = 0;
        std::uint64_t resent = 0;
        std::uint64_t sessions = 0;
    };

    std::uint32_t thread_id(ActorId actor, std::uint32_t lane) const;
    std::uint32_t faults_thread(std::uint32_t lane) const;
    std::uint32_t dropped_thread() const;
    std::uint32_t monitors_thread() const;
    void name_thread(std::uint32_t tid, std::uint32_t pid, const std::string& name);
    std::string text(const Simulation& state, StringId id) const;
    std::string request_args(const Simulation& state, ActorId client, MessageType type, StringId topic, StringId text,
                             std::int64_t index) const;

    void send(const Simulation& state, TimeNs time_ns, ActorId source, ActorId target, std::uint32_t source_tid,
              MessageType request, bool reply, std::uint64_t operation);
    // Pops the message delivered on source -> target; false if none is known.
    bool delivered(ActorId source, ActorId target, InFlight& message);

    void broker_arrival(const Record& record, const Simulation& state);
    void broker_served(const Record& record, const Simulation& state);
    void broker_start_next(const Record& record, const Simulation& state, ActorId broker);
    void broker_crash(const Record& record, const Simulation& state);
    void broker_restart(const Record& record, const Simulation& state);
    void broker_counters(const Simulation& state, ActorId broker, TimeNs time_ns);

    Operation* find_operation(ActorId producer, std::uint64_t id);
    Operation* find_operation(ActorId producer, ActorId target, MessageType type, StringId topic, StringId text,
                              std::int64_t index);
    void resolve(const Simulation& state, TimeNs time_ns, ActorId producer, Operation& operation, ActorId target, bool ok);
    void producer_produce(const Record& record, const Simulation& state);
    // A producer's targets for `record`: the scenario's, or a log send's leader.
    std::vector<std::uint32_t> operation_targets(const Record& record) const;
    void producer_reply(const Record& record, const Simulation& state);
    void producer_timeout(const Record& record, const Simulation& state);
    void producer_sends(const Record& record, const Simulation& state, ActorId producer);

    void consumer_reply(const Record& record, const Simulation& state);
    void consumer_reconcile(const Record& record, const Simulation& state, ActorId consumer);

    // The log model (perfetto_export.cpp, [SECTION] The log model).
    void log_begin(const Simulation& initial);
    void log_group_record(const Record& record, const Simulation& state);
    void log_coordinator_crash(const Record& record, const Simulation& state);
    void log_consumer_reply(const Record& record, const Simulation& state);
    void log_consumer_fault(const Record& record, const Simulation& state);
    void log_consumer_reconcile(const Record& record, const Simulation& state, ActorId consumer);
    void log_counters(const Record& record, const Simulation& state);
    std::string log_record_args(const Simulation& state, const Record& record) const;

    void dropped(const Record& record, const Simulation& state);
    void fault(const Record& record, const Simulation& state);
    void point(std::uint32_t tid, TimeNs time_ns, const std::string& name, const std::string& args,
               std::uint64_t flow_end = 0, const std::string& flow_name = {});

    std::unique_ptr<Writer> writer_;
    std::size_t brokers_ = 0;
    std::size_t producers_ = 0;
    std::size_t actors_ = 0;
    std::vector<std::string> names_;
    std::vector<std::vector<std::uint32_t>> targets_;  // per producer: broker indices
    std::vector<BrokerTrack> broker_tracks_;
    std::vector<ProducerTrack> producer_tracks_;
    std::vector<ConsumerTrack> consumer_tracks_;
    bool log_model_ = false;
    std::vector<LogConsumerTrack> log_consumer_tracks_;
    std::vector<GroupTrack> group_tracks_;
    std::vector<std::uint64_t> end_offsets_;      // per global partition: the last end_offset written
    std::vector<bool> end_offsets_written_;
    std::vector<std::int32_t> fault_lanes_;  // per fault: its lane while active, -1 else
    std::vector<bool> fault_lane_busy_;
    // Per link (source * actors + target): messages in flight, in send order
    // (links are FIFO). Looked up only; never iterated.
    std::unordered_map<std::uint64_t, std::deque<InFlight>> links_;
    std::uint64_t next_flow_ = 1;
    std::uint64_t next_operation_ = 1;
    std::uint64_t unmatched_deliveries_ = 0;
    std::vector<bool> thread_named_;
};

}  // namespace kafkasim
