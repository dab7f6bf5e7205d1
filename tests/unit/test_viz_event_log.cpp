// The event log's filter and row list, and the per-step dictionary change the
// Brokers panel highlights.
#include <catch2/catch.hpp>

#include "model/event_filter.hpp"
#include "model/step_change.hpp"
#include "test_viz_scenarios.hpp"

namespace kafkasim::viz {
namespace {

TEST_CASE("viz event log: filter by actor and kind, rows rebuilt only on change", "[viz][log]") {
    const RecordedRun run(testing::busy_scenario(5, 30, 10), RecordOptions{});
    const auto& records = run.records();
    FilteredLog log;
    EventFilter filter;
    log.update(records, filter);
    REQUIRE(log.rows().size() == records.size());
    CHECK(log.row_of(17) == 17);

    const ActorId c1 = run.final_state().consumer_actor(0);
    filter.actor = c1;
    log.update(records, filter);
    REQUIRE_FALSE(log.rows().empty());
    REQUIRE(log.rows().size() < records.size());
    for (std::uint32_t row : log.rows()) {
        CHECK((records[row].source == c1 || records[row].target == c1));
    }

    filter.kinds.reset();
    filter.set_group(KindGroup::reply_arrived, true);
    CHECK(filter.group_state(KindGroup::reply_arrived) == 1);
    CHECK(filter.group_state(KindGroup::timer) == 0);
    filter.kinds.reset(static_cast<std::size_t>(RecordKind::ack));
    CHECK(filter.group_state(KindGroup::reply_arrived) == -1);
    log.update(records, filter);
    for (std::uint32_t row : log.rows()) {
        CHECK(kind_group(records[row].kind) == KindGroup::reply_arrived);
        CHECK(records[row].target == c1);  // replies arrive at the consumer
    }
    // A filtered-out record has no row; the next shown one follows it.
    const std::size_t hidden = log.rows().front() == 0 ? 1 : 0;
    if (log.rows().front() != hidden) {
        CHECK(log.row_of(hidden) == log.rows().size());
        CHECK(log.row_at_or_after(hidden) == 0);
    }
}

TEST_CASE("viz event log: kind groups partition the kinds", "[viz][log]") {
    CHECK(kind_group(RecordKind::publish) == KindGroup::request_arrived);
    CHECK(kind_group(RecordKind::release) == KindGroup::request_arrived);
    CHECK(kind_group(RecordKind::published) == KindGroup::request_served);
    CHECK(kind_group(RecordKind::rejected) == KindGroup::request_served);
    CHECK(kind_group(RecordKind::ack) == KindGroup::reply_arrived);
    CHECK(kind_group(RecordKind::release_reply) == KindGroup::reply_arrived);
    CHECK(kind_group(RecordKind::produce) == KindGroup::timer);
    CHECK(kind_group(RecordKind::retry) == KindGroup::timer);
}

TEST_CASE("viz step change: every dictionary operation is highlighted where it lands", "[viz][log]") {
    const RecordedRun run(testing::edit_delete_scenario(), RecordOptions{});
    const Simulation& names = run.final_state();
    int created = 0, edited = 0, removed = 0, topic_deleted = 0, read = 0;
    for (const Record& record : run.records()) {
        const StepChange change = step_change(record);
        switch (change.kind) {
            case StepChange::Kind::topic_created:
                ++created;
                CHECK(names.strings().text(change.topic) == "Bonjour le monde");
                CHECK(change.index == 0);
                break;
            case StepChange::Kind::message_edited:
                ++edited;
                CHECK(names.strings().text(change.text) == "HELLO");
                CHECK(change.index == 1);
                break;
            case StepChange::Kind::message_removed:
                ++removed;
                CHECK(names.strings().text(change.text) == "mensaje 1");
                break;
            case StepChange::Kind::topic_deleted:
                ++topic_deleted;
                CHECK(names.strings().text(change.topic) == "Ciao mondo");
                CHECK(change.count == 3);
                break;
            case StepChange::Kind::message_read: ++read; break;
            default: break;
        }
        if (change.kind != StepChange::Kind::none) CHECK(names.is_broker(change.broker));
    }
    CHECK(created == 2);  // on both brokers
    CHECK(edited == 2);
    CHECK(removed == 2);
    CHECK(topic_deleted == 2);
    CHECK(read == 1);
}

}  // namespace
}  // namespace kafkasim::viz
