// See export_options.hpp.
#include "export/export_options.hpp"

#include <array>
#include <cassert>

#include "export/csv_export.hpp"
#include "export/mermaid_export.hpp"
#include "export/perfetto_export.hpp"

namespace kafkasim {

namespace {
constexpr std::array<ExportFormat, 3> all_formats = {ExportFormat::perfetto, ExportFormat::mermaid, ExportFormat::csv};
}  // namespace

std::string_view export_format_name(ExportFormat format) {
    switch (format) {
        case ExportFormat::perfetto: return "perfetto";
        case ExportFormat::mermaid: return "mermaid";
        case ExportFormat::csv: return "csv";
    }
    assert(false && "unknown export format");
    return "?";
}

std::optional<ExportFormat> parse_export_format(std::string_view name) {
    for (const ExportFormat format : all_formats) {
        if (export_format_name(format) == name) return format;
    }
    return std::nullopt;
}

std::string export_format_list() {
    std::string list;
    for (const ExportFormat format : all_formats) {
        if (!list.empty()) list += ", ";
        list += export_format_name(format);
    }
    return list;
}

std::unique_ptr<ExportSink> make_export_sink(ExportFormat format, std::ostream& out, const ExportSettings& settings) {
    switch (format) {
        case ExportFormat::perfetto: return std::make_unique<PerfettoExport>(out, settings.window);
        case ExportFormat::mermaid: return std::make_unique<MermaidExport>(out, settings);
        case ExportFormat::csv: return std::make_unique<CsvExport>(out, settings);
    }
    assert(false && "unknown export format");
    return nullptr;
}

}  // namespace kafkasim
