// brokers: a count (`brokers: 2` -> b1, b2) or a list of
// {name, service_time, queue_capacity, topics, durable}; and the small
// `network` section.
#include "scenario/sections.hpp"

#include <limits>

namespace kafkasim::scenario_detail {
namespace {

// topics: {"Hello world": ["message 1", ...], ...}, order kept.
void read_topics(Reader& reader, const Entry& entry, std::vector<TopicSpec>& topics) {
    for_each_entry(reader, entry, "topic", [&](const Entry& topic_entry) {
        TopicSpec topic;
        topic.name = topic_entry.key;
        const std::string item_label = "each message of topic " + quote_for_message(topic.name);
        Entry messages = topic_entry;
        messages.label = "topic " + quote_for_message(topic.name);
        for_each_item(reader, messages, item_label, [&](const Entry& item) {
            if (auto message = read_string(reader, item)) topic.messages.push_back(std::move(*message));
        });
        topics.push_back(std::move(topic));
    });
}

void read_broker(Reader& reader, const Entry& entry, Draft& draft) {
    BrokerSpec broker;
    broker.pos = reader.source_pos(entry.pos);
    const KeyRule rules[] = {
        {"name", true, [&](const Entry& e) { broker.name = read_name(reader, e).value_or(""); }},
        {"service_time", false,
         [&](const Entry& e) { broker.service_time = read_distribution(reader, e).value_or(broker.service_time); }},
        {"queue_capacity", false,
         [&](const Entry& e) {
             if (auto capacity = read_integer(reader, e, 1, std::numeric_limits<std::uint32_t>::max())) {
                 broker.queue_capacity = static_cast<std::uint32_t>(*capacity);
             }
         }},
        {"topics", false,
         [&](const Entry& e) {
             if (draft.log_model()) {
                 reader.error(e.key_pos, "the log model's topics are declared at the top level (topics: [{name: orders, "
                                         "partitions: 3}]), not as a broker's initial content");
                 return;
             }
             read_topics(reader, e, broker.topics);
         }},
        {"durable", false, [&](const Entry& e) { broker.durable = read_boolean(reader, e).value_or(broker.durable); }},
    };
    read_mapping(reader, entry, "broker", rules);
    draft.spec.brokers.push_back(std::move(broker));
}

}  // namespace

std::string numbered_name(char prefix, std::uint64_t number) { return prefix + std::to_string(number); }

void read_network(Reader& reader, const Entry& entry, NetworkSpec& network) {
    const KeyRule rules[] = {
        {"latency", false,
         [&](const Entry& e) { network.latency = read_distribution(reader, e).value_or(network.latency); }},
    };
    read_mapping(reader, entry, "network", rules);
}

void read_brokers(Reader& reader, const Entry& entry, Draft& draft) {
    if (entry.value.IsScalar()) {
        const auto count = read_integer(reader, entry, 0, max_actors);
        if (!count) return;
        if (*count == 0) {
            reader.error(entry.pos, "at least one broker is required");
            return;
        }
        if (!reader.charge(entry.pos, *count, 0)) return;
        for (std::uint64_t i = 1; i <= *count; ++i) {
            BrokerSpec broker;
            broker.name = numbered_name('b', i);
            broker.pos = reader.source_pos(entry.pos);
            draft.spec.brokers.push_back(std::move(broker));
        }
        return;
    }
    if (!entry.value.IsSequence()) {
        reader.error(entry.pos, "'brokers' must be a list of brokers or a number of brokers, got " +
                                    describe(entry.value));
        return;
    }
    for_each_item(reader, entry, "each broker", [&](const Entry& item) { read_broker(reader, item, draft); });
    if (entry.value.size() == 0) reader.error(entry.pos, "at least one broker is required");
}

}  // namespace kafkasim::scenario_detail
