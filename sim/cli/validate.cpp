// kafkasim validate: load each file, print its errors or "ok".
#include <ostream>

#include "cli/cli.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim::cli {

int validate_command(const std::vector<std::string>& args, Streams io) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? io.err : io.out) << "usage: kafkasim validate SCENARIO.yaml...\n"
                                            "Prints FILE:LINE:COL: error: ... for each problem; exit 0 if all are valid, else 2.\n";
        return args.empty() ? exit_bad_input : exit_ok;
    }
    int status = exit_ok;
    for (const std::string& path : args) {
        if (load_or_report(path, io)) {
            io.out << terminal_text(path) << ": ok\n";
        } else {
            status = exit_bad_input;
        }
    }
    return status;
}

}  // namespace kafkasim::cli
