// The parsing every subcommand shares: its options plus SCENARIO words as
// positionals, a bad option reported as "kafkasim NAME: error: ..." with a
// pointer to --help, and --help itself. Private to the CLI (Boost stays out
// of cli.hpp).
#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"

namespace kafkasim::cli {

// The ranges of the numeric options (cli/numeric_option.hpp parses them).
inline constexpr std::uint64_t seed_max = std::numeric_limits<std::uint64_t>::max();   // as the YAML's seed:
inline constexpr std::uint64_t events_max = std::numeric_limits<std::uint64_t>::max();  // --max-events, from 1
inline constexpr std::uint64_t threads_max = 1024;                                       // sweep -j, from 1

// Parses `args` against `description` plus `scenario` (the hidden option that
// takes up to `scenarios_max` positional words; -1: any number). Returns the
// exit code when the command is done already (exit_ok after printing --help,
// exit_bad_input after a bad option), or nothing with `values` filled.
std::optional<int> parse_command(const std::vector<std::string>& args, std::string_view command,
                                 const boost::program_options::options_description& description,
                                 const boost::program_options::options_description& scenario, int scenarios_max,
                                 Streams io, boost::program_options::variables_map& values);

}  // namespace kafkasim::cli
