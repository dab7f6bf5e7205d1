// The export options `run` and `check` share: `--export FORMAT=FILE`
// (repeatable; FILE '-' is stdout), `--export-window FROM..TO` and
// `--sample INTERVAL`. Parsing and validation live here so that each command
// adds a few lines: declare the options, check them, open the files before
// the run, hand sinks() to the run, close after it.
#pragma once

#include <boost/program_options.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/event_sink.hpp"
#include "export/export_options.hpp"

namespace kafkasim::cli {

struct ExportOptionValues {
    std::vector<std::string> exports;  // FORMAT=FILE, as given
    std::string window;                // FROM..TO, or empty
    std::string sample;                // INTERVAL, or empty
};

// Adds --export, --export-window and --sample to `description`.
void add_export_options(boost::program_options::options_description& description, ExportOptionValues& values);

struct ExportRequest {
    ExportFormat format = ExportFormat::perfetto;
    std::string path;  // "-": stdout
};

struct ExportPlan {
    std::vector<ExportRequest> requests;
    ExportSettings settings;
    bool to_stdout() const;
};

// Checks the values: a known format, a file for each, at most one export to
// stdout, no file twice, a window FROM <= TO (durations; either side may be
// left out: "..50ms", "10ms.."), a sample interval > 0 and only with a csv
// export, a window or interval only with an export. Writes each problem as
// "kafkasim COMMAND: error: ..." to `err` and returns nothing if any.
std::optional<ExportPlan> parse_export_options(const ExportOptionValues& values, std::string_view command, std::ostream& err);

// The open export files and their sinks, for one run.
class ExportFiles {
public:
    // Opens every file (stdout for '-'); false after reporting one it cannot
    // write.
    bool open(const ExportPlan& plan, std::ostream& out, std::ostream& err, std::string_view command);
    // The sinks to run the simulation through (stream_events/replay_events).
    std::vector<EventSink*> sinks() const;
    // Flushes and closes; false after reporting an incomplete export or a
    // write error.
    bool close(std::ostream& err, std::string_view command);

private:
    struct Open {
        ExportRequest request;
        std::unique_ptr<std::ofstream> file;
        std::unique_ptr<ExportSink> sink;
    };
    std::vector<Open> open_;
};

}  // namespace kafkasim::cli
