// See perfetto_export.hpp. Two parts: a Writer that turns begin/end/flow/
// counter calls into trace-event JSON (tracking each track's open slices, so
// that a time window can begin and end them cleanly), and the export proper,
// which follows the run's records and reads the state right after each event
// to learn what was sent (each actor's counters and serials) and what a
// delivery answers (per-link FIFO queues of the messages in flight: links
// are FIFO in the model, so the n-th delivery on a link is its n-th send).
#include "export/perfetto_export.hpp"

#include <algorithm>
#include <cassert>
#include <optional>
#include <ostream>
#include <utility>

#include "core/log_stats.hpp"
#include "export/export_text.hpp"
#include "report/format.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

constexpr std::uint32_t pid_brokers = 1;
constexpr std::uint32_t pid_producers = 2;
constexpr std::uint32_t pid_consumers = 3;
constexpr std::uint32_t pid_network = 4;
constexpr std::size_t flush_bytes = 1 << 16;

// ,"key":"text"
void arg_string(std::string& args, std::string_view key, std::string_view value) {
    if (!args.empty()) args += ',';
    append_json_string(args, key);
    args += ':';
    append_json_string(args, value);
}

void arg_integer(std::string& args, std::string_view key, std::int64_t value) {
    if (!args.empty()) args += ',';
    append_json_string(args, key);
    args += ':';
    append_signed(args, value);
}

void arg_time(std::string& args, std::string_view key, TimeNs time_ns) {
    if (!args.empty()) args += ',';
    append_json_string(args, key);
    args += ':';
    append_time_us(args, time_ns);
}

std::string flow_name(MessageType request, bool reply) {
    std::string name(message_type_name(request));
    if (reply) name += " reply";
    return name;
}

// Brokers come first in actor order (core/actor_layout.hpp): broker b is actor b.
constexpr ActorId broker_actor_of(std::uint32_t broker) { return static_cast<ActorId>(broker); }

bool is_arrival(RecordKind kind) {
    return kind <= RecordKind::release || (kind >= RecordKind::append && kind <= RecordKind::leave_group);
}
bool is_served(RecordKind kind) {
    return (kind >= RecordKind::published && kind <= RecordKind::rejected) ||
           (kind >= RecordKind::appended && kind <= RecordKind::member_left);
}
bool is_consumer_reply(RecordKind kind) { return kind >= RecordKind::status_reply && kind <= RecordKind::release_reply; }
bool is_log_consumer_reply(RecordKind kind) { return kind >= RecordKind::fetch_reply && kind <= RecordKind::leave_group_reply; }
bool is_log_consumer_step(RecordKind kind) { return kind >= RecordKind::join && kind <= RecordKind::commit; }

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Writer: trace-event JSON, window, open slices
// -----------------------------------------------------------------------------

class PerfettoExport::Writer {
public:
    Writer(std::ostream& out, ExportWindow window) : out_(out), window_(window) {
        buffer_ = "{\"traceEvents\":[\n";
    }

    // Metadata ("M") events carry no time: written whatever the window.
    void metadata(std::uint32_t pid, std::uint32_t tid, std::string_view name, const std::string& args) {
        start_event("M", pid, tid);
        buffer_ += ",\"name\":";
        append_json_string(buffer_, name);
        buffer_ += ",\"args\":{" + args + "}}";
        flush_if_full();
    }

    void begin(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::string_view name, const std::string& args) {
        advance(time_ns);
        Track& track = tracks_[tid];
        track.pid = pid;
        track.open.push_back(OpenSlice{std::string(name), args});
        if (inside()) write_begin(pid, tid, time_ns, name, args);
    }

    void end(std::uint32_t tid, TimeNs time_ns, const std::string& args) {
        advance(time_ns);
        Track& track = tracks_.at(tid);
        assert(!track.open.empty() && "an end without a begin on this track");
        track.open.pop_back();
        if (inside()) write_end(track.pid, tid, time_ns, args);
    }

    bool slice_open(std::uint32_t tid) const {
        const auto found = tracks_.find(tid);
        return found != tracks_.end() && !found->second.open.empty();
    }

    void instant(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::string_view name, const std::string& args) {
        advance(time_ns);
        if (!inside()) return;
        start_event("i", pid, tid);
        buffer_ += ",\"s\":\"t\",\"ts\":";
        append_time_us(buffer_, time_ns);
        buffer_ += ",\"name\":";
        append_json_string(buffer_, name);
        buffer_ += ",\"args\":{" + args + "}}";
        flush_if_full();
    }

    void counter(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::string_view name, const std::string& args) {
        advance(time_ns);
        counters_[std::make_pair(tid, std::string(name))] = Counter{pid, args};
        if (inside()) write_counter(pid, tid, time_ns, name, args);
    }

    // A flow from the topmost open slice of `tid`; `receiver_tid` is where it
    // ends if the window or the run ends first.
    void flow_start(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::uint64_t id, const std::string& name,
                    std::uint32_t receiver_pid, std::uint32_t receiver_tid) {
        advance(time_ns);
        if (!inside()) return;
        assert(slice_open(tid) && "a flow starts inside a slice");
        write_flow("s", pid, tid, time_ns, id, name);
        open_flows_[id] = OpenFlow{receiver_pid, receiver_tid, name};
    }

    // The end of flow `id` on the topmost open slice of `tid`; nothing if its
    // start was not written (before the window).
    void flow_end(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::uint64_t id, const std::string& name) {
        advance(time_ns);
        if (!inside()) return;
        const auto found = open_flows_.find(id);
        if (found == open_flows_.end()) return;
        assert(slice_open(tid) && "a flow ends inside a slice");
        write_flow("f", pid, tid, time_ns, id, name);
        open_flows_.erase(found);
    }

    // Closes everything at the end of the run and ends the JSON document.
    void finish(TimeNs end_ns, const std::string& other_data) {
        if (phase_ == Phase::before && window_.contains(end_ns)) open_window(end_ns);
        if (phase_ == Phase::inside) close_window(std::min(end_ns, window_.to_ns));
        buffer_ += "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":{" + other_data + "}}\n";
        out_ << buffer_;
        out_.flush();
        buffer_.clear();
    }

private:
    enum class Phase : std::uint8_t { before, inside, after };
    struct OpenSlice {
        std::string name;
        std::string args;
    };
    struct Track {
        std::uint32_t pid = 0;
        std::vector<OpenSlice> open;
    };
    struct Counter {
        std::uint32_t pid = 0;
        std::string args;
    };
    struct OpenFlow {
        std::uint32_t pid = 0;
        std::uint32_t tid = 0;
        std::string name;
    };

    bool inside() const { return phase_ == Phase::inside; }

    void advance(TimeNs time_ns) {
        if (phase_ == Phase::before && time_ns >= window_.from_ns) open_window(window_.from_ns);
        if (phase_ == Phase::inside && time_ns > window_.to_ns) close_window(window_.to_ns);
    }

    // Slices already open begin again at the window's start, and counters
    // show their value there.
    void open_window(TimeNs from_ns) {
        phase_ = Phase::inside;
        for (const auto& [tid, track] : tracks_) {
            for (const OpenSlice& slice : track.open) {
                std::string args = slice.args;
                if (!args.empty()) args += ',';
                args += "\"clipped\":true";
                write_begin(track.pid, tid, from_ns, slice.name, args);
            }
        }
        for (const auto& [key, value] : counters_) write_counter(value.pid, key.first, from_ns, key.second, value.args);
    }

    // Flows still in flight end on a zero-length slice of their receiver;
    // open slices end, innermost first.
    void close_window(TimeNs to_ns) {
        std::map<std::uint32_t, std::vector<std::pair<std::uint64_t, OpenFlow>>> by_receiver;
        for (auto& [id, flow] : open_flows_) by_receiver[flow.tid].emplace_back(id, flow);
        for (const auto& [tid, flows] : by_receiver) {
            const std::uint32_t pid = flows.front().second.pid;
            std::string args;
            arg_integer(args, "messages", static_cast<std::int64_t>(flows.size()));
            write_begin(pid, tid, to_ns, "in flight at the end", args);
            for (const auto& [id, flow] : flows) write_flow("f", pid, tid, to_ns, id, flow.name);
            write_end(pid, tid, to_ns, "");
        }
        open_flows_.clear();
        for (const auto& [tid, track] : tracks_) {
            for (std::size_t i = track.open.size(); i > 0; --i) write_end(track.pid, tid, to_ns, "\"open_at_end\":true");
        }
        phase_ = Phase::after;
    }

    void start_event(std::string_view phase, std::uint32_t pid, std::uint32_t tid) {
        if (events_written_++ > 0) buffer_ += ",\n";
        buffer_ += "{\"ph\":\"";
        buffer_ += phase;
        buffer_ += "\",\"pid\":";
        append_unsigned(buffer_, pid);
        buffer_ += ",\"tid\":";
        append_unsigned(buffer_, tid);
    }

    void write_begin(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::string_view name, const std::string& args) {
        start_event("B", pid, tid);
        buffer_ += ",\"ts\":";
        append_time_us(buffer_, time_ns);
        buffer_ += ",\"name\":";
        append_json_string(buffer_, name);
        buffer_ += ",\"args\":{" + args + "}}";
        flush_if_full();
    }

    void write_end(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, const std::string& args) {
        start_event("E", pid, tid);
        buffer_ += ",\"ts\":";
        append_time_us(buffer_, time_ns);
        if (!args.empty()) buffer_ += ",\"args\":{" + args + "}";
        buffer_ += '}';
        flush_if_full();
    }

    void write_counter(std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::string_view name, const std::string& args) {
        start_event("C", pid, tid);
        buffer_ += ",\"ts\":";
        append_time_us(buffer_, time_ns);
        buffer_ += ",\"name\":";
        append_json_string(buffer_, name);
        buffer_ += ",\"args\":{" + args + "}}";
        flush_if_full();
    }

    void write_flow(std::string_view phase, std::uint32_t pid, std::uint32_t tid, TimeNs time_ns, std::uint64_t id,
                    const std::string& name) {
        start_event(phase, pid, tid);
        buffer_ += ",\"ts\":";
        append_time_us(buffer_, time_ns);
        buffer_ += ",\"id\":";
        append_unsigned(buffer_, id);
        buffer_ += ",\"cat\":\"message\",\"name\":";
        append_json_string(buffer_, name);
        // "bp":"e": the end binds to the enclosing slice, not the next one.
        if (phase == "f") buffer_ += ",\"bp\":\"e\"";
        buffer_ += '}';
        flush_if_full();
    }

    void flush_if_full() {
        if (buffer_.size() < flush_bytes) return;
        out_ << buffer_;
        buffer_.clear();
    }

    std::ostream& out_;
    ExportWindow window_;
    Phase phase_ = Phase::before;
    std::string buffer_;
    std::uint64_t events_written_ = 0;
    // Ordered maps: the window's begin and end walk them, so their order is
    // the output's.
    std::map<std::uint32_t, Track> tracks_;
    std::map<std::pair<std::uint32_t, std::string>, Counter> counters_;
    std::map<std::uint64_t, OpenFlow> open_flows_;
};

// -----------------------------------------------------------------------------
// [SECTION] Tracks and messages
// -----------------------------------------------------------------------------

PerfettoExport::PerfettoExport(std::ostream& out, ExportWindow window) : writer_(std::make_unique<Writer>(out, window)) {}

PerfettoExport::~PerfettoExport() = default;

// Thread ids: 100 per actor (its lanes), then the faults' lanes, the dropped
// messages and the monitors; unique across processes, as Perfetto wants.
std::uint32_t PerfettoExport::thread_id(ActorId actor, std::uint32_t lane) const {
    assert(lane < 100);
    return (static_cast<std::uint32_t>(actor) + 1) * 100 + lane;
}
std::uint32_t PerfettoExport::faults_thread(std::uint32_t lane) const {
    return (static_cast<std::uint32_t>(actors_) + 1) * 100 + lane;
}
std::uint32_t PerfettoExport::dropped_thread() const { return (static_cast<std::uint32_t>(actors_) + 2) * 100; }
std::uint32_t PerfettoExport::monitors_thread() const { return (static_cast<std::uint32_t>(actors_) + 3) * 100; }

namespace {
std::uint32_t actor_pid(std::size_t brokers, std::size_t producers, ActorId actor) {
    if (actor < brokers) return pid_brokers;
    if (actor < brokers + producers) return pid_producers;
    return pid_consumers;
}
}  // namespace

void PerfettoExport::name_thread(std::uint32_t tid, std::uint32_t pid, const std::string& name) {
    std::string args;
    arg_string(args, "name", name);
    writer_->metadata(pid, tid, "thread_name", args);
    std::string sort;
    arg_integer(sort, "sort_index", tid);
    writer_->metadata(pid, tid, "thread_sort_index", sort);
}

std::string PerfettoExport::text(const Simulation& state, StringId id) const {
    return id == no_string ? std::string() : state.strings().text(id);
}

std::string PerfettoExport::request_args(const Simulation& state, ActorId client, MessageType type, StringId topic,
                                         StringId message, std::int64_t index) const {
    std::string args;
    arg_string(args, "client", names_[client]);
    arg_string(args, "request", message_type_name(type));
    if (topic != no_string) arg_string(args, is_log_request(type) && type >= MessageType::join_group ? "group" : "topic", text(state, topic));
    if (index >= 0) arg_integer(args, is_log_request(type) ? "offset" : "index", index);
    if (message != no_string) arg_string(args, is_log_request(type) ? "value" : "message", text(state, message));
    return args;
}

namespace {
// The log model's partition and key of a request or record, as args.
void log_request_args(std::string& args, const Simulation& state, std::uint32_t partition, StringId key) {
    if (partition != no_partition) arg_integer(args, "partition", partition);
    if (key != no_string) arg_string(args, "key", state.strings().text(key));
}
}  // namespace

void PerfettoExport::send(const Simulation& state, TimeNs time_ns, ActorId source, ActorId target, std::uint32_t source_tid,
                          MessageType request, bool reply, std::uint64_t operation) {
    (void)state;
    const std::uint64_t id = next_flow_++;
    writer_->flow_start(actor_pid(brokers_, producers_, source), source_tid, time_ns, id, flow_name(request, reply),
                        actor_pid(brokers_, producers_, target), thread_id(target, 0));
    links_[static_cast<std::uint64_t>(source) * actors_ + target].push_back(InFlight{id, request, reply, operation});
}

bool PerfettoExport::delivered(ActorId source, ActorId target, InFlight& message) {
    const auto found = links_.find(static_cast<std::uint64_t>(source) * actors_ + target);
    if (found == links_.end() || found->second.empty()) {
        ++unmatched_deliveries_;
        return false;
    }
    message = found->second.front();
    found->second.pop_front();
    if (found->second.empty()) links_.erase(found);
    return true;
}

void PerfettoExport::point(std::uint32_t tid, TimeNs time_ns, const std::string& name, const std::string& args,
                           std::uint64_t flow_end, const std::string& flow_name_text) {
    const std::uint32_t pid = tid / 100 <= actors_ ? actor_pid(brokers_, producers_, static_cast<ActorId>(tid / 100 - 1)) : pid_network;
    writer_->begin(pid, tid, time_ns, name, args);
    if (flow_end != 0) writer_->flow_end(pid, tid, time_ns, flow_end, flow_name_text);
    writer_->end(tid, time_ns, "");
}

// -----------------------------------------------------------------------------
// [SECTION] The run: begin, each event, end
// -----------------------------------------------------------------------------

void PerfettoExport::begin(const Simulation& initial) {
    const ScenarioSpec& spec = initial.spec();
    brokers_ = initial.brokers().size();
    producers_ = initial.producers().size();
    actors_ = initial.actor_count();
    names_.clear();
    for (ActorId actor = 0; actor < actors_; ++actor) names_.emplace_back(initial.actor_name(actor));
    targets_.clear();
    for (const ProducerSpec& producer : spec.producers) targets_.push_back(producer.targets);
    broker_tracks_.assign(brokers_, BrokerTrack{});
    producer_tracks_.assign(producers_, ProducerTrack{});
    consumer_tracks_.assign(initial.consumers().size(), ConsumerTrack{});
    fault_lanes_.assign(spec.faults.size(), -1);
    fault_lane_busy_.clear();

    const std::pair<std::uint32_t, const char*> processes[] = {
        {pid_brokers, "brokers"}, {pid_producers, "producers"}, {pid_consumers, "consumers"}, {pid_network, "network and faults"}};
    for (const auto& [pid, name] : processes) {
        std::string args;
        arg_string(args, "name", name);
        writer_->metadata(pid, 0, "process_name", args);
        std::string sort;
        arg_integer(sort, "sort_index", pid);
        writer_->metadata(pid, 0, "process_sort_index", sort);
    }
    for (ActorId actor = 0; actor < actors_; ++actor) name_thread(thread_id(actor, 0), actor_pid(brokers_, producers_, actor), names_[actor]);
    name_thread(faults_thread(0), pid_network, "faults");
    fault_lane_busy_.push_back(false);
    name_thread(dropped_thread(), pid_network, "dropped");
    name_thread(monitors_thread(), pid_network, "monitors");

    for (std::size_t p = 0; p < producers_; ++p) {
        producer_tracks_[p].sent = initial.producers()[p].stats.sent;
        producer_tracks_[p].resent = initial.producers()[p].stats.resent;
        producer_tracks_[p].lane_busy.push_back(false);
    }
    for (std::size_t c = 0; c < consumer_tracks_.size(); ++c) {
        const Consumer& consumer = initial.consumers()[c];
        ConsumerTrack& track = consumer_tracks_[c];
        track.stage = consumer.stage;
        track.round = consumer.round;
        track.request_serial = consumer.request_serial;
        track.resent = consumer.stats.resent;
        track.sessions = consumer.stats.sessions_started;
        assert(track.stage == Stage::idle && "a run begins with no session under way");
    }
    log_begin(initial);
    for (ActorId broker = 0; broker < brokers_; ++broker) {
        broker_tracks_[broker].down = !initial.brokers()[broker].up;
        if (broker_tracks_[broker].down) writer_->begin(pid_brokers, thread_id(broker, 0), initial.now_ns(), "down", "");
        broker_counters(initial, broker, initial.now_ns());
    }
}

void PerfettoExport::on_event(std::uint64_t event, const Record& record, const Simulation& state,
                              std::span<const Violation> violations) {
    (void)event;
    const RecordKind kind = record.kind;
    if (is_arrival(kind)) {
        broker_arrival(record, state);
    } else if (is_served(kind)) {
        broker_served(record, state);
    } else if (kind == RecordKind::ack || kind == RecordKind::nack) {
        producer_reply(record, state);
    } else if (is_consumer_reply(kind)) {
        consumer_reply(record, state);
    } else if (is_log_consumer_reply(kind)) {
        log_consumer_reply(record, state);
    } else {
        switch (kind) {
            case RecordKind::produce:
            case RecordKind::send: producer_produce(record, state); break;
            case RecordKind::dropped: dropped(record, state); break;
            case RecordKind::crash:
            case RecordKind::restart:
                if (state.is_consumer(record.source)) {
                    log_consumer_fault(record, state);
                } else if (kind == RecordKind::crash) {
                    broker_crash(record, state);
                } else {
                    broker_restart(record, state);
                }
                break;
            case RecordKind::rebalance_start:
            case RecordKind::rebalance_end:
            case RecordKind::member_expired: log_group_record(record, state); break;
            case RecordKind::fault_start:
            case RecordKind::fault_end: fault(record, state); break;
            case RecordKind::timeout:
                if (state.is_consumer(record.source)) {
                    std::string args;
                    arg_integer(args, "attempt", record.count);
                    arg_string(args, "reason", reason_name(record.reason));
                    point(thread_id(record.source, 0), record.time_ns, "timeout " + std::string(message_type_name(record.request)), args);
                } else {
                    producer_timeout(record, state);
                }
                break;
            case RecordKind::session_start:
                if (record.flags & record_flag::queued) point(thread_id(record.source, 0), record.time_ns, "session queued", "");
                break;
            case RecordKind::status_timeout: {
                std::string args;
                arg_integer(args, "brokers_skipped", record.count);
                point(thread_id(record.source, 0), record.time_ns, "status_timeout", args);
                break;
            }
            default: break;
        }
    }

    // Whoever the event concerns: what their state shows changed (stages,
    // sends, counters).
    const ActorId concerned[] = {record.source, record.target, record.holder};
    for (std::size_t i = 0; i < 3; ++i) {
        const ActorId actor = concerned[i];
        if (actor == no_actor || actor >= actors_) continue;
        bool seen = false;
        for (std::size_t j = 0; j < i; ++j) seen = seen || concerned[j] == actor;
        if (seen) continue;
        if (state.is_broker(actor)) {
            broker_counters(state, actor, record.time_ns);
        } else if (state.is_consumer(actor)) {
            if (log_model_) {
                log_consumer_reconcile(record, state, actor);
            } else {
                consumer_reconcile(record, state, actor);
            }
        } else {
            producer_sends(record, state, actor);
        }
    }

    if (log_model_) log_counters(record, state);

    for (const Violation& violation : violations) {
        std::string args;
        arg_string(args, "detail", violation.detail);
        arg_integer(args, "event", static_cast<std::int64_t>(violation.event));
        std::string name(monitor_name(violation.monitor));
        if (violation.healed) name += " healed";
        writer_->instant(pid_network, monitors_thread(), record.time_ns, name, args);
    }
}

void PerfettoExport::end(const Simulation& final_state, RunStatus status) {
    std::string other;
    arg_string(other, "scenario", final_state.spec().name);
    arg_string(other, "seed", std::to_string(final_state.spec().seed));
    arg_integer(other, "events", static_cast<std::int64_t>(final_state.events_processed()));
    arg_string(other, "status", status == RunStatus::finished        ? "finished"
                                : status == RunStatus::until_reached ? "until_reached"
                                : status == RunStatus::event_limit   ? "event_limit"
                                                                     : "time_limit");
    arg_string(other, "time_unit", "ts is in microseconds with three decimals (nanoseconds)");
    writer_->finish(final_state.end_time_ns(), other);
}

// -----------------------------------------------------------------------------
// [SECTION] Brokers
// -----------------------------------------------------------------------------

void PerfettoExport::broker_arrival(const Record& record, const Simulation& state) {
    const ActorId broker = record.target;
    const ActorId client = record.source;
    BrokerTrack& track = broker_tracks_[broker];
    InFlight message;
    const bool known = delivered(client, broker, message);
    const bool log_request = is_log_request(record.request);
    BrokerRequest request{client,
                          record.request,
                          record.topic,
                          record.text,
                          record.index,
                          record.time_ns,
                          known ? message.operation : 0,
                          log_request ? record_partition(record) : no_partition,
                          log_request ? record_key(record) : no_string};
    const std::uint32_t tid = thread_id(broker, 0);
    const std::string name(message_type_name(record.request));
    const std::string message_flow = flow_name(record.request, false);
    std::string args = request_args(state, client, record.request, record.topic, record.text, record.index);
    log_request_args(args, state, request.partition, request.key);
    arg_time(args, "sent_us", record.sent_ns);
    if (record.error != ErrorCode::none) {
        // Refused at once (queue_full, broker_down): the reply leaves now.
        arg_string(args, "error", error_name(record.error));
        writer_->begin(pid_brokers, tid, record.time_ns, name, args);
        if (known) writer_->flow_end(pid_brokers, tid, record.time_ns, message.flow, message_flow);
        send(state, record.time_ns, broker, client, tid, record.request, true, request.operation);
        writer_->end(tid, record.time_ns, "");
        return;
    }
    if (record.count == 0) {
        // Served at once: the service slice begins with the arrival.
        assert(!track.serving);
        arg_time(args, "arrived_us", record.time_ns);
        writer_->begin(pid_brokers, tid, record.time_ns, name, args);
        if (known) writer_->flow_end(pid_brokers, tid, record.time_ns, message.flow, message_flow);
        track.serving = true;
        track.in_service = request;
    } else {
        arg_integer(args, "queue_length", record.count);
        writer_->begin(pid_brokers, tid, record.time_ns, "queued " + name, args);
        if (known) writer_->flow_end(pid_brokers, tid, record.time_ns, message.flow, message_flow);
        writer_->end(tid, record.time_ns, "");
        track.queue.push_back(request);
    }
    assert(track.queue.size() == state.brokers()[broker].queue.size() && "the export follows the broker's queue");
}

void PerfettoExport::broker_served(const Record& record, const Simulation& state) {
    const ActorId broker = record.target;
    BrokerTrack& track = broker_tracks_[broker];
    assert(track.serving && "a request is served only after its service began");
    const std::uint32_t tid = thread_id(broker, 0);
    if (record.kind == RecordKind::member_joined) {
        // No reply yet: the join is parked until the rebalance ends (or the coordinator crashes).
        const std::size_t c = state.layout().consumer_index(record.source);
        std::vector<std::uint32_t>& parked = group_tracks_[state.spec().consumers[c].group].parked;
        const auto at = std::lower_bound(parked.begin(), parked.end(), static_cast<std::uint32_t>(c));
        if (at == parked.end() || *at != c) parked.insert(at, static_cast<std::uint32_t>(c));
    } else {
        send(state, record.time_ns, broker, record.source, tid, record.request, true, track.in_service.operation);
    }
    if (record.kind == RecordKind::member_left && record.reason != Reason::stale_reply) {
        const std::size_t c = state.layout().consumer_index(record.source);
        std::erase(group_tracks_[state.spec().consumers[c].group].parked, static_cast<std::uint32_t>(c));
    }
    std::string args;
    arg_string(args, "result", record_kind_name(record.kind));
    if (record.error != ErrorCode::none) arg_string(args, "error", error_name(record.error));
    if (record.reason != Reason::none) arg_string(args, "reason", reason_name(record.reason));
    if (is_log_record(record)) {
        if (!log_index_field(record).empty() && record.index >= 0) arg_integer(args, log_index_field(record), record.index);
        if (!log_count_field(record).empty()) arg_integer(args, log_count_field(record), record.count);
    }
    if (record.kind == RecordKind::published || record.kind == RecordKind::message_read) arg_integer(args, "index", record.index);
    if (record.flags & record_flag::topic_created) args += ",\"created\":true";
    if (record.kind == RecordKind::topics_listed || record.kind == RecordKind::topic_read) arg_integer(args, "count", record.count);
    writer_->end(tid, record.time_ns, args);
    track.serving = false;
    broker_start_next(record, state, broker);
}

void PerfettoExport::broker_start_next(const Record& record, const Simulation& state, ActorId broker) {
    BrokerTrack& track = broker_tracks_[broker];
    if (state.brokers()[broker].serving == no_slot) return;
    assert(!track.queue.empty() && "the broker serves the head of its queue");
    track.in_service = track.queue.front();
    track.queue.pop_front();
    track.serving = true;
    const BrokerRequest& request = track.in_service;
    std::string args = request_args(state, request.client, request.type, request.topic, request.text, request.index);
    log_request_args(args, state, request.partition, request.key);
    arg_time(args, "arrived_us", request.arrived_ns);
    arg_time(args, "queue_wait_us", record.time_ns - request.arrived_ns);
    writer_->begin(pid_brokers, thread_id(broker, 0), record.time_ns, message_type_name(request.type), args);
    assert(track.queue.size() == state.brokers()[broker].queue.size());
}

void PerfettoExport::broker_crash(const Record& record, const Simulation& state) {
    const ActorId broker = record.source;
    writer_->instant(pid_network, faults_thread(0), record.time_ns, describe(record, state), "");
    if (record.reason == Reason::already_down) return;
    BrokerTrack& track = broker_tracks_[broker];
    const std::uint32_t tid = thread_id(broker, 0);
    // The request in service and the queued ones get broker_down replies
    // (their connections reset), in that order.
    if (track.serving) {
        send(state, record.time_ns, broker, track.in_service.client, tid, track.in_service.type, true, track.in_service.operation);
        writer_->end(tid, record.time_ns, "\"error\":\"broker_down\",\"lost_in_crash\":true");
        track.serving = false;
    }
    std::string args;
    arg_integer(args, "requests_lost", record.count);
    if (record.flags & record_flag::whole_topic) args += ",\"dictionary_lost\":true";
    writer_->begin(pid_brokers, tid, record.time_ns, "down", args);
    writer_->begin(pid_brokers, tid, record.time_ns, "crash", args);
    for (const BrokerRequest& request : track.queue) send(state, record.time_ns, broker, request.client, tid, request.type, true, request.operation);
    if (log_model_) log_coordinator_crash(record, state);
    writer_->end(tid, record.time_ns, "");
    track.queue.clear();
    track.down = true;
}

void PerfettoExport::broker_restart(const Record& record, const Simulation& state) {
    writer_->instant(pid_network, faults_thread(0), record.time_ns, describe(record, state), "");
    if (record.reason == Reason::already_up) return;
    BrokerTrack& track = broker_tracks_[record.source];
    assert(track.down);
    std::string args;
    arg_integer(args, "topics", record.count);
    writer_->end(thread_id(record.source, 0), record.time_ns, args);
    track.down = false;
}

void PerfettoExport::broker_counters(const Simulation& state, ActorId broker, TimeNs time_ns) {
    const Broker& model = state.brokers()[broker];
    std::string args;
    arg_integer(args, "queue_length", model.queue.size());
    arg_integer(args, "serving", model.serving == no_slot ? 0 : 1);
    arg_integer(args, "busy", model.busy ? 1 : 0);
    arg_integer(args, "up", model.up ? 1 : 0);
    BrokerTrack& track = broker_tracks_[broker];
    if (args == track.counters) return;
    track.counters = args;
    writer_->counter(pid_brokers, thread_id(broker, 0), time_ns, names_[broker], args);
}

// -----------------------------------------------------------------------------
// [SECTION] Producers
// -----------------------------------------------------------------------------

PerfettoExport::Operation* PerfettoExport::find_operation(ActorId producer, std::uint64_t id) {
    for (Operation& operation : producer_tracks_[producer - brokers_].open) {
        if (operation.id == id) return &operation;
    }
    return nullptr;
}

PerfettoExport::Operation* PerfettoExport::find_operation(ActorId producer, ActorId target, MessageType type, StringId topic,
                                                          StringId text_id, std::int64_t index) {
    for (Operation& operation : producer_tracks_[producer - brokers_].open) {
        if (operation.type != type || operation.topic != topic || operation.text != text_id || operation.index != index) continue;
        if (std::find(operation.outstanding.begin(), operation.outstanding.end(), target) != operation.outstanding.end()) {
            return &operation;
        }
    }
    return nullptr;
}

void PerfettoExport::resolve(const Simulation& state, TimeNs time_ns, ActorId producer, Operation& operation, ActorId target,
                             bool ok) {
    (void)state;
    if (target != no_actor) {
        const auto found = std::find(operation.outstanding.begin(), operation.outstanding.end(), target);
        if (found == operation.outstanding.end()) return;
        operation.outstanding.erase(found);
        ++(ok ? operation.acked : operation.failed);
    }
    if (!operation.outstanding.empty()) return;
    ProducerTrack& track = producer_tracks_[producer - brokers_];
    if (operation.lane >= 0) {
        std::string args;
        arg_integer(args, "acked", operation.acked);
        arg_integer(args, "failed", operation.failed);
        writer_->end(thread_id(producer, static_cast<std::uint32_t>(operation.lane)), time_ns, args);
        track.lane_busy[static_cast<std::size_t>(operation.lane)] = false;
    }
    const std::uint64_t id = operation.id;
    track.open.erase(std::find_if(track.open.begin(), track.open.end(), [id](const Operation& o) { return o.id == id; }));
}

std::vector<std::uint32_t> PerfettoExport::operation_targets(const Record& record) const {
    if (record.kind == RecordKind::send) return {static_cast<std::uint32_t>(record.target)};
    return targets_[record.source - brokers_];
}

void PerfettoExport::producer_produce(const Record& record, const Simulation& state) {
    const ActorId producer = record.source;
    ProducerTrack& track = producer_tracks_[producer - brokers_];
    Operation operation;
    operation.id = next_operation_++;
    operation.type = record.request;
    operation.topic = record.topic;
    operation.text = record.text;
    operation.index = record.index;
    for (const std::uint32_t target : operation_targets(record)) operation.outstanding.push_back(static_cast<ActorId>(target));
    // The lowest free lane: overlapping operations stack on extra tracks.
    for (std::size_t lane = 0; lane < track.lane_busy.size(); ++lane) {
        if (!track.lane_busy[lane]) {
            operation.lane = static_cast<std::int32_t>(lane);
            break;
        }
    }
    if (operation.lane < 0 && track.lane_busy.size() < lanes_max) {
        operation.lane = static_cast<std::int32_t>(track.lane_busy.size());
        track.lane_busy.push_back(false);
        name_thread(thread_id(producer, static_cast<std::uint32_t>(operation.lane)), pid_producers,
                    names_[producer] + " #" + std::to_string(operation.lane + 1));
    }
    if (operation.lane >= 0) {
        track.lane_busy[static_cast<std::size_t>(operation.lane)] = true;
        std::string args = request_args(state, producer, record.request, record.topic, record.text, record.index);
        if (record.kind == RecordKind::send) {
            log_request_args(args, state, record_partition(record), record_key(record));
            arg_string(args, "reason", reason_name(record.reason));
        }
        arg_integer(args, "targets", static_cast<std::int64_t>(operation.outstanding.size()));
        writer_->begin(pid_producers, thread_id(producer, static_cast<std::uint32_t>(operation.lane)), record.time_ns,
                       message_type_name(record.request), args);
    }
    const bool answered = operation.outstanding.empty();
    track.open.push_back(std::move(operation));
    if (answered) resolve(state, record.time_ns, producer, track.open.back(), no_actor, true);
}

void PerfettoExport::producer_sends(const Record& record, const Simulation& state, ActorId producer) {
    ProducerTrack& track = producer_tracks_[producer - brokers_];
    const ProducerStats& stats = state.producers()[producer - brokers_].stats;
    const std::uint64_t sent = stats.sent - track.sent;
    const std::uint64_t resent = stats.resent - track.resent;
    track.sent = stats.sent;
    track.resent = stats.resent;
    if (sent > 0) {
        // An operation fans out to every target, in the order given.
        const std::vector<std::uint32_t> targets = operation_targets(record);
        assert((record.kind == RecordKind::produce || record.kind == RecordKind::send) && sent == targets.size());
        const Operation& operation = track.open.back();
        const std::uint32_t tid = thread_id(producer, operation.lane >= 0 ? static_cast<std::uint32_t>(operation.lane) : 0);
        if (operation.lane < 0) writer_->begin(pid_producers, tid, record.time_ns, std::string(message_type_name(record.request)) + " (no lane)", "");
        for (const std::uint32_t target : targets) {
            send(state, record.time_ns, producer, static_cast<ActorId>(target), tid, record.request, false, operation.id);
        }
        if (operation.lane < 0) writer_->end(tid, record.time_ns, "");
    }
    if (resent > 0) {
        // A resend (after a timeout's backoff, or at once) of one request.
        assert(resent == 1 && (record.kind == RecordKind::resend || record.kind == RecordKind::timeout));
        const Operation* operation = find_operation(producer, record.target, record.request, record.topic, record.text, record.index);
        const bool lane = operation && operation->lane >= 0;
        const std::uint32_t tid = thread_id(producer, lane ? static_cast<std::uint32_t>(operation->lane) : 0);
        if (!lane) writer_->begin(pid_producers, tid, record.time_ns, "resend " + std::string(message_type_name(record.request)), "");
        send(state, record.time_ns, producer, record.target, tid, record.request, false, operation ? operation->id : 0);
        if (!lane) writer_->end(tid, record.time_ns, "");
    }
}

void PerfettoExport::producer_reply(const Record& record, const Simulation& state) {
    const ActorId producer = record.target;
    const ActorId broker = record.source;
    InFlight message;
    const bool known = delivered(broker, producer, message);
    const std::string flow = flow_name(record.request, true);
    const bool ok = record.kind == RecordKind::ack;
    Operation* operation = nullptr;
    if (record.reason != Reason::stale_reply) {
        operation = known && message.operation != 0 ? find_operation(producer, message.operation) : nullptr;
        if (!operation) operation = find_operation(producer, broker, record.request, record.topic, record.text, record.index);
    }
    if (operation && operation->lane >= 0) {
        if (known) writer_->flow_end(pid_producers, thread_id(producer, static_cast<std::uint32_t>(operation->lane)), record.time_ns, message.flow, flow);
    } else {
        std::string args;
        arg_string(args, "broker", names_[broker]);
        if (record.error != ErrorCode::none) arg_string(args, "error", error_name(record.error));
        if (record.reason != Reason::none) arg_string(args, "reason", reason_name(record.reason));
        const std::string name = (record.reason == Reason::stale_reply ? "stale " : "") + std::string(record_kind_name(record.kind));
        point(thread_id(producer, 0), record.time_ns, name, args, known ? message.flow : 0, flow);
    }
    if (operation) resolve(state, record.time_ns, producer, *operation, broker, ok);
}

void PerfettoExport::producer_timeout(const Record& record, const Simulation& state) {
    const ActorId producer = record.source;
    Operation* operation = find_operation(producer, record.target, record.request, record.topic, record.text, record.index);
    const std::uint32_t lane = operation && operation->lane >= 0 ? static_cast<std::uint32_t>(operation->lane) : 0;
    std::string args;
    arg_string(args, "broker", names_[record.target]);
    arg_integer(args, "attempt", record.count);
    arg_string(args, "reason", reason_name(record.reason));
    point(thread_id(producer, lane), record.time_ns, "timeout " + std::string(message_type_name(record.request)), args);
    if (operation && record.reason == Reason::gave_up) resolve(state, record.time_ns, producer, *operation, record.target, false);
}

// -----------------------------------------------------------------------------
// [SECTION] Consumers
// -----------------------------------------------------------------------------

void PerfettoExport::consumer_reply(const Record& record, const Simulation& state) {
    (void)state;
    const ActorId consumer = record.target;
    InFlight message;
    const bool known = delivered(record.source, consumer, message);
    const std::string flow = flow_name(record.request, true);
    const ConsumerTrack& track = consumer_tracks_[consumer - brokers_ - producers_];
    const std::uint32_t tid = thread_id(consumer, 0);
    if (record.reason != Reason::stale_reply && track.stage != Stage::idle) {
        // Lands on the stage that waited for it (closed just after, if the
        // reply moves the session on).
        if (known) writer_->flow_end(pid_consumers, tid, record.time_ns, message.flow, flow);
        return;
    }
    std::string args;
    arg_string(args, "broker", names_[record.source]);
    if (record.reason != Reason::none) arg_string(args, "reason", reason_name(record.reason));
    point(tid, record.time_ns, "stale " + std::string(record_kind_name(record.kind)), args, known ? message.flow : 0, flow);
}

void PerfettoExport::consumer_reconcile(const Record& record, const Simulation& state, ActorId consumer) {
    const std::size_t c = consumer - brokers_ - producers_;
    ConsumerTrack& track = consumer_tracks_[c];
    const Consumer& model = state.consumers()[c];
    const std::uint32_t tid = thread_id(consumer, 0);
    const bool started = model.stats.sessions_started != track.sessions;
    const bool new_round = model.round != track.round;
    const bool was_active = track.stage != Stage::idle;
    const bool active = model.stage != Stage::idle;
    const bool ended = was_active && (!active || started);
    const bool stage_changed = model.stage != track.stage || new_round || started;
    if (was_active && (stage_changed || ended)) writer_->end(tid, record.time_ns, "");
    if (ended) {
        std::string args;
        arg_string(args, "outcome", record.outcome == SessionOutcome::none ? "unknown" : outcome_name(record.outcome));
        if (record.reason != Reason::none) arg_string(args, "reason", reason_name(record.reason));
        writer_->end(tid, record.time_ns, args);
    }
    if (active && (!was_active || started)) {
        std::string args;
        arg_integer(args, "number", static_cast<std::int64_t>(model.stats.sessions_started));
        if (model.topic_named != no_string) arg_string(args, "topic", text(state, model.topic_named));
        writer_->begin(pid_consumers, tid, record.time_ns, "session", args);
    }
    if (active && (stage_changed || !was_active)) {
        std::string args;
        arg_integer(args, "attempt", model.attempt);
        if (model.target != no_actor) arg_string(args, "broker", names_[model.target]);
        if (model.chosen_topic != no_string) arg_string(args, "topic", text(state, model.chosen_topic));
        if (model.chosen_index >= 0) arg_integer(args, "index", model.chosen_index);
        writer_->begin(pid_consumers, tid, record.time_ns, stage_name(model.stage), args);
    }
    // What it sent: a status round to every broker, a new request, resends.
    if (new_round) {
        for (ActorId broker = 0; broker < brokers_; ++broker) send(state, record.time_ns, consumer, broker, tid, MessageType::status, false, 0);
    }
    if (model.request_serial != track.request_serial && model.request_serial != 0) {
        send(state, record.time_ns, consumer, model.target, tid, model.request_type, false, 0);
    }
    for (std::uint64_t resent = track.resent; resent < model.stats.resent; ++resent) {
        send(state, record.time_ns, consumer, model.target, tid, model.request_type, false, 0);
    }
    track.stage = model.stage;
    track.round = model.round;
    track.request_serial = model.request_serial;
    track.resent = model.stats.resent;
    track.sessions = model.stats.sessions_started;
}

// -----------------------------------------------------------------------------
// [SECTION] The network and faults
// -----------------------------------------------------------------------------

void PerfettoExport::dropped(const Record& record, const Simulation& state) {
    InFlight message;
    const bool known = delivered(record.source, record.target, message);
    const bool reply = state.is_broker(record.source);
    std::string args;
    arg_string(args, "from", names_[record.source]);
    arg_string(args, "to", names_[record.target]);
    arg_string(args, "reason", reason_name(record.reason));
    arg_time(args, "sent_us", record.sent_ns);
    if (record.topic != no_string) arg_string(args, "topic", text(state, record.topic));
    if (record.error != ErrorCode::none) arg_string(args, "error", error_name(record.error));
    const std::string flow = flow_name(record.request, reply);
    point(dropped_thread(), record.time_ns, "lost " + flow, args, known ? message.flow : 0, flow);
}

void PerfettoExport::fault(const Record& record, const Simulation& state) {
    const std::size_t f = static_cast<std::size_t>(record.index);
    assert(f < fault_lanes_.size());
    std::string name = describe(record, state);
    for (const std::string_view suffix : {std::string_view(" begins"), std::string_view(" heals")}) {
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
            name.resize(name.size() - suffix.size());
        }
    }
    if (record.kind == RecordKind::fault_start) {
        if (fault_lanes_[f] >= 0) return;  // active already
        std::size_t lane = 0;
        while (lane < fault_lane_busy_.size() && fault_lane_busy_[lane]) ++lane;
        if (lane == fault_lane_busy_.size()) {
            if (lane >= lanes_max) {
                writer_->instant(pid_network, faults_thread(0), record.time_ns, name + " begins", "");
                return;
            }
            fault_lane_busy_.push_back(false);
            name_thread(faults_thread(static_cast<std::uint32_t>(lane)), pid_network, "faults #" + std::to_string(lane + 1));
        }
        fault_lane_busy_[lane] = true;
        fault_lanes_[f] = static_cast<std::int32_t>(lane);
        std::string args;
        arg_integer(args, "fault", static_cast<std::int64_t>(f));
        writer_->begin(pid_network, faults_thread(static_cast<std::uint32_t>(lane)), record.time_ns, name, args);
    } else {
        if (fault_lanes_[f] < 0) {
            writer_->instant(pid_network, faults_thread(0), record.time_ns, name + " heals", "");
            return;
        }
        const auto lane = static_cast<std::uint32_t>(fault_lanes_[f]);
        writer_->end(faults_thread(lane), record.time_ns, "");
        fault_lane_busy_[lane] = false;
        fault_lanes_[f] = -1;
    }
}

// -----------------------------------------------------------------------------
// [SECTION] The log model
// -----------------------------------------------------------------------------

void PerfettoExport::log_begin(const Simulation& initial) {
    log_model_ = initial.is_log_model();
    log_consumer_tracks_.clear();
    group_tracks_.clear();
    end_offsets_.clear();
    end_offsets_written_.clear();
    if (!log_model_) return;
    const LogModel& model = initial.log_model();
    log_consumer_tracks_.assign(model.consumers.size(), LogConsumerTrack{});
    for (std::size_t c = 0; c < model.consumers.size(); ++c) log_consumer_tracks_[c].next_serial = model.consumers[c].next_serial;
    // A group's track is a lane of its coordinator's: lane 1 + the group's
    // rank among the groups that broker coordinates.
    std::vector<std::uint32_t> groups_on(brokers_, 0);
    group_tracks_.assign(model.groups.size(), GroupTrack{});
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        const std::uint32_t broker = model.layout.coordinator[g];
        const std::uint32_t lane = 1 + groups_on[broker]++;
        if (lane >= 100) continue;  // beyond 99 groups on one broker: no track of its own
        group_tracks_[g].tid = thread_id(broker_actor_of(broker), lane);
        name_thread(group_tracks_[g].tid, pid_brokers,
                    names_[broker] + " coordinator of " + std::string(initial.strings().text(model.layout.group_names[g])));
    }
    end_offsets_.assign(model.partitions.size(), 0);
    end_offsets_written_.assign(model.partitions.size(), false);
}

std::string PerfettoExport::log_record_args(const Simulation& state, const Record& record) const {
    std::string args;
    if (record.topic != no_string) arg_string(args, log_names_group(record) ? "group" : "topic", text(state, record.topic));
    if (record_partition(record) != no_partition && !log_names_group(record)) arg_integer(args, "partition", record_partition(record));
    if (!log_index_field(record).empty() && record.index >= 0) arg_integer(args, log_index_field(record), record.index);
    if (!log_count_field(record).empty()) arg_integer(args, log_count_field(record), record.count);
    if (record_key(record) != no_string) arg_string(args, "key", text(state, record_key(record)));
    if (record.text != no_string) arg_string(args, log_text_field(record).empty() ? "text" : log_text_field(record), text(state, record.text));
    if (record.error != ErrorCode::none) arg_string(args, "error", error_name(record.error));
    if (record.reason != Reason::none) arg_string(args, "reason", reason_name(record.reason));
    return args;
}

// rebalance_start / rebalance_end / member_expired on the group's track.
void PerfettoExport::log_group_record(const Record& record, const Simulation& state) {
    const ActorId coordinator = record.source;
    const LogModel& model = state.log_model();
    std::size_t g = 0;
    while (g < model.layout.group_names.size() && model.layout.group_names[g] != record.topic) ++g;
    assert(g < group_tracks_.size() && "a group record names its group");
    GroupTrack& track = group_tracks_[g];
    const std::uint32_t tid = track.tid != 0 ? track.tid : thread_id(coordinator, 0);
    const std::string args = log_record_args(state, record);
    switch (record.kind) {
        case RecordKind::rebalance_start:
            assert(!track.rebalancing);
            writer_->begin(pid_brokers, tid, record.time_ns, "rebalance", args);
            track.rebalancing = true;
            break;
        case RecordKind::rebalance_end: {
            // Every member's parked join is answered from the rebalance's slice.
            if (!track.rebalancing) writer_->begin(pid_brokers, tid, record.time_ns, "rebalance", args);
            for (const CoordinatorMember& member : model.groups[g].members) {
                send(state, record.time_ns, coordinator, state.consumer_actor(member.consumer), tid, MessageType::join_group, true, 0);
            }
            track.parked.clear();
            writer_->end(tid, record.time_ns, args);
            track.rebalancing = false;
            break;
        }
        default: {
            const std::size_t c = state.layout().consumer_index(record.target);
            std::erase(track.parked, static_cast<std::uint32_t>(c));
            writer_->begin(pid_brokers, tid, record.time_ns, "member_expired " + names_[record.target], args);
            writer_->end(tid, record.time_ns, "");
            break;
        }
    }
}

// A coordinator's crash (inside its "crash" slice): parked joins get
// broker_down replies, in member order as the engine sends them, and its
// groups' rebalances end.
void PerfettoExport::log_coordinator_crash(const Record& record, const Simulation& state) {
    const LogModel& model = state.log_model();
    const std::uint32_t tid = thread_id(record.source, 0);
    for (std::size_t g = 0; g < group_tracks_.size(); ++g) {
        if (broker_actor_of(model.layout.coordinator[g]) != record.source) continue;
        GroupTrack& track = group_tracks_[g];
        for (const std::uint32_t c : track.parked) {
            send(state, record.time_ns, record.source, state.consumer_actor(c), tid, MessageType::join_group, true, 0);
        }
        track.parked.clear();
        if (track.rebalancing) {
            writer_->end(track.tid != 0 ? track.tid : tid, record.time_ns, "\"error\":\"broker_down\",\"lost_in_crash\":true");
            track.rebalancing = false;
        }
    }
}

void PerfettoExport::log_consumer_reply(const Record& record, const Simulation& state) {
    const ActorId consumer = record.target;
    InFlight message;
    const bool known = delivered(record.source, consumer, message);
    std::string args;
    arg_string(args, "broker", names_[record.source]);
    args += ',' + log_record_args(state, record);
    const std::string name = (record.reason == Reason::stale_reply ? "stale " : "") + std::string(record_kind_name(record.kind));
    point(thread_id(consumer, 0), record.time_ns, name, args, known ? message.flow : 0, flow_name(record.request, true));
}

void PerfettoExport::log_consumer_fault(const Record& record, const Simulation& state) {
    writer_->instant(pid_network, faults_thread(0), record.time_ns, describe(record, state), "");
}

// A consumer's slices follow its state: the membership phase (outer), the
// record in process (inner); then its step, with the requests it sent.
void PerfettoExport::log_consumer_reconcile(const Record& record, const Simulation& state, ActorId consumer) {
    const std::size_t c = state.layout().consumer_index(consumer);
    LogConsumerTrack& track = log_consumer_tracks_[c];
    const LogConsumer& model = state.log_model().consumers[c];
    const std::uint32_t tid = thread_id(consumer, 0);
    const bool phase_changed = model.phase != track.phase || model.generation != track.generation;
    const bool consumed = model.consumed.size() != track.consumed;
    if (track.processing_open && (!model.processing || consumed || model.epoch != track.epoch || phase_changed)) {
        std::string args;
        args += consumed ? "\"consumed\":true" : "\"consumed\":false";
        writer_->end(tid, record.time_ns, args);
        track.processing_open = false;
    }
    if (phase_changed && track.phase_open) {
        writer_->end(tid, record.time_ns, "");
        track.phase_open = false;
    }
    if (phase_changed || (!track.phase_open && model.phase != MemberPhase::not_started && model.phase != MemberPhase::left)) {
        std::string name;
        std::string args;
        switch (model.phase) {
            case MemberPhase::joining: name = "joining"; break;
            case MemberPhase::stable: {
                name = "generation " + std::to_string(model.generation);
                std::string owned;
                for (const OwnedPartition& partition : model.owned) {
                    const LogLayout& layout = state.log_model().layout;
                    if (!owned.empty()) owned += ", ";
                    owned += topic_partition_name(text(state, layout.topic_names[layout.topic_of[partition.partition]]),
                                                  layout.local(partition.partition));
                }
                arg_string(args, "partitions", owned);
                break;
            }
            case MemberPhase::crashed: name = "crashed"; break;
            default: break;
        }
        if (!name.empty()) {
            writer_->begin(pid_consumers, tid, record.time_ns, name, args);
            track.phase_open = true;
        }
    }
    if (model.processing && !track.processing_open && !model.buffer.empty()) {
        const BufferedRecord& item = model.buffer.front();
        const LogLayout& layout = state.log_model().layout;
        std::string args;
        arg_string(args, "topic", text(state, layout.topic_names[layout.topic_of[item.partition]]));
        arg_integer(args, "partition", layout.local(item.partition));
        arg_integer(args, "offset", static_cast<std::int64_t>(item.record.offset));
        if (item.record.key != no_string) arg_string(args, "key", text(state, item.record.key));
        arg_string(args, "value", text(state, item.record.value));
        writer_->begin(pid_consumers, tid, record.time_ns,
                       "process " + topic_partition_name(text(state, layout.topic_names[layout.topic_of[item.partition]]),
                                                         layout.local(item.partition)) +
                           "@" + std::to_string(item.record.offset),
                       args);
        track.processing_open = true;
    }
    // What it sent in this event: its requests carry serials in send order
    // (links are FIFO, so that is also each link's order).
    std::vector<const Message*> sent;
    if (model.next_serial != track.next_serial) {
        state.for_each_in_flight([&](const Message& message, TimeNs) {
            if (message.source == consumer && message.type != MessageType::reply && message.serial >= track.next_serial &&
                message.serial < model.next_serial) {
                sent.push_back(&message);
            }
        });
        std::sort(sent.begin(), sent.end(), [](const Message* a, const Message* b) { return a->serial < b->serial; });
        assert(sent.size() == model.next_serial - track.next_serial && "every request sent is in flight");
    }
    const bool step = is_log_consumer_step(record.kind) && record.source == consumer;
    if (step || !sent.empty()) {
        writer_->begin(pid_consumers, tid, record.time_ns, step ? std::string(record_kind_name(record.kind)) : "sends",
                       step ? log_record_args(state, record) : std::string());
        for (const Message* message : sent) send(state, record.time_ns, consumer, message->target, tid, message->type, false, 0);
        writer_->end(tid, record.time_ns, "");
    }
    track.phase = model.phase;
    track.generation = model.generation;
    track.consumed = model.consumed.size();
    track.epoch = model.epoch;
    track.next_serial = model.next_serial;
}

// Counters: each partition's end offset (on its leader's track) and each
// group's generation, committed offsets and lag (on the group's track),
// written when they change.
void PerfettoExport::log_counters(const Record& record, const Simulation& state) {
    switch (record.kind) {
        case RecordKind::appended:
        case RecordKind::offset_committed:
        case RecordKind::crash:
        case RecordKind::restart:
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::member_joined:
        case RecordKind::member_left:
        case RecordKind::member_expired: break;
        default: return;
    }
    const LogModel& model = state.log_model();
    const LogLayout& layout = model.layout;
    auto partition_name = [&](std::uint32_t p) {
        return topic_partition_name(text(state, layout.topic_names[layout.topic_of[p]]), layout.local(p));
    };
    for (std::uint32_t p = 0; p < model.partitions.size(); ++p) {
        const std::uint64_t end = model.partitions[p].end_offset();
        if (end_offsets_written_[p] && end_offsets_[p] == end) continue;
        end_offsets_[p] = end;
        end_offsets_written_[p] = true;
        std::string args;
        arg_integer(args, "end_offset", static_cast<std::int64_t>(end));
        writer_->counter(pid_brokers, thread_id(broker_actor_of(layout.leader[p]), 0), record.time_ns, partition_name(p), args);
    }
    for (std::size_t g = 0; g < group_tracks_.size(); ++g) {
        GroupTrack& track = group_tracks_[g];
        const CoordinatedGroup& group = model.groups[g];
        const GroupLag lag = group_lag(state, g);
        std::string generation;
        arg_integer(generation, "generation", group.group.generation());
        arg_integer(generation, "members", static_cast<std::int64_t>(group.members.size()));
        std::string committed;
        std::string lags;
        for (const auto& [p, partition_lag] : lag.partitions) {
            const std::optional<std::uint64_t> offset = group.group.committed(log::TopicPartition{layout.topic_of[p], layout.local(p)});
            arg_integer(committed, partition_name(p), offset ? static_cast<std::int64_t>(*offset) : 0);
            arg_integer(lags, partition_name(p), static_cast<std::int64_t>(partition_lag));
        }
        arg_integer(lags, "total", static_cast<std::int64_t>(lag.total));
        const std::string all = generation + "|" + committed + "|" + lags;
        if (all == track.counters) continue;
        track.counters = all;
        const std::uint32_t tid = track.tid != 0 ? track.tid : thread_id(broker_actor_of(layout.coordinator[g]), 0);
        const std::string group_name = text(state, layout.group_names[g]);
        writer_->counter(pid_brokers, tid, record.time_ns, group_name + " generation", generation);
        if (!committed.empty()) writer_->counter(pid_brokers, tid, record.time_ns, group_name + " committed", committed);
        writer_->counter(pid_brokers, tid, record.time_ns, group_name + " lag", lags);
    }
}

}  // namespace kafkasim
