// The JSON-lines trace: one object per processed event, in order. The record
// that golden tests compare and other tools read; its fingerprint (FNV-1a 64
// of the bytes) is the cheap regression check printed by `run`.
//
// One renderer writes every line (render_line); append_trace_line and
// TraceSink only differ in where actor names come from (escaped on each use,
// or once per run). Field order and spelling are the trace's interface: the
// golden traces compare them byte for byte.
#include <cassert>
#include <charconv>
#include <cstring>
#include <memory>

#include "core/prng.hpp"
#include "report/outputs.hpp"
#include "report/trace_sink.hpp"

namespace kafkasim {

namespace {

// Writes one line into memory reserved beforehand (line_bytes_max): plain
// stores and memcpy, no capacity check or allocation per field.
class LineWriter {
public:
    explicit LineWriter(char* at) : at_(at) {}
    char* end() const { return at_; }

    template <std::size_t N>
    void put(const char (&literal)[N]) {
        std::memcpy(at_, literal, N - 1);
        at_ += N - 1;
    }
    void put(std::string_view bytes) {
        std::memcpy(at_, bytes.data(), bytes.size());
        at_ += bytes.size();
    }
    void put(char c) { *at_++ = c; }
    void integer(std::int64_t value) { at_ = std::to_chars(at_, at_ + 20, value).ptr; }
    void json_string(std::string_view text) { at_ = write_json_string(at_, text); }
    // Kind, request, error, reason and session names: plain ASCII
    // identifiers, nothing to escape.
    void identifier(std::string_view name) {
        put('"');
        put(name);
        put('"');
    }

private:
    char* at_;
};

// Bytes a line may take beyond its texts and names: every key, the
// numbers (20 characters at most) and the identifiers, with a wide margin.
constexpr std::size_t line_fixed_bytes_max = 1024;
constexpr std::size_t violation_bytes_max = 48;  // ", " + "\"divergence_healed\""

// The room one line of `r` needs. `actor_bytes(actor)`: the room for an
// actor's name as a JSON string.
template <class ActorBytes>
std::size_t line_bytes_max(const Record& r, const StringTable& strings, ActorBytes actor_bytes, std::size_t violation_count) {
    std::size_t bytes = line_fixed_bytes_max + violation_count * violation_bytes_max;
    for (const StringId text : {r.topic, r.text, r.previous}) {
        if (text != no_string) bytes += json_string_bytes_max(strings.text(text).size());
    }
    // (a log record's `chosen` is a partition number, not an actor)
    const ActorId chosen = is_log_record(r) ? no_actor : ActorId{r.chosen};
    for (const ActorId actor : {ActorId{r.source}, ActorId{r.target}, ActorId{r.holder}, chosen}) {  // (bit-fields in Record)
        if (actor != no_actor) bytes += actor_bytes(actor);
    }
    return bytes;
}

// The payload of a log-model record (after sent_ns): the request, the
// topic-partition or the group, the offset (or generation), the key and
// value (or assignment), the count under its kind's name, the error,
// reason and ok. Keys are the log kinds' own (core/record.hpp).
template <class Key>
void render_log_payload(LineWriter& out, const Record& r, const StringTable& strings, Key key) {
    if (r.request != MessageType::reply) {
        key("request");
        out.identifier(message_type_name(r.request));
    }
    const bool group = log_names_group(r);
    if (r.topic != no_string) {
        key(group ? "group" : "topic");
        out.json_string(strings.text(r.topic));
    }
    if (!group && r.chosen != no_partition) {
        key("partition");
        out.integer(r.chosen);
    }
    const std::string_view index_field = log_index_field(r);
    if (r.index >= 0 && !index_field.empty()) {
        key(index_field);
        out.integer(r.index);
    }
    if (r.previous != no_string) {
        key("key");
        out.json_string(strings.text(r.previous));
    }
    if (r.text != no_string) {
        key(log_text_field(r));
        out.json_string(strings.text(r.text));
    }
    if (r.count > 0) {
        key(log_count_field(r));
        out.integer(r.count);
    }
    if (r.error != ErrorCode::none) {
        key("error");
        out.identifier(error_name(r.error));
    }
    if (r.reason != Reason::none) {
        key("reason");
        out.identifier(reason_name(r.reason));
    }
    const bool reply = (r.kind >= RecordKind::fetch_reply && r.kind <= RecordKind::leave_group_reply) ||
                       r.kind == RecordKind::ack || r.kind == RecordKind::nack;
    if (reply) {
        key("ok");
        if (r.flags & record_flag::ok) {
            out.put("true");
        } else {
            out.put("false");
        }
    }
}

// `actor_json(out, actor)` writes the actor's name as a JSON string;
// `violations(out)` writes the findings' names (may write nothing).
template <class ActorJson, class Violations>
void render_line(LineWriter& out, std::uint64_t event, const Record& r, const StringTable& strings, ActorJson actor_json,
                 bool has_violations, Violations violations) {
    out.put("{\"event\": ");
    out.integer(static_cast<std::int64_t>(event));
    out.put(", \"time_ns\": ");
    out.integer(r.time_ns);
    out.put(", \"seq\": ");
    out.integer(static_cast<std::int64_t>(r.sequence));
    out.put(", \"kind\": ");
    out.identifier(record_kind_name(r.kind));
    // An event with no second actor (a timer, a fault) has a null target.
    out.put(", \"source\": ");
    if (r.source == no_actor) {
        out.put("null");
    } else {
        actor_json(out, r.source);
    }
    out.put(", \"target\": ");
    if (r.target == no_actor) {
        out.put("null");
    } else {
        actor_json(out, r.target);
    }
    // The payload: only the fields this record carries, ", " between them.
    out.put(", \"payload\": {");
    bool first = true;
    auto key = [&](std::string_view name) {
        if (!first) out.put(", ");
        first = false;
        out.put('"');
        out.put(name);
        out.put("\": ");
    };
    if (r.sent_ns != r.time_ns) {
        key("sent_ns");
        out.integer(r.sent_ns);
    }
    if (is_log_record(r)) {
        render_log_payload(out, r, strings, key);
        out.put('}');
        if (has_violations) {
            out.put(", \"violations\": [");
            violations(out);
            out.put(']');
        }
        out.put('}');
        return;
    }
    if (r.request != MessageType::reply) {
        key("request");
        out.identifier(message_type_name(r.request));
    }
    if (r.topic != no_string) {
        key("topic");
        out.json_string(strings.text(r.topic));
    }
    // Fault events carry the fault's number in the scenario's faults: list,
    // not a message index; and for crash/restart the whole_topic flag means
    // "the dictionary": name both for what they are.
    const bool fault_event = r.kind == RecordKind::crash || r.kind == RecordKind::restart ||
                             r.kind == RecordKind::fault_start || r.kind == RecordKind::fault_end;
    if (r.index >= 0) {
        key(fault_event ? "fault" : "index");
        out.integer(r.index);
    }
    if (r.text != no_string) {
        key("message");
        out.json_string(strings.text(r.text));
    }
    if (r.count > 0) {
        key("count");
        out.integer(r.count);
    }
    if (r.holder != no_actor) {
        key("holder");
        actor_json(out, r.holder);
    }
    if (r.chosen != no_actor) {
        key("chosen");
        actor_json(out, r.chosen);
    }
    if (r.error != ErrorCode::none) {
        key("error");
        out.identifier(error_name(r.error));
    }
    if (r.reason != Reason::none) {
        key("reason");
        out.identifier(reason_name(r.reason));
    }
    if (r.outcome != SessionOutcome::none) {
        key("session");
        out.identifier(outcome_name(r.outcome));
    }
    if (r.flags & record_flag::topic_created) {
        key("created");
        out.put("true");
    }
    if (r.flags & record_flag::whole_topic) {
        key(r.kind == RecordKind::crash ? "dictionary_lost" : r.kind == RecordKind::restart ? "initial_load" : "whole_topic");
        out.put("true");
    }
    if (r.flags & record_flag::logs_lost) {
        key("logs_lost");
        out.put("true");
    }
    if (r.flags & record_flag::busy) {
        key("busy");
        out.put("true");
    }
    if (r.flags & record_flag::queued) {
        key("queued");
        out.put("true");
    }
    if (r.kind >= RecordKind::ack && r.kind <= RecordKind::release_reply) {
        key("ok");
        if (r.flags & record_flag::ok) {
            out.put("true");
        } else {
            out.put("false");
        }
    }
    if (r.previous != no_string) {
        key("previous");
        out.json_string(strings.text(r.previous));
    }
    out.put('}');
    if (has_violations) {
        out.put(", \"violations\": [");
        violations(out);
        out.put(']');
    }
    out.put('}');
}

// The findings as the trace names them: "divergence", "divergence_healed".
void write_violation_names(LineWriter& out, std::span<const Violation> violations) {
    bool first = true;
    for (const Violation& violation : violations) {
        if (!first) out.put(", ");
        first = false;
        out.put('"');
        out.put(monitor_name(violation.monitor));
        if (violation.healed) out.put("_healed");
        out.put('"');
    }
}

// Flush a block once it holds this much: large enough that hashing and
// writing run over long spans, small enough to stay in the L2 cache.
constexpr std::size_t block_bytes = std::size_t{1} << 15;

}  // namespace

void append_trace_line(std::string& out, std::size_t event, const Record& r, const Simulation& names, std::string_view violations) {
    const StringTable& strings = names.strings();
    const std::size_t start = out.size();
    out.resize(start + violations.size() +
               line_bytes_max(r, strings, [&](ActorId actor) { return json_string_bytes_max(names.actor_name(actor).size()); }, 0));
    LineWriter writer(out.data() + start);
    render_line(
        writer, event, r, strings, [&](LineWriter& o, ActorId actor) { o.json_string(names.actor_name(actor)); }, !violations.empty(),
        [&](LineWriter& o) { o.put(violations); });
    out.resize(static_cast<std::size_t>(writer.end() - out.data()));
}

TraceSink::TraceSink(Options options) : options_(options) {}

void TraceSink::reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    std::unique_ptr<char[]> larger(new char[capacity]);
    if (size_ > 0) std::memcpy(larger.get(), buffer_.get(), size_);
    buffer_ = std::move(larger);
    capacity_ = capacity;
}

void TraceSink::begin(const Simulation& initial) {
    // The block buffer is allocated here, not in the constructor: a sink a
    // command builds but does not hand to the run costs nothing.
    reserve(block_bytes + line_fixed_bytes_max * 4);
    actor_json_.clear();
    actor_json_.reserve(initial.actor_count());
    for (std::size_t a = 0; a < initial.actor_count(); ++a) {
        std::string name;
        append_json_string(name, initial.actor_name(static_cast<ActorId>(a)));
        actor_json_.push_back(std::move(name));
    }
}

void TraceSink::on_event(std::uint64_t event, const Record& record, const Simulation& state, std::span<const Violation> violations) {
    assert(actor_json_.size() == state.actor_count() && "TraceSink::begin was not called");
    const std::size_t room =
        line_bytes_max(record, state.strings(), [this](ActorId actor) { return actor_json_[actor].size(); }, violations.size()) + 1;
    if (size_ + room > capacity_) {
        flush();
        reserve(room);  // a line longer than a block (a huge message text)
    }
    char* const start = buffer_.get() + size_;
    LineWriter writer(start);
    render_line(
        writer, event, record, state.strings(), [this](LineWriter& out, ActorId actor) { out.put(actor_json_[actor]); },
        !violations.empty(), [&](LineWriter& out) { write_violation_names(out, violations); });
    if (options_.listener) {
        options_.listener->on_line(event, record, std::string_view(start, static_cast<std::size_t>(writer.end() - start)));
    }
    writer.put('\n');
    size_ = static_cast<std::size_t>(writer.end() - buffer_.get());
    assert(size_ <= capacity_);
    if (size_ >= block_bytes) flush();
}

void TraceSink::end(const Simulation&, RunStatus) { flush(); }

void TraceSink::flush() {
    if (size_ == 0) return;
    const std::string_view block(buffer_.get(), size_);
    if (options_.fingerprint) hash_ = fnv1a64(block, hash_);
    if (options_.out && !write_failed_) {
        options_.out->write(block.data(), static_cast<std::streamsize>(block.size()));
        write_failed_ = !*options_.out;
    }
    bytes_ += size_;
    size_ = 0;
}

std::uint64_t write_trace(const RecordedRun& run, std::ostream* out) {
    TraceSink::Options options;
    options.out = out;
    TraceSink sink(options);
    const Simulation& names = run.final_state();
    sink.begin(names);
    run.for_each_event([&](std::uint64_t event, const Record& record, std::span<const Violation> violations) {
        sink.on_event(event, record, names, violations);
    });
    sink.end(names, run.status());
    return sink.fingerprint();
}

std::string format_fingerprint(std::uint64_t fingerprint) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = hex[fingerprint & 0xf];
        fingerprint >>= 4;
    }
    return out;
}

}  // namespace kafkasim
