// Scripted input for the Interactive window (`kafkasim-viz --script FILE`,
// and the headless tests): each script command is performed the way a
// person would, through the widgets. The driver types the command's time
// into "Go to" and presses Go, switches to the right tab, types into the
// fields, sets the check boxes and clicks the button, by moving ImGui's
// mouse onto the rectangle the widget had in the previous frame (the
// WidgetRegistry) and pressing and releasing it over the next frames; keys
// and characters go through ImGuiIO as a backend would send them. After
// each action it checks that the click pressed the button and what the
// exploration answered.
//
// A choice the panels do not offer at that time (the consumer is not
// choosing a topic then, an index beyond the list) is the script's error,
// reported as FILE:LINE: error: ..., like an action the exploration refused.
//
// Per frame: feed_input(io) before ImGui::NewFrame (after the platform
// backend's own NewFrame, which would overwrite the mouse), then
// VizApp::frame, then after_frame().
#pragma once

#include <imgui.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "interactive/script.hpp"
#include "ui/app.hpp"

namespace kafkasim::viz {

class ScriptDriver {
public:
    // `file`: the script's name, for messages. `app` must be in interactive mode.
    ScriptDriver(VizApp& app, std::vector<interactive::ScriptCommand> commands, std::string file);

    void feed_input(ImGuiIO& io);
    void after_frame();

    bool finished() const { return failed_ || (steps_.empty() && next_command_ >= commands_.size()); }
    // 0: every command performed. 2: the script asked for something refused
    // or not offered (error() says FILE:LINE: error: ...). 1: a widget did
    // not react to the driver (a bug in the driver or the panels).
    int exit_code() const { return exit_code_; }
    const std::string& error() const { return error_; }
    std::size_t commands_left() const { return commands_.size() - next_command_; }

private:
    struct Step {
        enum class Kind : std::uint8_t { click, type, set_check, expect_time, expect_action };
        Kind kind = Kind::click;
        std::string key;                       // the widget (click, type, set_check)
        std::string text;                      // type: what to type
        const bool* check = nullptr;           // set_check: the state the check box edits
        bool wanted = false;                   //   ...and the value wanted
        TimeNs time_ns = 0;                    // expect_time
        std::function<std::string()> missing;  // the script's error when the widget is not drawn
        int phase = 0;
        int waited_frames = 0;
    };

    void plan(const interactive::ScriptCommand& command);
    void plan_injection(const interactive::Injection& injection);
    void click(std::string key, std::function<std::string()> missing = {});
    void type(std::string key, std::string text);
    // Inputs of the step at the front; false while it waits for its widget.
    void press(Step& step, ImGuiIO& io);
    bool locate(Step& step, ImGuiIO& io);
    void fail(int code, const std::string& message);
    std::string here() const;  // "FILE:LINE"

    VizApp& app_;
    std::vector<interactive::ScriptCommand> commands_;
    std::string file_;
    std::size_t next_command_ = 0;
    int line_ = 0;                 // of the command being performed
    std::deque<Step> steps_;
    std::uint64_t serial_expected_ = 0;
    bool failed_ = false;
    int exit_code_ = 0;
    std::string error_;
    ImVec2 mouse_{-1, -1};         // where the driver's pointer rests
};

}  // namespace kafkasim::viz
