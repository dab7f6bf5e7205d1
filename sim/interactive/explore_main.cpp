// kafkasim-explore SCENARIO --script FILE: interactive mode without a window.
// Runs the script's commands through the same Exploration the visualizer's
// panels drive, then prints the run's fingerprint (as `kafkasim run` does),
// so a saved exploration can be checked against `kafkasim run` of the file.
#include "interactive/script.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

constexpr int exit_user_error = 2;

int usage() {
    std::cerr << "usage: kafkasim-explore SCENARIO --script FILE\n";
    return exit_user_error;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kafkasim;
    if (argc != 4 || std::string(argv[2]) != "--script") return usage();
    LoadResult loaded = load_scenario_file(argv[1]);
    for (const Diagnostic& d : loaded.errors) std::cerr << format_diagnostic(d) << '\n';
    if (!loaded.spec) return exit_user_error;
    std::ifstream in(argv[3], std::ios::binary);
    if (!in) {
        std::cerr << argv[3] << ": error: cannot open the script\n";
        return exit_user_error;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> errors;
    const auto commands = interactive::parse_script(text.str(), argv[3], *loaded.spec, errors);
    for (const std::string& error : errors) std::cerr << error << '\n';
    if (!errors.empty()) return exit_user_error;
    interactive::Exploration exploration(std::move(*loaded.spec));
    for (const interactive::ScriptCommand& command : commands) {
        std::string error;
        if (!interactive::run_script_command(exploration, command, error)) {
            std::cerr << argv[3] << ":" << command.line << ": error: " << error << '\n';
            return exit_user_error;
        }
    }
    std::cout << "fingerprint " << exploration.fingerprint() << '\n';
    // As `kafkasim run`: a run that stopped early (time limit, --max-events) is an error.
    if (const std::optional<std::string> error = stop_error(exploration.run())) {
        std::cerr << argv[1] << ": error: " << *error << '\n';
        return exit_user_error;
    }
    return 0;
}
