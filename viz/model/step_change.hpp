// What the current event changed (or touched) in a broker's dictionary, so
// the Brokers panel can highlight it: a message added, edited or removed, a
// topic created or deleted, or a message/topic read. Taken from the record
// alone: the simulator records what each event did, the viz only shows it.
#pragma once

#include <cstdint>

#include "core/record.hpp"

namespace kafkasim::viz {

struct StepChange {
    enum class Kind : std::uint8_t {
        none,
        message_added,    // published into an existing topic
        topic_created,    // published into a new topic
        message_edited,
        message_removed,  // `text` is the removed message
        topic_deleted,    // `count` messages went with it
        topic_read,       // get topic: the whole topic was sent
        message_read,     // get message: one message was sent
        topics_listed,
    };
    Kind kind = Kind::none;
    ActorId broker = no_actor;
    StringId topic = no_string;
    std::int64_t index = -1;
    StringId text = no_string;
    std::uint32_t count = 0;
};

StepChange step_change(const Record& record);
const char* step_change_verb(StepChange::Kind kind);  // "added", "edited"...

}  // namespace kafkasim::viz
