// See parse.hpp.
#include "cli/parse.hpp"
#include "text/utf8_text.hpp"

#include <ostream>

namespace kafkasim::cli {

namespace po = boost::program_options;

std::optional<int> parse_command(const std::vector<std::string>& args, std::string_view command,
                                 const po::options_description& description, const po::options_description& scenario,
                                 int scenarios_max, Streams io, po::variables_map& values) {
    po::options_description all;
    all.add(description).add(scenario);
    po::positional_options_description positional;
    positional.add("scenario", scenarios_max);
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
        po::notify(values);
    } catch (const po::error& error) {
        io.err << "kafkasim " << command << ": error: " << terminal_text(error.what()) << "\n(see kafkasim " << command << " --help)\n";
        return exit_bad_input;
    }
    if (values.count("help")) {
        io.out << description;
        return exit_ok;
    }
    return std::nullopt;
}

}  // namespace kafkasim::cli
