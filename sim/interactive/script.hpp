// Scripted input for interactive mode (`kafkasim-viz SCENARIO --script FILE`,
// and tests): one command per line, run through Exploration::inject exactly
// as the panels' buttons are. Format (README, "Interactive mode"):
//
//   # a comment (also after a command); blank lines are ignored
//   at 100ms publish p1 "Hello world" "message 9"
//   at 110ms edit p1 "Hello world" 2 "new text"
//   at 120ms delete-message p1 "Hello world" 1
//   at 130ms delete-topic p1 "Hello world"
//   at 200ms session c1
//   at 250ms pick-broker c1 b1          (or: pick-broker c1 policy)
//   at 260ms pick-topic c1 "Hello world"
//   at 270ms pick-index c1 0
//   at 300ms crash b1
//   at 400ms restart b1
//   at 500ms partition b1,p1 b2,c1      (two or more groups of actor names)
//   at 600ms heal
//   at 10ms send p1 orders "order 9" user-42   (the log model: TOPIC VALUE [KEY])
//   at 20ms join c2 / leave c1 / commit c1     (the log model: a member joins, leaves, commits now)
//   at 30ms add-consumer c9 g1                 (the log model: a new consumer joins group g1)
//   switch                               (current <-> previous branch)
//   discard                              (drop the previous branch)
//   save out.yaml [expect]               (expect: with the end state)
//
// Words are separated by spaces; a word with spaces is double-quoted, with
// \" and \\ inside.
#pragma once

#include "interactive/exploration.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kafkasim::interactive {

struct ScriptCommand {
    enum class Kind : std::uint8_t { inject, switch_branch, discard, save };
    Kind kind = Kind::inject;
    Injection injection;           // inject
    std::string path;              // save
    bool with_expectations = false;
    int line = 0;                  // 1-based, for messages
};

// Parses one line against the scenario's actor names. Returns false with
// `error` set (a phrase, without position) when the line is not a command;
// a blank or comment line gives true with `commands` unchanged.
bool parse_script_line(std::string_view text, int line, const ScenarioSpec& base, std::vector<ScriptCommand>& commands,
                       std::string& error);

// Every line of `text`; errors as "FILE:LINE: error: ...". Commands are
// returned only when there is no error.
std::vector<ScriptCommand> parse_script(std::string_view text, const std::string& file, const ScenarioSpec& base,
                                        std::vector<std::string>& errors);

// Runs one command; false with `error` set when the exploration refused it
// or the file could not be written.
bool run_script_command(Exploration& exploration, const ScriptCommand& command, std::string& error);

}  // namespace kafkasim::interactive
