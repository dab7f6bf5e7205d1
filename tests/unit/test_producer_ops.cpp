// Every producer operation (the original POST/PUT/DELETE) and every error
// case: the final dictionaries exactly, the ack/nack counts, the error each
// nack carries, and the topics' insertion order.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/stats.hpp"
#include "report/outputs.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

// (broker, request, topic, error) of each nack, in event order.
using Nack = std::tuple<std::string, MessageType, std::string, ErrorCode>;

std::vector<Nack> nacks_from(const RecordedRun& run, const std::string& broker_name) {
    std::vector<Nack> result;
    const Simulation& state = run.final_state();
    for (const Record& record : records_of(run, RecordKind::nack)) {
        if (state.actor_name(record.source) != broker_name) continue;
        result.emplace_back(broker_name, record.request, text_of(run, record.topic), record.error);
    }
    return result;
}

}  // namespace

TEST_CASE("producer: every operation and every error case, fanned out to both brokers", "[producer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    spec.producers = {producer("p1", {0, 1},
                               {
                                   action(1 * ms, OpKind::publish, "Hello world", "message 4"),
                                   action(2 * ms, OpKind::publish, "Nuevo", "uno"),          // creates the topic, at the end
                                   action(3 * ms, OpKind::edit, "Hola mundo", "primero", 0),
                                   action(4 * ms, OpKind::delete_message, "Hallo welt", "", 1),
                                   action(5 * ms, OpKind::delete_topic, "Ciao mondo"),
                                   action(6 * ms, OpKind::edit, "Nope", "x", 0),             // unknown topic
                                   action(7 * ms, OpKind::edit, "Hello world", "x", 9),      // index out of range
                                   action(8 * ms, OpKind::delete_message, "Hello world", "", 9),  // index out of range
                                   action(9 * ms, OpKind::delete_topic, "Nope"),             // unknown topic
                                   action(10 * ms, OpKind::delete_message, "Nope", "", 0),   // unknown topic
                                   action(11 * ms, OpKind::edit, "Hello world", "x", -1),    // negative index
                                   action(12 * ms, OpKind::publish, "Ciao mondo", "di nuovo"),  // re-created, at the end
                               })};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();

    const Dictionary expected = {
        {"Hola mundo", {"primero", "mensaje 2", "mensaje 3"}},
        {"Hello world", {"message 1", "message 2", "message 3", "message 4"}},
        {"Hallo welt", {"botschaft 1", "botschaft 3"}},
        {"Nuevo", {"uno"}},
        {"Ciao mondo", {"di nuovo"}},
    };
    CHECK(dictionary(state, 0) == expected);
    CHECK(dictionary(state, 1) == expected);

    const ProducerStats& stats = state.producers()[0].stats;
    CHECK(stats.operations == 12);
    CHECK(stats.sent == 24);
    CHECK(stats.acked == 12);
    CHECK(stats.failed == 12);
    // Latency 1 ms each way, service 0: every ack comes 2 ms after the request.
    CHECK(producer_metrics(state, 0).ack_latency_mean_us == 2000.0);

    for (const std::string broker_name : {"b1", "b2"}) {
        INFO("broker " << broker_name);
        const std::vector<Nack> expected_nacks = {
            {broker_name, MessageType::edit, "Nope", ErrorCode::unknown_topic},
            {broker_name, MessageType::edit, "Hello world", ErrorCode::index_out_of_range},
            {broker_name, MessageType::delete_message, "Hello world", ErrorCode::index_out_of_range},
            {broker_name, MessageType::delete_topic, "Nope", ErrorCode::unknown_topic},
            {broker_name, MessageType::delete_message, "Nope", ErrorCode::unknown_topic},
            {broker_name, MessageType::edit, "Hello world", ErrorCode::index_out_of_range},
        };
        CHECK(nacks_from(run, broker_name) == expected_nacks);
    }
    for (const Broker& broker : state.brokers()) {
        CHECK(broker.stats.requests_served == 12);
        CHECK(broker.stats.requests_rejected == 6);
    }

    // What the brokers recorded as they served: one record per change.
    CHECK(records_of(run, RecordKind::published).size() == 6);
    CHECK(records_of(run, RecordKind::edited).size() == 2);
    CHECK(records_of(run, RecordKind::deleted).size() == 4);
    CHECK(records_of(run, RecordKind::rejected).size() == 12);
    int created = 0;
    for (const Record& record : records_of(run, RecordKind::published)) {
        created += (record.flags & record_flag::topic_created) ? 1 : 0;
    }
    CHECK(created == 4);  // "Nuevo" and "Ciao mondo", on each broker
    for (const Record& record : records_of(run, RecordKind::deleted)) {
        const bool whole = (record.flags & record_flag::whole_topic) != 0;
        CHECK(text_of(run, record.topic) == (whole ? "Ciao mondo" : "Hallo welt"));
        if (whole) CHECK(record.count == 3);  // messages the topic held
        if (!whole) CHECK(text_of(run, record.text) == "botschaft 2");
    }
    // A publish is acknowledged with the new message's position.
    for (const Record& ack : records_of(run, RecordKind::ack)) {
        if (ack.request != MessageType::publish) continue;
        const std::string topic = text_of(run, ack.topic);
        CHECK(ack.index == (topic == "Hello world" ? 3 : 0));
    }
}

TEST_CASE("producer: each broker answers for its own dictionary", "[producer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, {{"t", {"a"}}}), broker("b2", 0, {})};
    spec.producers = {producer("p1", {0, 1},
                               {
                                   action(1 * ms, OpKind::publish, "t", "b"),
                                   action(2 * ms, OpKind::edit, "t", "B", 1),  // b2 has only index 0
                               })};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    CHECK(dictionary(state, 0) == Dictionary{{"t", {"a", "B"}}});
    CHECK(dictionary(state, 1) == Dictionary{{"t", {"b"}}});
    CHECK(state.producers()[0].stats.acked == 3);
    CHECK(state.producers()[0].stats.failed == 1);
    CHECK(nacks_from(run, "b1").empty());
    CHECK(nacks_from(run, "b2") == std::vector<Nack>{{"b2", MessageType::edit, "t", ErrorCode::index_out_of_range}});
}

TEST_CASE("producer: targets limit the fan-out", "[producer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, original_topics()), broker("b2", 0, original_topics())};
    spec.producers = {producer("p2", {1}, {action(1 * ms, OpKind::publish, "Hello world", "only b2"),
                                           action(2 * ms, OpKind::delete_topic, "Hola mundo")})};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    CHECK(dictionary(state, 0) == dictionary(original_topics()));
    CHECK(dictionary(state, 1) == Dictionary{
                                      {"Hello world", {"message 1", "message 2", "message 3", "only b2"}},
                                      {"Hallo welt", {"botschaft 1", "botschaft 2", "botschaft 3"}},
                                      {"Ciao mondo", {"messaggio 1", "messaggio 2", "messaggio 3"}},
                                  });
    CHECK(state.producers()[0].stats.sent == 2);
    CHECK(state.producers()[0].stats.acked == 2);
    CHECK(state.brokers()[0].stats.requests_arrived == 0);
}

TEST_CASE("producer: deleting a middle topic keeps the others' order, re-creating appends", "[producer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, original_topics())};
    spec.producers = {producer("p1", {0},
                               {
                                   action(1 * ms, OpKind::delete_topic, "Hello world"),
                                   action(2 * ms, OpKind::publish, "Hola mundo", "mensaje 4"),  // existing: stays first
                                   action(3 * ms, OpKind::publish, "Hello world", "again"),
                                   action(4 * ms, OpKind::delete_message, "Ciao mondo", "", 0),
                                   action(5 * ms, OpKind::delete_message, "Ciao mondo", "", 0),
                                   action(6 * ms, OpKind::delete_message, "Ciao mondo", "", 0),
                                   action(7 * ms, OpKind::delete_message, "Ciao mondo", "", 0),  // now empty: out of range
                               })};
    const RecordedRun run(spec, records_only());
    // Deleting every message leaves an empty topic; only delete {topic} removes it.
    CHECK(dictionary(run.final_state(), 0) == Dictionary{
                                                  {"Hola mundo", {"mensaje 1", "mensaje 2", "mensaje 3", "mensaje 4"}},
                                                  {"Hallo welt", {"botschaft 1", "botschaft 2", "botschaft 3"}},
                                                  {"Ciao mondo", {}},
                                                  {"Hello world", {"again"}},
                                              });
    CHECK(nacks_from(run, "b1") ==
          std::vector<Nack>{{"b1", MessageType::delete_message, "Ciao mondo", ErrorCode::index_out_of_range}});
}

TEST_CASE("producer: operations on one broker are applied in arrival order", "[producer]") {
    // Two producers write the same topic; with service time, requests queue
    // and are served first come, first served.
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 2 * ms)};
    spec.producers = {
        producer("p1", {0}, {action(0, OpKind::publish, "t", "p1-a"), action(1 * ms, OpKind::publish, "t", "p1-b")}),
        producer("p2", {0}, {action(0, OpKind::publish, "t", "p2-a"), action(1 * ms, OpKind::edit, "t", "p2-edit", 0)}),
    };
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    // Arrivals: p1-a, p2-a (1 ms), then p1-b, p2-edit (2 ms). Served in that order;
    // at 2 ms three requests wait behind p1-a.
    CHECK(dictionary(state, 0) == Dictionary{{"t", {"p2-edit", "p2-a", "p1-b"}}});
    // Service 2 ms each, one at a time: replies at 3, 5, 7, 9 ms, arriving 1 ms later.
    // Acks: p1-a at 4 ms (sent 0), p2-a at 6 (sent 0), p1-b at 8 (sent 1), edit at 10 (sent 1).
    CHECK(producer_metrics(state, 0).ack_latency_mean_us == 5500.0);  // (4 + 7) / 2 ms
    CHECK(producer_metrics(state, 1).ack_latency_mean_us == 7500.0);  // (6 + 9) / 2 ms
    CHECK(state.brokers()[0].stats.queue_length_max == 3);
}

TEST_CASE("producer: an empty message is a message", "[producer]") {
    // `message: ""` is valid input (the loader accepts it): it must be stored,
    // reported and hashed like any other text.
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1", 0, {{"t", {"x"}}})};
    spec.producers = {producer("p1", {0},
                               {action(1 * ms, OpKind::publish, "t", ""), action(2 * ms, OpKind::edit, "t", "", 0),
                                action(3 * ms, OpKind::publish, "empty", "")})};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    CHECK(dictionary(state, 0) == Dictionary{{"t", {"", ""}}, {"empty", {""}}});
    CHECK(state.producers()[0].stats.acked == 3);
    CHECK_NOTHROW(state.state_hash());
    const JsonValue stats = stats_json(run.spec(), state, run.status());
    const JsonValue* topic = stats.find_path("brokers.b1.topics.t");
    REQUIRE(topic != nullptr);
    REQUIRE(topic->items().size() == 2);
    CHECK(topic->items()[0].as_string().empty());
    CHECK_NOTHROW(write_trace(run, nullptr));
}

TEST_CASE("producer workload: count, spacing, topic cycle and message template", "[producer]") {
    ScenarioSpec spec = base_scenario();
    spec.brokers = {broker("b1")};
    spec.producers = {workload_producer("p1", {0}, DistributionSpec::constant(3 * ms), 5, {"a", "b"}, "{topic}-{n}!", 2 * ms)};
    const RecordedRun run(spec, records_only());
    CHECK(dictionary(run.final_state(), 0) == Dictionary{{"a", {"a-1!", "a-3!", "a-5!"}}, {"b", {"b-2!", "b-4!"}}});
    std::vector<TimeNs> issued;
    for (const Record& record : records_of(run, RecordKind::produce)) issued.push_back(record.time_ns);
    CHECK(issued == std::vector<TimeNs>{2 * ms, 5 * ms, 8 * ms, 11 * ms, 14 * ms});
    CHECK(run.final_state().producers()[0].stats.acked == 5);
}

TEST_CASE("producer: a full broker queue answers queue_full and changes nothing", "[producer]") {
    // b1 serves one request per 10 ms and lets two wait; five publishes
    // arrive together at 1 ms: one served at once, two queued, two refused.
    ScenarioSpec spec = base_scenario();
    BrokerSpec b1 = broker("b1", 10 * ms);
    b1.queue_capacity = 2;
    spec.brokers = {b1};
    std::vector<ProducerActionSpec> actions;
    for (int i = 1; i <= 5; ++i) actions.push_back(action(0, OpKind::publish, "t", "m" + std::to_string(i)));
    spec.producers = {producer("p1", {0}, actions)};
    const RecordedRun run(spec, records_only());
    const Simulation& state = run.final_state();
    CHECK(dictionary(state, 0) == Dictionary{{"t", {"m1", "m2", "m3"}}});
    CHECK(state.producers()[0].stats.acked == 3);
    CHECK(state.producers()[0].stats.failed == 2);
    const auto nacks = records_of(run, RecordKind::nack);
    REQUIRE(nacks.size() == 2);
    for (const Record& nack : nacks) {
        CHECK(nack.error == ErrorCode::queue_full);
        CHECK(nack.time_ns == 2 * ms);  // refused on arrival, not after waiting
    }
    CHECK(state.brokers()[0].stats.requests_served == 3);
    CHECK(state.brokers()[0].stats.requests_rejected == 2);
    CHECK(state.brokers()[0].stats.queue_length_max == 2);
}
