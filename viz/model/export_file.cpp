// See export_file.hpp.
#include "model/export_file.hpp"

#include <fstream>

#include "core/stream.hpp"

namespace kafkasim::viz {

std::string default_export_path(std::string_view scenario_label, ExportFormat format) {
    std::string stem(scenario_label);
    if (const std::size_t slash = stem.find_last_of('/'); slash != std::string::npos) stem.erase(0, slash + 1);
    if (const std::size_t dot = stem.rfind('.'); dot != std::string::npos && dot > 0) stem.resize(dot);
    if (stem.empty()) stem = "run";
    switch (format) {
        case ExportFormat::perfetto: return stem + ".perfetto.json";
        case ExportFormat::mermaid: return stem + ".mmd";
        case ExportFormat::csv: return stem + ".csv";
    }
    return stem + ".export";
}

ExportResult export_run_to_file(const RecordedRun& run, ExportFormat format, const std::string& path,
                                const ExportSettings& settings) {
    if (path.empty()) return {false, "no file name given"};
    std::ofstream file(path, std::ios::binary);
    if (!file) return {false, "cannot write " + path};
    const std::unique_ptr<ExportSink> sink = make_export_sink(format, file, settings);
    EventSink* sinks[] = {sink.get()};
    replay_events(run, sinks);
    if (const std::string error = sink->error(); !error.empty()) return {false, path + ": " + error};
    const std::streamoff bytes = file.tellp();
    file.close();
    if (!file) return {false, "cannot write " + path};
    return {true, "wrote " + path + " (" + std::to_string(bytes) + " bytes)"};
}

}  // namespace kafkasim::viz
