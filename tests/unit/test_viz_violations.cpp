// The event log's monitor markers: violations_at finds exactly the findings
// of one event, on a synthetic list and on a run with faults.
#include <catch2/catch.hpp>

#include "core/recorded_run.hpp"
#include "model/violation_index.hpp"
#include "scenario/load.hpp"

namespace kafkasim::viz {
namespace {

Violation at_event(std::uint64_t event, MonitorKind monitor) {
    Violation violation;
    violation.event = event;
    violation.monitor = monitor;
    return violation;
}

TEST_CASE("viz violations: the findings of one event, none for the others", "[viz][violations]") {
    const std::vector<Violation> violations = {at_event(3, MonitorKind::divergence), at_event(7, MonitorKind::lost_ack),
                                               at_event(7, MonitorKind::lost_ack), at_event(9, MonitorKind::no_broker)};
    CHECK(violations_at(violations, 0).empty());
    CHECK(violations_at(violations, 4).empty());
    REQUIRE(violations_at(violations, 3).size() == 1);
    CHECK(violations_at(violations, 3)[0].monitor == MonitorKind::divergence);
    CHECK(violations_at(violations, 7).size() == 2);
    CHECK(violations_at(violations, 9).size() == 1);
    CHECK(violations_at(violations, 10).empty());
    CHECK(violations_at({}, 0).empty());
}

TEST_CASE("viz violations: every finding of a run with faults is found at its event", "[viz][violations]") {
    LoadResult load = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/configs/crash-loses-data.yaml");
    REQUIRE(load.spec);
    const RecordedRun run(*load.spec, RecordOptions{});
    const auto& violations = run.monitors().violations();
    REQUIRE(violations.size() >= 3);  // two lost_ack, one no_broker
    std::size_t found = 0;
    for (std::size_t event = 0; event < run.event_count(); ++event) {
        for (const Violation& violation : violations_at(violations, event)) {
            CHECK(violation.event == event);
            ++found;
        }
    }
    CHECK(found == violations.size());
}

}  // namespace
}  // namespace kafkasim::viz
