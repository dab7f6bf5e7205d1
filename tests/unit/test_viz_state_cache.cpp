// The visualizer's reconstruction: the state at event N is the same whether
// reached by replaying forward one event at a time or by seeking there from
// anywhere (snapshot + re-run), at every event of a test run.
#include <catch2/catch.hpp>

#include "model/state_cache.hpp"
#include "test_viz_scenarios.hpp"

namespace kafkasim::viz {
namespace {

// Everything the viz displays, compared field by field (a clearer failure
// than a hash mismatch), then the hash of the whole model.
void require_same_state(const Simulation& a, const Simulation& b) {
    REQUIRE(a.events_processed() == b.events_processed());
    REQUIRE(a.now_ns() == b.now_ns());
    REQUIRE(a.brokers().size() == b.brokers().size());
    for (std::size_t i = 0; i < a.brokers().size(); ++i) {
        const Broker& x = a.brokers()[i];
        const Broker& y = b.brokers()[i];
        REQUIRE(x.up == y.up);
        REQUIRE(x.busy == y.busy);
        REQUIRE(x.holder == y.holder);
        REQUIRE(x.queue.size() == y.queue.size());
        REQUIRE(x.topics.size() == y.topics.size());
        for (std::size_t t = 0; t < x.topics.size(); ++t) {
            REQUIRE(x.topics[t].name == y.topics[t].name);
            REQUIRE(x.topics[t].messages == y.topics[t].messages);
        }
    }
    REQUIRE(a.consumers().size() == b.consumers().size());
    for (std::size_t i = 0; i < a.consumers().size(); ++i) {
        REQUIRE(a.consumers()[i].stage == b.consumers()[i].stage);
        REQUIRE(a.consumers()[i].target == b.consumers()[i].target);
        REQUIRE(a.consumers()[i].consumed.size() == b.consumers()[i].consumed.size());
    }
    std::size_t in_flight_a = 0;
    std::size_t in_flight_b = 0;
    a.for_each_in_flight([&](const Message&, TimeNs) { ++in_flight_a; });
    b.for_each_in_flight([&](const Message&, TimeNs) { ++in_flight_b; });
    REQUIRE(in_flight_a == in_flight_b);
    REQUIRE(a.state_hash() == b.state_hash());
}

TEST_CASE("viz: forward replay and random-access seek agree at every event", "[viz][seek]") {
    const RecordedRun run(testing::busy_scenario(), testing::dense_snapshots());
    const std::size_t event_count = run.event_count();
    REQUIRE(event_count > 2000);
    REQUIRE(run.snapshot_interval() > 8);  // the interval doubled: old snapshots were thinned

    Simulation forward = run.state_after(0);
    for (std::size_t n = 1; n <= event_count; ++n) {
        REQUIRE(forward.step());
        INFO("event " << n);
        require_same_state(forward, run.state_after(n));
    }
    REQUIRE(forward.state_hash() == run.final_state().state_hash());
}

TEST_CASE("viz: seeking replays queued sessions from copied snapshots", "[viz][seek]") {
    // Sessions that start while one runs wait in a queue; a snapshot copy of
    // that queue must replay like the original (a copy does not keep the
    // reserved capacity, which an assertion once relied on).
    using namespace kafkasim::testing;
    ScenarioSpec spec = base_scenario(2);
    spec.brokers.push_back(broker("b1", 500 * ns_per_us, original_topics()));
    spec.brokers.push_back(broker("b2", 500 * ns_per_us, original_topics()));
    std::vector<SessionSpec> sessions;
    for (int i = 0; i < 6; ++i) sessions.push_back(session(i * 100 * ns_per_us, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::first)));
    spec.consumers.push_back(consumer("c1", sessions));
    spec.consumers.push_back(consumer("c2", sessions));
    RecordOptions options;
    options.snapshot_interval = 2;
    options.snapshots_max = 1000;
    const RecordedRun run(spec, options);
    Simulation forward = run.state_after(0);
    for (std::size_t n = 1; n <= run.event_count(); ++n) {
        REQUIRE(forward.step());
        INFO("event " << n);
        require_same_state(forward, run.state_after(n));
    }
}

TEST_CASE("viz: the state cache gives the seek's state after any sequence of moves", "[viz][seek]") {
    const RecordedRun run(testing::busy_scenario(3), testing::dense_snapshots());
    const std::size_t event_count = run.event_count();
    StateCache cache(run);

    SECTION("stepping forward through the run steps, never seeks") {
        for (std::size_t n = 0; n <= event_count; n += 1) {
            INFO("event " << n);
            REQUIRE(cache.at(n).state_hash() == run.state_after(n).state_hash());
        }
        REQUIRE(cache.seeks_taken() == 0);
    }
    SECTION("stepping backward from the end seeks each time") {
        for (std::size_t n = event_count + 1; n-- > 0;) {
            INFO("event " << n);
            require_same_state(cache.at(n), run.state_after(n));
        }
        REQUIRE(cache.seeks_taken() == event_count + 1);  // the jump to the end, then every step back
    }
    SECTION("random jumps") {
        std::uint64_t x = 12345;  // a fixed LCG: the same jumps every run
        for (int i = 0; i < 2000; ++i) {
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            const std::size_t n = static_cast<std::size_t>((x >> 33) % (event_count + 1));
            INFO("jump " << i << " to event " << n);
            require_same_state(cache.at(n), run.state_after(n));
            // and the next event by a step
            if (n < event_count) require_same_state(cache.at(n + 1), run.state_after(n + 1));
        }
    }
}

TEST_CASE("viz: the viz snapshot settings keep a million-event seek bounded", "[viz][seek]") {
    const RecordOptions options = viz_record_options();
    // 1M events with at most snapshots_max snapshots: the interval settles at
    // the first doubling of snapshot_interval that fits.
    std::uint64_t interval = options.snapshot_interval;
    while (1'000'000 / interval + 1 > options.snapshots_max) interval *= 2;
    CHECK(interval <= 16384);  // the worst seek re-runs at most this many events
    CHECK(options.keep_snapshots);
}

}  // namespace
}  // namespace kafkasim::viz
