// The JSON-lines trace: one object per processed event, in order. The record
// that golden tests compare and other tools read; its fingerprint (FNV-1a 64
// of the bytes) is the cheap regression check printed by `run`.
//
// One renderer writes every line (render_line); append_trace_line and
// TraceSink only differ in where actor names come from (escaped on each use,
// or once per run). Field order and spelling are the trace's interface: the
// golden traces compare them byte for byte.
#include <cassert>

#include "core/prng.hpp"
#include "report/outputs.hpp"
#include "report/trace_sink.hpp"

namespace kafkasim {

namespace {

template <std::size_t N>
void put(std::string& out, const char (&literal)[N]) {
    out.append(literal, N - 1);
}

void put_quoted_identifier(std::string& out, std::string_view name) {
    // Kind, request, error, reason and session names: plain ASCII
    // identifiers, nothing to escape.
    out += '"';
    out += name;
    out += '"';
}

// `actor_json(out, actor)` appends the actor's name as a JSON string;
// `violations(out)` appends the findings' names (may append nothing).
template <class ActorJson, class Violations>
void render_line(std::string& out, std::uint64_t event, const Record& r, const StringTable& strings, ActorJson actor_json,
                 bool has_violations, Violations violations) {
    put(out, "{\"event\": ");
    append_integer(out, static_cast<std::int64_t>(event));
    put(out, ", \"time_ns\": ");
    append_integer(out, r.time_ns);
    put(out, ", \"seq\": ");
    append_integer(out, static_cast<std::int64_t>(r.sequence));
    put(out, ", \"kind\": ");
    put_quoted_identifier(out, record_kind_name(r.kind));
    // An event with no second actor (a timer, a fault) has a null target.
    put(out, ", \"source\": ");
    if (r.source == no_actor) {
        put(out, "null");
    } else {
        actor_json(out, r.source);
    }
    put(out, ", \"target\": ");
    if (r.target == no_actor) {
        put(out, "null");
    } else {
        actor_json(out, r.target);
    }
    // The payload: only the fields this record carries, ", " between them.
    put(out, ", \"payload\": {");
    bool first = true;
    auto key = [&](std::string_view name) {
        if (!first) put(out, ", ");
        first = false;
        out += '"';
        out += name;
        put(out, "\": ");
    };
    if (r.sent_ns != r.time_ns) {
        key("sent_ns");
        append_integer(out, r.sent_ns);
    }
    if (r.request != MessageType::reply) {
        key("request");
        put_quoted_identifier(out, message_type_name(r.request));
    }
    if (r.topic != no_string) {
        key("topic");
        append_json_string(out, strings.text(r.topic));
    }
    // Fault events carry the fault's number in the scenario's faults: list,
    // not a message index; and for crash/restart the whole_topic flag means
    // "the dictionary": name both for what they are.
    const bool fault_event = r.kind == RecordKind::crash || r.kind == RecordKind::restart ||
                             r.kind == RecordKind::fault_start || r.kind == RecordKind::fault_end;
    if (r.index >= 0) {
        key(fault_event ? "fault" : "index");
        append_integer(out, r.index);
    }
    if (r.text != no_string) {
        key("message");
        append_json_string(out, strings.text(r.text));
    }
    if (r.count > 0) {
        key("count");
        append_integer(out, r.count);
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
        put_quoted_identifier(out, error_name(r.error));
    }
    if (r.reason != Reason::none) {
        key("reason");
        put_quoted_identifier(out, reason_name(r.reason));
    }
    if (r.outcome != SessionOutcome::none) {
        key("session");
        put_quoted_identifier(out, outcome_name(r.outcome));
    }
    if (r.flags & record_flag::topic_created) {
        key("created");
        put(out, "true");
    }
    if (r.flags & record_flag::whole_topic) {
        key(r.kind == RecordKind::crash ? "dictionary_lost" : r.kind == RecordKind::restart ? "initial_load" : "whole_topic");
        put(out, "true");
    }
    if (r.flags & record_flag::busy) {
        key("busy");
        put(out, "true");
    }
    if (r.flags & record_flag::queued) {
        key("queued");
        put(out, "true");
    }
    if (r.kind >= RecordKind::ack && r.kind <= RecordKind::release_reply) {
        key("ok");
        if (r.flags & record_flag::ok) {
            put(out, "true");
        } else {
            put(out, "false");
        }
    }
    if (r.previous != no_string) {
        key("previous");
        append_json_string(out, strings.text(r.previous));
    }
    out += '}';
    if (has_violations) {
        put(out, ", \"violations\": [");
        violations(out);
        out += ']';
    }
    out += '}';
}

// The findings as the trace names them: "divergence", "divergence_healed".
void append_violation_names(std::string& out, std::span<const Violation> violations) {
    bool first = true;
    for (const Violation& violation : violations) {
        if (!first) put(out, ", ");
        first = false;
        out += '"';
        out += monitor_name(violation.monitor);
        if (violation.healed) put(out, "_healed");
        out += '"';
    }
}

// Flush a block once it holds this much: large enough that hashing and
// writing run over long spans, small enough to stay in the L2 cache.
constexpr std::size_t block_bytes = std::size_t{1} << 15;

}  // namespace

void append_trace_line(std::string& out, std::size_t event, const Record& r, const Simulation& names, std::string_view violations) {
    render_line(
        out, event, r, names.strings(), [&](std::string& o, ActorId actor) { append_json_string(o, names.actor_name(actor)); },
        !violations.empty(), [&](std::string& o) { o += violations; });
}

TraceSink::TraceSink(Options options) : options_(options) { buffer_.reserve(block_bytes + 4096); }

void TraceSink::begin(const Simulation& initial) {
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
    const std::size_t start = buffer_.size();
    render_line(
        buffer_, event, record, state.strings(),
        [this](std::string& out, ActorId actor) { out += actor_json_[actor]; }, !violations.empty(),
        [&](std::string& out) { append_violation_names(out, violations); });
    if (options_.listener) {
        options_.listener->on_line(event, record, std::string_view(buffer_).substr(start));
    }
    buffer_ += '\n';
    if (buffer_.size() >= block_bytes) flush();
}

void TraceSink::end(const Simulation&, RunStatus) { flush(); }

void TraceSink::flush() {
    if (buffer_.empty()) return;
    if (options_.fingerprint) hash_ = fnv1a64(buffer_, hash_);
    if (options_.out && !write_failed_) {
        options_.out->write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        write_failed_ = !*options_.out;
    }
    bytes_ += buffer_.size();
    buffer_.clear();
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
