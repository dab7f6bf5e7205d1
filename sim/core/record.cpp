// Stable names of the record vocabulary (see record.hpp): they are written
// into traces and read back from scenario expectations.
#include "core/record.hpp"

#include <cassert>

namespace kafkasim {

namespace {

constexpr std::array<std::string_view, message_type_count> message_type_names = {
    "publish", "edit", "delete_topic", "delete_message", "status", "claim",
    "list_topics", "get_topic", "get_message", "release", "reply",
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
