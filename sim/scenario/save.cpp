// save_scenario_yaml: the scenario as YAML, section by section in the order
// the README documents them. Top-level lists are block style, one item per
// entry; items are flow mappings ({at: 1ms, publish: {...}}) so a saved
// exploration reads like a hand-written scenario.
#include "scenario/save.hpp"

#include "core/monitors.hpp"
#include "scenario/duration.hpp"
#include "scenario/log_words.hpp"
#include "text/decimal.hpp"

#include <cassert>
#include <charconv>
#include <variant>

namespace kafkasim {
namespace {

using scenario_detail::word_for;

std::string number(std::uint64_t value) { return std::to_string(value); }
std::string number(std::int64_t value) { return std::to_string(value); }

// The shortest fixed-notation text that reads back to the same double (the
// loader's probability reader accepts fixed notation only).
std::string fixed_number(double value) {
    char buffer[400];
    const auto [end, ec] = decimal_to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
    assert(ec == std::errc{} && "fixed_number: buffer too small");
    return std::string(buffer, end);
}

std::string general_number(double value) {
    char buffer[64];
    const auto [end, ec] = decimal_to_chars(buffer, buffer + sizeof buffer, value);
    assert(ec == std::errc{} && "general_number: buffer too small");
    return std::string(buffer, end);
}

std::string boolean(bool value) { return value ? "true" : "false"; }
std::string duration(TimeNs value) { return format_duration(value); }

std::string distribution(const DistributionSpec& dist) {
    switch (dist.kind) {
        case DistributionSpec::Kind::constant: return duration(dist.value_ns);
        case DistributionSpec::Kind::uniform:
            return "{dist: uniform, min: " + duration(dist.min_ns) + ", max: " + duration(dist.max_ns) + "}";
        case DistributionSpec::Kind::exponential: return "{dist: exponential, mean: " + duration(dist.value_ns) + "}";
    }
    return duration(dist.value_ns);
}

std::string string_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += yaml_quoted(items[i]);
    }
    return out + "]";
}

std::string topics_mapping(const std::vector<TopicSpec>& topics) {
    std::string out = "{";
    for (std::size_t i = 0; i < topics.size(); ++i) {
        if (i > 0) out += ", ";
        out += yaml_quoted(topics[i].name) + ": " + string_list(topics[i].messages);
    }
    return out + "}";
}

// Named topics are always written as {name: ...}: a topic called "random"
// must not turn into the keyword.
std::string topic_choice(const ChoiceSpec& choice) {
    switch (choice.kind) {
        case ChoiceSpec::Kind::named: return "{name: " + yaml_quoted(choice.topic) + "}";
        case ChoiceSpec::Kind::random: return "random";
        case ChoiceSpec::Kind::first: return "first";
        case ChoiceSpec::Kind::last: return "last";
    }
    return "random";
}

std::string index_choice(const ChoiceSpec& choice) {
    switch (choice.kind) {
        case ChoiceSpec::Kind::named: return number(choice.index);
        case ChoiceSpec::Kind::random: return "random";
        case ChoiceSpec::Kind::first: return "first";
        case ChoiceSpec::Kind::last: return "last";
    }
    return "random";
}

class Writer {
public:
    explicit Writer(const ScenarioSpec& spec) : spec_(spec) {}

    std::string write() {
        line(0, "name: " + yaml_quoted(spec_.name));
        line(0, "description: " + yaml_quoted(spec_.description));
        line(0, "seed: " + number(spec_.seed));
        if (spec_.until_ns) line(0, "until: " + duration(*spec_.until_ns));
        line(0, "model: " + std::string(word_for(scenario_detail::model_words, spec_.model)));
        line(0, "network:");
        line(1, "latency: " + distribution(spec_.network.latency));
        write_brokers();
        write_topics();
        write_groups();
        write_producers();
        write_consumers();
        write_faults();
        write_monitors();
        write_expectations();
        return std::move(out_);
    }

private:
    void line(int depth, const std::string& text) {
        out_.append(static_cast<std::size_t>(depth) * 2, ' ');
        out_ += text;
        out_ += '\n';
    }

    // The loader numbers actors brokers, then producers, then consumers.
    const std::string& actor_name(ActorIndex index) const {
        std::size_t i = index;
        if (i < spec_.brokers.size()) return spec_.brokers[i].name;
        i -= spec_.brokers.size();
        if (i < spec_.producers.size()) return spec_.producers[i].name;
        i -= spec_.producers.size();
        assert(i < spec_.consumers.size() && "actor index out of range");
        return spec_.consumers[i].name;
    }

    bool log_model() const { return spec_.model == BrokerModel::log; }

    const std::string& topic_name(std::uint32_t index) const {
        assert(index < spec_.topics.size() && "topic index out of range");
        return spec_.topics[index].name;
    }

    const std::string& broker_name(std::uint32_t index) const {
        assert(index < spec_.brokers.size() && "broker index out of range");
        return spec_.brokers[index].name;
    }

    // timeout/retries/backoff; retries and backoff only mean something with
    // a timeout (the loader refuses them without one).
    void write_retry(int depth, const RetrySpec& retry) {
        if (!retry.timeout_ns) return;
        line(depth, "timeout: " + duration(*retry.timeout_ns));
        line(depth, "retries: " + number(std::uint64_t{retry.retries}));
        line(depth, "backoff: {initial: " + duration(retry.backoff_ns) + ", doubling: " + boolean(retry.backoff_doubling) +
                        "}");
    }

    void write_brokers() {
        line(0, "brokers:");
        for (const BrokerSpec& broker : spec_.brokers) {
            line(1, "- name: " + yaml_quoted(broker.name));
            line(2, "service_time: " + distribution(broker.service_time));
            if (broker.queue_capacity != queue_capacity_unlimited) {
                line(2, "queue_capacity: " + number(std::uint64_t{broker.queue_capacity}));
            }
            line(2, "durable: " + boolean(broker.durable));
            if (!broker.topics.empty()) line(2, "topics: " + topics_mapping(broker.topics));
        }
    }

    // The log model's top-level sections.
    void write_topics() {
        if (spec_.topics.empty()) return;
        line(0, "topics:");
        for (const LogTopicSpec& topic : spec_.topics) {
            line(1, "- {name: " + yaml_quoted(topic.name) + ", partitions: " + number(std::uint64_t{topic.partitions}) + "}");
        }
    }

    void write_groups() {
        if (spec_.groups.empty()) return;
        line(0, "groups:");
        for (const GroupSpec& group : spec_.groups) {
            std::string item = "- {name: " + yaml_quoted(group.name) +
                               ", assignment: " + std::string(word_for(scenario_detail::assignment_words, group.assignment)) +
                               ", session_timeout: " + duration(group.session_timeout_ns) +
                               ", heartbeat_interval: " + duration(group.heartbeat_interval_ns) + ", auto_offset_reset: " +
                               std::string(word_for(scenario_detail::offset_reset_words, group.auto_offset_reset));
            if (group.coordinator) item += ", coordinator: " + yaml_quoted(broker_name(*group.coordinator));
            line(1, item + "}");
        }
    }

    std::string operation(const OperationSpec& op) {
        const std::string topic = "topic: " + yaml_quoted(op.topic);
        switch (op.kind) {
            case OpKind::send:
                return "send: {" + topic + (op.key ? ", key: " + yaml_quoted(*op.key) : std::string()) +
                       ", value: " + yaml_quoted(op.message) + "}";
            case OpKind::publish: return "publish: {" + topic + ", message: " + yaml_quoted(op.message) + "}";
            case OpKind::edit:
                return "edit: {" + topic + ", index: " + number(op.index) + ", message: " + yaml_quoted(op.message) + "}";
            case OpKind::delete_topic: return "delete: {" + topic + "}";
            case OpKind::delete_message: return "delete: {" + topic + ", index: " + number(op.index) + "}";
        }
        return {};
    }

    void write_producers() {
        if (spec_.producers.empty()) return;
        line(0, "producers:");
        for (const ProducerSpec& producer : spec_.producers) {
            line(1, "- name: " + yaml_quoted(producer.name));
            if (log_model()) {
                // Records go to their partition's leader: no targets.
                line(2, "partitioner: " + std::string(word_for(scenario_detail::partitioner_words, producer.partitioner)));
                line(2, "batch_records: " + number(std::uint64_t{producer.batch_records}));
            } else {
                std::vector<std::string> targets;
                for (std::uint32_t target : producer.targets) targets.push_back(broker_name(target));
                // An empty list means "all" only in a spec built by code.
                line(2, "targets: " + (targets.empty() ? std::string("all") : string_list(targets)));
            }
            write_retry(2, producer.retry);
            if (!producer.actions.empty()) {
                line(2, "actions:");
                for (const ProducerActionSpec& action : producer.actions) {
                    line(3, "- {at: " + duration(action.at_ns) + ", " + operation(action.op) + "}");
                }
            }
            if (producer.workload) {
                const ProducerWorkloadSpec& w = *producer.workload;
                line(2, "workload:");
                line(3, "start: " + duration(w.start_ns));
                line(3, "interarrival: " + distribution(w.interarrival));
                line(3, "count: " + number(w.count));
                line(3, "topics: " + string_list(w.topics));
                line(3, std::string("topic_order: ") +
                            (w.topic_order == ProducerWorkloadSpec::TopicOrder::cycle ? "cycle" : "random"));
                if (log_model()) {
                    if (!w.keys.empty()) line(3, "keys: " + string_list(w.keys));
                    line(3, "key_order: " + std::string(word_for(scenario_detail::key_order_words, w.key_order)));
                    line(3, "value: " + yaml_quoted(w.message_template));
                } else {
                    line(3, "message: " + yaml_quoted(w.message_template));
                }
            }
        }
    }

    std::string session(const SessionSpec& s) {
        std::string out = "{at: " + duration(s.at_ns) + ", topic: " + topic_choice(s.topic) + ", index: " + index_choice(s.index);
        if (s.broker) out += ", broker: " + yaml_quoted(broker_name(*s.broker));
        if (s.broker_at_ns) out += ", broker_at: " + duration(*s.broker_at_ns);
        if (s.topic_at_ns) out += ", topic_at: " + duration(*s.topic_at_ns);
        if (s.index_at_ns) out += ", index_at: " + duration(*s.index_at_ns);
        if (s.manual) out += ", manual: true";
        return out + "}";
    }

    void write_consumers() {
        if (spec_.consumers.empty()) return;
        line(0, "consumers:");
        for (const ConsumerSpec& consumer : spec_.consumers) {
            line(1, "- name: " + yaml_quoted(consumer.name));
            if (log_model()) {
                write_log_consumer(consumer);
                continue;
            }
            line(2, "policy: " + std::string(policy_name(consumer.policy)));
            line(2, "on_all_busy: " + (consumer.retry_after_ns ? "{retry_after: " + duration(*consumer.retry_after_ns) + "}"
                                                               : std::string("fail")));
            line(2, "max_attempts: " + number(std::uint64_t{consumer.max_attempts}));
            line(2, "choose_time: " + distribution(consumer.choose_time));
            write_retry(2, consumer.retry);
            if (!consumer.sessions.empty()) {
                line(2, "sessions:");
                for (const SessionSpec& s : consumer.sessions) line(3, "- " + session(s));
            }
            if (consumer.workload) {
                const ConsumerWorkloadSpec& w = *consumer.workload;
                line(2, "workload:");
                line(3, "start: " + duration(w.start_ns));
                line(3, "think_time: " + distribution(w.think_time));
                line(3, "count: " + number(w.count));
                line(3, "topic: " + topic_choice(w.topic));
                line(3, "index: " + index_choice(w.index));
            }
        }
    }

    // A member of a consumer group; only `timeout` of the retry keys (the
    // loader refuses retries and backoff for these consumers).
    void write_log_consumer(const ConsumerSpec& consumer) {
        assert(consumer.group < spec_.groups.size() && "consumer group index out of range");
        line(2, "group: " + yaml_quoted(spec_.groups[consumer.group].name));
        std::vector<std::string> topics;
        for (std::uint32_t topic : consumer.topics) topics.push_back(topic_name(topic));
        line(2, "topics: " + string_list(topics));
        line(2, "poll_interval: " + duration(consumer.poll_interval_ns));
        line(2, "max_poll_records: " + number(std::uint64_t{consumer.max_poll_records}));
        line(2, "process_time: " + distribution(consumer.process_time));
        line(2, "commit: " + std::string(word_for(scenario_detail::commit_words, consumer.commit)));
        line(2, "auto_commit_interval: " + duration(consumer.auto_commit_interval_ns));
        line(2, "join_at: " + duration(consumer.join_at_ns));
        if (consumer.leave_at_ns) line(2, "leave_at: " + duration(*consumer.leave_at_ns));
        if (!consumer.commit_at_ns.empty()) {
            std::string times = "[";
            for (std::size_t i = 0; i < consumer.commit_at_ns.size(); ++i) {
                times += (i > 0 ? ", " : "") + duration(consumer.commit_at_ns[i]);
            }
            line(2, "commit_at: " + times + "]");
        }
        if (consumer.retry.timeout_ns) line(2, "timeout: " + duration(*consumer.retry.timeout_ns));
    }

    // crash/restart: the broker, or (log model) the consumer.
    const std::string& crashed_name(const FaultSpec& fault) const {
        if (!fault.consumer) return broker_name(fault.broker);
        assert(*fault.consumer < spec_.consumers.size() && "consumer index out of range");
        return spec_.consumers[*fault.consumer].name;
    }

    // link: "A->B", "A<->B", an actor's every link, or all.
    std::string links(const LinkSetSpec& set) {
        if (set.from.empty() && set.to.empty()) return "link: all";
        assert(set.from.size() == 1 && set.to.size() <= 1 && "a link set the loader cannot express");
        if (set.to.empty()) return "actor: " + yaml_quoted(actor_name(set.from.front()));
        return "link: " + yaml_quoted(actor_name(set.from.front()) + (set.both_directions ? "<->" : "->") +
                                      actor_name(set.to.front()));
    }

    std::string interval(const FaultSpec& fault) {
        std::string out = ", from: " + duration(fault.from_ns);
        if (fault.until_ns) out += ", until: " + duration(*fault.until_ns);
        return out;
    }

    std::string fault_item(const FaultSpec& fault) {
        switch (fault.kind) {
            case FaultSpec::Kind::crash:
                return "{at: " + duration(fault.from_ns) + ", crash: " + yaml_quoted(crashed_name(fault)) + "}";
            case FaultSpec::Kind::restart:
                return "{at: " + duration(fault.from_ns) + ", restart: " + yaml_quoted(crashed_name(fault)) +
                       (fault.reload_initial ? ", reload_initial: true}" : "}");
            case FaultSpec::Kind::slow:
                return "{slow: {" + links(fault.links) + ", extra_latency: " + duration(fault.extra_latency_ns) +
                       interval(fault) + "}}";
            case FaultSpec::Kind::drop:
                return "{drop: {" + links(fault.links) + ", probability: " + fixed_number(fault.probability) +
                       interval(fault) + "}}";
            case FaultSpec::Kind::partition: {
                std::string groups = "[";
                for (std::size_t g = 0; g < fault.groups.size(); ++g) {
                    std::vector<std::string> names;
                    for (ActorIndex actor : fault.groups[g]) names.push_back(actor_name(actor));
                    groups += (g > 0 ? ", " : "") + string_list(names);
                }
                return "{partition: {groups: " + groups + "]" + interval(fault) + "}}";
            }
        }
        return {};
    }

    void write_faults() {
        if (spec_.faults.empty()) return;
        line(0, "faults:");
        for (const FaultSpec& fault : spec_.faults) line(1, "- " + fault_item(fault));
    }

    // Only the monitors of the scenario's model (the loader refuses the others).
    void write_monitors() {
        const MonitorsSpec& m = spec_.monitors;
        std::vector<std::string> names;
        auto add = [&](bool on, std::string_view name) {
            if (on) names.emplace_back(name);
        };
        if (log_model()) {
            add(m.lost_ack, monitor_name(MonitorKind::lost_ack));
            add(m.duplicate_delivery, scenario_detail::duplicate_delivery_name);
            add(m.per_key_order, scenario_detail::per_key_order_name);
            if (m.lag_above) names.push_back("{" + std::string(scenario_detail::lag_above_name) + ": " + number(*m.lag_above) + "}");
        } else {
            add(m.divergence, monitor_name(MonitorKind::divergence));
            add(m.lost_ack, monitor_name(MonitorKind::lost_ack));
            add(m.stale_read, monitor_name(MonitorKind::stale_read));
            add(m.no_broker, monitor_name(MonitorKind::no_broker));
        }
        std::string list = "[";
        for (std::size_t i = 0; i < names.size(); ++i) list += (i > 0 ? ", " : "") + names[i];
        line(0, "monitors: " + list + "]");
    }

    // --- expect: ---

    static std::string occurrence(const OccurrenceSpec& o) {
        std::string out;
        if (o.kind == OccurrenceSpec::Kind::never) out += ", never: true";
        if (o.kind == OccurrenceSpec::Kind::exactly) out += ", count: " + number(o.count);
        if (o.after_ns) out += ", after: " + duration(*o.after_ns);
        if (o.before_ns) out += ", before: " + duration(*o.before_ns);
        return out;
    }

    static std::string consumed_item(const ConsumedItemSpec& item) {
        std::string out;
        auto add = [&](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
        if (item.message) add("message: " + yaml_quoted(*item.message));
        if (item.topic) add("topic: " + yaml_quoted(*item.topic));
        if (item.broker) add("broker: " + yaml_quoted(*item.broker));
        if (item.index) add("index: " + number(*item.index));
        if (item.key) add("key: " + yaml_quoted(*item.key));
        if (item.partition) add("partition: " + number(std::uint64_t{*item.partition}));
        if (item.offset) add("offset: " + number(*item.offset));
        return "{" + out + "}";
    }

    // "orders-1", quoted: the form the loader splits at its last '-'.
    static std::string partition_name(const TopicPartitionName& name) {
        return yaml_quoted(name.topic + "-" + std::to_string(name.partition));
    }

    static std::string log_record(const ExpectLogRecord& record) {
        std::string out;
        if (record.key) out += "key: " + yaml_quoted(*record.key);
        if (record.value) out += (out.empty() ? "" : ", ") + ("value: " + yaml_quoted(*record.value));
        return "{" + out + "}";
    }

    static std::string_view comparison_key(ExpectStat::Comparison c) {
        switch (c) {
            case ExpectStat::Comparison::equal: return "\"==\"";
            case ExpectStat::Comparison::not_equal: return "\"!=\"";
            case ExpectStat::Comparison::less_equal: return "\"<=\"";
            case ExpectStat::Comparison::greater_equal: return "\">=\"";
            case ExpectStat::Comparison::less: return "\"<\"";
            case ExpectStat::Comparison::greater: return "\">\"";
            case ExpectStat::Comparison::approx: return "approx";
        }
        return "\"==\"";
    }

    // The subject part of one expectation (without the braces).
    std::string check(const ExpectationSpec& e) {
        struct Visitor {
            std::string operator()(const ExpectBrokerTopics& c) const {
                return "broker: " + yaml_quoted(c.broker) + ", topics: " + topics_mapping(c.topics);
            }
            std::string operator()(const ExpectBrokerContains& c) const {
                std::string what = "{topic: " + yaml_quoted(c.topic);
                if (c.message) what += ", message: " + yaml_quoted(*c.message);
                return "broker: " + yaml_quoted(c.broker) + (c.negated ? ", not_contains: " : ", contains: ") + what + "}";
            }
            std::string operator()(const ExpectBrokerState& c) const {
                std::string state;
                if (c.up) state += "up: " + boolean(*c.up);
                if (c.busy) state += (state.empty() ? "" : ", ") + ("busy: " + boolean(*c.busy));
                return "broker: " + yaml_quoted(c.broker) + ", state: {" + state + "}";
            }
            std::string operator()(const ExpectConsumed& c) const {
                return "consumer: " + yaml_quoted(c.consumer) + ", consumed: " + consumed_item(c.item) +
                       occurrence(c.occurrence);
            }
            std::string operator()(const ExpectConsumedExactly& c) const {
                std::string list = "[";
                for (std::size_t i = 0; i < c.items.size(); ++i) list += (i > 0 ? ", " : "") + consumed_item(c.items[i]);
                return "consumer: " + yaml_quoted(c.consumer) + ", consumed_exactly: " + list + "]";
            }
            std::string operator()(const ExpectStat& c) const {
                const bool plain = c.value || c.value_text == "null" || c.value_text == "true" || c.value_text == "false";
                std::string out = "stat: " + yaml_quoted(c.path) + ", " + std::string(comparison_key(c.comparison)) + ": " +
                                  (plain ? c.value_text : yaml_quoted(c.value_text));
                if (c.comparison == ExpectStat::Comparison::approx) {
                    out += c.tolerance_percent ? ", tolerance_percent: " + general_number(*c.tolerance_percent)
                                               : ", tolerance: " + general_number(c.tolerance);
                }
                return out;
            }
            std::string operator()(const ExpectEvent& c) const {
                std::string event = "{kind: " + c.kind;
                if (c.source) event += ", source: " + yaml_quoted(*c.source);
                if (c.target) event += ", target: " + yaml_quoted(*c.target);
                if (c.actor) event += ", actor: " + yaml_quoted(*c.actor);
                return "event: " + event + "}" + occurrence(c.occurrence);
            }
            std::string operator()(const ExpectInvariant& c) const {
                switch (c.kind) {
                    case ExpectInvariant::Kind::brokers_identical: return "invariant: brokers_identical";
                    case ExpectInvariant::Kind::acked_writes_present: return "invariant: acked_writes_present";
                    case ExpectInvariant::Kind::per_key_order: return "invariant: per_key_order";
                }
                return {};
            }
            std::string operator()(const ExpectPartition& c) const {
                std::string out = "partition: {topic: " + yaml_quoted(c.topic) + ", partition: " + number(std::uint64_t{c.partition});
                if (c.end_offset) out += ", end_offset: " + number(*c.end_offset);
                if (c.records) {
                    out += ", records: [";
                    for (std::size_t i = 0; i < c.records->size(); ++i) out += (i > 0 ? ", " : "") + log_record((*c.records)[i]);
                    out += "]";
                }
                return out + "}";
            }
            std::string operator()(const ExpectGroup& c) const {
                std::string out = "group: {name: " + yaml_quoted(c.group);
                if (c.assignment) {
                    out += ", assignment: {";
                    for (std::size_t i = 0; i < c.assignment->size(); ++i) {
                        const auto& [consumer, partitions] = (*c.assignment)[i];
                        out += (i > 0 ? ", " : "") + yaml_quoted(consumer) + ": [";
                        for (std::size_t p = 0; p < partitions.size(); ++p) out += (p > 0 ? ", " : "") + partition_name(partitions[p]);
                        out += "]";
                    }
                    out += "}";
                }
                if (c.committed) {
                    out += ", committed: {";
                    for (std::size_t i = 0; i < c.committed->size(); ++i) {
                        const auto& [partition, offset] = (*c.committed)[i];
                        out += (i > 0 ? ", " : "") + partition_name(partition) + ": " + number(offset);
                    }
                    out += "}";
                }
                if (c.lag) out += ", lag: " + number(*c.lag);
                if (c.duplicates) out += ", duplicates: " + number(*c.duplicates);
                if (c.rebalances) out += ", rebalances: " + number(*c.rebalances);
                return out + "}";
            }
            std::string operator()(const ExpectFingerprint& c) const { return "fingerprint: " + yaml_quoted(c.hex); }
            std::string operator()(const ExpectViolation& c) const {
                return "violation: " + c.monitor + occurrence(c.occurrence);
            }
        };
        return std::visit(Visitor{}, e.check);
    }

    void write_expectations() {
        if (spec_.expectations.empty()) return;
        line(0, "expect:");
        for (const ExpectationSpec& e : spec_.expectations) {
            std::string item = "- {";
            if (!e.name.empty()) item += "name: " + yaml_quoted(e.name) + ", ";
            if (e.points != 1) item += "points: " + number(std::uint64_t{e.points}) + ", ";
            if (!e.hint.empty()) item += "hint: " + yaml_quoted(e.hint) + ", ";
            line(1, item + check(e) + "}");
        }
    }

    const ScenarioSpec& spec_;
    std::string out_;
};

}  // namespace

std::string yaml_quoted(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                // Control characters (and DEL) escaped; UTF-8 bytes pass through.
                if (byte < 0x20 || byte == 0x7f) {
                    out += "\\x";
                    out += hex[byte >> 4];
                    out += hex[byte & 0xf];
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string save_scenario_yaml(const ScenarioSpec& spec) { return Writer(spec).write(); }

}  // namespace kafkasim
