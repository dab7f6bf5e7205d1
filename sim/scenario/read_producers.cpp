// producers: a count (`producers: 2` -> p1, p2, targets all, nothing to do)
// or a list of {name, targets, actions, workload, timeout, retries, backoff}.
#include "scenario/sections.hpp"
#include "scenario/values.hpp"

#include <limits>

namespace kafkasim::scenario_detail {
namespace {


// targets: all | [b1, b2]; names are resolved in check_scenario.
void read_targets(Reader& reader, const Entry& entry, std::optional<TargetList>& targets) {
    if (entry.value.IsScalar()) {
        if (entry.value.Scalar() == "all") {
            targets.reset();
            return;
        }
        reader.error(entry.pos, "'targets' must be 'all' or a list of broker names, got " + describe(entry.value) +
                                    " (for one broker write [" + message_text(entry.value.Scalar()) + "])");
        return;
    }
    if (!entry.value.IsSequence()) {
        reader.error(entry.pos, "'targets' must be 'all' or a list of broker names, got " + describe(entry.value));
        return;
    }
    targets.emplace();
    targets->pos = entry.pos;
    for_each_item(reader, entry, "each target", [&](const Entry& item) {
        if (auto name = read_name(reader, item)) targets->names.push_back({std::move(*name), item.pos});
    });
}

// The operation of one action: publish {topic, message}, edit {topic, index,
// message}, delete {topic} (the topic) or delete {topic, index} (a message).
void read_operation(Reader& reader, const Entry& entry, OpKind kind, OperationSpec& op) {
    op.kind = kind;
    auto topic = [&](const Entry& e) { op.topic = read_name(reader, e).value_or(""); };
    auto message = [&](const Entry& e) { op.message = read_string(reader, e).value_or(""); };
    auto index = [&](const Entry& e) {
        if (auto value = read_integer(reader, e, 0, index_max)) op.index = static_cast<std::int64_t>(*value);
    };
    switch (kind) {
        case OpKind::publish: {
            const KeyRule rules[] = {{"topic", true, topic}, {"message", true, message}};
            read_mapping(reader, entry, "publish operation", rules);
            return;
        }
        case OpKind::edit: {
            const KeyRule rules[] = {{"topic", true, topic}, {"index", true, index}, {"message", true, message}};
            read_mapping(reader, entry, "edit operation", rules);
            return;
        }
        case OpKind::delete_topic:
        case OpKind::delete_message: {
            // The index decides which delete it is.
            const KeyRule rules[] = {
                {"topic", true, topic},
                {"index", false,
                 [&](const Entry& e) {
                     op.kind = OpKind::delete_message;
                     index(e);
                 }},
            };
            read_mapping(reader, entry, "delete operation", rules);
            return;
        }
    }
}

void read_action(Reader& reader, const Entry& entry, ProducerSpec& producer) {
    ProducerActionSpec action;
    action.pos = reader.source_pos(entry.pos);
    std::optional<Entry> operation_entry;  // the first operation key seen
    OpKind operation_kind = OpKind::publish;
    auto operation = [&](OpKind kind) {
        return [&, kind](const Entry& e) {
            if (operation_entry) {
                reader.error(e.key_pos, "an action has one operation, but this one has '" + operation_entry->key +
                                            "' (line " + std::to_string(operation_entry->key_pos.line) +
                                            ") and '" + e.key + "'; split it into two actions");
                return;
            }
            operation_entry = e;
            operation_kind = kind;
        };
    };
    const KeyRule rules[] = {
        {"at", true, [&](const Entry& e) { action.at_ns = read_duration(reader, e).value_or(0); }},
        {"publish", false, operation(OpKind::publish)},
        {"edit", false, operation(OpKind::edit)},
        {"delete", false, operation(OpKind::delete_topic)},
    };
    const MappingRead read = read_mapping(reader, entry, "action", rules);
    if (!read) return;
    if (!operation_entry) {
        if (!read.misspelt_any({"publish", "edit", "delete"})) {
            reader.error(entry.pos, "the action has no operation: give one of 'publish', 'edit' or 'delete'");
        }
        return;
    }
    read_operation(reader, *operation_entry, operation_kind, action.op);
    producer.actions.push_back(std::move(action));
}

constexpr Keyword<ProducerWorkloadSpec::TopicOrder> topic_orders[] = {
    {"cycle", ProducerWorkloadSpec::TopicOrder::cycle},
    {"random", ProducerWorkloadSpec::TopicOrder::random},
};

void read_workload(Reader& reader, const Entry& entry, ProducerSpec& producer) {
    ProducerWorkloadSpec workload;
    Entry topics_entry;
    const KeyRule rules[] = {
        {"start", false, [&](const Entry& e) { workload.start_ns = read_duration(reader, e).value_or(0); }},
        {"interarrival", true,
         [&](const Entry& e) { workload.interarrival = read_distribution(reader, e).value_or(workload.interarrival); }},
        {"count", true, [&](const Entry& e) { workload.count = read_integer(reader, e, 0, max_count).value_or(0); }},
        {"topics", true,
         [&](const Entry& e) {
             topics_entry = e;
             for_each_item(reader, e, "each topic", [&](const Entry& item) {
                 if (auto topic = read_name(reader, item)) workload.topics.push_back(std::move(*topic));
             });
         }},
        {"topic_order", false,
         [&](const Entry& e) {
             workload.topic_order = read_keyword(reader, e, "topic_order", topic_orders).value_or(workload.topic_order);
         }},
        {"message", false,
         [&](const Entry& e) { workload.message_template = read_string(reader, e).value_or(workload.message_template); }},
    };
    if (!read_mapping(reader, entry, "producer workload", rules)) return;
    if (topics_entry.value.IsSequence() && topics_entry.value.size() == 0) {
        reader.error(topics_entry.pos, "'topics' must name at least one topic");
    }
    producer.workload = std::move(workload);
}

void read_producer(Reader& reader, const Entry& entry, Draft& draft) {
    ProducerSpec producer;
    producer.pos = reader.source_pos(entry.pos);
    std::optional<TargetList> targets;  // default: all
    RetryDraft retry;
    auto retry_key = [&](const Entry& e) { read_retry_key(reader, e, retry); };
    const KeyRule rules[] = {
        {"name", true, [&](const Entry& e) { producer.name = read_name(reader, e).value_or(""); }},
        {"targets", false, [&](const Entry& e) { read_targets(reader, e, targets); }},
        {"actions", false,
         [&](const Entry& e) {
             for_each_item(reader, e, "each action", [&](const Entry& item) { read_action(reader, item, producer); });
         }},
        {"workload", false, [&](const Entry& e) { read_workload(reader, e, producer); }},
        {"timeout", false, retry_key},
        {"retries", false, retry_key},
        {"backoff", false, retry_key},
    };
    read_mapping(reader, entry, "producer", rules);
    finish_retry(reader, retry, producer.retry);
    draft.spec.producers.push_back(std::move(producer));
    draft.producer_targets.push_back(std::move(targets));
}

}  // namespace

void read_producers(Reader& reader, const Entry& entry, Draft& draft) {
    if (entry.value.IsScalar()) {
        const auto count = read_integer(reader, entry, 0, max_actors);
        if (!count || !reader.charge(entry.pos, *count, 0)) return;
        for (std::uint64_t i = 1; i <= *count; ++i) {
            ProducerSpec producer;
            producer.name = numbered_name('p', i);
            producer.pos = reader.source_pos(entry.pos);
            draft.spec.producers.push_back(std::move(producer));
            draft.producer_targets.emplace_back(std::nullopt);
        }
        return;
    }
    if (!entry.value.IsSequence()) {
        reader.error(entry.pos, "'producers' must be a list of producers or a number of producers, got " +
                                    describe(entry.value));
        return;
    }
    for_each_item(reader, entry, "each producer", [&](const Entry& item) { read_producer(reader, item, draft); });
}

}  // namespace kafkasim::scenario_detail
