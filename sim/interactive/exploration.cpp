// Exploration: injections -> scenario -> recorded run, with two branches.
// Re-recording from time 0 is deliberate: the scenarios a person explores
// by hand re-record in milliseconds, and a fresh run is exactly what a saved
// file reproduces (no state carried over from the previous run can leak in).
#include "interactive/exploration.hpp"

#include "core/log_stats.hpp"
#include "report/outputs.hpp"
#include "scenario/duration.hpp"
#include "scenario/save.hpp"
#include "scenario/values.hpp"

#include <algorithm>
#include <cassert>
#include <fstream>

namespace kafkasim::interactive {
namespace {

// The index in consumers[c].sessions of the latest injected session of
// consumer c started at or before at_ns, per the injections so far.
struct InjectedSession {
    std::uint32_t consumer;
    std::size_t session;
    TimeNs at_ns;
};

const InjectedSession* latest_session(const std::vector<InjectedSession>& sessions, std::uint32_t consumer, TimeNs at_ns) {
    const InjectedSession* found = nullptr;
    for (const InjectedSession& s : sessions) {
        if (s.consumer == consumer && s.at_ns <= at_ns) found = &s;
    }
    return found;
}

// The latest injected partition (an index into spec.faults) not yet healed.
std::optional<std::size_t> open_partition(const std::vector<std::size_t>& partitions, const ScenarioSpec& spec) {
    for (auto it = partitions.rbegin(); it != partitions.rend(); ++it) {
        if (!spec.faults[*it].until_ns) return *it;
    }
    return std::nullopt;
}

std::string_view op_word(OpKind kind) {
    switch (kind) {
        case OpKind::publish: return "publish";
        case OpKind::edit: return "edit";
        case OpKind::delete_topic: return "delete-topic";
        case OpKind::delete_message: return "delete-message";
        case OpKind::send: return "send";
    }
    return "publish";
}

}  // namespace

ScenarioSpec apply_injections(const ScenarioSpec& base, const std::vector<Injection>& injections) {
    ScenarioSpec spec = base;
    std::vector<InjectedSession> sessions;
    std::vector<std::size_t> partitions;
    for (const Injection& injection : injections) {
        switch (injection.kind) {
            case Injection::Kind::operation:
                assert(injection.actor < spec.producers.size());
                spec.producers[injection.actor].actions.push_back({injection.at_ns, injection.op, {}});
                break;
            case Injection::Kind::session_start: {
                assert(injection.actor < spec.consumers.size());
                SessionSpec session;
                session.at_ns = injection.at_ns;
                session.manual = true;  // every choice waits for the person
                auto& list = spec.consumers[injection.actor].sessions;
                sessions.push_back({injection.actor, list.size(), injection.at_ns});
                list.push_back(std::move(session));
                break;
            }
            case Injection::Kind::pick_broker:
            case Injection::Kind::pick_topic:
            case Injection::Kind::pick_index: {
                const InjectedSession* found = latest_session(sessions, injection.actor, injection.at_ns);
                assert(found && "a pick without a session: Exploration::check refuses it");
                SessionSpec& session = spec.consumers[found->consumer].sessions[found->session];
                if (injection.kind == Injection::Kind::pick_broker) {
                    session.broker = injection.broker;  // unset: the consumer's policy decides
                    session.broker_at_ns = injection.at_ns;
                } else if (injection.kind == Injection::Kind::pick_topic) {
                    session.topic.kind = ChoiceSpec::Kind::named;
                    session.topic.topic = injection.topic;
                    session.topic_at_ns = injection.at_ns;
                } else {
                    session.index.kind = ChoiceSpec::Kind::named;
                    session.index.index = injection.index;
                    session.index_at_ns = injection.at_ns;
                }
                break;
            }
            case Injection::Kind::crash:
            case Injection::Kind::restart: {
                FaultSpec fault;
                fault.kind = injection.kind == Injection::Kind::crash ? FaultSpec::Kind::crash : FaultSpec::Kind::restart;
                fault.from_ns = injection.at_ns;
                fault.broker = injection.actor;
                spec.faults.push_back(std::move(fault));
                break;
            }
            case Injection::Kind::partition_start: {
                FaultSpec fault;
                fault.kind = FaultSpec::Kind::partition;
                fault.from_ns = injection.at_ns;
                fault.groups = injection.groups;
                partitions.push_back(spec.faults.size());
                spec.faults.push_back(std::move(fault));
                break;
            }
            case Injection::Kind::partition_heal: {
                const auto open = open_partition(partitions, spec);
                assert(open && "a heal without a partition: Exploration::check refuses it");
                spec.faults[*open].until_ns = std::max(injection.at_ns, spec.faults[*open].from_ns);
                break;
            }
            case Injection::Kind::join:
                assert(injection.actor < spec.consumers.size());
                spec.consumers[injection.actor].join_at_ns = injection.at_ns;
                break;
            case Injection::Kind::leave:
                assert(injection.actor < spec.consumers.size());
                spec.consumers[injection.actor].leave_at_ns = injection.at_ns;
                break;
            case Injection::Kind::commit: {
                assert(injection.actor < spec.consumers.size());
                auto& times = spec.consumers[injection.actor].commit_at_ns;
                times.insert(std::upper_bound(times.begin(), times.end(), injection.at_ns), injection.at_ns);  // ascending, as the loader sorts them
                break;
            }
            case Injection::Kind::add_consumer: {
                const auto model = std::find_if(spec.consumers.begin(), spec.consumers.end(),
                                                [&](const ConsumerSpec& c) { return c.group == injection.actor; });
                assert(model != spec.consumers.end() && "a group without members: Exploration::check refuses it");
                ConsumerSpec consumer = *model;  // its subscriptions, poll and commit settings
                consumer.name = injection.name;
                consumer.join_at_ns = injection.at_ns;
                consumer.leave_at_ns.reset();
                consumer.commit_at_ns.clear();
                spec.consumers.push_back(std::move(consumer));
                break;
            }
        }
    }
    return spec;
}

std::string describe(const Injection& injection, const ScenarioSpec& base) {
    const std::string at = format_duration(injection.at_ns) + " ";
    auto quoted = [](const std::string& text) { return yaml_quoted(text); };
    // A consumer added in another branch is not in `base`: named by number.
    const auto consumer_name = [&](std::uint32_t c) {
        return c < base.consumers.size() ? base.consumers[c].name : "consumer #" + std::to_string(c + 1);
    };
    switch (injection.kind) {
        case Injection::Kind::operation: {
            std::string text = at + base.producers[injection.actor].name + " " + std::string(op_word(injection.op.kind)) +
                               " " + quoted(injection.op.topic);
            if (injection.op.kind == OpKind::edit || injection.op.kind == OpKind::delete_message) {
                text += " " + std::to_string(injection.op.index);
            }
            if (injection.op.kind == OpKind::publish || injection.op.kind == OpKind::edit || injection.op.kind == OpKind::send) {
                text += " " + quoted(injection.op.message);
            }
            if (injection.op.kind == OpKind::send && injection.op.key) text += " " + quoted(*injection.op.key);
            return text;
        }
        case Injection::Kind::join: return at + consumer_name(injection.actor) + " join";
        case Injection::Kind::leave: return at + consumer_name(injection.actor) + " leave";
        case Injection::Kind::commit: return at + consumer_name(injection.actor) + " commit";
        case Injection::Kind::add_consumer:
            return at + "add-consumer " + quoted(injection.name) + " " +
                   (injection.actor < base.groups.size() ? base.groups[injection.actor].name : std::string("?"));
        case Injection::Kind::session_start: return at + base.consumers[injection.actor].name + " session";
        case Injection::Kind::pick_broker:
            return at + base.consumers[injection.actor].name + " pick-broker " +
                   (injection.broker ? base.brokers[*injection.broker].name : std::string("policy"));
        case Injection::Kind::pick_topic: return at + base.consumers[injection.actor].name + " pick-topic " + quoted(injection.topic);
        case Injection::Kind::pick_index:
            return at + base.consumers[injection.actor].name + " pick-index " + std::to_string(injection.index);
        case Injection::Kind::crash: return at + "crash " + base.brokers[injection.actor].name;
        case Injection::Kind::restart: return at + "restart " + base.brokers[injection.actor].name;
        case Injection::Kind::partition_start: return at + "partition (" + std::to_string(injection.groups.size()) + " groups)";
        case Injection::Kind::partition_heal: return at + "heal";
    }
    return at;
}

Exploration::Exploration(ScenarioSpec base, RecordOptions options) : base_(std::move(base)), options_(options) { rerun(); }

ScenarioSpec Exploration::spec() const { return apply_injections(base_, current_); }

void Exploration::rerun() { run_ = std::make_unique<RecordedRun>(spec(), options_); }

std::optional<InjectError> Exploration::check(const Injection& injection, const std::vector<Injection>& branch) const {
    auto out_of_range = [](std::uint32_t index, std::size_t size, const char* what) -> std::optional<InjectError> {
        if (index < size) return std::nullopt;
        return InjectError{std::string("no ") + what + " number " + std::to_string(index)};
    };
    if (injection.at_ns < 0) return InjectError{"a time before 0"};
    const bool log_model = base_.model == BrokerModel::log;
    switch (injection.kind) {
        case Injection::Kind::operation:
            if (auto error = out_of_range(injection.actor, base_.producers.size(), "producer")) return error;
            return check_operation(injection.op);
        case Injection::Kind::session_start:
            if (log_model) return InjectError{"the log model's consumers poll by themselves: join, leave or commit instead"};
            return out_of_range(injection.actor, base_.consumers.size(), "consumer");
        case Injection::Kind::pick_broker:
        case Injection::Kind::pick_topic:
        case Injection::Kind::pick_index: {
            if (log_model) return InjectError{"the log model's consumers poll by themselves: join, leave or commit instead"};
            if (auto error = out_of_range(injection.actor, base_.consumers.size(), "consumer")) return error;
            if (injection.broker) {
                if (auto error = out_of_range(*injection.broker, base_.brokers.size(), "broker")) return error;
            }
            const bool started = std::any_of(branch.begin(), branch.end(), [&](const Injection& i) {
                return i.kind == Injection::Kind::session_start && i.actor == injection.actor && i.at_ns <= injection.at_ns;
            });
            if (!started) return InjectError{base_.consumers[injection.actor].name + " has no session started yet: start one first"};
            return std::nullopt;
        }
        case Injection::Kind::crash:
        case Injection::Kind::restart: return out_of_range(injection.actor, base_.brokers.size(), "broker");
        case Injection::Kind::partition_start: {
            const std::size_t actors = base_.brokers.size() + base_.producers.size() + base_.consumers.size();
            std::size_t non_empty = 0;
            for (const auto& group : injection.groups) {
                for (ActorIndex actor : group) {
                    if (actor >= actors) return InjectError{"no actor number " + std::to_string(actor)};
                }
                non_empty += group.empty() ? 0 : 1;
            }
            if (non_empty < 2 || non_empty != injection.groups.size()) return InjectError{"a partition needs two non-empty groups"};
            return std::nullopt;
        }
        case Injection::Kind::partition_heal: {
            int open = 0;
            for (const Injection& i : branch) {
                if (i.at_ns > injection.at_ns) continue;
                if (i.kind == Injection::Kind::partition_start) ++open;
                if (i.kind == Injection::Kind::partition_heal && open > 0) --open;
            }
            if (open == 0) return InjectError{"no partition to heal"};
            return std::nullopt;
        }
        case Injection::Kind::join:
        case Injection::Kind::leave:
        case Injection::Kind::commit:
        case Injection::Kind::add_consumer: return check_membership(injection, branch);
    }
    return std::nullopt;
}

std::optional<InjectError> Exploration::check_operation(const OperationSpec& op) const {
    // The loader's rules for an action of the scenario's model (read_producers.cpp).
    if (base_.model != BrokerModel::log) {
        if (op.kind == OpKind::send) return InjectError{"'send' is the log model's operation: this scenario is the dictionary model's"};
        return std::nullopt;
    }
    if (op.kind != OpKind::send) return InjectError{"the log model's producers send records: publish, edit and delete are the dictionary model's"};
    if (std::none_of(base_.topics.begin(), base_.topics.end(), [&](const LogTopicSpec& t) { return t.name == op.topic; })) {
        std::string topics;
        for (const LogTopicSpec& t : base_.topics) topics += (topics.empty() ? "" : ", ") + t.name;
        return InjectError{"no topic '" + op.topic + "' (the topics: " + topics + ")"};
    }
    if (std::string problem = text_problem("the value", op.message); !problem.empty()) return InjectError{problem};
    if (op.key) {
        if (std::string problem = text_problem("the key", *op.key); !problem.empty()) return InjectError{problem};
    }
    return std::nullopt;
}

std::optional<InjectError> Exploration::check_membership(const Injection& injection, const std::vector<Injection>& branch) const {
    if (base_.model != BrokerModel::log) return InjectError{"consumer groups are the log model's: this scenario is the dictionary model's"};
    // The scenario as the branch has it so far: it knows the consumers added before.
    const ScenarioSpec spec = apply_injections(base_, branch);
    const TimeNs at = injection.at_ns;
    if (injection.kind == Injection::Kind::add_consumer) {
        if (injection.actor >= spec.groups.size()) return InjectError{"no group number " + std::to_string(injection.actor)};
        const std::string& group = spec.groups[injection.actor].name;
        if (std::none_of(spec.consumers.begin(), spec.consumers.end(), [&](const ConsumerSpec& c) { return c.group == injection.actor; })) {
            return InjectError{"group '" + group + "' has no consumer to copy the subscription from"};
        }
        if (std::string problem = name_problem("the consumer's name", injection.name); !problem.empty()) return InjectError{problem};
        const auto named = [&](const auto& list) {
            return std::any_of(list.begin(), list.end(), [&](const auto& actor) { return actor.name == injection.name; });
        };
        if (named(spec.brokers) || named(spec.producers) || named(spec.consumers)) {
            return InjectError{"an actor is named '" + injection.name + "' already"};
        }
        return std::nullopt;
    }
    if (injection.actor >= spec.consumers.size()) return InjectError{"no consumer number " + std::to_string(injection.actor)};
    const ConsumerSpec& consumer = spec.consumers[injection.actor];
    const std::string when = " at " + format_duration(at);
    const bool joined = consumer.join_at_ns <= at;
    const bool left = consumer.leave_at_ns && *consumer.leave_at_ns <= at;
    switch (injection.kind) {
        case Injection::Kind::join:
            // One join_at per consumer: a consumer that left stays out (add a new one).
            if (left) return InjectError{consumer.name + " has left its group" + when + " (add a new consumer instead)"};
            if (joined) return InjectError{consumer.name + " is in its group already" + when + " (it joins at " + format_duration(consumer.join_at_ns) + ")"};
            return std::nullopt;
        case Injection::Kind::leave:
            // The loader's rule: leave_at later than join_at.
            if (left) return InjectError{consumer.name + " has left its group" + when + " already"};
            if (consumer.join_at_ns >= at) return InjectError{consumer.name + " is not in its group yet" + when + " (it joins at " + format_duration(consumer.join_at_ns) + ")"};
            return std::nullopt;
        default:
            if (!joined || left) return InjectError{consumer.name + " is not in its group" + when};
            return std::nullopt;
    }
}

std::optional<InjectError> Exploration::inject(Injection injection) {
    const bool rewinds = std::any_of(current_.begin(), current_.end(),
                                     [&](const Injection& i) { return i.at_ns > injection.at_ns; });
    std::vector<Injection> branch;
    if (rewinds) {
        // A new branch: what happened up to the injection's time, then it.
        std::copy_if(current_.begin(), current_.end(), std::back_inserter(branch),
                     [&](const Injection& i) { return i.at_ns <= injection.at_ns; });
    } else {
        branch = current_;
    }
    if (auto error = check(injection, branch)) return error;
    branch.push_back(std::move(injection));
    if (rewinds) previous_ = std::move(current_);
    current_ = std::move(branch);
    rerun();
    return std::nullopt;
}

void Exploration::switch_branch() {
    if (!previous_) return;
    std::swap(current_, *previous_);
    rerun();
}

std::string Exploration::fingerprint() const { return format_fingerprint(write_trace(*run_, nullptr)); }

ScenarioSpec Exploration::spec_to_save(bool with_expectations) const {
    ScenarioSpec spec = this->spec();
    // The base scenario's expectations describe the run before the person
    // changed it (its fingerprint, at least, no longer holds): replaced.
    spec.expectations.clear();
    if (!with_expectations) return spec;
    const Simulation& final_state = run_->final_state();
    const StringTable& strings = final_state.strings();
    if (final_state.is_log_model()) {
        add_log_expectations(spec);
        spec.expectations.push_back({"", 1, "", ExpectFingerprint{fingerprint()}, {}});
        return spec;
    }
    for (std::size_t b = 0; b < final_state.brokers().size(); ++b) {
        const Broker& broker = final_state.brokers()[b];
        const std::string& name = spec.brokers[b].name;
        ExpectBrokerTopics topics{name, {}};
        for (const Topic& topic : broker.topics) {
            TopicSpec& out = topics.topics.emplace_back();
            out.name = strings.text(topic.name);
            for (StringId message : topic.messages) out.messages.emplace_back(strings.text(message));
        }
        spec.expectations.push_back({"", 1, "", std::move(topics), {}});
        spec.expectations.push_back({"", 1, "", ExpectBrokerState{name, broker.up, broker.busy}, {}});
    }
    for (std::size_t c = 0; c < final_state.consumers().size(); ++c) {
        ExpectConsumedExactly consumed{spec.consumers[c].name, {}};
        for (const Consumption& item : final_state.consumers()[c].consumed) {
            consumed.items.push_back({.message = std::string(strings.text(item.text)),
                                      .topic = std::string(strings.text(item.topic)),
                                      .broker = std::string(final_state.actor_name(item.broker)),
                                      .index = item.index});
        }
        spec.expectations.push_back({"", 1, "", std::move(consumed), {}});
    }
    spec.expectations.push_back({"", 1, "", ExpectFingerprint{fingerprint()}, {}});
    return spec;
}

void Exploration::add_log_expectations(ScenarioSpec& spec) const {
    // The log model's end state: each broker up or down, each partition's
    // whole log, each group's committed offsets, lag, duplicates and
    // rebalances, each consumer's consumed list (check_log.cpp and
    // check_consumers.cpp judge them with core/log_stats.hpp's measures).
    const Simulation& final_state = run_->final_state();
    const StringTable& strings = final_state.strings();
    const LogModel& model = final_state.log_model();
    const auto topic_of = [&](std::uint32_t partition) { return std::string(strings.text(model.layout.topic_names[model.layout.topic_of[partition]])); };
    const auto text_of = [&](StringId id) { return id == no_string ? std::optional<std::string>() : std::optional<std::string>(strings.text(id)); };
    for (std::size_t b = 0; b < final_state.brokers().size(); ++b) {
        spec.expectations.push_back({"", 1, "", ExpectBrokerState{spec.brokers[b].name, final_state.brokers()[b].up, std::nullopt}, {}});
    }
    for (std::uint32_t p = 0; p < model.layout.partition_count(); ++p) {
        ExpectPartition partition{topic_of(p), model.layout.local(p), model.partitions[p].end_offset(), std::vector<ExpectLogRecord>{}};
        for (const log::LogRecord& record : model.partitions[p].records()) {
            partition.records->push_back({text_of(record.key), std::string(strings.text(record.value))});
        }
        spec.expectations.push_back({"", 1, "", std::move(partition), {}});
    }
    const std::vector<std::uint64_t> duplicates = consumer_duplicates(final_state);
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        ExpectGroup group;
        group.group = spec.groups[g].name;
        group.committed.emplace();
        for (const std::uint32_t topic : group_topics(spec, g)) {
            for (std::uint32_t p = model.layout.first_partition[topic]; p < model.layout.partition_count() && model.layout.topic_of[p] == topic; ++p) {
                const std::optional<std::uint64_t> committed = model.groups[g].group.committed({topic, model.layout.local(p)});
                if (committed) group.committed->push_back({TopicPartitionName{topic_of(p), model.layout.local(p)}, *committed});
            }
        }
        group.lag = group_lag(final_state, g).total;
        group.rebalances = model.groups[g].rebalances;
        std::uint64_t group_duplicates = 0;
        for (std::size_t c = 0; c < spec.consumers.size(); ++c) group_duplicates += spec.consumers[c].group == g ? duplicates[c] : 0;
        group.duplicates = group_duplicates;
        spec.expectations.push_back({"", 1, "", std::move(group), {}});
    }
    for (std::size_t c = 0; c < model.consumers.size(); ++c) {
        ExpectConsumedExactly consumed{spec.consumers[c].name, {}};
        for (const LogConsumption& item : model.consumers[c].consumed) {
            ConsumedItemSpec out;
            out.message = std::string(strings.text(item.value));
            out.topic = topic_of(item.partition);
            out.key = text_of(item.key);
            out.partition = model.layout.local(item.partition);
            out.offset = item.offset;
            consumed.items.push_back(std::move(out));
        }
        spec.expectations.push_back({"", 1, "", std::move(consumed), {}});
    }
}

bool Exploration::save(const std::string& path, bool with_expectations, std::string& error) const {
    std::ofstream out(path, std::ios::binary);
    if (out) out << save_scenario_yaml(spec_to_save(with_expectations));
    out.close();
    if (out) return true;
    error = "cannot write " + path;
    return false;
}

}  // namespace kafkasim::interactive
