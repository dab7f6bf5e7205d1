// kafkasim validate: load each file, print its errors or "ok", and warnings
// about what the scenario alone shows to do nothing (a crash of a broker
// already down, a restart of one that is up). Warnings never fail a file.
#include <ostream>

#include "cli/cli.hpp"
#include "core/fault_plan.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim::cli {

int validate_command(const std::vector<std::string>& args, Streams io) {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        (args.empty() ? io.err : io.out) << "usage: kafkasim validate SCENARIO.yaml...\n"
                                            "Prints FILE:LINE:COL: error: ... for each problem; exit 0 if all are valid, else 2.\n"
                                            "Warnings (FILE:LINE:COL: warning: ...) do not change the exit code.\n";
        return args.empty() ? exit_bad_input : exit_ok;
    }
    int status = exit_ok;
    for (const std::string& path : args) {
        if (const std::optional<ScenarioSpec> spec = load_or_report(path, io)) {
            for (const IneffectiveFault& warning : ineffective_faults(*spec)) {
                const SourcePos& pos = spec->faults[warning.fault].pos;
                std::string where = pos.file.empty() ? path : pos.file;
                if (pos.line > 0) where += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
                io.err << terminal_text(where + ": warning: " + warning.message) << "\n";
            }
            io.out << terminal_text(path) << ": ok\n";
        } else {
            status = exit_bad_input;
        }
    }
    return status;
}

}  // namespace kafkasim::cli
