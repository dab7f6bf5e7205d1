// The human-readable outputs of `kafkasim run`: the closing summary (final
// dictionaries, what was consumed, a stats table) and the -v narrative.
#include <algorithm>

#include "core/stats.hpp"
#include "report/format.hpp"
#include "text/utf8_text.hpp"
#include "report/outputs.hpp"
#include "report/summary_log.hpp"

namespace kafkasim {

namespace {

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}
// A right-aligned table cell: `width` wide, and never glued to the column
// before it (a value as wide as its column, 330000 operations then 660000
// sent, would read as one number): such a value gets one space and the row
// goes one wider.
std::string pad_left(std::string text, std::size_t width) {
    text.insert(0, text.size() < width ? width - text.size() : 1, ' ');
    return text;
}
std::string fixed(double value, int decimals) {
    std::string out;
    append_fixed(out, value, decimals);
    return out;
}
// "1 topic", "3 topics": the summary is read by people.
std::string count_of(std::size_t count, const char* noun) {
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}
std::string quoted(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

}  // namespace

std::string summary_text(const FinishedRun& run, std::uint64_t fingerprint, const SummaryLimits& limits) {
    const ScenarioSpec& spec = run.spec();
    const Simulation& s = run.final_state();
    const StringTable& strings = s.strings();
    std::string out;
    out += "scenario " + quoted(spec.name) + " (" + spec.file + "), seed " + std::to_string(spec.seed) + "\n";
    out += std::to_string(s.events_processed()) + " events, simulated time " + format_duration_ns(s.end_time_ns()) + " (" +
           std::string(run_status_name(run.status())) + ")\n";

    bool any_cut = false;  // something left out: say how to see it all
    if (s.is_log_model()) out += summary_log_state(run, limits, any_cut);
    if (!s.is_log_model()) out += "\nBrokers (final dictionaries)\n";
    for (std::size_t b = 0; b < s.brokers().size() && !s.is_log_model(); ++b) {
        const Broker& broker = s.brokers()[b];
        out += "  " + spec.brokers[b].name + ": " + (broker.up ? "up" : "down") + ", " +
               (broker.busy ? "busy (held by " + std::string(s.actor_name(broker.holder)) + ")" : std::string("idle")) + ", " +
               count_of(broker.topics.size(), "topic") + "\n";
        const std::size_t topics_shown = limits.full ? broker.topics.size() : std::min(broker.topics.size(), limits.topics_max);
        for (std::size_t t = 0; t < topics_shown; ++t) {
            const Topic& topic = broker.topics[t];
            out += "    " + quoted(strings.text(topic.name)) + ":";
            const std::size_t shown = limits.full ? topic.messages.size() : std::min(topic.messages.size(), limits.messages_max);
            for (std::size_t i = 0; i < shown; ++i) {
                out += " [" + std::to_string(i) + "] " + quoted(strings.text(topic.messages[i]));
            }
            if (shown < topic.messages.size()) out += " ... and " + count_of(topic.messages.size() - shown, "more message");
            out += topic.messages.empty() ? " (empty)\n" : "\n";
        }
        if (topics_shown < broker.topics.size()) {
            out += "    ... and " + count_of(broker.topics.size() - topics_shown, "more topic") + "\n";
        }
        any_cut = any_cut || topics_shown < broker.topics.size();
        for (const Topic& topic : broker.topics) any_cut = any_cut || (!limits.full && topic.messages.size() > limits.messages_max);
    }

    if (!s.is_log_model()) out += "\nConsumed\n";
    for (std::size_t c = 0; c < s.consumers().size() && !s.is_log_model(); ++c) {
        const Consumer& consumer = s.consumers()[c];
        out += "  " + spec.consumers[c].name + ": " + count_of(consumer.consumed.size(), "message") + "\n";
        // Long workloads: the first ones tell the story.
        const std::size_t shown_max = limits.full ? consumer.consumed.size() : limits.consumed_max;
        for (std::size_t i = 0; i < consumer.consumed.size() && i < shown_max; ++i) {
            const Consumption& item = consumer.consumed[i];
            out += "    " + format_time_ms(item.time_ns) + "  " + std::string(s.actor_name(item.broker)) + "  " +
                   quoted(strings.text(item.topic)) + "[" + std::to_string(item.index) + "] = " + quoted(strings.text(item.text)) + "\n";
        }
        if (consumer.consumed.size() > shown_max) {
            out += "    ... and " + std::to_string(consumer.consumed.size() - shown_max) + " more\n";
            any_cut = true;
        }
    }

    if (any_cut) out += "  (cut short: --full prints every topic, message and consumption; --stats-json writes them all)\n";

    out += "\nStats\n";
    out += "  broker     served  rejected  utilization  queue_wait_us  response_us  queue_mean\n";
    for (std::size_t b = 0; b < s.brokers().size(); ++b) {
        const BrokerStats& stats = s.brokers()[b].stats;
        const BrokerMetrics m = broker_metrics(s, b);
        out += "  " + pad(spec.brokers[b].name, 9) + pad_left(std::to_string(stats.requests_served), 8) +
               pad_left(std::to_string(stats.requests_rejected), 10) + pad_left(fixed(m.utilization * 100, 2) + "%", 13) +
               pad_left(fixed(m.queue_wait_mean_us, 1), 15) + pad_left(fixed(m.response_time_mean_us, 1), 13) +
               pad_left(fixed(m.queue_length_mean, 3), 12) + "\n";
    }
    out += "  producer   operations  sent  acked  failed  ack_latency_us\n";
    for (std::size_t p = 0; p < s.producers().size(); ++p) {
        const ProducerStats& stats = s.producers()[p].stats;
        out += "  " + pad(spec.producers[p].name, 9) + pad_left(std::to_string(stats.operations), 12) +
               pad_left(std::to_string(stats.sent), 6) + pad_left(std::to_string(stats.acked), 7) +
               pad_left(std::to_string(stats.failed), 8) + pad_left(fixed(producer_metrics(s, p).ack_latency_mean_us, 1), 16) + "\n";
    }
    if (s.is_log_model()) out += summary_log_consumers(run);
    if (!s.is_log_model()) out += "  consumer   started  completed  refused  failed  consumed\n";
    for (std::size_t c = 0; c < s.consumers().size() && !s.is_log_model(); ++c) {
        const Consumer& consumer = s.consumers()[c];
        const ConsumerStats& stats = consumer.stats;
        out += "  " + pad(spec.consumers[c].name, 9) + pad_left(std::to_string(stats.sessions_started), 9) +
               pad_left(std::to_string(stats.sessions_completed), 11) + pad_left(std::to_string(stats.sessions_refused), 9) +
               pad_left(std::to_string(stats.sessions_failed), 8) + pad_left(std::to_string(consumer.consumed.size()), 10) + "\n";
    }
    const Monitors& monitors = run.monitors();
    if (!monitors.violations().empty()) {
        out += "\nMonitors\n";
        for (std::size_t m = 0; m < monitor_kind_count; ++m) {
            const auto kind = static_cast<MonitorKind>(m);
            if (monitors.count(kind) == 0) continue;
            // (a name as wide as the column, duplicate_delivery, keeps a space before its count)
            const std::string monitor(monitor_name(kind));
            out += "  " + pad(monitor.size() >= 11 ? monitor + " " : monitor, 11) + std::to_string(monitors.count(kind)) + "x";
            for (const Violation& violation : monitors.violations()) {
                if (violation.monitor != kind || violation.healed) continue;
                out += ", first at " + format_duration_ns(violation.time_ns) + " (event " + std::to_string(violation.event) + "): " + violation.detail;
                break;
            }
            out += "\n";
        }
    }
    out += "\nfingerprint " + format_fingerprint(fingerprint) + "\n";
    // Names and messages are the users': no control character reaches the terminal.
    return terminal_lines(out);
}

void NarrativeSink::on_event(std::uint64_t, const Record& record, const Simulation& names, std::span<const Violation> violations) {
    line_.clear();
    line_ += format_time_ms(record.time_ns);
    line_ += "  ";
    line_ += describe(record, names);
    line_ += '\n';
    // The monitors' findings, under the event that caused them, so a reader
    // sees the damage where it happens.
    for (const Violation& violation : violations) {
        line_ += "             ";
        line_ += violation.healed ? "healed " : "monitor ";
        line_ += monitor_name(violation.monitor);
        line_ += ": ";
        line_ += violation.detail;
        line_ += '\n';
    }
    out_ << terminal_lines(line_);
}

void write_narrative(const RecordedRun& run, std::ostream& out) {
    NarrativeSink sink(out);
    const Simulation& names = run.final_state();
    run.for_each_event([&](std::uint64_t event, const Record& record, std::span<const Violation> violations) {
        sink.on_event(event, record, names, violations);
    });
}

}  // namespace kafkasim
