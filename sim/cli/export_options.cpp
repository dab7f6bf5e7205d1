// See export_options.hpp.
#include "cli/export_options.hpp"

#include <filesystem>
#include <set>

#include "scenario/duration.hpp"
#include "text/utf8_text.hpp"

namespace po = boost::program_options;

namespace kafkasim::cli {

void add_export_options(po::options_description& description, ExportOptionValues& values) {
    description.add_options()
        ("export", po::value(&values.exports)->value_name("FORMAT=FILE")->composing(),
         ("write the run as FORMAT (" + export_format_list() + ") to FILE ('-': stdout, and nothing else there); repeatable").c_str())
        ("export-window", po::value(&values.window)->value_name("FROM..TO"), "exports cover only this simulated time window (e.g. 10ms..50ms)")
        ("sample", po::value(&values.sample)->value_name("INTERVAL"), "csv export: one row every INTERVAL of simulated time (default 1ms)");
}

bool ExportPlan::to_stdout() const {
    for (const ExportRequest& request : requests) {
        if (request.path == "-") return true;
    }
    return false;
}

std::optional<ExportPlan> parse_export_options(const ExportOptionValues& values, std::string_view command, std::ostream& err) {
    ExportPlan plan;
    bool ok = true;
    auto error = [&](const std::string& message) {
        err << "kafkasim " << command << ": error: " << terminal_text(message) << "\n";
        ok = false;
    };
    std::set<std::string> paths;
    bool stdout_taken = false;
    bool csv = false;
    for (const std::string& value : values.exports) {
        const std::size_t equals = value.find('=');
        if (equals == std::string::npos) {
            error("--export '" + value + "': use FORMAT=FILE (formats: " + export_format_list() + "; FILE '-' for stdout)");
            continue;
        }
        const std::string name = value.substr(0, equals);
        const std::optional<ExportFormat> format = parse_export_format(name);
        ExportRequest request{format.value_or(ExportFormat::perfetto), value.substr(equals + 1)};
        if (!format) error("--export: unknown format '" + name + "' (formats: " + export_format_list() + ")");
        if (request.path.empty()) error("--export " + name + "=: no file given (FILE, or '-' for stdout)");
        if (request.path == "-") {
            if (stdout_taken) error("--export: two exports to stdout ('-') would mix: send one of them to a file");
            stdout_taken = true;
        } else if (!request.path.empty() && !paths.insert(request.path).second) {
            error("--export: two exports to the same file '" + request.path + "'");
        }
        csv = csv || request.format == ExportFormat::csv;
        plan.requests.push_back(request);
    }
    if (!values.window.empty()) {
        if (values.exports.empty()) error("--export-window needs an --export");
        const std::size_t dots = values.window.find("..");
        if (dots == std::string::npos) {
            error("--export-window '" + values.window + "': use FROM..TO (durations, e.g. 10ms..50ms)");
        } else {
            const std::string from = values.window.substr(0, dots);
            const std::string to = values.window.substr(dots + 2);
            plan.settings.window.set = true;
            if (!from.empty()) {
                const DurationParse parsed = parse_duration_explained(from);
                if (parsed.value) plan.settings.window.from_ns = *parsed.value;
                else error("--export-window: invalid duration: " + parsed.error);
            }
            if (!to.empty()) {
                const DurationParse parsed = parse_duration_explained(to);
                if (parsed.value) plan.settings.window.to_ns = *parsed.value;
                else error("--export-window: invalid duration: " + parsed.error);
            }
            if (plan.settings.window.from_ns > plan.settings.window.to_ns) {
                error("--export-window '" + values.window + "': FROM is after TO");
            }
        }
    }
    if (!values.sample.empty()) {
        if (!csv) error("--sample applies to a csv export (--export csv=FILE)");
        const DurationParse parsed = parse_duration_explained(values.sample);
        if (!parsed.value) {
            error("--sample: invalid duration: " + parsed.error);
        } else if (*parsed.value <= 0) {
            error("--sample must be longer than 0, got '" + values.sample + "'");
        } else {
            plan.settings.sample_ns = *parsed.value;
        }
    }
    if (!ok) return std::nullopt;
    return plan;
}

bool ExportFiles::open(const ExportPlan& plan, std::ostream& out, std::ostream& err, std::string_view command) {
    for (const ExportRequest& request : plan.requests) {
        Open entry{request, nullptr, nullptr};
        std::ostream* stream = &out;
        if (request.path != "-") {
            entry.file = std::make_unique<std::ofstream>(request.path, std::ios::binary);
            if (!*entry.file) {
                err << "kafkasim " << command << ": error: cannot write export file '" << terminal_text(request.path) << "'\n";
                return false;
            }
            stream = entry.file.get();
        }
        entry.sink = make_export_sink(request.format, *stream, plan.settings);
        open_.push_back(std::move(entry));
    }
    return true;
}

std::vector<EventSink*> ExportFiles::sinks() const {
    std::vector<EventSink*> sinks;
    for (const Open& entry : open_) sinks.push_back(entry.sink.get());
    return sinks;
}

bool ExportFiles::close(std::ostream& err, std::string_view command) {
    bool ok = true;
    for (Open& entry : open_) {
        const std::string where = std::string(export_format_name(entry.request.format)) + "=" + entry.request.path;
        bool failed = false;
        if (const std::string error = entry.sink->error(); !error.empty()) {
            err << "kafkasim " << command << ": error: --export " << terminal_text(where) << ": " << terminal_text(error) << "\n";
            failed = true;
        }
        if (entry.file) {
            entry.file->close();
            if (!*entry.file) {
                err << "kafkasim " << command << ": error: cannot write export file '" << terminal_text(entry.request.path) << "'\n";
                failed = true;
            }
            // A failed export leaves no file: a cut one would read as whole
            // to a script that does not check the exit code.
            if (failed) {
                std::error_code ignored;
                std::filesystem::remove(entry.request.path, ignored);
            }
        }
        ok = ok && !failed;
    }
    open_.clear();
    return ok;
}

}  // namespace kafkasim::cli
