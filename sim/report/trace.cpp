// The JSON-lines trace: one object per processed event, in order. The record
// that golden tests compare and other tools read; its fingerprint (FNV-1a 64
// of the bytes) is the cheap regression check printed by `run`.
#include <cassert>

#include "core/prng.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

namespace {

void field_name(std::string& out, std::string_view name) {
    out += ", ";
    append_json_string(out, name);
    out += ": ";
}

void field_string(std::string& out, std::string_view name, std::string_view value) {
    field_name(out, name);
    append_json_string(out, value);
}

void field_integer(std::string& out, std::string_view name, std::int64_t value) {
    field_name(out, name);
    append_integer(out, value);
}

}  // namespace

void append_trace_line(std::string& out, std::size_t event, const Record& r, const Simulation& names, std::string_view violations) {
    const StringTable& strings = names.strings();
    out += "{\"event\": ";
    append_integer(out, static_cast<std::int64_t>(event));
    field_integer(out, "time_ns", r.time_ns);
    field_integer(out, "seq", static_cast<std::int64_t>(r.sequence));
    field_string(out, "kind", record_kind_name(r.kind));
    // An event with no second actor (a timer, a fault) has a null target.
    auto field_actor = [&](std::string_view name, ActorId actor) {
        if (actor == no_actor) {
            field_name(out, name);
            out += "null";
        } else {
            field_string(out, name, names.actor_name(actor));
        }
    };
    field_actor("source", r.source);
    field_actor("target", r.target);
    // The payload: only the fields this record carries.
    out += ", \"payload\": {";
    const std::size_t payload_start = out.size();
    auto separator = [&]() {
        if (out.size() > payload_start) out += ", ";
    };
    auto put_string = [&](std::string_view name, std::string_view value) {
        separator();
        append_json_string(out, name);
        out += ": ";
        append_json_string(out, value);
    };
    auto put_integer = [&](std::string_view name, std::int64_t value) {
        separator();
        append_json_string(out, name);
        out += ": ";
        append_integer(out, value);
    };
    auto put_bool = [&](std::string_view name, bool value) {
        separator();
        append_json_string(out, name);
        out += value ? ": true" : ": false";
    };
    if (r.sent_ns != r.time_ns) put_integer("sent_ns", r.sent_ns);
    if (r.request != MessageType::reply) put_string("request", message_type_name(r.request));
    if (r.topic != no_string) put_string("topic", strings.text(r.topic));
    // Fault events carry the fault's number in the scenario's faults: list,
    // not a message index; and for crash/restart the whole_topic flag means
    // "the dictionary": name both for what they are.
    const bool fault_event = r.kind == RecordKind::crash || r.kind == RecordKind::restart ||
                             r.kind == RecordKind::fault_start || r.kind == RecordKind::fault_end;
    if (r.index >= 0) put_integer(fault_event ? "fault" : "index", r.index);
    if (r.text != no_string) put_string("message", strings.text(r.text));
    if (r.count > 0) put_integer("count", r.count);
    if (r.holder != no_actor) put_string("holder", names.actor_name(r.holder));
    if (r.chosen != no_actor) put_string("chosen", names.actor_name(r.chosen));
    if (r.error != ErrorCode::none) put_string("error", error_name(r.error));
    if (r.reason != Reason::none) put_string("reason", reason_name(r.reason));
    if (r.outcome != SessionOutcome::none) put_string("session", outcome_name(r.outcome));
    if (r.flags & record_flag::topic_created) put_bool("created", true);
    if (r.flags & record_flag::whole_topic) {
        put_bool(r.kind == RecordKind::crash     ? "dictionary_lost"
                 : r.kind == RecordKind::restart ? "initial_load"
                                                 : "whole_topic",
                 true);
    }
    if (r.flags & record_flag::busy) put_bool("busy", true);
    if (r.flags & record_flag::queued) put_bool("queued", true);
    if (r.kind >= RecordKind::ack && r.kind <= RecordKind::release_reply) put_bool("ok", (r.flags & record_flag::ok) != 0);
    if (r.previous != no_string) put_string("previous", strings.text(r.previous));
    out += "}";
    if (!violations.empty()) {
        out += ", \"violations\": [";
        out += violations;
        out += "]";
    }
    out += "}";
}

std::uint64_t write_trace(const RecordedRun& run, std::ostream* out) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    std::string buffer;
    buffer.reserve(1 << 16);
    const auto& records = run.records();
    const Simulation& names = run.final_state();
    const auto& violations = run.monitors().violations();
    std::size_t next_violation = 0;
    std::string found;
    for (std::size_t i = 0; i < records.size(); ++i) {
        // The monitors' findings ride on the event that caused them, so the
        // visualizer can mark it.
        found.clear();
        for (; next_violation < violations.size() && violations[next_violation].event == i; ++next_violation) {
            if (!found.empty()) found += ", ";
            std::string name(monitor_name(violations[next_violation].monitor));
            if (violations[next_violation].healed) name += "_healed";
            append_json_string(found, name);
        }
        append_trace_line(buffer, i, records[i], names, found);
        buffer += '\n';
        if (buffer.size() > (1 << 15) || i + 1 == records.size()) {
            hash = fnv1a64(buffer, hash);
            if (out) out->write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    return hash;
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
