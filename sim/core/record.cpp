// Stable names of the record vocabulary (see record.hpp): they are written
// into traces and read back from scenario expectations.
#include "core/record.hpp"

#include <cassert>

namespace kafkasim {

namespace {

constexpr std::array<std::string_view, message_type_count> message_type_names = {
    "publish", "edit", "delete_topic", "delete_message", "status", "claim",
    "list_topics", "get_topic", "get_message", "release", "reply",
    "append", "fetch", "offset_commit", "join_group", "heartbeat", "leave_group",
};

constexpr std::array<std::string_view, record_kind_count> record_kind_names = {
    "publish", "edit", "delete", "delete", "status", "claim", "list_topics", "get_topic",
    "get_message", "release",
    "published", "edited", "deleted", "status_reported", "claim_granted", "claim_refused",
    "topics_listed", "topic_read", "message_read", "released", "rejected",
    "ack", "nack", "status_reply", "claim_reply", "list_topics_reply", "get_topic_reply",
    "get_message_reply", "release_reply",
    "produce", "session_start", "topic_chosen", "index_chosen", "retry",
    "dropped", "crash", "restart", "fault_start", "fault_end", "timeout", "resend", "status_timeout",
    "broker_chosen",
    "send", "append", "fetch", "offset_commit", "join_group", "heartbeat", "leave_group",
    "appended", "fetched", "offset_committed", "member_joined", "heartbeat_answered", "member_left",
    "rebalance_start", "rebalance_end", "member_expired",
    "fetch_reply", "offset_commit_reply", "join_group_reply", "heartbeat_reply", "leave_group_reply",
    "join", "leave", "poll", "consumed", "heartbeat_tick", "commit",
};

}  // namespace

std::string_view message_type_name(MessageType type) {
    const auto i = static_cast<std::size_t>(type);
    assert(i < message_type_names.size());
    return message_type_names[i];
}

std::string_view error_name(ErrorCode error) {
    switch (error) {
        case ErrorCode::none: return "none";
        case ErrorCode::unknown_topic: return "unknown_topic";
        case ErrorCode::index_out_of_range: return "index_out_of_range";
        case ErrorCode::queue_full: return "queue_full";
        case ErrorCode::held_by_other: return "held_by_other";
        case ErrorCode::not_holder: return "not_holder";
        case ErrorCode::broker_down: return "broker_down";
        case ErrorCode::rebalance_in_progress: return "rebalance_in_progress";
        case ErrorCode::unknown_member: return "unknown_member";
        case ErrorCode::illegal_generation: return "illegal_generation";
        case ErrorCode::offset_out_of_range: return "offset_out_of_range";
    }
    assert(false && "unknown error code");
    return "?";
}

std::string_view record_kind_name(RecordKind kind) {
    const auto i = static_cast<std::size_t>(kind);
    assert(i < record_kind_names.size());
    return record_kind_names[i];
}

bool parse_record_kind(std::string_view name, RecordKind& kind) {
    for (std::size_t i = 0; i < record_kind_names.size(); ++i) {
        if (record_kind_names[i] == name) {
            kind = static_cast<RecordKind>(i);
            return true;
        }
    }
    return false;
}

bool log_names_group(const Record& r) {
    switch (r.request) {
        case MessageType::join_group:
        case MessageType::heartbeat:
        case MessageType::leave_group: return true;
        default: break;
    }
    switch (r.kind) {
        case RecordKind::join_group:
        case RecordKind::heartbeat:
        case RecordKind::leave_group:
        case RecordKind::member_joined:
        case RecordKind::heartbeat_answered:
        case RecordKind::member_left:
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::member_expired:
        case RecordKind::join_group_reply:
        case RecordKind::heartbeat_reply:
        case RecordKind::leave_group_reply:
        case RecordKind::join:
        case RecordKind::leave:
        case RecordKind::poll:
        case RecordKind::heartbeat_tick:
        case RecordKind::commit: return true;
        default: return false;
    }
}

std::string_view log_index_field(const Record& r) {
    switch (r.kind) {
        case RecordKind::member_joined:
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::join_group_reply: return "generation";
        case RecordKind::poll: return "commits";
        case RecordKind::crash:
        case RecordKind::restart: return "fault";
        default: break;
    }
    if (log_names_group(r)) return "";
    return "offset";
}

std::string_view log_count_field(const Record& r) {
    switch (r.kind) {
        case RecordKind::send: return "partitions";
        case RecordKind::fetched:
        case RecordKind::fetch_reply: return "records";
        case RecordKind::member_joined:
        case RecordKind::member_left:
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::member_expired: return "members";
        case RecordKind::join_group_reply: return "partitions";
        case RecordKind::poll: return "fetches";
        case RecordKind::consumed:
        case RecordKind::commit:
        case RecordKind::leave: return "commits";
        case RecordKind::crash: return "records_lost";
        case RecordKind::ack: return "log_incarnation";
        default: break;
    }
    // Arrivals: the queue length, as the dictionary's arrivals.
    if (r.kind >= RecordKind::append && r.kind <= RecordKind::leave_group) return "count";
    if (r.request == MessageType::fetch) return "records";
    if (log_names_group(r) || r.request == MessageType::offset_commit) return "generation";
    return "count";
}

std::string_view log_text_field(const Record& r) {
    return r.kind == RecordKind::rebalance_end || r.kind == RecordKind::join_group_reply ? "assignment" : "value";
}

std::string_view reason_name(Reason reason) {
    switch (reason) {
        case Reason::none: return "none";
        case Reason::waiting_replies: return "waiting_replies";
        case Reason::only_idle: return "only_idle";
        case Reason::random_among_idle: return "random_among_idle";
        case Reason::first_idle: return "first_idle";
        case Reason::round_robin: return "round_robin";
        case Reason::least_loaded: return "least_loaded";
        case Reason::all_busy_refused: return "all_busy_refused";
        case Reason::all_busy_retry: return "all_busy_retry";
        case Reason::race_lost_restart: return "race_lost_restart";
        case Reason::race_lost_refused: return "race_lost_refused";
        case Reason::choice_named: return "choice_named";
        case Reason::choice_random: return "choice_random";
        case Reason::choice_first: return "choice_first";
        case Reason::choice_last: return "choice_last";
        case Reason::missing_topic: return "missing_topic";
        case Reason::missing_index: return "missing_index";
        case Reason::no_topics: return "no_topics";
        case Reason::no_messages: return "no_messages";
        case Reason::session_busy: return "session_busy";
        case Reason::drop_random: return "drop_random";
        case Reason::partitioned: return "partitioned";
        case Reason::broker_crashed: return "broker_crashed";
        case Reason::broker_unavailable: return "broker_unavailable";
        case Reason::stale_reply: return "stale_reply";
        case Reason::will_retry: return "will_retry";
        case Reason::gave_up: return "gave_up";
        case Reason::none_answered: return "none_answered";
        case Reason::person_chose: return "person_chose";
        case Reason::waiting_person: return "waiting_person";
        case Reason::broker_refused: return "broker_refused";
        case Reason::already_down: return "already_down";
        case Reason::already_up: return "already_up";
        case Reason::partition_by_key: return "partition_by_key";
        case Reason::partition_round_robin: return "partition_round_robin";
        case Reason::partition_sticky: return "partition_sticky";
        case Reason::member_joined_group: return "member_joined_group";
        case Reason::member_left_group: return "member_left_group";
        case Reason::session_expired: return "session_expired";
        case Reason::no_partitions: return "no_partitions";
        case Reason::processing: return "processing";
        case Reason::caught_up: return "caught_up";
        case Reason::offset_reset: return "offset_reset";
        case Reason::rejoin: return "rejoin";
        case Reason::commit_auto: return "commit_auto";
        case Reason::commit_after_poll: return "commit_after_poll";
        case Reason::commit_manual: return "commit_manual";
        case Reason::coordinator_down: return "coordinator_down";
        case Reason::consumer_crashed: return "consumer_crashed";
    }
    assert(false && "unknown reason");
    return "?";
}

std::string_view outcome_name(SessionOutcome outcome) {
    switch (outcome) {
        case SessionOutcome::none: return "none";
        case SessionOutcome::completed: return "completed";
        case SessionOutcome::refused: return "refused";
        case SessionOutcome::failed: return "failed";
    }
    assert(false && "unknown outcome");
    return "?";
}

}  // namespace kafkasim
