// File > Export of the visualizer: the run on screen written as one of the
// exports of `kafkasim run --export` (same sinks, same bytes), replayed from
// the recorded run into a file.
#pragma once

#include <string>
#include <string_view>

#include "core/recorded_run.hpp"
#include "export/export_options.hpp"

namespace kafkasim::viz {

// "seed.yaml" -> "seed.perfetto.json", "seed.mmd", "seed.csv": the default
// file, next to where the viz was started.
std::string default_export_path(std::string_view scenario_label, ExportFormat format);

struct ExportResult {
    bool ok = false;
    std::string message;  // "wrote seed.csv (1234 bytes)" or why not
};

// Writes `run` as `format` to `path` (replaying it: one more simulation of
// the run, no state of the viz touched).
ExportResult export_run_to_file(const RecordedRun& run, ExportFormat format, const std::string& path,
                                const ExportSettings& settings = {});

}  // namespace kafkasim::viz
