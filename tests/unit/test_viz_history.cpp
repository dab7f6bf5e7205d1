// The "Over time" chart's data: each broker's held spans and queue length,
// built by one forward pass, agree with the replayed state at every instant,
// and the per-column summary covers the window exactly.
#include <catch2/catch.hpp>

#include "model/broker_history.hpp"
#include "model/playback.hpp"
#include "scenario/load.hpp"
#include "test_viz_scenarios.hpp"

namespace kafkasim::viz {
namespace {

TEST_CASE("viz history: busy and queue length match the state at every instant", "[viz][history]") {
    const RecordedRun run(testing::busy_scenario(), testing::dense_snapshots());
    const RunHistory history = build_run_history(run);
    REQUIRE(history.brokers.size() == 2);
    REQUIRE(history.end_ns == run.final_state().now_ns());

    const auto& records = run.records();
    Simulation state = run.state_after(0);
    std::size_t applied = 0;
    std::uint32_t queue_seen_max = 0;
    while (applied < records.size()) {
        // Apply every event at this instant, then compare.
        const TimeNs now_ns = records[applied].time_ns;
        while (applied < records.size() && records[applied].time_ns == now_ns) {
            REQUIRE(state.step());
            ++applied;
        }
        for (std::size_t b = 0; b < 2; ++b) {
            INFO("broker " << b << " at " << now_ns << "ns");
            const Broker& broker = state.brokers()[b];
            const BrokerAt at = broker_at(history.brokers[b], now_ns);
            CHECK(at.queue_length == broker.queue.size());
            queue_seen_max = std::max(queue_seen_max, broker.queue.size());
            // A claim granted and released at one instant leaves no span.
            if (broker.busy) {
                CHECK(at.busy);
                CHECK(at.holder == broker.holder);
            }
        }
    }
    CHECK(queue_seen_max > 0);  // the scenario does queue
    CHECK(std::max(history.brokers[0].queue_length_max, history.brokers[1].queue_length_max) >= queue_seen_max);
    for (const BrokerHistory& broker : history.brokers) {
        REQUIRE_FALSE(broker.held.empty());
        for (std::size_t i = 0; i < broker.held.size(); ++i) {
            CHECK(broker.held[i].begin_ns < broker.held[i].end_ns);
            if (i > 0) CHECK(broker.held[i - 1].end_ns <= broker.held[i].begin_ns);
        }
    }
}

TEST_CASE("viz history: columns summarize busy time and queue peaks", "[viz][history]") {
    BrokerHistory history;
    history.held = {{100, 300, 5}, {350, 400, 6}};
    history.queue = {{0, 0}, {120, 2}, {130, 0}, {500, 1}};
    std::vector<HistoryColumn> columns;
    sample_columns(history, 0, 1000, 10, columns);
    REQUIRE(columns.size() == 10);
    CHECK(columns[0].busy_fraction == Approx(0.0));
    CHECK(columns[1].busy_fraction == Approx(1.0));
    CHECK(columns[1].main_holder == 5);
    CHECK(columns[1].queue_length_max == 2);  // the short spike at 120..130 is not lost
    CHECK(columns[3].busy_fraction == Approx(0.5));
    CHECK(columns[3].main_holder == 6);
    CHECK(columns[2].queue_length_max == 0);
    CHECK(columns[5].queue_length_max == 1);
    CHECK(columns[9].queue_length_max == 1);  // still in force at the end
    CHECK(columns[9].main_holder == no_actor);

    SECTION("a zoomed window starting inside a span") {
        sample_columns(history, 200, 400, 4, columns);
        CHECK(columns[0].busy_fraction == Approx(1.0));
        CHECK(columns[1].busy_fraction == Approx(1.0));
        CHECK(columns[2].busy_fraction == Approx(0.0));
        CHECK(columns[3].busy_fraction == Approx(1.0));
    }
    SECTION("degenerate windows") {
        sample_columns(history, 0, 0, 10, columns);
        CHECK(columns.size() == 10);
        sample_columns(history, 0, 100, 0, columns);
        CHECK(columns.empty());
    }
}

TEST_CASE("viz history: down spans match the brokers' up state at every instant, and columns show them",
          "[viz][history][fault]") {
    // Both brokers crash (at 50ms and 60ms) and restart at 100ms.
    LoadResult load = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/configs/crash-loses-data.yaml");
    REQUIRE(load.spec);
    const RecordedRun run(*load.spec, testing::dense_snapshots());
    const RunHistory history = build_run_history(run);
    Simulation state = run.state_after(0);
    const auto& records = run.records();
    std::size_t applied = 0;
    while (applied < records.size()) {
        const TimeNs now_ns = records[applied].time_ns;
        while (applied < records.size() && records[applied].time_ns == now_ns) {
            REQUIRE(state.step());
            ++applied;
        }
        for (std::size_t b = 0; b < 2; ++b) {
            INFO("broker " << b << " at " << now_ns << "ns");
            CHECK(broker_at(history.brokers[b], now_ns).down == !state.brokers()[b].up);
        }
    }
    constexpr TimeNs ms = 1'000'000;
    REQUIRE(history.brokers[0].down.size() == 1);
    CHECK(history.brokers[0].down[0].begin_ns == 50 * ms);
    CHECK(history.brokers[0].down[0].end_ns == 100 * ms);
    REQUIRE(history.brokers[1].down.size() == 1);
    CHECK(history.brokers[1].down[0].begin_ns == 60 * ms);

    std::vector<HistoryColumn> columns;
    sample_columns(history.brokers[0], 0, 200 * ms, 4, columns);  // 50ms each
    CHECK(columns[0].down_fraction == Approx(0.0));
    CHECK(columns[1].down_fraction == Approx(1.0));
    CHECK(columns[2].down_fraction == Approx(0.0));
}

}  // namespace
}  // namespace kafkasim::viz
