// The dictionary model behind a broker (see broker_store.hpp): each data
// request is one TopicDictionary operation, its result copied into the reply the
// client gets and the record observers see.
#include "core/broker_store.hpp"

#include <cassert>

namespace kafkasim {

void serve_data_request(TopicDictionary& store, const Message& request, Message& reply, Record& record,
                        std::vector<StringId>* list) {
    switch (request.type) {
        case MessageType::publish: {
            const TopicDictionary::Published published = store.publish(request.topic, request.text);
            if (published.created) record.flags |= record_flag::topic_created;
            record.kind = RecordKind::published;
            record.index = published.index;
            reply.index = published.index;
            return;
        }
        case MessageType::edit: {
            const TopicDictionary::MessageResult edited = store.edit(request.topic, request.index, request.text);
            reply.error = edited.error;
            if (edited.error != ErrorCode::none) return;
            record.previous = edited.text;
            record.kind = RecordKind::edited;
            return;
        }
        case MessageType::delete_topic: {
            const TopicDictionary::TopicResult deleted = store.delete_topic(request.topic);
            reply.error = deleted.error;
            if (deleted.error != ErrorCode::none) return;
            record.count = deleted.count;
            record.kind = RecordKind::deleted;
            record.flags |= record_flag::whole_topic;
            return;
        }
        case MessageType::delete_message: {
            const TopicDictionary::MessageResult deleted = store.delete_message(request.topic, request.index);
            reply.error = deleted.error;
            if (deleted.error != ErrorCode::none) return;
            record.text = deleted.text;
            record.kind = RecordKind::deleted;
            return;
        }
        case MessageType::list_topics:
            assert(list && "a list reply has a list");
            store.list_topics(*list);
            reply.count = static_cast<std::uint32_t>(list->size());
            record.kind = RecordKind::topics_listed;
            record.count = reply.count;
            return;
        case MessageType::get_topic: {
            // The original returns the whole list, but the consumer only needs
            // its length to choose an index (the message itself is fetched
            // next): sending the count keeps a read O(1) on long topics.
            const TopicDictionary::TopicResult read = store.get_topic(request.topic);
            reply.error = read.error;
            if (read.error != ErrorCode::none) return;
            reply.count = read.count;
            record.kind = RecordKind::topic_read;
            record.count = reply.count;
            return;
        }
        case MessageType::get_message: {
            const TopicDictionary::MessageResult read = store.get_message(request.topic, request.index);
            reply.error = read.error;
            if (read.error != ErrorCode::none) return;
            reply.text = read.text;
            record.kind = RecordKind::message_read;
            record.text = reply.text;
            return;
        }
        default: break;
    }
    assert(false && "not a data request");
}

}  // namespace kafkasim
