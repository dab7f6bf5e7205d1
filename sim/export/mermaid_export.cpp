// See mermaid_export.hpp.
#include "export/mermaid_export.hpp"

#include <cassert>
#include <ostream>

#include "core/log_state.hpp"
#include "export/export_text.hpp"
#include "report/format.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

bool plain_ascii(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case ' ': case '.': case ',': case '_': case '-': case '+': case '*': case '/': case '=':
        case '!': case '?': case '(': case ')': case '\'': case '@': case '$': case '^': case '~':
            return true;
        default: return false;
    }
}

bool is_arrival(RecordKind kind) {
    return kind <= RecordKind::release || (kind >= RecordKind::append && kind <= RecordKind::leave_group);
}
bool is_reply(RecordKind kind) {
    return (kind >= RecordKind::ack && kind <= RecordKind::release_reply) ||
           (kind >= RecordKind::fetch_reply && kind <= RecordKind::leave_group_reply);
}
bool is_delivery(RecordKind kind) { return is_arrival(kind) || is_reply(kind) || kind == RecordKind::dropped; }

// "orders-1" for a log record's partition.
std::string partition_label(const Simulation& state, const Record& record) {
    return topic_partition_name(state.strings().text(record.topic), record_partition(record));
}

// A log message's short label after its time: "append user-42 -> orders-1",
// "fetch orders-0 @5", "join_group g1", "fetch_reply orders-0 @5: 3 records".
std::string log_label(const Record& record, const Simulation& state, bool reply) {
    const RecordKind kind = record.kind;
    std::string label;
    if (kind == RecordKind::dropped) {
        label = "lost " + std::string(message_type_name(record.request)) + (reply ? " reply" : "");
    } else if (!reply) {
        label = message_type_name(record.request);
    } else {
        label = record_kind_name(kind);
        if (kind == RecordKind::ack || kind == RecordKind::nack) label += " " + std::string(message_type_name(record.request));
    }
    const bool names_partition = record.request == MessageType::append || record.request == MessageType::fetch ||
                                 record.request == MessageType::offset_commit;
    if (record.request == MessageType::append && !reply) {
        label += record_key(record) == no_string ? " (no key)" : " " + state.strings().text(record_key(record));
        label += " -> " + partition_label(state, record);
    } else if (names_partition && record_partition(record) != no_partition && record.topic != no_string) {
        label += " " + partition_label(state, record);
        if (record.index >= 0) label += " @" + std::to_string(record.index);
    } else if (record.topic != no_string) {
        label += " " + state.strings().text(record.topic);  // the group
    }
    if (kind == RecordKind::join_group_reply && (record.flags & record_flag::ok)) {
        label += " generation " + std::to_string(record.index) + ": " +
                 (record.count == 0 ? std::string("idle") : state.strings().text(record.text));
    }
    if (kind == RecordKind::fetch_reply && (record.flags & record_flag::ok)) {
        label += ": " + std::to_string(record.count) + (record.count == 1 ? " record" : " records");
    }
    if (record.error != ErrorCode::none) label += ": " + std::string(error_name(record.error));
    if (record.reason == Reason::offset_reset) label += " (reset to " + std::to_string(record.index) + ")";
    if (record.reason == Reason::stale_reply) label += " (stale)";
    if (kind == RecordKind::dropped) label += " (" + std::string(reason_name(record.reason)) + ")";
    return label;
}

std::string quoted(const Simulation& state, StringId id) {
    return "\"" + state.strings().text(id) + "\"";
}

}  // namespace

std::string mermaid_text(std::string_view text) {
    const std::string shown = printable_text(text);
    std::string out;
    out.reserve(shown.size());
    for (const char byte : shown) {
        const auto c = static_cast<unsigned char>(byte);
        if (c >= 0x80 || plain_ascii(c)) {
            out += byte;  // UTF-8 beyond ASCII, or safe ASCII
        } else {
            out += '#';
            append_unsigned(out, c);
            out += ';';
        }
    }
    if (out.empty()) out = "#32;";  // an empty label is a syntax error
    return out;
}

MermaidExport::MermaidExport(std::ostream& out, const ExportSettings& settings) : out_(out), settings_(settings) {}

std::string MermaidExport::participant(ActorId actor) const { return "A" + std::to_string(actor); }

void MermaidExport::note_all(const std::string& text) {
    out_ << "    Note over " << participant(order_.front());
    if (order_.size() > 1) out_ << ',' << participant(order_.back());
    out_ << ": " << mermaid_text(text) << '\n';
}

void MermaidExport::note_over(ActorId actor, const std::string& text) {
    out_ << "    Note over " << participant(actor) << ": " << mermaid_text(text) << '\n';
}

void MermaidExport::begin(const Simulation& initial) {
    order_.clear();
    // Producers on the left, brokers in the middle, consumers on the right:
    // most arrows then cross one gap.
    for (std::size_t p = 0; p < initial.producers().size(); ++p) order_.push_back(initial.producer_actor(p));
    for (std::size_t b = 0; b < initial.brokers().size(); ++b) order_.push_back(initial.broker_actor(b));
    for (std::size_t c = 0; c < initial.consumers().size(); ++c) order_.push_back(initial.consumer_actor(c));
    out_ << "sequenceDiagram\n";
    for (const ActorId actor : order_) {
        out_ << "    participant " << participant(actor) << " as " << mermaid_text(initial.actor_name(actor)) << '\n';
    }
}

bool MermaidExport::arrow(const Record& record, const Simulation& state) {
    const RecordKind kind = record.kind;
    if (!is_delivery(kind)) return false;
    const bool reply = kind == RecordKind::dropped ? state.is_broker(record.source) : !is_arrival(kind);
    std::string label = format_duration_ns(record.time_ns) + " ";
    if (is_log_record(record)) {
        label += log_label(record, state, reply);
    } else if (kind == RecordKind::dropped) {
        label += "lost " + std::string(message_type_name(record.request)) + (reply ? " reply" : "");
    } else if (!reply) {
        label += message_type_name(record.request);
    } else {
        // The reply kinds of consumers name their request (claim_reply); ack
        // and nack do not.
        label += record_kind_name(kind);
        if (kind == RecordKind::ack || kind == RecordKind::nack) label += " " + std::string(message_type_name(record.request));
    }
    if (!is_log_record(record)) {
        if (record.topic != no_string) label += " " + quoted(state, record.topic);
        if (record.index >= 0) label += "[" + std::to_string(record.index) + "]";
        if (record.text != no_string) label += " = " + quoted(state, record.text);
        if (record.error != ErrorCode::none) label += ": " + std::string(error_name(record.error));
        if (record.reason == Reason::stale_reply) label += " (stale)";
        if (kind == RecordKind::dropped) label += " (" + std::string(reason_name(record.reason)) + ")";
    }
    if (kind == RecordKind::status_reply && record.error == ErrorCode::none) {
        label += (record.flags & record_flag::busy) ? ": busy" : ": idle";
        if (record.holder != no_actor) label += " (held by " + std::string(state.actor_name(record.holder)) + ")";
    }
    if (kind == RecordKind::claim_reply && record.error == ErrorCode::none) label += ": granted";
    if ((kind == RecordKind::list_topics_reply || kind == RecordKind::get_topic_reply) && record.error == ErrorCode::none) {
        label += ": " + std::to_string(record.count);
    }
    const char* shape = kind == RecordKind::dropped ? (reply ? "--x" : "-x") : (reply ? "-->>" : "->>");
    out_ << "    " << participant(record.source) << shape << participant(record.target) << ": " << mermaid_text(label) << '\n';
    return true;
}

void MermaidExport::on_event(std::uint64_t event, const Record& record, const Simulation& state,
                             std::span<const Violation> violations) {
    (void)event;
    const RecordKind kind = record.kind;
    const bool delivery = is_delivery(kind);
    const std::uint64_t limit = settings_.window.set ? window_messages_max : settings_.mermaid_messages_max;
    const bool in_window = settings_.window.set ? settings_.window.contains(record.time_ns) : true;
    if (!in_window || messages_written_ >= limit) {
        if (in_window && delivery) ++messages_left_out_;
        return;
    }
    if (arrow(record, state)) ++messages_written_;
    const std::string time = format_duration_ns(record.time_ns) + " ";
    switch (kind) {
        case RecordKind::crash:
        case RecordKind::restart:
        case RecordKind::fault_start:
        case RecordKind::fault_end: note_all(time + describe(record, state)); break;
        case RecordKind::timeout:
        case RecordKind::status_timeout: note_over(record.source, time + describe(record, state)); break;
        // The log model's group steps, over the coordinator.
        case RecordKind::rebalance_start:
            note_over(record.source, time + state.strings().text(record.topic) + " rebalance starts (" +
                                         std::string(reason_name(record.reason)) + ", " + std::to_string(record.count) + " members)");
            break;
        case RecordKind::rebalance_end:
            note_over(record.source, time + state.strings().text(record.topic) + " generation " + std::to_string(record.index) + ": " +
                                         (record.text == no_string ? std::string("no members") : state.strings().text(record.text)));
            break;
        case RecordKind::member_expired:
            note_over(record.source, time + std::string(state.actor_name(record.target)) + "'s session in " +
                                         state.strings().text(record.topic) + " expired");
            break;
        default: break;
    }
    for (const Violation& violation : violations) {
        note_all(time + std::string(monitor_name(violation.monitor)) + (violation.healed ? " healed: " : ": ") + violation.detail);
    }
}

void MermaidExport::end(const Simulation& final_state, RunStatus status) {
    (void)final_state;
    (void)status;
    if (messages_left_out_ > 0 && !order_.empty()) {
        note_all(std::to_string(messages_left_out_) + " more messages not shown (choose a time window with --export-window FROM..TO)");
    }
    if (messages_written_ == 0 && messages_left_out_ == 0 && !order_.empty()) note_all("no message in this window");
    out_.flush();
}

}  // namespace kafkasim
