// The log model's producers: a record goes to one partition of its topic,
// chosen by the producer's partitioner (core/log/partitioner.hpp), and is
// sent to that partition's leader. Timeouts and resends are the
// dictionary model's (producer.cpp): a resent record whose first copy was
// appended is appended twice, as with a Kafka producer without idempotence.
#include <cassert>
#include <string>

#include "core/distribution.hpp"
#include "core/simulation.hpp"

namespace kafkasim {

namespace {

Reason partition_reason(log::PartitionRule rule) {
    switch (rule) {
        case log::PartitionRule::by_key: return Reason::partition_by_key;
        case log::PartitionRule::round_robin: return Reason::partition_round_robin;
        case log::PartitionRule::sticky: return Reason::partition_sticky;
    }
    assert(false && "unknown partition rule");
    return Reason::none;
}

// The topic's index among the scenario's topics (a handful: a scan).
std::uint32_t topic_index(const ScenarioSpec& spec, std::string_view name) {
    for (std::uint32_t t = 0; t < spec.topics.size(); ++t) {
        if (spec.topics[t].name == name) return t;
    }
    assert(false && "the loader checks that a send names a declared topic");
    return 0;
}

}  // namespace

void Simulation::log_producer_send(std::size_t p, const OperationSpec& op, StringId key, StringId value) {
    const ProducerSpec& producer_spec = spec_->producers[p];
    Producer& producer = producers_[p];
    LogProducerState& state = log_.producers[p];
    const std::uint32_t t = topic_index(*spec_, op.topic);
    const std::optional<std::string_view> key_text =
        key == no_string ? std::nullopt : std::optional<std::string_view>(strings_->text(key));
    const log::PartitionChoice choice = log::choose_partition(producer_spec.partitioner, key_text, state.unkeyed_sent[t],
                                                              spec_->topics[t].partitions, producer_spec.batch_records);
    if (choice.rule != log::PartitionRule::by_key) state.unkeyed_sent[t]++;
    const std::uint32_t partition = log_.layout.global(t, choice.partition);
    state.partition_counts[partition]++;

    PendingWrite write;
    write.target = broker_actor(log_.layout.leader[partition]);
    write.type = MessageType::append;
    write.topic = log_.layout.topic_names[t];
    write.text = value;
    write.key = key;
    write.partition = partition;
    write.first_sent_ns = now_ns_;
    Record& record = begin_record(RecordKind::send, producer_actor(p), write.target);
    record.request = MessageType::append;
    record.topic = write.topic;
    record.text = value;
    record.previous = key;
    record.chosen = choice.partition;
    record.count = spec_->topics[t].partitions;
    record.reason = partition_reason(choice.rule);
    producer.stats.operations++;
    if (producer_spec.retry.timeout_ns) {
        write.request_id = producer.next_request_id++;
        producer.pending.add(write);
    }
    producer.stats.sent++;
    producer_send(p, write);
}

void Simulation::log_producer_workload(std::size_t p) {
    const ProducerWorkloadSpec& workload = *spec_->producers[p].workload;
    Producer& producer = producers_[p];
    assert(producer.workload_issued < workload.count && !workload.topics.empty());
    const std::uint64_t n = producer.workload_issued++;
    const std::size_t topic =
        workload_pick(workload.topic_order == ProducerWorkloadSpec::TopicOrder::random, n, workload.topics.size(), producer.prng);
    OperationSpec op;
    op.kind = OpKind::send;
    op.topic = workload.topics[topic];
    StringId key = no_string;
    std::string_view key_text;
    if (!workload.keys.empty()) {
        const std::size_t k =
            workload_pick(workload.key_order == ProducerWorkloadSpec::KeyOrder::random, n, workload.keys.size(), producer.prng);
        key_text = workload.keys[k];
        key = strings_->intern(key_text);
    }
    expand_message_template(workload.message_template, n, op.topic, workload.keys.empty() ? nullptr : &key_text, workload_text_);
    log_producer_send(p, op, key, strings_->intern(workload_text_));
    if (producer.workload_issued < workload.count) {
        schedule_after(sample(workload.interarrival, producer.prng), EventKind::producer_workload, producer_actor(p), 0);
    }
}

}  // namespace kafkasim
