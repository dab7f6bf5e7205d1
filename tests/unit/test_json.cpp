// The stats JSON is a documented interface (graders' scripts parse it): every
// documented field is present with its type, topics keep insertion order,
// values match the run, and find_path resolves dotted topic names. Also the
// JSON writer's number and string formatting.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "report/json.hpp"
#include "report/outputs.hpp"
#include "run_inspect.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr TimeNs ms = ns_per_ms;

// Topics in a non-alphabetical order, with dots in their names.
ScenarioSpec reporting_scenario() {
    ScenarioSpec spec = base_scenario(17);
    spec.name = "json-check";
    spec.brokers = {broker("b1", 500 * ns_per_us, {{"zeta", {"z1"}}, {"v1.2", {"first", "second"}}, {"alpha", {"a1", "a2"}}}),
                    broker("b2", 0, {{"zeta", {"z1"}}})};
    spec.producers = {producer("p1", {0, 1},
                               {action(1 * ms, OpKind::publish, "mid", "m1"), action(2 * ms, OpKind::edit, "alpha", "A1", 0)})};
    spec.consumers = {
        consumer("c1", {session(10 * ms, named_topic("v1.2"), named_index(1))}, PolicyKind::first_idle),
        consumer("c2", {}),
    };
    return spec;
}

std::vector<std::string> member_names(const JsonValue& object) {
    std::vector<std::string> names;
    for (const auto& member : object.members()) names.push_back(member.first);
    return names;
}

const JsonValue& at(const JsonValue& root, const std::string& path) {
    const JsonValue* value = root.find_path(path);
    INFO("path " << path);
    REQUIRE(value != nullptr);
    return *value;
}

}  // namespace

TEST_CASE("stats JSON: every documented field, with its type", "[json]") {
    const RecordedRun run(reporting_scenario(), records_only());
    const JsonValue stats = stats_json(run.spec(), run.final_state(), run.status());
    using T = JsonValue::Type;

    CHECK(at(stats, "scenario").as_string() == "json-check");
    CHECK(at(stats, "seed").as_integer() == 17);
    CHECK(at(stats, "end_time_us").is_numeric());
    CHECK(at(stats, "events").as_integer() == static_cast<std::int64_t>(run.event_count()));
    CHECK(member_names(at(stats, "brokers")) == std::vector<std::string>{"b1", "b2"});
    CHECK(member_names(at(stats, "producers")) == std::vector<std::string>{"p1"});
    CHECK(member_names(at(stats, "consumers")) == std::vector<std::string>{"c1", "c2"});

    for (const std::string b : {"b1", "b2"}) {
        const std::string prefix = "brokers." + b + ".";
        CHECK(at(stats, prefix + "up").type() == T::boolean);
        CHECK(at(stats, prefix + "busy").type() == T::boolean);
        CHECK(at(stats, prefix + "topics").type() == T::object);
        CHECK(at(stats, prefix + "requests_served").type() == T::integer);
        for (const char* field : {"utilization", "queue_wait_mean_us", "response_time_mean_us", "queue_length_mean"}) {
            CHECK(at(stats, prefix + field).is_numeric());
        }
    }
    for (const char* field : {"sent", "acked", "failed"}) CHECK(at(stats, std::string("producers.p1.") + field).type() == T::integer);
    CHECK(at(stats, "producers.p1.ack_latency_mean_us").is_numeric());
    for (const std::string c : {"c1", "c2"}) {
        for (const char* field : {"sessions_started", "sessions_completed", "sessions_refused", "sessions_failed"}) {
            CHECK(at(stats, "consumers." + c + "." + field).type() == T::integer);
        }
        CHECK(at(stats, "consumers." + c + ".consumed").type() == T::array);
    }
    const JsonValue& consumed = at(stats, "consumers.c1.consumed");
    REQUIRE(consumed.items().size() == 1);
    CHECK(member_names(consumed.items()[0]) == std::vector<std::string>{"time_us", "broker", "topic", "index", "message"});
    CHECK(at(stats, "consumers.c2.consumed").items().empty());
}

TEST_CASE("stats JSON: values match the run", "[json]") {
    const RecordedRun run(reporting_scenario(), records_only());
    const JsonValue stats = stats_json(run.spec(), run.final_state(), run.status());
    CHECK(at(stats, "end_time_us").as_double() == static_cast<double>(run.final_state().end_time_ns()) / 1000);
    CHECK(at(stats, "brokers.b1.up").as_bool());
    CHECK_FALSE(at(stats, "brokers.b1.busy").as_bool());
    CHECK(at(stats, "producers.p1.sent").as_integer() == 4);
    CHECK(at(stats, "producers.p1.acked").as_integer() == 3);
    CHECK(at(stats, "producers.p1.failed").as_integer() == 1);  // b2 has no "alpha"
    CHECK(at(stats, "consumers.c1.sessions_started").as_integer() == 1);
    CHECK(at(stats, "consumers.c1.sessions_completed").as_integer() == 1);
    CHECK(at(stats, "consumers.c1.sessions_refused").as_integer() == 0);
    CHECK(at(stats, "consumers.c1.sessions_failed").as_integer() == 0);
    CHECK(at(stats, "consumers.c1.consumed.0.broker").as_string() == "b1");
    CHECK(at(stats, "consumers.c1.consumed.0.topic").as_string() == "v1.2");
    CHECK(at(stats, "consumers.c1.consumed.0.index").as_integer() == 1);
    CHECK(at(stats, "consumers.c1.consumed.0.message").as_string() == "second");
    const Consumption& item = run.final_state().consumers()[0].consumed.at(0);
    CHECK(at(stats, "consumers.c1.consumed.0.time_us").as_double() == static_cast<double>(item.time_ns) / 1000);
    // b1: service 0.5 ms for each of its requests.
    CHECK(at(stats, "brokers.b1.requests_served").as_integer() ==
          static_cast<std::int64_t>(run.final_state().brokers()[0].stats.requests_served));
    CHECK(at(stats, "brokers.b1.utilization").as_double() > 0);
    CHECK(at(stats, "brokers.b2.utilization").as_double() == 0);
}

TEST_CASE("stats JSON: the seed is written exactly, also above 2^63", "[json]") {
    // Seeds are 64-bit unsigned (the loader and --seed accept up to
    // 2^64 - 1); the seed that reproduces a run must be printed as given.
    for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{9223372036854775807ull}, std::uint64_t{9223372036854775808ull},
                                     std::uint64_t{18446744073709551615ull}}) {
        ScenarioSpec spec = reporting_scenario();
        spec.seed = seed;
        const RecordedRun run(spec, records_only());
        const JsonValue stats = stats_json(run.spec(), run.final_state(), run.status());
        INFO("seed " << seed);
        CHECK(stats.dump().find("\"seed\": " + std::to_string(seed) + ",") != std::string::npos);
        CHECK(at(stats, "seed").is_numeric());
        CHECK(at(stats, "seed").as_double() == static_cast<double>(seed));
    }
}

TEST_CASE("stats JSON: topics keep insertion order", "[json]") {
    const RecordedRun run(reporting_scenario(), records_only());
    const JsonValue stats = stats_json(run.spec(), run.final_state(), run.status());
    const JsonValue& topics = at(stats, "brokers.b1.topics");
    CHECK(member_names(topics) == std::vector<std::string>{"zeta", "v1.2", "alpha", "mid"});
    CHECK(member_names(at(stats, "brokers.b2.topics")) == std::vector<std::string>{"zeta", "mid"});
    const JsonValue& alpha = at(stats, "brokers.b1.topics.alpha");
    REQUIRE(alpha.items().size() == 2);
    CHECK(alpha.items()[0].as_string() == "A1");
    CHECK(alpha.items()[1].as_string() == "a2");
    // The written text keeps the order too.
    const std::string text = stats.dump(2);
    const auto zeta = text.find("\"zeta\"");
    const auto dotted = text.find("\"v1.2\"");
    const auto alpha_at = text.find("\"alpha\"");
    const auto mid = text.find("\"mid\"");
    CHECK(zeta < dotted);
    CHECK(dotted < alpha_at);
    CHECK(alpha_at < mid);
}

TEST_CASE("find_path: dotted topic names, array items, missing paths", "[json]") {
    const RecordedRun run(reporting_scenario(), records_only());
    const JsonValue stats = stats_json(run.spec(), run.final_state(), run.status());
    CHECK(at(stats, "brokers.b1.topics.v1.2").items().size() == 2);
    CHECK(at(stats, "brokers.b1.topics.v1.2.0").as_string() == "first");
    CHECK(at(stats, "brokers.b1.topics.v1.2.1").as_string() == "second");
    CHECK(stats.find_path("brokers.b1.topics.v1.2.2") == nullptr);
    CHECK(stats.find_path("brokers.b1.topics.v1") == nullptr);
    CHECK(stats.find_path("brokers.b3") == nullptr);
    CHECK(stats.find_path("brokers.b1.nope") == nullptr);
    CHECK(stats.find_path("consumers.c1.consumed.x") == nullptr);
    CHECK(stats.find_path("") == &stats);

    // Hand-built: a key with dots next to a key that is its prefix.
    JsonValue root = JsonValue::object();
    JsonValue& a = root.set("a", JsonValue::object());
    a.set("b", JsonValue::integer(1));
    root.set("a.b.c", JsonValue::integer(3));
    JsonValue& list = root.set("x.y", JsonValue::array());
    list.push(JsonValue::string("zero"));
    list.push(JsonValue::string("one"));
    CHECK(at(root, "a.b").as_integer() == 1);
    CHECK(at(root, "a.b.c").as_integer() == 3);  // the longest member name wins
    CHECK(at(root, "x.y.1").as_string() == "one");
    CHECK(root.find_path("x.y.2") == nullptr);
    CHECK(root.find_path("x") == nullptr);
}

TEST_CASE("JSON writer: numbers, strings and layout", "[json]") {
    CHECK(JsonValue::integer(-42).dump() == "-42");
    CHECK(JsonValue::integer(std::numeric_limits<std::int64_t>::max()).dump() == "9223372036854775807");
    CHECK(JsonValue::number(1.5).dump() == "1.5");
    CHECK(JsonValue::number(2.0).dump() == "2");
    CHECK(JsonValue::number(0.1234567, 6).dump() == "0.123457");
    CHECK(JsonValue::number(1234.5678, 3).dump() == "1234.568");
    CHECK(JsonValue::number(-0.0001, 3).dump() == "0");  // no "-0"
    CHECK(JsonValue::number(std::nan("")).dump() == "0");
    CHECK(JsonValue::number(std::numeric_limits<double>::infinity()).dump() == "0");
    CHECK(JsonValue::boolean(true).dump() == "true");
    CHECK(JsonValue().dump() == "null");
    CHECK(JsonValue::string("a\"b\\c\nd\te\x01").dump() == R"("a\"b\\c\nd\te\u0001")");
    CHECK(JsonValue::string("Hola señor").dump() == "\"Hola señor\"");  // UTF-8 passes through

    JsonValue object = JsonValue::object();
    object.set("k", JsonValue::integer(1));
    JsonValue& items = object.set("list", JsonValue::array());
    items.push(JsonValue::string("x"));
    items.push(JsonValue::boolean(false));
    object.set("empty", JsonValue::object());
    CHECK(object.dump() == R"({"k": 1, "list": ["x", false], "empty": {}})");
    CHECK(object.dump(2) == "{\n  \"k\": 1,\n  \"list\": [\n    \"x\",\n    false\n  ],\n  \"empty\": {}\n}");
}
