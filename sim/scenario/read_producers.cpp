// producers: a count (`producers: 2` -> p1, p2, targets all, nothing to do)
// or a list of {name, targets, actions, workload, timeout, retries, backoff}.
// The log model's producers have no targets (a record goes to its
// partition's leader) and one operation, send {topic, key, value}; they add
// {partitioner, batch_records}, and their workload {keys, key_order, value}.
#include "scenario/log_words.hpp"
#include "scenario/sections.hpp"
#include "scenario/values.hpp"

#include <limits>

namespace kafkasim::scenario_detail {
namespace {

constexpr std::string_view send_example = "{at: 1ms, send: {topic: orders, key: \"user-42\", value: \"order 1\"}}";


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
// message}, delete {topic} (the topic) or delete {topic, index} (a message);
// in the log model send {topic, key, value} (the key optional).
void read_operation(Reader& reader, const Entry& entry, OpKind kind, OperationSpec& op, Draft& draft) {
    op.kind = kind;
    auto topic = [&](const Entry& e) { op.topic = read_name(reader, e).value_or(""); };
    auto message = [&](const Entry& e) { op.message = read_string(reader, e).value_or(""); };
    auto index = [&](const Entry& e) {
        if (auto value = read_integer(reader, e, 0, index_max)) op.index = static_cast<std::int64_t>(*value);
    };
    switch (kind) {
        case OpKind::send: {
            const KeyRule rules[] = {
                {"topic", true,
                 [&](const Entry& e) {
                     topic(e);
                     if (!op.topic.empty()) draft.producer_topics.push_back({{op.topic, e.pos}, "the send"});
                 }},
                {"key", false, [&](const Entry& e) { op.key = read_string(reader, e); }},
                {"value", true, message, "the record's value, a string (it may be empty: \"\")"},
            };
            read_mapping(reader, entry, "send operation", rules);
            return;
        }
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

void read_action(Reader& reader, const Entry& entry, ProducerSpec& producer, Draft& draft) {
    ProducerActionSpec action;
    action.pos = reader.source_pos(entry.pos);
    std::optional<Entry> operation_entry;  // the first operation key seen
    OpKind operation_kind = OpKind::publish;
    bool other_model = false;  // an operation of the other model was given (and reported)
    auto operation = [&](OpKind kind) {
        return [&, kind](const Entry& e) {
            if ((kind == OpKind::send) != draft.log_model()) {
                other_model = true;
                if (kind == OpKind::send) {
                    reader.error(e.key_pos, "'send' is the log model's operation: it needs `model: log` (the "
                                            "dictionary model's producers publish, edit and delete)");
                } else {
                    reader.error(e.key_pos, quote_for_message(e.key) + " is an operation of the dictionary model: the "
                                            "log model's producers `send`, e.g. " + std::string(send_example));
                }
                return;
            }
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
    const bool log = draft.log_model();
    const KeyRule rules[] = {
        {"at", true, [&](const Entry& e) { action.at_ns = read_duration(reader, e).value_or(0); }},
        {"publish", false, operation(OpKind::publish), {}, !log},
        {"edit", false, operation(OpKind::edit), {}, !log},
        {"delete", false, operation(OpKind::delete_topic), {}, !log},
        {"send", false, operation(OpKind::send), {}, log},
    };
    const MappingRead read = read_mapping(reader, entry, "action", rules);
    if (!read || other_model) return;
    if (!operation_entry) {
        if (log && !read.misspelt_any({"send"})) {
            reader.error(entry.pos, "the action has no operation: give 'send', e.g. " + std::string(send_example));
        } else if (!log && !read.misspelt_any({"publish", "edit", "delete"})) {
            reader.error(entry.pos, "the action has no operation: give one of 'publish', 'edit' or 'delete'");
        }
        return;
    }
    read_operation(reader, *operation_entry, operation_kind, action.op, draft);
    producer.actions.push_back(std::move(action));
}

constexpr Keyword<ProducerWorkloadSpec::TopicOrder> topic_orders[] = {
    {"cycle", ProducerWorkloadSpec::TopicOrder::cycle},
    {"random", ProducerWorkloadSpec::TopicOrder::random},
};

// topic: T, or topics: [T, ...] (exactly one of them). The log model's
// keys: keys: [K, ...], key_order: cycle | random, and value: (its name for
// the template; message: also read).
void read_workload(Reader& reader, const Entry& entry, ProducerSpec& producer, Draft& draft) {
    ProducerWorkloadSpec workload;
    const bool log = draft.log_model();
    std::optional<Entry> topics_entry;  // the first of topic / topics
    std::optional<Entry> template_entry;  // the first of message / value
    auto add_topic = [&](const Entry& item) {
        auto topic = read_name(reader, item);
        if (!topic) return;
        if (log) draft.producer_topics.push_back({{*topic, item.pos}, "the workload"});
        workload.topics.push_back(std::move(*topic));
    };
    auto topics_rule = [&](const Entry& e) {
        if (topics_entry) {
            reader.error(e.key_pos, "give either 'topic' or 'topics', not both (" + quote_for_message(topics_entry->key) +
                                        " is at line " + std::to_string(topics_entry->key_pos.line) + ")");
            return;
        }
        topics_entry = e;
        if (e.key == "topic") {
            add_topic(e);
        } else {
            for_each_item(reader, e, "each topic", add_topic);
            if (e.value.IsSequence() && e.value.size() == 0) reader.error(e.pos, "'topics' must name at least one topic");
        }
    };
    auto template_rule = [&](const Entry& e) {
        if (template_entry) {
            reader.error(e.key_pos, "give either 'value' or 'message', not both (" + quote_for_message(template_entry->key) +
                                        " is at line " + std::to_string(template_entry->key_pos.line) + ")");
            return;
        }
        template_entry = e;
        if (e.key == "value" && !log) {
            reader.error(e.key_pos, needs_log_model("value", "producer workloads") + " (the dictionary model's is 'message')");
            return;
        }
        workload.message_template = read_string(reader, e).value_or(workload.message_template);
    };
    auto log_only = [&](const std::function<void(const Entry&)>& read) {
        return [&, read](const Entry& e) {
            if (!log) {
                reader.error(e.key_pos, needs_log_model(e.key, "producer workloads"));
                return;
            }
            read(e);
        };
    };
    const KeyRule rules[] = {
        {"start", false, [&](const Entry& e) { workload.start_ns = read_duration(reader, e).value_or(0); }},
        {"interarrival", true,
         [&](const Entry& e) { workload.interarrival = read_distribution(reader, e).value_or(workload.interarrival); }},
        {"count", true, [&](const Entry& e) { workload.count = read_integer(reader, e, 0, max_count).value_or(0); }},
        {"topic", false, topics_rule},
        {"topics", false, topics_rule},
        {"topic_order", false,
         [&](const Entry& e) {
             workload.topic_order = read_keyword(reader, e, "topic_order", topic_orders).value_or(workload.topic_order);
         }},
        {"message", false, template_rule},
        {"value", false, template_rule, {}, log},
        {"keys", false, log_only([&](const Entry& e) {
             for_each_item(reader, e, "each key", [&](const Entry& item) {
                 if (auto key = read_name(reader, item)) workload.keys.push_back(std::move(*key));
             });
             if (e.value.IsSequence() && e.value.size() == 0) {
                 reader.error(e.pos, "'keys' must list at least one key (leave it out for records without a key)");
             }
         }), {}, log},
        {"key_order", false, log_only([&](const Entry& e) {
             workload.key_order = read_keyword(reader, e, "key_order", key_order_words).value_or(workload.key_order);
         }), {}, log},
    };
    const MappingRead read = read_mapping(reader, entry, "producer workload", rules);
    if (!read) return;
    if (!topics_entry && !read.misspelt_any({"topic", "topics"})) {
        reader.error(entry.pos, "missing required key 'topics' in the producer workload (or 'topic' for one topic)");
    }
    producer.workload = std::move(workload);
}

void read_producer(Reader& reader, const Entry& entry, Draft& draft) {
    ProducerSpec producer;
    producer.pos = reader.source_pos(entry.pos);
    std::optional<TargetList> targets;  // default: all
    RetryDraft retry;
    auto retry_key = [&](const Entry& e) { read_retry_key(reader, e, retry); };
    const bool log = draft.log_model();
    const KeyRule rules[] = {
        {"name", true, [&](const Entry& e) { producer.name = read_name(reader, e).value_or(""); }},
        {"targets", false,
         [&](const Entry& e) {
             if (log) {
                 reader.error(e.key_pos, not_in_log_model("targets", "producers",
                                                          ": in the log model each record goes to its partition's leader"));
                 return;
             }
             read_targets(reader, e, targets);
         },
         {}, !log},
        {"partitioner", false,
         [&](const Entry& e) {
             if (!log) {
                 reader.error(e.key_pos, needs_log_model("partitioner", "producers"));
                 return;
             }
             producer.partitioner = read_keyword(reader, e, "partitioner", partitioner_words).value_or(producer.partitioner);
         },
         {}, log},
        {"batch_records", false,
         [&](const Entry& e) {
             if (!log) {
                 reader.error(e.key_pos, needs_log_model("batch_records", "producers"));
                 return;
             }
             if (auto n = read_integer(reader, e, 1, std::numeric_limits<std::uint32_t>::max())) {
                 producer.batch_records = static_cast<std::uint32_t>(*n);
             }
         },
         {}, log},
        {"actions", false,
         [&](const Entry& e) {
             for_each_item(reader, e, "each action", [&](const Entry& item) { read_action(reader, item, producer, draft); });
         }},
        {"workload", false, [&](const Entry& e) { read_workload(reader, e, producer, draft); }},
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
