// See script_driver.hpp. The driver is a queue of input steps per command;
// each step spends a few frames (hover, press, release; then Backspace and
// the characters for a field) and waits, a bounded number of frames, for
// its widget to be drawn and on screen.
#include "ui/script_driver.hpp"

#include <algorithm>
#include <cassert>

#include "scenario/duration.hpp"
#include "ui/widget_keys.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

namespace {

// A tab switch shows its widgets a frame or two later, a reveal scrolls
// within one: a widget still missing after this many frames is not coming.
constexpr int wait_frames_max = 8;
constexpr int phase_done = 100;

}  // namespace

ScriptDriver::ScriptDriver(VizApp& app, std::vector<interactive::ScriptCommand> commands, std::string file)
    : app_(app), commands_(std::move(commands)), file_(std::move(file)) {
    assert(app_.interactive() && "the script drives the Interactive window");
}

std::string ScriptDriver::here() const { return file_ + ":" + std::to_string(line_); }

void ScriptDriver::fail(int code, const std::string& message) {
    failed_ = true;
    exit_code_ = code;
    error_ = here() + ": error: " + message;
    steps_.clear();
}

void ScriptDriver::click(std::string key, std::function<std::string()> missing) {
    Step step;
    step.kind = Step::Kind::click;
    step.key = std::move(key);
    step.missing = std::move(missing);
    steps_.push_back(std::move(step));
}

void ScriptDriver::type(std::string key, std::string text) {
    Step step;
    step.kind = Step::Kind::type;
    step.key = std::move(key);
    step.text = std::move(text);
    steps_.push_back(std::move(step));
}

void ScriptDriver::plan(const interactive::ScriptCommand& command) {
    using Kind = interactive::ScriptCommand::Kind;
    line_ = command.line;
    serial_expected_ = app_.last_action().serial + 1;
    const interactive::Exploration& exploration = *app_.exploration();
    switch (command.kind) {
        case Kind::inject: plan_injection(command.injection); break;
        case Kind::switch_branch:
        case Kind::discard:
            // The buttons are disabled without a previous branch: nothing to press.
            if (!exploration.previous()) return fail(2, "there is no previous branch (Switch and Discard are disabled)");
            click(keys::tab_branches);
            click(command.kind == Kind::discard ? keys::branch_discard : keys::branch_switch);
            break;
        case Kind::save: {
            click(keys::tab_branches);
            type(keys::save_path, command.path);
            Step check;
            check.kind = Step::Kind::set_check;
            check.key = keys::save_expect;
            check.check = &app_.ui().interactive.save_expectations;
            check.wanted = command.with_expectations;
            steps_.push_back(std::move(check));
            click(keys::save_button);
            break;
        }
    }
    Step expect;
    expect.kind = Step::Kind::expect_action;
    steps_.push_back(std::move(expect));
}

void ScriptDriver::plan_injection(const interactive::Injection& injection) {
    using Kind = interactive::Injection::Kind;
    const ScenarioSpec& base = app_.exploration()->base();
    const std::string at = format_duration(injection.at_ns);
    // What the consumer is doing when a pick is not offered: the likely mistake.
    const auto situation = [this, c = injection.actor]() {
        const Simulation& state = app_.state();
        const Consumer& consumer = state.consumers()[c];
        std::string text = std::string(state.actor_name(state.consumer_actor(c))) + " is " + stage_label(consumer.stage);
        if (consumer.stage == Stage::choosing_index) text += " among " + std::to_string(consumer.messages_count) + " messages";
        const auto& sessions = app_.run().spec().consumers[c].sessions;
        if (consumer.stage != Stage::idle && consumer.session < sessions.size() && !sessions[consumer.session].manual) {
            text += " in a session of the scenario, which chooses by itself";
        }
        return text;
    };
    const std::string consumer_name = injection.kind >= Kind::session_start && injection.kind <= Kind::pick_index
                                          ? base.consumers[injection.actor].name
                                          : std::string();

    switch (injection.kind) {
        case Kind::operation: click(keys::tab_producers); break;
        case Kind::session_start:
        case Kind::pick_broker:
        case Kind::pick_topic:
        case Kind::pick_index:
        case Kind::join:
        case Kind::leave:
        case Kind::commit:
        case Kind::add_consumer: click(keys::tab_consumers); break;
        default: click(keys::tab_faults); break;
    }
    type(keys::time_field, at);
    click(keys::time_go);
    Step time;
    time.kind = Step::Kind::expect_time;
    time.time_ns = injection.at_ns;
    steps_.push_back(std::move(time));

    switch (injection.kind) {
        case Kind::operation: {
            const std::size_t p = injection.actor;
            const OperationSpec& op = injection.op;
            type(keys::producer_field(p, "topic"), op.topic);
            if (op.kind == OpKind::send) {
                // The log model's form: value, key (empty: no key), Send.
                type(keys::producer_field(p, "message"), op.message);
                type(keys::producer_field(p, "key"), op.key.value_or(""));
                click(keys::producer_field(p, "send"));
                break;
            }
            if (op.kind == OpKind::publish || op.kind == OpKind::edit) type(keys::producer_field(p, "message"), op.message);
            if (op.kind == OpKind::edit || op.kind == OpKind::delete_message) {
                type(keys::producer_field(p, "index"), std::to_string(op.index));
            }
            const char* word = op.kind == OpKind::publish ? "publish"
                               : op.kind == OpKind::edit  ? "edit"
                               : op.kind == OpKind::delete_topic ? "delete-topic"
                                                                 : "delete-message";
            click(keys::producer_field(p, word));
            break;
        }
        case Kind::session_start: click(keys::consumer_session(injection.actor)); break;
        case Kind::pick_broker:
            click(injection.broker ? keys::consumer_broker(injection.actor, *injection.broker) : keys::consumer_policy(injection.actor),
                  [=] { return consumer_name + " is not choosing a broker at " + at + " (" + situation() + ")"; });
            break;
        case Kind::pick_topic:
            click(keys::consumer_topic(injection.actor, injection.topic), [=, topic = injection.topic] {
                return consumer_name + " is not offered the topic \"" + topic + "\" at " + at + " (" + situation() + ")";
            });
            break;
        case Kind::pick_index:
            click(keys::consumer_index(injection.actor, injection.index), [=, index = injection.index] {
                return consumer_name + " is not offered index " + std::to_string(index) + " at " + at + " (" + situation() + ")";
            });
            break;
        case Kind::crash: click(keys::crash(injection.actor)); break;
        case Kind::restart: click(keys::restart(injection.actor)); break;
        case Kind::partition_start: {
            if (injection.groups.size() > static_cast<std::size_t>(partition_groups_max)) {
                return fail(2, "the Faults tab offers at most " + std::to_string(partition_groups_max) + " groups");
            }
            const std::size_t actors = base.brokers.size() + base.producers.size() + base.consumers.size();
            std::vector<int> group_of(actors, 0);
            for (std::size_t g = 0; g < injection.groups.size(); ++g) {
                for (const ActorIndex actor : injection.groups[g]) {
                    if (actor >= actors) return fail(2, "no actor number " + std::to_string(actor));
                    if (group_of[actor] != 0) return fail(2, "the Faults tab puts each actor in one group only");
                    group_of[actor] = static_cast<int>(g) + 1;
                }
            }
            for (std::size_t actor = 0; actor < actors; ++actor) click(keys::partition_group(actor, group_of[actor]));
            click(keys::partition_start);
            break;
        }
        case Kind::partition_heal: click(keys::partition_heal); break;
        case Kind::join: click(keys::consumer_join(injection.actor)); break;
        case Kind::leave: click(keys::consumer_leave(injection.actor)); break;
        case Kind::commit: click(keys::consumer_commit(injection.actor)); break;
        case Kind::add_consumer:
            type(keys::add_consumer_name(injection.actor), injection.name);
            click(keys::add_consumer(injection.actor));
            break;
    }
}

bool ScriptDriver::locate(Step& step, ImGuiIO&) {
    const WidgetRect* rect = app_.widgets().find(step.key);
    if (rect != nullptr && rect->visible) {
        mouse_ = rect->center();
        return true;
    }
    if (rect != nullptr) app_.widgets().reveal(step.key);  // drawn but scrolled away
    if (++step.waited_frames > wait_frames_max) {
        if (rect == nullptr && step.missing) {
            fail(2, step.missing());
        } else {
            fail(1, "the widget '" + step.key + "' is " + (rect == nullptr ? "not drawn" : "not on screen") + " (a driver bug)");
        }
    }
    return false;
}

void ScriptDriver::press(Step& step, ImGuiIO& io) {
    switch (step.phase) {
        case 0:  // hover first, as a pointer would
            if (step.kind == Step::Kind::set_check && *step.check == step.wanted) {
                step.phase = phase_done;
                return;
            }
            if (locate(step, io)) step.phase = 1;
            return;
        case 1: io.MouseDown[0] = true; step.phase = 2; return;
        case 2: io.MouseDown[0] = false; step.phase = step.kind == Step::Kind::type ? 3 : phase_done; return;
        case 3: {
            // The field selected all its text when clicked (AutoSelectAll): Backspace clears it.
            const int backspace = io.KeyMap[ImGuiKey_Backspace];
            assert(backspace >= 0 && "the backend maps Backspace");
            io.KeysDown[backspace] = true;
            step.phase = 4;
            return;
        }
        case 4:
            io.KeysDown[io.KeyMap[ImGuiKey_Backspace]] = false;
            io.AddInputCharactersUTF8(step.text.c_str());
            step.phase = phase_done;
            return;
        default: return;
    }
}

void ScriptDriver::feed_input(ImGuiIO& io) {
    io.MouseDown[0] = false;
    if (!failed_ && !steps_.empty()) {
        Step& step = steps_.front();
        if (step.kind == Step::Kind::click || step.kind == Step::Kind::type || step.kind == Step::Kind::set_check) press(step, io);
    }
    // The driver owns the pointer: a real one (if any) must not interfere.
    io.MousePos = mouse_;
}

void ScriptDriver::after_frame() {
    while (!failed_ && !steps_.empty()) {
        Step& step = steps_.front();
        if (step.kind == Step::Kind::expect_time) {
            if (app_.ui().playback.clock_ns != step.time_ns) {
                return fail(1, "Go did not move to " + format_duration(step.time_ns) + " (a driver bug)");
            }
        } else if (step.kind == Step::Kind::expect_action) {
            const ActionResult& result = app_.last_action();
            if (result.serial < serial_expected_) return fail(1, "the click did not press the button (a driver bug)");
            if (!result.ok) return fail(2, result.message);
        } else if (step.phase != phase_done) {
            return;
        }
        steps_.pop_front();
    }
    if (!failed_ && steps_.empty() && next_command_ < commands_.size()) plan(commands_[next_command_++]);
}

}  // namespace kafkasim::viz
