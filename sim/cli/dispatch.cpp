// Subcommand dispatch, --help and --version.
#include <ostream>

#include "cli/cli.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim::cli {

namespace {

constexpr const char* usage_text =
    "kafkasim: a deterministic simulator of a two-broker producer/consumer system\n"
    "\n"
    "usage:\n"
    "  kafkasim run [SCENARIO.yaml] [options]   run a scenario (default: the built-in original system)\n"
    "  kafkasim validate SCENARIO.yaml...       check scenario files without running them\n"
    "  kafkasim check SCENARIO.yaml... [options] run scenarios, grade them against their expect: lists\n"
    "  kafkasim sweep SCENARIO.yaml --seeds A..B [-j N] [--shard I/N]\n"
    "                                           check many seeds in parallel threads\n"
    "  kafkasim compare A.yaml B.yaml...         run each, and print their throughput, waiting and guarantees side by side\n"
    "  kafkasim --help | --version\n"
    "\n"
    "`kafkasim COMMAND --help` lists a command's options.\n"
    "exit codes: 0 ok, 1 failed expectations, 2 bad usage or bad scenario\n";

}  // namespace

int main_dispatch(const std::vector<std::string>& args, Streams io) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        io.out << usage_text;
        return args.empty() ? exit_bad_input : exit_ok;
    }
    if (args[0] == "--version") {
        io.out << "kafkasim " << KAFKASIM_VERSION << "\n";
        return exit_ok;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "run") return run_command(rest, io);
    if (args[0] == "validate") return validate_command(rest, io);
    if (args[0] == "check") return check_command(rest, io);
    if (args[0] == "sweep") return sweep_command(rest, io);
    if (args[0] == "compare") return compare_command(rest, io);
    io.err << "kafkasim: error: unknown command '" << terminal_text(args[0]) << "'\n" << usage_text;
    return exit_bad_input;
}

}  // namespace kafkasim::cli
