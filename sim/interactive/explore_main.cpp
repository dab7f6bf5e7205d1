// kafkasim-explore SCENARIO --script FILE: interactive mode without a window.
// Runs the script's commands through the same Exploration the visualizer's
// panels drive, then prints the run's fingerprint (as `kafkasim run` does),
// so a saved exploration can be checked against `kafkasim run` of the file.
#include "check/load_checked.hpp"
#include "interactive/script.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "text/utf8_text.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

constexpr int exit_ok = 0;
constexpr int exit_user_error = 2;

constexpr const char* usage_text =
    "usage: kafkasim-explore SCENARIO --script FILE\n"
    "Runs the interactive script FILE (README, \"Interactive mode\") on SCENARIO without a window and prints\n"
    "the run's fingerprint. Exit codes: 0 ok; 2 bad usage, bad scenario or a script line refused.\n";

int usage() {
    std::cerr << usage_text;
    return exit_user_error;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kafkasim;
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        std::cout << usage_text;
        return exit_ok;
    }
    if (argc != 4 || std::string(argv[2]) != "--script") return usage();
    // The front door every program shares: the loader plus the stat-path checks.
    LoadResult loaded = load_checked_scenario(argv[1]);
    for (const Diagnostic& d : loaded.errors) std::cerr << format_diagnostic(d) << '\n';
    if (!loaded.spec) return exit_user_error;
    std::ifstream in(argv[3], std::ios::binary);
    if (!in) {
        std::cerr << terminal_text(argv[3]) << ": error: cannot open the script\n";
        return exit_user_error;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> errors;
    const auto commands = interactive::parse_script(text.str(), argv[3], *loaded.spec, errors);
    for (const std::string& error : errors) std::cerr << terminal_text(error) << '\n';
    if (!errors.empty()) return exit_user_error;
    interactive::Exploration exploration(std::move(*loaded.spec));
    for (const interactive::ScriptCommand& command : commands) {
        std::string error;
        if (!interactive::run_script_command(exploration, command, error)) {
            std::cerr << terminal_text(argv[3]) << ":" << command.line << ": error: " << terminal_text(error) << '\n';
            return exit_user_error;
        }
    }
    std::cout << "fingerprint " << exploration.fingerprint() << '\n';
    // As `kafkasim run`: a run that stopped early (time limit, --max-events) is an error.
    if (const std::optional<std::string> error = stop_error(exploration.run())) {
        std::cerr << terminal_text(argv[1]) << ": error: " << terminal_text(*error) << '\n';
        return exit_user_error;
    }
    return exit_ok;
}
