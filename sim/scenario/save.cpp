// save_scenario_yaml: the scenario as YAML, section by section in the order
// the README documents them. Top-level lists are block style, one item per
// entry; items are flow mappings ({at: 1ms, publish: {...}}) so a saved
// exploration reads like a hand-written scenario.
#include "scenario/save.hpp"

#include "core/monitors.hpp"
#include "scenario/duration.hpp"
#include "text/decimal.hpp"

#include <cassert>
#include <charconv>
#include <variant>

namespace kafkasim {
namespace {

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
        line(0, "network:");
        line(1, "latency: " + distribution(spec_.network.latency));
        write_brokers();
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

    std::string operation(const OperationSpec& op) {
        const std::string topic = "topic: " + yaml_quoted(op.topic);
        switch (op.kind) {
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
            std::vector<std::string> targets;
            for (std::uint32_t target : producer.targets) targets.push_back(broker_name(target));
            // An empty list means "all" only in a spec built by code.
            line(2, "targets: " + (targets.empty() ? std::string("all") : string_list(targets)));
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
                line(3, "message: " + yaml_quoted(w.message_template));
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
                return "{at: " + duration(fault.from_ns) + ", crash: " + yaml_quoted(broker_name(fault.broker)) + "}";
            case FaultSpec::Kind::restart:
                return "{at: " + duration(fault.from_ns) + ", restart: " + yaml_quoted(broker_name(fault.broker)) +
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

    void write_monitors() {
        const MonitorsSpec& m = spec_.monitors;
        const bool on[] = {m.divergence, m.lost_ack, m.stale_read, m.no_broker};
        const MonitorKind kinds[] = {MonitorKind::divergence, MonitorKind::lost_ack, MonitorKind::stale_read,
                                     MonitorKind::no_broker};
        std::vector<std::string> names;
        for (std::size_t i = 0; i < 4; ++i) {
            if (on[i]) names.emplace_back(monitor_name(kinds[i]));
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
                return std::string("invariant: ") +
                       (c.kind == ExpectInvariant::Kind::brokers_identical ? "brokers_identical" : "acked_writes_present");
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
