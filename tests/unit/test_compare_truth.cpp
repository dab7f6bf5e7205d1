// kafkasim compare tells the truth: every row of compare_rows for the two
// side-by-side configs (and for other pairs of shipped scenarios, one of
// each model) equals the same quantity recomputed here from each run's
// stats JSON (--stats-json), the documented interface, never from the
// engine's state. Means and fractions are compared within the rounding
// the JSON prints them with.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/monitors.hpp"
#include "core/recorded_run.hpp"
#include "report/compare.hpp"
#include "report/format.hpp"
#include "report/json.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;

namespace {

ScenarioSpec load_config(const std::string& name) {
    LoadResult loaded = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/configs/" + name);
    for (const Diagnostic& d : loaded.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(loaded.spec);
    return std::move(*loaded.spec);
}

const JsonValue& at(const JsonValue& stats, const std::string& path) {
    const JsonValue* node = stats.find_path(path);
    INFO(path);
    REQUIRE(node);
    return *node;
}

double sum_of(const JsonValue& stats, const std::string& section, const std::string& field) {
    double total = 0;
    for (const auto& [name, value] : at(stats, section).members()) total += at(value, field).as_double();
    return total;
}

std::string count(double value) { return std::to_string(static_cast<std::uint64_t>(value)); }

// What the compare table should say of one run, from its stats JSON.
struct Truth {
    bool log = false;
    std::map<std::string, std::string> exact;  // row -> text
    std::map<std::string, double> approx;      // row -> number, within `tolerance`
    std::map<std::string, double> tolerance;
};

Truth truth_of(const JsonValue& stats) {
    Truth t;
    t.log = stats.find("model") != nullptr;
    const double end_us = at(stats, "end_time_us").as_double();
    t.exact["events"] = count(at(stats, "events").as_double());
    t.exact["simulated time"] = format_duration_ns(static_cast<TimeNs>(std::llround(end_us * 1000)));
    t.exact["writes sent"] = count(sum_of(stats, "producers", "sent"));
    t.exact["writes acked"] = count(sum_of(stats, "producers", "acked"));
    t.exact["writes failed"] = count(sum_of(stats, "producers", "failed"));

    // Consumed items, in the order they happened (time, consumer, list order).
    std::vector<std::tuple<double, std::size_t, const JsonValue*>> consumed;
    std::size_t c = 0;
    for (const auto& [name, consumer] : at(stats, "consumers").members()) {
        for (const JsonValue& item : at(consumer, "consumed").items()) consumed.emplace_back(at(item, "time_us").as_double(), c, &item);
        ++c;
    }
    std::stable_sort(consumed.begin(), consumed.end(),
                     [](const auto& a, const auto& b) { return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b)); });
    t.exact["consumed"] = std::to_string(consumed.size());
    t.approx["consumed per second"] = static_cast<double>(consumed.size()) * 1e6 / end_us;
    t.tolerance["consumed per second"] = 0.05;
    if (t.log) {
        t.exact["read again"] = count(sum_of(stats, "consumers", "duplicates"));
        // append -> consumed: each record's append time is in its partition's log.
        double total_us = 0;
        for (const auto& [time_us, consumer, item] : consumed) {
            const std::string record = "topics." + at(*item, "topic").as_string() + ".partitions." +
                                       std::to_string(at(*item, "partition").as_integer()) + ".records." +
                                       std::to_string(at(*item, "offset").as_integer());
            total_us += time_us - at(at(stats, record), "time_us").as_double();
        }
        t.approx["append to consumed mean (us)"] = consumed.empty() ? 0 : total_us / static_cast<double>(consumed.size());
        t.tolerance["append to consumed mean (us)"] = 0.05;
        t.exact["rebalances"] = count(sum_of(stats, "groups", "rebalances"));
        t.exact["lag at the end"] = count(sum_of(stats, "groups", "lag"));
        for (const char* row : {"sessions started", "sessions refused (all busy)", "sessions failed"}) t.exact[row] = "-";
    } else {
        std::set<std::pair<std::string, std::string>> seen;
        std::uint64_t again = 0;
        for (const auto& [time_us, consumer, item] : consumed) {
            if (!seen.emplace(at(*item, "topic").as_string(), at(*item, "message").as_string()).second) ++again;
        }
        t.exact["read again"] = std::to_string(again);
        t.exact["append to consumed mean (us)"] = "-";
        t.exact["sessions started"] = count(sum_of(stats, "consumers", "sessions_started"));
        t.exact["sessions refused (all busy)"] = count(sum_of(stats, "consumers", "sessions_refused"));
        t.exact["sessions failed"] = count(sum_of(stats, "consumers", "sessions_failed"));
        t.exact["rebalances"] = "-";
        t.exact["lag at the end"] = "-";
    }
    // Means over acks and served requests, from the per-actor means.
    double acked = 0, latency = 0, served = 0, wait = 0, response = 0, utilization = 0, utilization_max = 0, brokers = 0;
    for (const auto& [name, producer] : at(stats, "producers").members()) {
        acked += at(producer, "acked").as_double();
        latency += at(producer, "acked").as_double() * at(producer, "ack_latency_mean_us").as_double();
    }
    for (const auto& [name, broker] : at(stats, "brokers").members()) {
        const double n = at(broker, "requests_served").as_double();
        served += n;
        wait += n * at(broker, "queue_wait_mean_us").as_double();
        response += n * at(broker, "response_time_mean_us").as_double();
        utilization += at(broker, "utilization").as_double();
        utilization_max = std::max(utilization_max, at(broker, "utilization").as_double());
        brokers += 1;
    }
    t.approx["ack latency mean (us)"] = acked == 0 ? 0 : latency / acked;
    t.approx["broker queue wait mean (us)"] = served == 0 ? 0 : wait / served;
    t.approx["broker response time mean (us)"] = served == 0 ? 0 : response / served;
    t.approx["broker utilization mean"] = utilization / brokers * 100;
    t.approx["broker utilization max"] = utilization_max * 100;
    // The JSON rounds means to 0.001us and fractions to 1e-6; the table to 0.1us and 0.01%.
    for (const char* row : {"ack latency mean (us)", "broker queue wait mean (us)", "broker response time mean (us)"}) t.tolerance[row] = 0.051;
    for (const char* row : {"broker utilization mean", "broker utilization max"}) t.tolerance[row] = 0.0051;
    for (std::size_t m = 0; m < monitor_kind_count; ++m) {
        const std::string name(monitor_name(static_cast<MonitorKind>(m)));
        const JsonValue* found = at(stats, "violation_counts").find(name);
        t.exact["monitor " + name] = found ? count(found->as_double()) : "-";
    }
    return t;
}

double number_of(std::string text) {
    if (!text.empty() && text.back() == '%') text.pop_back();
    return std::stod(text);
}

void check_pair(const std::string& left, const std::string& right) {
    RecordOptions options;
    options.keep_snapshots = false;
    const RecordedRun a(load_config(left), options);
    const RecordedRun b(load_config(right), options);
    const FinishedRun finished_a(a);
    const FinishedRun finished_b(b);
    const std::vector<CompareRow> rows = compare_rows({&finished_a, &finished_b});
    const Truth truths[] = {truth_of(stats_json(finished_a)), truth_of(stats_json(finished_b))};
    std::size_t checked = 0;
    for (const CompareRow& row : rows) {
        if (row.name.empty()) continue;  // a separator
        REQUIRE(row.values.size() == 2);
        for (std::size_t i = 0; i < 2; ++i) {
            INFO((i == 0 ? left : right) << ": " << row.name << " = " << row.values[i]);
            const Truth& truth = truths[i];
            if (const auto exact = truth.exact.find(row.name); exact != truth.exact.end()) {
                CHECK(row.values[i] == exact->second);
            } else {
                const auto approx = truth.approx.find(row.name);
                REQUIRE(approx != truth.approx.end());  // every row is checked
                CHECK(std::fabs(number_of(row.values[i]) - approx->second) <= truth.tolerance.at(row.name));
            }
            ++checked;
        }
    }
    CHECK(checked == 2 * (truths[0].exact.size() + truths[0].approx.size()));
}

}  // namespace

TEST_CASE("compare: every row of the side-by-side configs agrees with the stats JSON", "[compare][truth]") {
    check_pair("side-by-side-dictionary.yaml", "side-by-side-log.yaml");
}

TEST_CASE("compare: the rows agree with the stats JSON on other scenarios of each model", "[compare][truth]") {
    check_pair("lossy-network.yaml", "log-rebalance-duplicates.yaml");
    check_pair("log-lag.yaml", "contention.yaml");
}
