// What the user asks of an export: the format, the time window, the CSV
// sampling interval, and the sink that writes it. Shared by `kafkasim run`,
// `kafkasim check` and the visualizer's File > Export, so that every front
// end writes the same bytes for the same run.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/event_sink.hpp"
#include "core/time_math.hpp"

namespace kafkasim {

// The formats (their names are a documented interface: `--export NAME=FILE`).
enum class ExportFormat : std::uint8_t { perfetto, mermaid, csv };
std::string_view export_format_name(ExportFormat format);
// Inverse of export_format_name; nothing for an unknown name.
std::optional<ExportFormat> parse_export_format(std::string_view name);
// "perfetto, mermaid, csv": for error messages and help.
std::string export_format_list();

// A closed window of simulated time [from_ns, to_ns]; `set` is false when the
// user gave none (the whole run; Mermaid: the first messages).
struct ExportWindow {
    TimeNs from_ns = 0;
    TimeNs to_ns = time_max_ns;
    bool set = false;
    bool contains(TimeNs time_ns) const { return time_ns >= from_ns && time_ns <= to_ns; }
};

struct ExportSettings {
    ExportWindow window;
    // CSV: one row every sample_ns of simulated time (> 0).
    TimeNs sample_ns = 1'000'000;
    // Mermaid: messages drawn when no window is set.
    std::uint64_t mermaid_messages_max = 200;
};

// An EventSink that writes one export to a stream as the run goes. After
// end(), error() says why the export is incomplete (empty when it is not):
// e.g. a CSV that would pass its row limit. The stream must outlive the sink.
class ExportSink : public EventSink {
public:
    virtual std::string error() const { return {}; }
};

std::unique_ptr<ExportSink> make_export_sink(ExportFormat format, std::ostream& out, const ExportSettings& settings);

}  // namespace kafkasim
