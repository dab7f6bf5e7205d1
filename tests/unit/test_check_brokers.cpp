// The evaluator's broker entries and invariants, passing and failing, with
// their exact expected and actual texts (the scenario: test_check_support.hpp).
#include "test_check_support.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("broker topics: the exact final dictionary, order included", "[check][broker]") {
    check_texts(check_one(R"({broker: b1, topics: {"Hello world": ["message 1", "message 2", "message 3"]}})"), true,
                R"({"Hello world": ["message 1", "message 2", "message 3"]})",
                R"({"Hello world": ["message 1", "message 2", "message 3"]})");
    check_texts(check_one(R"({broker: b2, topics: {"Hello world": ["message 1", "message 2", "message 3"]}})"), false,
                R"({"Hello world": ["message 1", "message 2", "message 3"]})",
                R"(first difference at topic #2: expected no topic, got "news"; b2 holds {"Hello world": ["message 1", "message 2", "message 3"], "news": ["only on b2"]})");
    check_texts(check_one(R"({broker: b1, topics: {"Hello world": ["message 1", "message 3"]}})"), false,
                R"({"Hello world": ["message 1", "message 3"]})",
                R"(first difference at "Hello world"[1]: expected "message 3", got "message 2"; b1 holds {"Hello world": ["message 1", "message 2", "message 3"]})");
    // Order counts: the same topics in another order differ at the first one.
    check_texts(check_one(R"({broker: b2, topics: {news: ["only on b2"], "Hello world": ["message 1", "message 2", "message 3"]}})"),
                false, R"({"news": ["only on b2"], "Hello world": ["message 1", "message 2", "message 3"]})",
                R"(first difference at topic #1: expected "news", got "Hello world"; b2 holds {"Hello world": ["message 1", "message 2", "message 3"], "news": ["only on b2"]})");
}

TEST_CASE("broker contains and not_contains: a topic alone or a message in it", "[check][broker]") {
    check_texts(check_one(R"({broker: b2, contains: {topic: news, message: "only on b2"}})"), true,
                R"("only on b2" in topic "news")", R"("only on b2" at [0] in topic "news")");
    check_texts(check_one(R"({broker: b2, contains: {topic: news}})"), true, R"(topic "news")",
                R"(topic "news": ["only on b2"])");
    check_texts(check_one(R"({broker: b1, contains: {topic: news}})"), false, R"(topic "news")",
                R"(no topic "news" (topics: "Hello world"))");
    check_texts(check_one(R"({broker: b1, contains: {topic: "Hello world", message: "message 4"}})"), false,
                R"("message 4" in topic "Hello world")", R"(topic "Hello world": ["message 1", "message 2", "message 3"])");
    check_texts(check_one(R"({broker: b1, not_contains: {topic: news}})"), true, R"(no topic "news")",
                R"(no topic "news" (topics: "Hello world"))");
    check_texts(check_one(R"({broker: b2, not_contains: {topic: "Hello world", message: "message 3"}})"), false,
                R"(no "message 3" in topic "Hello world")", R"("message 3" at [2] in topic "Hello world")");
    check_texts(check_one(R"({broker: b1, not_contains: {topic: news, message: "only on b2"}})"), true,
                R"(no "only on b2" in topic "news")", R"(no topic "news" (topics: "Hello world"))");
}

TEST_CASE("broker state: up/down and busy/idle, only the fields given", "[check][broker]") {
    check_texts(check_one("{broker: b1, state: {up: true, busy: false}}"), true, "up, idle", "up, idle");
    check_texts(check_one("{broker: b1, state: {busy: true}}"), false, "busy", "up, idle");
    check_texts(check_one("{broker: b2, state: {up: false}}"), false, "down", "up, idle");
    // Stopped while c1 holds b1 (claimed at 54ms, released at 64.5ms).
    check_texts(check_one("{broker: b1, state: {busy: true}}", [](ScenarioSpec& spec) { spec.until_ns = 60 * ns_per_ms; }),
                true, "busy", "up, busy (held by c1)");
}

TEST_CASE("invariant brokers_identical compares every broker with the first", "[check][invariant]") {
    check_texts(check_one("{invariant: brokers_identical}"), false, "every broker holds the same dictionary",
                R"(b2 differs from b1 at topic #2: b1 has no topic, b2 has "news")");
    // p2 publishing to both brokers keeps them identical.
    check_texts(check_one("{invariant: brokers_identical}", [](ScenarioSpec& spec) { spec.producers[1].targets = {0, 1}; }),
                true, "every broker holds the same dictionary", "all 2 identical, 2 topics");
}

TEST_CASE("invariant acked_writes_present: an acknowledged publish is never lost", "[check][invariant]") {
    const std::string expected = "every acknowledged publish is still on the broker that acknowledged it (if it is up)";
    check_texts(check_one("{invariant: acked_writes_present}"), true, expected, "3 acknowledged publishes, all present");
    // b2 crashes at 30ms and restarts empty: both of its acknowledged publishes are gone.
    check_texts(check_one("{invariant: acked_writes_present}", crash_and_restart_b2), false, expected,
                R"("message 3" in topic "Hello world", acknowledged by b2 at 12.5ms, is not on b2; 2 of 3 missing)");
    // A broker down at the end is not held to it.
    check_texts(check_one("{invariant: acked_writes_present}",
                          [](ScenarioSpec& spec) {
                              crash_and_restart_b2(spec);
                              spec.faults.pop_back();
                          }),
                true, expected, "1 acknowledged publish, all present");
}

TEST_CASE("invariant acked_writes_present excuses what a later edit or delete removed", "[check][invariant]") {
    // p1 edits "Hello world"[2] at 30ms: "message 3" is gone from both brokers
    // on purpose; "only on b2" is still checked.
    auto edit_message_3 = [](ScenarioSpec& spec) {
        OperationSpec edit;
        edit.kind = OpKind::edit;
        edit.topic = "Hello world";
        edit.index = 2;
        edit.message = "message 3 (edited)";
        spec.producers[0].actions.push_back({30 * ns_per_ms, edit, {}});
    };
    check_texts(check_one("{invariant: acked_writes_present}", edit_message_3), true,
                "every acknowledged publish is still on the broker that acknowledged it (if it is up)",
                "1 acknowledged publish, all present");
    // Deleting the whole topic "news" on b2 excuses "only on b2" too.
    check_texts(check_one("{invariant: acked_writes_present}",
                          [&](ScenarioSpec& spec) {
                              edit_message_3(spec);
                              OperationSpec remove;
                              remove.kind = OpKind::delete_topic;
                              remove.topic = "news";
                              spec.producers[1].actions.push_back({31 * ns_per_ms, remove, {}});
                          }),
                true, "every acknowledged publish is still on the broker that acknowledged it (if it is up)",
                "0 acknowledged publishes, all present");
}
