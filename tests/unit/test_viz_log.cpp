// The visualizer's views of the log model (viz/model/log_view, lag_history,
// event_filter's kind families), checked against the state at every event
// of a family of generated log runs (brokers, partitions, members that join
// late, leave and crash, every commit mode) and of the screenshot scenario
// viz/tests/scenarios/log-rebalance.yaml:
// - each broker's rows are exactly the partitions it leads, with the
//   state's end offsets; the markers are exactly the groups' committed
//   offsets and the owners' positions;
// - the cell window always shows the cell the current event touched;
// - what the current record changed is what the state after it holds (the
//   appended record, the consumed one);
// - the lag chart's value at every event's time is group_lag of the state;
// - every event's kind family names the actor it happens at.
#include <catch2/catch.hpp>

#include <string>

#include "core/log_stats.hpp"
#include "fault_builders.hpp"
#include "log_builders.hpp"
#include "model/broker_history.hpp"
#include "model/event_filter.hpp"
#include "model/lag_history.hpp"
#include "model/log_view.hpp"
#include "scenario/load.hpp"
#include "test_viz_scenarios.hpp"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::testing;

// Log runs of many shapes: `variant` picks brokers (1-3), partitions (1-4),
// members (1-4, one joining late, one leaving, one crashing and
// restarting in some), and the commit mode.
ScenarioSpec log_variant(int variant) {
    const std::uint32_t brokers = 1 + variant % 3;
    const std::uint32_t partitions = 1 + (variant / 3) % 4;
    const std::uint32_t members = 1 + (variant / 2) % 4;
    ScenarioSpec spec = log_scenario(brokers, {log_topic("orders", partitions), log_topic("audit", 1)}, 120 * ns_per_ms);
    spec.seed = static_cast<std::uint64_t>(variant) + 1;
    const std::uint32_t group = add_group(spec, "g1", 20 * ns_per_ms, variant % 2 ? log::AssignorKind::round_robin : log::AssignorKind::range,
                                          static_cast<std::uint32_t>(variant) % brokers);
    ProducerSpec producer = log_producer("p1", {send_action(2 * ns_per_ms, "audit", std::nullopt, "hello")});
    producer.workload = send_workload("orders", 40, 2 * ns_per_ms, {"user-1", "user-2", "user-3"});
    spec.producers.push_back(producer);
    const CommitMode modes[] = {CommitMode::after_poll, CommitMode::auto_commit, CommitMode::manual};
    for (std::uint32_t m = 0; m < members; ++m) {
        ConsumerSpec consumer = member("c" + std::to_string(m + 1), group, {0, 1}, modes[(variant + m) % 3]);
        consumer.auto_commit_interval_ns = 15 * ns_per_ms;
        if (consumer.commit == CommitMode::manual) consumer.commit_at_ns = {30 * ns_per_ms, 70 * ns_per_ms};
        if (m == 1) consumer.join_at_ns = 40 * ns_per_ms;
        if (m == 2) consumer.leave_at_ns = 60 * ns_per_ms;
        spec.consumers.push_back(consumer);
    }
    if (members == 4 && variant % 2 == 0) {
        spec.faults.push_back(consumer_crash_at(50 * ns_per_ms, 3));
        spec.faults.push_back(consumer_restart_at(80 * ns_per_ms, 3));
    }
    return spec;
}

ScenarioSpec screenshot_scenario() {
    LoadResult loaded = load_scenario_file(std::string(KAFKASIM_SOURCE_DIR) + "/viz/tests/scenarios/log-rebalance.yaml");
    REQUIRE(loaded.spec);
    return std::move(*loaded.spec);
}

std::vector<ScenarioSpec> log_runs() {
    std::vector<ScenarioSpec> specs;
    for (int variant = 0; variant < 24; ++variant) specs.push_back(log_variant(variant));
    specs.push_back(screenshot_scenario());
    return specs;
}

// The rows and markers of one state, against the state itself.
void check_rows(const Simulation& state) {
    const LogModel& model = state.log_model();
    std::vector<int> seen(model.layout.partition_count(), 0);
    std::size_t committed_markers = 0;
    std::size_t position_markers = 0;
    for (std::size_t b = 0; b < state.brokers().size(); ++b) {
        for (const PartitionRow& row : led_partitions(state, b)) {
            REQUIRE(row.partition < seen.size());
            seen[row.partition] += 1;
            CHECK(model.layout.leader[row.partition] == b);
            CHECK(model.layout.global(row.topic, row.number) == row.partition);
            CHECK(row.end_offset == model.partitions[row.partition].end_offset());
            for (const OffsetMarker& marker : row.markers) {
                if (marker.kind == OffsetMarker::Kind::committed) {
                    ++committed_markers;
                    CHECK(model.groups[marker.owner].group.committed({row.topic, row.number}) == std::optional<std::uint64_t>(marker.offset));
                } else {
                    ++position_markers;
                    const auto& owned = model.consumers[marker.owner].owned;
                    const auto found = std::find_if(owned.begin(), owned.end(), [&](const OwnedPartition& o) { return o.partition == row.partition; });
                    REQUIRE(found != owned.end());
                    CHECK(found->position == static_cast<std::int64_t>(marker.offset));
                }
            }
        }
    }
    for (const int count : seen) CHECK(count == 1);  // every partition in exactly one broker's rows
    // No marker missing: as many as the state has committed offsets and known positions.
    std::size_t committed_expected = 0;
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
        for (const std::uint32_t topic : group_topics(state.spec(), g)) {
            for (std::uint32_t p = model.layout.first_partition[topic]; p < model.layout.partition_count() && model.layout.topic_of[p] == topic; ++p) {
                if (model.groups[g].group.committed({topic, model.layout.local(p)})) ++committed_expected;
            }
        }
    }
    std::size_t positions_expected = 0;
    for (const LogConsumer& consumer : model.consumers) {
        for (const OwnedPartition& owned : consumer.owned) positions_expected += owned.position >= 0 ? 1 : 0;
    }
    CHECK(committed_markers == committed_expected);
    CHECK(position_markers == positions_expected);
}

}  // namespace

TEST_CASE("viz log: partition rows and markers are the state's at every event", "[viz][log_model]") {
    for (const ScenarioSpec& spec : log_runs()) {
        const RecordedRun run(spec, RecordOptions{});
        INFO(spec.name << " brokers " << spec.brokers.size() << " partitions " << spec.topics[0].partitions << " members " << spec.consumers.size()
                       << " seed " << spec.seed);
        Simulation state = run.state_after(0);
        std::size_t appended = 0;
        std::size_t consumed = 0;
        for (std::size_t i = 0; i < run.event_count(); ++i) {
            REQUIRE(state.step());
            check_rows(state);
            const Record& record = run.records()[i];
            const LogStepChange change = log_step_change(state, record);
            if (record.kind == RecordKind::appended) {
                ++appended;
                REQUIRE(change.kind == LogStepChange::Kind::appended);
                const auto& records = state.log_model().partitions[change.partition].records();
                REQUIRE(change.offset < records.size());
                CHECK(records[change.offset].key == record_key(record));
                CHECK(records[change.offset].value == record.text);
                CHECK(state.log_model().layout.leader[change.partition] + state.broker_actor(0) == record.target);
            } else if (record.kind == RecordKind::consumed) {
                ++consumed;
                REQUIRE(change.kind == LogStepChange::Kind::consumed);
                const std::size_t c = record.source - state.consumer_actor(0);
                const LogConsumption& last = state.log_model().consumers[c].consumed.back();
                CHECK(last.partition == change.partition);
                CHECK(last.offset == change.offset);
            } else if (record.kind == RecordKind::offset_committed) {
                REQUIRE(change.kind == LogStepChange::Kind::committed);
            }
            if (change.kind != LogStepChange::Kind::none) {
                // The touched cell is in the window of every row width.
                const std::uint64_t end = state.log_model().partitions[change.partition].end_offset();
                for (std::uint64_t capacity = 1; capacity <= 12; ++capacity) {
                    const CellWindow window = cell_window(end, capacity, change.offset);
                    if (change.offset < end) CHECK((window.first <= change.offset && change.offset < window.last));
                }
            }
        }
        CHECK(appended > 0);
        CHECK(consumed > 0);
    }
}

TEST_CASE("viz log: the cell window holds the focus, fits the room, ends at the newest", "[viz][log_model]") {
    for (std::uint64_t end = 0; end <= 40; ++end) {
        for (std::uint64_t capacity = 1; capacity <= 20; ++capacity) {
            for (std::uint64_t focus = 0; focus <= end + 1; ++focus) {
                for (const bool with_focus : {false, true}) {
                    const CellWindow window = cell_window(end, capacity, with_focus ? std::optional<std::uint64_t>(focus) : std::nullopt);
                    INFO("end " << end << " capacity " << capacity << " focus " << focus << " " << with_focus);
                    CHECK(window.first <= window.last);
                    CHECK(window.last <= end);
                    CHECK(window.last - window.first == std::min(end, capacity));
                    if (with_focus && focus < end) CHECK((window.first <= focus && focus < window.last));
                    if (!with_focus && end > 0) CHECK(window.last == end);
                }
            }
        }
    }
}

TEST_CASE("viz log: the lag lanes equal group_lag at every event", "[viz][log_model]") {
    for (const ScenarioSpec& spec : log_runs()) {
        const RecordedRun run(spec, RecordOptions{});
        const RunHistory history = build_run_history(run);
        Simulation state = run.state_after(0);
        REQUIRE(history.groups.size() == state.log_model().groups.size());
        std::uint64_t lag_seen_max = 0;
        for (std::size_t i = 0; i < run.event_count(); ++i) {
            REQUIRE(state.step());
            // After the last event of an instant, the chart's value is the state's.
            const bool last_of_instant = i + 1 == run.event_count() || run.records()[i + 1].time_ns != run.records()[i].time_ns;
            if (!last_of_instant) continue;
            for (std::size_t g = 0; g < history.groups.size(); ++g) {
                const std::uint64_t lag = group_lag(state, g).total;
                CHECK(lag_at(history.groups[g], state.now_ns()) == lag);
                CHECK(lag <= history.groups[g].lag_max);
                lag_seen_max = std::max(lag_seen_max, lag);
            }
        }
        CHECK(lag_seen_max > 0);
        // Columns: each holds at least the value in force at its start, and
        // one column over the whole run holds the largest value of any point.
        for (const GroupLagHistory& group : history.groups) {
            std::vector<std::uint64_t> columns;
            sample_lag_columns(group, 0, history.end_ns + 1, 1, columns);
            std::uint64_t points_max = 0;
            for (const LagPoint& point : group.points) points_max = std::max(points_max, point.lag);
            CHECK(columns == std::vector<std::uint64_t>{points_max});
            sample_lag_columns(group, 0, history.end_ns + 1, 97, columns);
            REQUIRE(columns.size() == 97);
            for (int c = 0; c < 97; ++c) {
                const TimeNs start = static_cast<TimeNs>(static_cast<double>(history.end_ns + 1) * c / 97.0) + 1;
                CHECK(columns[static_cast<std::size_t>(c)] >= lag_at(group, start));
            }
        }
    }
}

TEST_CASE("viz log: a rebalance is bannered while the group prepares, with its generations", "[viz][log_model]") {
    for (const ScenarioSpec& spec : log_runs()) {
        const RecordedRun run(spec, RecordOptions{});
        Simulation state = run.state_after(0);
        std::size_t ends = 0;
        for (std::size_t i = 0; i < run.event_count(); ++i) {
            REQUIRE(state.step());
            const Record& record = run.records()[i];
            const std::vector<RebalanceBanner> banners = rebalance_banners(state, &record);
            for (std::size_t g = 0; g < state.log_model().groups.size(); ++g) {
                const CoordinatedGroup& group = state.log_model().groups[g];
                const auto banner = std::find_if(banners.begin(), banners.end(), [&](const RebalanceBanner& b) { return b.group == g; });
                const bool its_record = (record.kind == RecordKind::rebalance_start || record.kind == RecordKind::rebalance_end) &&
                                        record.topic == state.log_model().layout.group_names[g];
                CHECK((banner != banners.end()) == (group.phase == GroupPhase::preparing || its_record));
                if (banner == banners.end()) continue;
                CHECK(banner->generation_to == banner->generation_from + 1);
                if (record.kind == RecordKind::rebalance_end && its_record) {
                    ++ends;
                    CHECK(banner->ended);
                    CHECK(static_cast<std::int64_t>(banner->generation_to) == record_offset(record));
                } else {
                    CHECK(banner->generation_from == group.group.generation());
                }
            }
        }
        CHECK(ends > 0);
        // The assignment in words names exactly the partitions each member owns.
        for (std::size_t c = 0; c < state.log_model().consumers.size(); ++c) {
            const LogConsumer& member = state.log_model().consumers[c];
            const std::string words = assignment_words(state, c);
            if (member.phase != MemberPhase::stable || member.owned.empty()) continue;
            std::size_t commas = 0;
            for (const char ch : words) commas += ch == ',' ? 1 : 0;
            CHECK(commas + 1 == member.owned.size());
            for (const OwnedPartition& owned : member.owned) {
                const std::uint32_t topic = state.log_model().layout.topic_of[owned.partition];
                CHECK(words.find(topic_partition_name(state.strings().text(state.log_model().layout.topic_names[topic]),
                                                      state.log_model().layout.local(owned.partition))) != std::string::npos);
            }
        }
    }
}

TEST_CASE("viz event log: every event's kind family names where it happens, in both models", "[viz][log_model]") {
    std::vector<ScenarioSpec> specs = log_runs();
    specs.push_back(testing::busy_scenario(5, 30, 10));
    std::vector<bool> kinds_seen(record_kind_count, false);
    for (const ScenarioSpec& spec : specs) {
        const RecordedRun run(spec, RecordOptions{});
        const Simulation& names = run.final_state();
        for (const Record& record : run.records()) {
            kinds_seen[static_cast<std::size_t>(record.kind)] = true;
            INFO(record_kind_name(record.kind));
            const bool source_broker = record.source != no_actor && names.is_broker(record.source);
            const bool target_broker = record.target != no_actor && names.is_broker(record.target);
            switch (kind_group(record.kind)) {
                case KindGroup::request_arrived:
                case KindGroup::request_served:
                    CHECK(target_broker);
                    CHECK_FALSE(source_broker);
                    break;
                case KindGroup::reply_arrived:
                    CHECK(source_broker);
                    CHECK_FALSE(target_broker);
                    break;
                case KindGroup::timer: CHECK_FALSE(source_broker); break;
                case KindGroup::coordinator: CHECK(source_broker); break;
                case KindGroup::fault: break;  // sender or broker, either way
            }
        }
    }
    // Every log kind has a family that is not "faults" (only the shared fault kinds are).
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        const auto kind = static_cast<RecordKind>(k);
        if (is_log_kind(kind)) CHECK(kind_group(kind) != KindGroup::fault);
    }
    // The runs reach the log kinds the chart and the banners rely on.
    for (const RecordKind kind : {RecordKind::appended, RecordKind::consumed, RecordKind::rebalance_start, RecordKind::rebalance_end,
                                  RecordKind::offset_committed, RecordKind::member_expired}) {
        CHECK(kinds_seen[static_cast<std::size_t>(kind)]);
    }
}

}  // namespace kafkasim::viz
