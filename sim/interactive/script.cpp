// The interactive script: lines -> ScriptCommand -> Exploration (script.hpp).
#include "interactive/script.hpp"

#include "scenario/diagnostic.hpp"
#include "scenario/duration.hpp"
#include "scenario/values.hpp"

#include <algorithm>
#include <charconv>

namespace kafkasim::interactive {
namespace {

// Splits on spaces; "..." is one word (with \" and \\ escapes); an unquoted
// '#' starts a comment. False on an unterminated quote.
bool split_words(std::string_view text, std::vector<std::string>& words, std::string& error) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
            ++i;
            continue;
        }
        if (text[i] == '#') break;  // a comment, to the end of the line
        std::string word;
        if (text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && i < text.size()) {
                    word += text[i++];
                    continue;
                }
                word += c;
            }
            if (!closed) {
                error = "unterminated quote";
                return false;
            }
        } else {
            while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r') word += text[i++];
        }
        words.push_back(std::move(word));
    }
    return true;
}

template <class List>
std::optional<std::uint32_t> find_name(const List& list, const std::string& name) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].name == name) return static_cast<std::uint32_t>(i);
    }
    return std::nullopt;
}

std::optional<ActorIndex> find_actor(const ScenarioSpec& spec, const std::string& name) {
    std::size_t offset = 0;
    if (auto b = find_name(spec.brokers, name)) return static_cast<ActorIndex>(*b);
    offset += spec.brokers.size();
    if (auto p = find_name(spec.producers, name)) return static_cast<ActorIndex>(offset + *p);
    offset += spec.producers.size();
    if (auto c = find_name(spec.consumers, name)) return static_cast<ActorIndex>(offset + *c);
    return std::nullopt;
}

}  // namespace

bool parse_script_line(std::string_view text, int line, const ScenarioSpec& base, std::vector<ScriptCommand>& commands,
                       std::string& error) {
    std::vector<std::string> words;
    if (!split_words(text, words, error)) return false;
    if (words.empty()) return true;
    ScriptCommand command;
    command.line = line;
    const std::string& verb = words.front();
    if (verb == "switch" || verb == "discard") {
        if (words.size() != 1) return error = "'" + verb + "' takes nothing after it", false;
        command.kind = verb == "switch" ? ScriptCommand::Kind::switch_branch : ScriptCommand::Kind::discard;
        commands.push_back(std::move(command));
        return true;
    }
    if (verb == "save") {
        const bool expect = words.size() == 3 && words[2] == "expect";
        if (words.size() != 2 && !expect) return error = "usage: save FILE [expect]", false;
        command.kind = ScriptCommand::Kind::save;
        command.path = words[1];
        command.with_expectations = expect;
        commands.push_back(std::move(command));
        return true;
    }
    if (verb != "at" || words.size() < 3) {
        return error = "unknown command '" + verb + "' (at T ACTION ..., switch, discard, save FILE [expect])", false;
    }
    // Every value the script accepts passes the loader's own rules (values.hpp,
    // duration.hpp), with the loader's words: what a script can say, the
    // scenario it saves can say too.
    const DurationParse at = parse_duration_explained(words[1]);
    if (!at.value) return error = "invalid duration for 'at': " + at.error, false;
    Injection& injection = command.injection;
    injection.at_ns = *at.value;
    const std::string& action = words[2];
    const std::vector<std::string> args(words.begin() + 3, words.end());
    auto need = [&](std::size_t count, const char* usage) {
        if (args.size() == count) return true;
        error = std::string("usage: at T ") + usage;
        return false;
    };
    auto producer = [&](const std::string& name) {
        auto p = find_name(base.producers, name);
        if (!p) error = "no producer named '" + name + "'";
        return p;
    };
    auto consumer = [&](const std::string& name) {
        auto c = find_name(base.consumers, name);
        if (!c) error = "no consumer named '" + name + "'";
        return c;
    };
    auto broker = [&](const std::string& name) {
        auto b = find_name(base.brokers, name);
        if (!b) error = "no broker named '" + name + "'";
        return b;
    };
    auto index = [&](const std::string& word) -> std::optional<std::int64_t> {
        const auto i = parse_integer(word, 0, index_max);
        if (!i) {
            error = integer_problem("the index", quote_for_message(word), 0, index_max);
            return std::nullopt;
        }
        return static_cast<std::int64_t>(*i);
    };
    // "" when acceptable; else `error` is set.
    auto topic_ok = [&](const std::string& word) {
        error = name_problem("the topic " + quote_for_message(word), word);
        return error.empty();
    };
    auto message_ok = [&](const std::string& word) {
        error = text_problem("the message " + quote_for_message(word), word);
        return error.empty();
    };
    if (action == "publish" || action == "edit" || action == "delete-topic" || action == "delete-message") {
        injection.kind = Injection::Kind::operation;
        OperationSpec& op = injection.op;
        if (action == "publish") {
            if (!need(3, "publish PRODUCER TOPIC MESSAGE")) return false;
            op.kind = OpKind::publish;
            if (!message_ok(args[2])) return false;
            op.message = args[2];
        } else if (action == "edit") {
            if (!need(4, "edit PRODUCER TOPIC INDEX MESSAGE")) return false;
            op.kind = OpKind::edit;
            auto i = index(args[2]);
            if (!i) return false;
            op.index = *i;
            if (!message_ok(args[3])) return false;
            op.message = args[3];
        } else if (action == "delete-topic") {
            if (!need(2, "delete-topic PRODUCER TOPIC")) return false;
            op.kind = OpKind::delete_topic;
        } else {
            if (!need(3, "delete-message PRODUCER TOPIC INDEX")) return false;
            op.kind = OpKind::delete_message;
            auto i = index(args[2]);
            if (!i) return false;
            op.index = *i;
        }
        auto p = producer(args[0]);
        if (!p) return false;
        injection.actor = *p;
        if (!topic_ok(args[1])) return false;
        op.topic = args[1];
    } else if (action == "session" || action == "pick-broker" || action == "pick-topic" || action == "pick-index") {
        if (action == "session") {
            if (!need(1, "session CONSUMER")) return false;
            injection.kind = Injection::Kind::session_start;
        } else if (action == "pick-broker") {
            if (!need(2, "pick-broker CONSUMER BROKER|policy")) return false;
            injection.kind = Injection::Kind::pick_broker;
            if (args[1] != "policy") {
                injection.broker = broker(args[1]);
                if (!injection.broker) return false;
            }
        } else if (action == "pick-topic") {
            if (!need(2, "pick-topic CONSUMER TOPIC")) return false;
            injection.kind = Injection::Kind::pick_topic;
            if (!topic_ok(args[1])) return false;
            injection.topic = args[1];
        } else {
            if (!need(2, "pick-index CONSUMER INDEX")) return false;
            injection.kind = Injection::Kind::pick_index;
            auto i = index(args[1]);
            if (!i) return false;
            injection.index = *i;
        }
        auto c = consumer(args[0]);
        if (!c) return false;
        injection.actor = *c;
    } else if (action == "crash" || action == "restart") {
        if (!need(1, "crash|restart BROKER")) return false;
        injection.kind = action == "crash" ? Injection::Kind::crash : Injection::Kind::restart;
        auto b = broker(args[0]);
        if (!b) return false;
        injection.actor = *b;
    } else if (action == "partition") {
        if (args.size() < 2) return error = "usage: at T partition A,B C,D (two or more groups)", false;
        injection.kind = Injection::Kind::partition_start;
        std::vector<std::vector<std::string>> names;
        for (const std::string& group_text : args) {
            auto& group = injection.groups.emplace_back();
            auto& group_names = names.emplace_back();
            std::size_t start = 0;
            while (start <= group_text.size()) {
                const std::size_t comma = std::min(group_text.find(',', start), group_text.size());
                const std::string name = group_text.substr(start, comma - start);
                auto actor = find_actor(base, name);
                if (!actor) return error = "no actor named '" + name + "'", false;
                group.push_back(*actor);
                group_names.push_back(name);
                start = comma + 1;
            }
        }
        error = partition_problem(names);
        if (!error.empty()) return false;
    } else if (action == "heal") {
        if (!need(0, "heal")) return false;
        injection.kind = Injection::Kind::partition_heal;
    } else if (action == "send") {
        // The log model: a record with an optional key (the last word).
        if (args.size() != 3 && args.size() != 4) return error = "usage: at T send PRODUCER TOPIC VALUE [KEY]", false;
        injection.kind = Injection::Kind::operation;
        OperationSpec& op = injection.op;
        op.kind = OpKind::send;
        auto p = producer(args[0]);
        if (!p) return false;
        injection.actor = *p;
        if (!topic_ok(args[1])) return false;
        op.topic = args[1];
        error = text_problem("the value " + quote_for_message(args[2]), args[2]);
        if (!error.empty()) return false;
        op.message = args[2];
        if (args.size() == 4) {
            error = text_problem("the key " + quote_for_message(args[3]), args[3]);
            if (!error.empty()) return false;
            op.key = args[3];
        }
    } else if (action == "join" || action == "leave" || action == "commit") {
        if (!need(1, "join|leave|commit CONSUMER")) return false;
        injection.kind = action == "join" ? Injection::Kind::join : action == "leave" ? Injection::Kind::leave : Injection::Kind::commit;
        auto c = consumer(args[0]);
        if (!c) return false;
        injection.actor = *c;
    } else if (action == "add-consumer") {
        if (!need(2, "add-consumer NAME GROUP")) return false;
        injection.kind = Injection::Kind::add_consumer;
        error = name_problem("the consumer's name " + quote_for_message(args[0]), args[0]);
        if (!error.empty()) return false;
        if (find_actor(base, args[0])) return error = "an actor is named '" + args[0] + "' already", false;
        injection.name = args[0];
        auto g = find_name(base.groups, args[1]);
        if (!g) return error = "no group named '" + args[1] + "'", false;
        injection.actor = *g;
    } else {
        return error = "unknown action '" + action +
                       "' (publish, edit, delete-topic, delete-message, session, pick-broker, pick-topic, pick-index, "
                       "crash, restart, partition, heal; the log model: send, join, leave, commit, add-consumer)",
               false;
    }
    commands.push_back(std::move(command));
    return true;
}

std::vector<ScriptCommand> parse_script(std::string_view text, const std::string& file, const ScenarioSpec& base,
                                        std::vector<std::string>& errors) {
    std::vector<ScriptCommand> commands;
    int line = 0;
    std::size_t start = 0;
    // The names later lines may use: a consumer added by add-consumer is
    // named from its line on (it is the next consumer, as in apply_injections).
    ScenarioSpec names = base;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        ++line;
        std::string error;
        if (!parse_script_line(text.substr(start, end - start), line, names, commands, error)) {
            errors.push_back(file + ":" + std::to_string(line) + ": error: " + error);
        } else if (!commands.empty() && commands.back().line == line && commands.back().kind == ScriptCommand::Kind::inject &&
                   commands.back().injection.kind == Injection::Kind::add_consumer) {
            ConsumerSpec added;
            added.name = commands.back().injection.name;
            added.group = commands.back().injection.actor;
            names.consumers.push_back(std::move(added));
        }
        start = end + 1;
    }
    if (!errors.empty()) commands.clear();
    return commands;
}

bool run_script_command(Exploration& exploration, const ScriptCommand& command, std::string& error) {
    switch (command.kind) {
        case ScriptCommand::Kind::inject:
            if (auto refused = exploration.inject(command.injection)) {
                error = refused->message;
                return false;
            }
            return true;
        case ScriptCommand::Kind::switch_branch: exploration.switch_branch(); return true;
        case ScriptCommand::Kind::discard: exploration.discard_previous(); return true;
        case ScriptCommand::Kind::save: return exploration.save(command.path, command.with_expectations, error);
    }
    return true;
}

}  // namespace kafkasim::interactive
