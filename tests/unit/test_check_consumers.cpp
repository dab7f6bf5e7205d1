// The evaluator's consumer entries: consumed (a pattern, a window, never, a
// count) and consumed_exactly, with exact texts (scenario: test_check_support.hpp).
#include "test_check_support.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("consumed: some item matches every given field", "[check][consumer]") {
    check_texts(check_one(R"({consumer: c1, consumed: {message: "message 3", topic: "Hello world", broker: b1}})"), true,
                R"(at least one item matching {message "message 3", topic "Hello world", broker b1})",
                R"(1 matching item, the first: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one(R"({consumer: c2, consumed: {message: "message 1"}})"), false,
                R"(at least one item matching {message "message 1"})",
                R"(no matching item; 1 item consumed: b2 "news"[0] = "only on b2" at 72.5ms; 1 session did not complete: refused at 55.5ms (race_lost_refused))");
    check_texts(check_one(R"({consumer: c2, consumed: {topic: news, index: 1}})"), false,
                R"(at least one item matching {topic "news", index 1})",
                R"(no matching item; 1 item consumed: b2 "news"[0] = "only on b2" at 72.5ms; 1 session did not complete: refused at 55.5ms (race_lost_refused))");
    // A plain string is the message.
    check_texts(check_one(R"({consumer: c2, consumed: "only on b2"})"), true, R"(at least one item matching {message "only on b2"})",
                R"(1 matching item, the first: b2 "news"[0] = "only on b2" at 72.5ms)");
}

TEST_CASE("consumed: before, after, never and count", "[check][consumer]") {
    check_texts(check_one("{consumer: c1, consumed: {index: 2}, before: 60ms}"), false,
                "at least one item matching {index 2} before 60ms",
                R"(no matching item before 60ms; 1 outside, the first: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one("{consumer: c1, consumed: {index: 2}, before: 63.5ms}"), true,
                "at least one item matching {index 2} before 63.5ms",
                R"(1 matching item before 63.5ms, the first: b1 "Hello world"[2] = "message 3" at 63ms)");
    // The bounds are strict: at 63ms is not after 63ms.
    check_texts(check_one("{consumer: c1, consumed: {}, after: 63ms}"), false, "at least one item after 63ms",
                R"(no matching item after 63ms; 1 outside, the first: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one("{consumer: c2, consumed: {}, after: 70ms, before: 80ms}"), true,
                "at least one item after 70ms and before 80ms",
                R"(1 matching item after 70ms and before 80ms, the first: b2 "news"[0] = "only on b2" at 72.5ms)");
    check_texts(check_one("{consumer: c1, consumed: {broker: b2}, never: true}"), true, "no item matching {broker b2}",
                R"(no matching item; 1 item consumed: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one("{consumer: c1, consumed: {broker: b1}, never: true}"), false, "no item matching {broker b1}",
                R"(1 matching item, the first: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one(R"({consumer: c2, consumed: "only on b2", count: 2})"), false,
                R"(exactly 2 items matching {message "only on b2"})",
                R"(1 matching item, the first: b2 "news"[0] = "only on b2" at 72.5ms)");
    check_texts(check_one("{consumer: c2, consumed: {}, count: 1}"), true, "exactly 1 item",
                R"(1 matching item, the first: b2 "news"[0] = "only on b2" at 72.5ms)");
}

TEST_CASE("consumed_exactly: the whole list, in order", "[check][consumer]") {
    check_texts(check_one(R"({consumer: c1, consumed_exactly: [{message: "message 3", index: 2}]})"), true,
                R"(1 item: [{message "message 3", index 2}])",
                R"(1 item consumed: b1 "Hello world"[2] = "message 3" at 63ms)");
    check_texts(check_one("{consumer: c2, consumed_exactly: [{broker: b1}]}"), false, "1 item: [{broker b1}]",
                R"(1 item consumed: b2 "news"[0] = "only on b2" at 72.5ms (item 0 does not match {broker b1}))");
    check_texts(check_one("{consumer: c2, consumed_exactly: []}"), false, "0 items: []",
                R"(1 item consumed: b2 "news"[0] = "only on b2" at 72.5ms (1 instead of 0); 1 session did not complete: refused at 55.5ms (race_lost_refused))");
    check_texts(check_one(R"({consumer: c2, consumed_exactly: ["only on b2", {}]})"), false,
                R"(2 items: [{message "only on b2"}, {}])",
                R"(1 item consumed: b2 "news"[0] = "only on b2" at 72.5ms (1 instead of 2); 1 session did not complete: refused at 55.5ms (race_lost_refused))");
    check_texts(check_one("{consumer: c2, consumed_exactly: []}", [](ScenarioSpec& spec) { spec.until_ns = 50 * ns_per_ms; }),
                true, "0 items: []", "nothing consumed");
}
