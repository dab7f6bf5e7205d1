// The kafkasim command line: each subcommand is a function from arguments to
// an exit code, so tests can call them without a process. main.cpp only
// dispatches. Exit codes (a documented interface): 0 ok; 1 failed
// expectations; 2 bad usage or bad scenario.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim::cli {

constexpr int exit_ok = 0;
constexpr int exit_failed_expectations = 1;
constexpr int exit_bad_input = 2;

struct Streams {
    std::ostream& out;
    std::ostream& err;
};

int run_command(const std::vector<std::string>& args, Streams io);
int validate_command(const std::vector<std::string>& args, Streams io);
int check_command(const std::vector<std::string>& args, Streams io);
int sweep_command(const std::vector<std::string>& args, Streams io);
int compare_command(const std::vector<std::string>& args, Streams io);
int main_dispatch(const std::vector<std::string>& args, Streams io);

// Loads SCENARIO (or the built-in default when `path` is empty), printing
// every diagnostic to io.err. Empty when the scenario is bad.
std::optional<ScenarioSpec> load_or_report(const std::string& path, Streams io);

}  // namespace kafkasim::cli
