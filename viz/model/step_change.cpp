// See step_change.hpp.
#include "model/step_change.hpp"

namespace kafkasim::viz {

StepChange step_change(const Record& record) {
    StepChange change;
    // Served records: source = client, target = broker.
    change.broker = record.target;
    change.topic = record.topic;
    change.index = record.index;
    change.text = record.text;
    change.count = record.count;
    switch (record.kind) {
        case RecordKind::published:
            change.kind = (record.flags & record_flag::topic_created) ? StepChange::Kind::topic_created : StepChange::Kind::message_added;
            break;
        case RecordKind::edited: change.kind = StepChange::Kind::message_edited; break;
        case RecordKind::deleted:
            change.kind = (record.flags & record_flag::whole_topic) ? StepChange::Kind::topic_deleted : StepChange::Kind::message_removed;
            break;
        case RecordKind::topic_read: change.kind = StepChange::Kind::topic_read; break;
        case RecordKind::message_read: change.kind = StepChange::Kind::message_read; break;
        case RecordKind::topics_listed: change.kind = StepChange::Kind::topics_listed; break;
        default: return StepChange{};
    }
    return change;
}

const char* step_change_verb(StepChange::Kind kind) {
    switch (kind) {
        case StepChange::Kind::none: return "";
        case StepChange::Kind::message_added: return "added";
        case StepChange::Kind::topic_created: return "new topic";
        case StepChange::Kind::message_edited: return "edited";
        case StepChange::Kind::message_removed: return "removed";
        case StepChange::Kind::topic_deleted: return "topic deleted";
        case StepChange::Kind::topic_read: return "read";
        case StepChange::Kind::message_read: return "read";
        case StepChange::Kind::topics_listed: return "listed";
    }
    return "";
}

}  // namespace kafkasim::viz
