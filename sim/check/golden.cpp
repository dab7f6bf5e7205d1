// See golden.hpp.
#include "check/golden.hpp"

#include <sstream>
#include <vector>

#include "check/check_detail.hpp"
#include "report/format.hpp"
#include "report/outputs.hpp"

namespace kafkasim {

namespace {

// The next line of `text` from `position` (without its "\n" or a "\r" before
// it); false at the end.
bool next_line(std::string_view text, std::size_t& position, std::string_view& line) {
    if (position >= text.size()) return false;
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos) end = text.size();
    line = text.substr(position, end - position);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    position = end + 1;
    return true;
}

// The integer after `"time_ns": ` in a trace line, if any.
std::optional<TimeNs> line_time_ns(std::string_view line) {
    constexpr std::string_view key = "\"time_ns\": ";
    const std::size_t at = line.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    TimeNs value = 0;
    std::size_t i = at + key.size();
    if (i >= line.size() || line[i] < '0' || line[i] > '9') return std::nullopt;
    for (; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i) value = value * 10 + (line[i] - '0');
    return value;
}

// The brokers a difference is about: the source and target of the event in
// the run and in the golden line; all of them when neither names a broker.
std::vector<std::size_t> brokers_involved(const Simulation& names, const std::optional<Record>& run_record, std::string_view golden_line) {
    std::vector<bool> involved(names.brokers().size(), false);
    if (run_record) {
        const Record& record = *run_record;
        for (const ActorId actor : {ActorId{record.source}, ActorId{record.target}}) {  // (Record packs them in bit-fields)
            if (actor != no_actor && names.is_broker(actor)) involved[actor] = true;
        }
    }
    for (std::size_t b = 0; b < involved.size(); ++b) {
        const std::string name = check_detail::quoted(names.actor_name(names.broker_actor(b)));
        if (golden_line.find("\"source\": " + name) != std::string_view::npos ||
            golden_line.find("\"target\": " + name) != std::string_view::npos) {
            involved[b] = true;
        }
    }
    std::vector<std::size_t> result;
    for (std::size_t b = 0; b < involved.size(); ++b) {
        if (involved[b]) result.push_back(b);
    }
    if (result.empty()) {
        for (std::size_t b = 0; b < involved.size(); ++b) result.push_back(b);
    }
    return result;
}

}  // namespace

std::string trace_text(const RecordedRun& run) {
    std::ostringstream out;
    write_trace(run, &out);
    return std::move(out).str();
}

std::string broker_state_text(const Simulation& state, std::size_t broker) {
    const Broker& b = state.brokers()[broker];
    std::string out = std::string(state.actor_name(state.broker_actor(broker))) + ": ";
    out += b.up ? "up, " : "down, ";
    out += b.busy ? "busy" : "idle";
    if (b.holder != no_actor) out += " (held by " + std::string(state.actor_name(b.holder)) + ")";
    out += b.serving != no_slot ? ", serving a request" : ", not serving";
    out += ", " + std::to_string(b.queue.size()) + " waiting; ";
    out += check_detail::dictionary_text(check_detail::dictionary_of(state, broker));
    return out;
}

bool GoldenComparer::next_golden_line(std::string_view& line) {
    if (stream_) {
        if (!std::getline(*stream_, line_)) return false;
        line = line_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return true;
    }
    return next_line(text_, text_at_, line);
}

void GoldenComparer::compare(std::uint64_t event, const Record* record, std::string_view line) {
    if (difference_) return;
    std::string_view golden_line;
    const bool has_golden = next_golden_line(golden_line);
    if (has_golden && golden_line == line) {
        lines_compared_ = event + 1;
        return;
    }
    difference_ = Difference{event, true, has_golden, std::string(line), std::string(has_golden ? golden_line : std::string_view{}), {}};
    if (record) difference_->record = *record;
    lines_compared_ = event;
}

void GoldenComparer::finish(std::uint64_t events) {
    finished_ = true;
    if (difference_) return;
    std::string_view golden_line;
    lines_compared_ = events;
    if (next_golden_line(golden_line)) difference_ = Difference{events, false, true, {}, std::string(golden_line), {}};
}

GoldenComparison golden_comparison(const GoldenComparer& comparer, const Simulation& names, const Simulation* before) {
    GoldenComparison result;
    result.lines_compared = comparer.lines_compared();
    if (!comparer.difference()) {
        result.matches = true;
        result.summary = "matches (" + std::to_string(result.lines_compared) + " events)";
        return result;
    }
    const GoldenComparer::Difference& difference = *comparer.difference();
    const std::uint64_t event = difference.event;
    const std::string_view golden_line = difference.golden_line;
    std::optional<TimeNs> time_ns;
    if (difference.record) time_ns = difference.record->time_ns;
    if (!time_ns && difference.has_golden) time_ns = line_time_ns(golden_line);
    result.summary = "differs at event " + std::to_string(event);
    if (time_ns) result.summary += " (time " + format_duration_ns(*time_ns) + ")";
    std::string& report = result.report;
    report = "first difference at event " + std::to_string(event);
    if (time_ns) report += ", time " + format_duration_ns(*time_ns);
    const auto golden_time_ns = difference.has_golden ? line_time_ns(golden_line) : std::nullopt;
    if (time_ns && golden_time_ns && *golden_time_ns != *time_ns) {
        report += " (golden: " + format_duration_ns(*golden_time_ns) + ")";
    }
    report += difference.has_golden ? "\ngolden: " + std::string(golden_line)
                                    : "\ngolden: (ends after " + std::to_string(event) + " events)";
    report += difference.has_run ? "\nrun:    " + difference.run_line
                                 : "\nrun:    (ends after " + std::to_string(event) + " events)";
    if (before) {
        report += "\nbrokers just before event " + std::to_string(event) + ":";
        for (const std::size_t b : brokers_involved(names, difference.record, difference.has_golden ? golden_line : std::string_view{})) {
            report += "\n  " + broker_state_text(*before, b);
        }
    }
    return result;
}

GoldenComparison compare_with_golden(const RecordedRun& run, std::string_view trace, std::string_view golden) {
    GoldenComparer comparer(golden);
    std::size_t trace_at = 0;
    std::string_view line;
    std::uint64_t event = 0;
    for (; next_line(trace, trace_at, line); ++event) {
        comparer.compare(event, event < run.records().size() ? &run.records()[event] : nullptr, line);
    }
    comparer.finish(event);
    std::optional<Simulation> before;
    if (comparer.difference() && run.snapshot_count() > 0) before = run.state_after(comparer.difference()->event);
    return golden_comparison(comparer, run.final_state(), before ? &*before : nullptr);
}

}  // namespace kafkasim
