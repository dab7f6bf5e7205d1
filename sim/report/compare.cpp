// See compare.hpp. The rows:
// - delivery: writes sent and acknowledged, items consumed, how many of
//   them were read again, consumed per simulated second;
// - waiting: the producers' mean ack latency, the time from a record's
//   append to its consumption (the log model keeps each record's append
//   time; the dictionary model does not, so that row is the log model's),
//   the brokers' mean queue wait, response time and utilization;
// - what each design did to its consumers: sessions refused or failed
//   (the dictionary's busy brokers), rebalances and final lag (the log's);
// - guarantees: what the monitors found.
#include "report/compare.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/log_stats.hpp"
#include "core/stats.hpp"
#include "report/format.hpp"
#include "report/json.hpp"
#include "report/outputs.hpp"
#include "text/utf8_text.hpp"

namespace kafkasim {

namespace {

std::string fixed(double value, int decimals) {
    std::string out;
    append_fixed(out, value, decimals);
    return out;
}

struct RunNumbers {
    bool log = false;
    std::uint64_t events = 0;
    TimeNs end_ns = 0;
    std::uint64_t sent = 0, acked = 0, failed = 0;
    std::uint64_t consumed = 0, read_again = 0;
    double ack_latency_us = 0;        // mean over acks
    double end_to_end_us = -1;        // log: append -> consumed, mean
    double queue_wait_us = 0, response_us = 0;  // means over served requests
    double utilization_mean = 0, utilization_max = 0;
    std::uint64_t sessions_refused = 0, sessions_failed = 0, sessions_started = 0;
    std::uint64_t rebalances = 0, lag = 0;
    std::vector<std::uint64_t> monitors;  // per MonitorKind
};

RunNumbers numbers_of(const FinishedRun& run) {
    const Simulation& s = run.final_state();
    RunNumbers n;
    n.log = s.is_log_model();
    n.events = run.event_count();
    n.end_ns = s.end_time_ns();
    double ack_latency_total = 0;
    for (const Producer& producer : s.producers()) {
        n.sent += producer.stats.sent;
        n.acked += producer.stats.acked;
        n.failed += producer.stats.failed;
        ack_latency_total += producer.stats.ack_latency_total_ns;
    }
    n.ack_latency_us = n.acked == 0 ? 0 : ack_latency_total / static_cast<double>(n.acked) / ns_per_us;
    double wait_total = 0, response_total = 0;
    std::uint64_t served = 0;
    for (std::size_t b = 0; b < s.brokers().size(); ++b) {
        const BrokerStats& stats = s.brokers()[b].stats;
        wait_total += stats.queue_wait_total_ns;
        response_total += stats.response_time_total_ns;
        served += stats.requests_served;
        const double utilization = broker_metrics(s, b).utilization;
        n.utilization_mean += utilization / static_cast<double>(s.brokers().size());
        n.utilization_max = std::max(n.utilization_max, utilization);
    }
    n.queue_wait_us = served == 0 ? 0 : wait_total / static_cast<double>(served) / ns_per_us;
    n.response_us = served == 0 ? 0 : response_total / static_cast<double>(served) / ns_per_us;
    if (n.log) {
        const LogModel& model = s.log_model();
        double end_to_end_total = 0;
        for (const LogConsumer& consumer : model.consumers) {
            n.consumed += consumer.consumed.size();
            for (const LogConsumption& item : consumer.consumed) end_to_end_total += static_cast<double>(item.time_ns - item.appended_ns);
        }
        n.end_to_end_us = n.consumed == 0 ? 0 : end_to_end_total / static_cast<double>(n.consumed) / ns_per_us;
        for (const std::uint64_t d : consumer_duplicates(s)) n.read_again += d;
        for (std::size_t g = 0; g < model.groups.size(); ++g) {
            n.rebalances += model.groups[g].rebalances;
            n.lag += group_lag(s, g).total;
        }
    } else {
        // Read again: a (topic, message) some consumer had consumed before.
        std::set<std::pair<StringId, StringId>> seen;
        std::vector<std::tuple<TimeNs, std::size_t, std::size_t>> order;
        for (std::size_t c = 0; c < s.consumers().size(); ++c) {
            const Consumer& consumer = s.consumers()[c];
            n.consumed += consumer.consumed.size();
            n.sessions_started += consumer.stats.sessions_started;
            n.sessions_refused += consumer.stats.sessions_refused;
            n.sessions_failed += consumer.stats.sessions_failed;
            for (std::size_t i = 0; i < consumer.consumed.size(); ++i) order.emplace_back(consumer.consumed[i].time_ns, c, i);
        }
        std::sort(order.begin(), order.end());
        for (const auto& [time_ns, c, i] : order) {
            const Consumption& item = s.consumers()[c].consumed[i];
            if (!seen.emplace(item.topic, item.text).second) n.read_again++;
        }
    }
    for (std::size_t m = 0; m < monitor_kind_count; ++m) n.monitors.push_back(run.monitors().count(static_cast<MonitorKind>(m)));
    return n;
}

std::string per_second(std::uint64_t count, TimeNs end_ns) {
    return end_ns <= 0 ? "-" : fixed(static_cast<double>(count) * static_cast<double>(ns_per_s) / static_cast<double>(end_ns), 1);
}

}  // namespace

std::vector<CompareRow> compare_rows(const std::vector<const FinishedRun*>& runs) {
    std::vector<RunNumbers> numbers;
    for (const FinishedRun* run : runs) numbers.push_back(numbers_of(*run));
    std::vector<CompareRow> rows;
    auto row = [&](std::string name, auto value) {
        CompareRow r{std::move(name), {}};
        for (const RunNumbers& n : numbers) r.values.push_back(value(n));
        rows.push_back(std::move(r));
    };
    auto count = [](std::uint64_t value) { return std::to_string(value); };
    auto separator = [&]() { rows.push_back(CompareRow{"", std::vector<std::string>(numbers.size())}); };
    row("events", [&](const RunNumbers& n) { return count(n.events); });
    row("simulated time", [&](const RunNumbers& n) { return format_duration_ns(n.end_ns); });
    separator();
    row("writes sent", [&](const RunNumbers& n) { return count(n.sent); });
    row("writes acked", [&](const RunNumbers& n) { return count(n.acked); });
    row("writes failed", [&](const RunNumbers& n) { return count(n.failed); });
    row("consumed", [&](const RunNumbers& n) { return count(n.consumed); });
    row("consumed per second", [&](const RunNumbers& n) { return per_second(n.consumed, n.end_ns); });
    row("read again", [&](const RunNumbers& n) { return count(n.read_again); });
    separator();
    row("ack latency mean (us)", [&](const RunNumbers& n) { return fixed(n.ack_latency_us, 1); });
    row("append to consumed mean (us)", [&](const RunNumbers& n) { return n.log ? fixed(n.end_to_end_us, 1) : std::string("-"); });
    row("broker queue wait mean (us)", [&](const RunNumbers& n) { return fixed(n.queue_wait_us, 1); });
    row("broker response time mean (us)", [&](const RunNumbers& n) { return fixed(n.response_us, 1); });
    row("broker utilization mean", [&](const RunNumbers& n) { return fixed(n.utilization_mean * 100, 2) + "%"; });
    row("broker utilization max", [&](const RunNumbers& n) { return fixed(n.utilization_max * 100, 2) + "%"; });
    separator();
    row("sessions started", [&](const RunNumbers& n) { return n.log ? std::string("-") : count(n.sessions_started); });
    row("sessions refused (all busy)", [&](const RunNumbers& n) { return n.log ? std::string("-") : count(n.sessions_refused); });
    row("sessions failed", [&](const RunNumbers& n) { return n.log ? std::string("-") : count(n.sessions_failed); });
    row("rebalances", [&](const RunNumbers& n) { return n.log ? count(n.rebalances) : std::string("-"); });
    row("lag at the end", [&](const RunNumbers& n) { return n.log ? count(n.lag) : std::string("-"); });
    separator();
    for (std::size_t m = 0; m < monitor_kind_count; ++m) {
        const auto kind = static_cast<MonitorKind>(m);
        row("monitor " + std::string(monitor_name(kind)), [&](const RunNumbers& n) {
            return monitor_applies(kind, n.log ? BrokerModel::log : BrokerModel::dictionary) ? count(n.monitors[m]) : std::string("-");
        });
    }
    return rows;
}

std::string compare_table(const std::vector<const FinishedRun*>& runs) {
    std::vector<CompareRow> rows;
    CompareRow header{"", {}};
    CompareRow model{"model", {}};
    for (const FinishedRun* run : runs) {
        header.values.push_back(terminal_text(run->spec().name));
        model.values.push_back(run->final_state().is_log_model() ? "log" : "dictionary");
    }
    rows.push_back(header);
    rows.push_back(model);
    for (CompareRow& row : compare_rows(runs)) rows.push_back(std::move(row));
    std::size_t name_width = 0;
    std::vector<std::size_t> widths(runs.size(), 0);
    for (const CompareRow& row : rows) {
        name_width = std::max(name_width, row.name.size());
        for (std::size_t i = 0; i < row.values.size(); ++i) widths[i] = std::max(widths[i], row.values[i].size());
    }
    std::string out;
    for (const CompareRow& row : rows) {
        std::string line = row.name;
        line.append(name_width - row.name.size(), ' ');
        for (std::size_t i = 0; i < row.values.size(); ++i) {
            line += "  ";
            line.append(widths[i] - row.values[i].size(), ' ');  // right-aligned numbers
            line += row.values[i];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

}  // namespace kafkasim
