// The evaluator's stat entries: any path into the stats JSON, compared with
// ==, !=, <=, >=, <, > or approx (absolute or percent), as the JSON prints
// the value (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

#include "check/stat_paths.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("stat: ordered comparisons on counts", "[check][stat]") {
    check_texts(check_one(R"({stat: consumers.c2.sessions_refused, ">=": 1})"), true, ">= 1", "1");
    check_texts(check_one(R"({stat: consumers.c2.sessions_refused, ">": 1})"), false, "> 1", "1");
    check_texts(check_one(R"({stat: events, "<": 69})"), false, "< 69", "69");
    check_texts(check_one(R"({stat: events, "<=": 69})"), true, "<= 69", "69");
    check_texts(check_one(R"({stat: producers.p1.acked, "==": 3})"), false, "== 3", "2");
    check_texts(check_one(R"({stat: producers.p1.acked, "!=": 3})"), true, "!= 3", "2");
    check_texts(check_one(R"({stat: end_time_us, "==": 75000})"), true, "== 75000", "75000");
}

TEST_CASE("stat: strings, booleans and null compare by text", "[check][stat]") {
    check_texts(check_one(R"({stat: status, "==": finished})"), true, "== finished", R"("finished")");
    check_texts(check_one(R"({stat: consumers.c1.stage, "==": claiming})"), false, "== claiming", R"("idle")");
    check_texts(check_one(R"({stat: brokers.b1.holder, "==": null})"), true, "== null", "null");
    check_texts(check_one(R"({stat: brokers.b1.up, "!=": false})"), true, "!= false", "true");
    check_texts(check_one(R"({stat: consumers.c1.consumed.0.message, "==": "message 3"})"), true, "== message 3",
                R"("message 3")");
    check_texts(check_one(R"({stat: status, ">": 1})"), false, "> 1", R"("finished" (not a number))");
}

TEST_CASE("stat: approx with an absolute or a relative tolerance", "[check][stat]") {
    // b1 served 10 requests of 0.5ms in 75ms: utilization 0.066667.
    check_texts(check_one("{stat: brokers.b1.utilization, approx: 0.07, tolerance: 0.005}"), true, "approx 0.07 +/- 0.005",
                "0.066667");
    check_texts(check_one("{stat: brokers.b1.utilization, approx: 0.07, tolerance: 0.003}"), false, "approx 0.07 +/- 0.003",
                "0.066667 (off by 0.003333)");
    check_texts(check_one("{stat: brokers.b1.utilization, approx: 0.07, tolerance_percent: 5}"), true,
                "approx 0.07 +/- 5%", "0.066667");
    check_texts(check_one("{stat: brokers.b1.utilization, approx: 0.07, tolerance_percent: 1}"), false,
                "approx 0.07 +/- 1%", "0.066667 (off by 0.003333)");
}

TEST_CASE("stat: a path that names nothing says what is there", "[check][stat]") {
    check_texts(check_one(R"({stat: consumers.c1.sessions_refusd, "==": 0})"), false, "== 0",
                R"(no such stat: "consumers.c1" has no "sessions_refusd" (fields: sessions_started, sessions_completed, sessions_refused, sessions_failed, claims_refused, attempts, timeouts, resent, stage, consumed))");
    check_texts(check_one(R"({stat: consumers.c1.consumed.3.message, "==": x})"), false, "== x",
                R"(no such stat: "consumers.c1.consumed" is a list of 1 (indices 0 to 0))");
    check_texts(check_one(R"({stat: status.x, "==": x})"), false, "== x",
                R"(no such stat: "status" is "finished", not an object)");
}

TEST_CASE("stat paths are checked against the stats' fields before the run", "[check][stat]") {
    ScenarioSpec spec = spec_of(check_scenario_yaml + R"(expect:
  - {stat: brokers.b1.utilizaton, "<": 1}
  - {stat: consumers.c1.consumed.0.message, "==": x}
  - stat: brokers.b2.topics.news.0
    "==": x
  - {stat: status.code, "==": 0}
  - {stat: violations.0.detail, "==": x}
)");
    const std::vector<StatPathProblem> problems = check_stat_paths(spec);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].pos.line == 27);
    CHECK(problems[0].pos.column == 12);
    CHECK(problems[0].message ==
          "unknown stat field 'utilizaton' in 'brokers.b1.utilizaton' (fields of 'brokers.b1': up, busy, holder, topics, "
          "requests_arrived, requests_served, requests_rejected, utilization, queue_wait_mean_us, "
          "response_time_mean_us, queue_length_mean, queue_length_max, held_fraction)");
    CHECK(problems[1].pos.line == 31);
    CHECK(problems[1].message == "stat 'status' is a value; it has no field 'code'");
}
