// In-flight messages as dots: interpolation by time between send and
// delivery, and the status race of the seed scenario visible at time 0.
#include <catch2/catch.hpp>

#include "model/in_flight.hpp"
#include "model/playback.hpp"
#include "test_viz_scenarios.hpp"

namespace kafkasim::viz {
namespace {

TEST_CASE("viz in flight: progress is the share of the latency elapsed", "[viz][flight]") {
    CHECK(flight_progress(0, 1000, 0) == 0.0f);
    CHECK(flight_progress(0, 1000, 250) == Approx(0.25f));
    CHECK(flight_progress(0, 1000, 1000) == 1.0f);
    CHECK(flight_progress(0, 1000, 5000) == 1.0f);
    CHECK(flight_progress(100, 1000, 0) == 0.0f);
    CHECK(flight_progress(100, 100, 100) == 1.0f);  // zero latency
}

TEST_CASE("viz in flight: both consumers' status requests race to both brokers", "[viz][flight]") {
    using namespace kafkasim::testing;
    ScenarioSpec spec = base_scenario(1);  // latency 1ms
    spec.brokers.push_back(broker("b1", 500 * ns_per_us, original_topics()));
    spec.brokers.push_back(broker("b2", 500 * ns_per_us, original_topics()));
    spec.consumers.push_back(consumer("c1", {session(0, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))}));
    spec.consumers.push_back(consumer("c2", {session(0, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))}));
    const RecordedRun run(spec, RecordOptions{});

    Playback playback;
    seek_time(playback, run.records(), 0);  // both session starts applied
    REQUIRE(playback.cursor == 2);
    const Simulation state = run.state_after(playback.cursor);
    std::vector<FlightDot> dots;
    collect_in_flight(state, 0, dots);
    REQUIRE(dots.size() == 4);
    for (const FlightDot& dot : dots) {
        CHECK(dot.type == MessageType::status);
        CHECK(state.is_consumer(dot.source));
        CHECK(state.is_broker(dot.target));
        CHECK(dot.progress == 0.0f);
        CHECK(std::string(flight_label(dot)) == "status");
    }
    collect_in_flight(state, 400 * ns_per_us, dots);
    REQUIRE(dots.size() == 4);
    for (const FlightDot& dot : dots) CHECK(dot.progress == Approx(0.4f));

    // After the arrivals, the replies travel back; labels name the answer.
    const Simulation later = run.state_after(events_until(run.records(), 1500 * ns_per_us));
    collect_in_flight(later, 1500 * ns_per_us, dots);
    REQUIRE_FALSE(dots.empty());
    bool saw_status_reply = false;
    for (const FlightDot& dot : dots) {
        if (dot.type == MessageType::reply && dot.request == MessageType::status) {
            saw_status_reply = true;
            CHECK(std::string(flight_label(dot)) == "status: idle");
        }
    }
    CHECK(saw_status_reply);
}

}  // namespace
}  // namespace kafkasim::viz
