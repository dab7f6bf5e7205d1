// The default group coordinator: Kafka's rule over Java's String.hashCode.
#include <catch2/catch.hpp>

#include "core/log/coordinator.hpp"
#include "text/utf8_text.hpp"

using namespace kafkasim;

TEST_CASE("java_string_hash is Java's String.hashCode over UTF-16 code units", "[log]") {
    // Values Java prints for these strings.
    CHECK(java_string_hash("") == 0);
    CHECK(java_string_hash("a") == 97);
    CHECK(java_string_hash("g1") == 3242);
    CHECK(java_string_hash("hello") == 99162322);
    CHECK(java_string_hash("Hello, World!") == 1498789909);
    CHECK(java_string_hash("polygenelubricants") == INT32_MIN);  // the classic Integer.MIN_VALUE
    // Beyond ASCII: "é" is one UTF-16 unit (0xe9), "😀" two (a surrogate pair).
    CHECK(java_string_hash("\xc3\xa9") == 0xe9);
    CHECK(java_string_hash("\xf0\x9f\x98\x80") == 0xd83d * 31 + 0xde00);
}

TEST_CASE("the default coordinator is the leader of the group's __consumer_offsets partition", "[log]") {
    CHECK(log::kafka_abs(-5) == 5);
    CHECK(log::kafka_abs(INT32_MIN) == 0);
    // "g1": 3242 % 50 = 42; on 3 brokers partition 42 is on broker 0, on 5 on broker 2.
    CHECK(log::default_coordinator(java_string_hash("g1"), 3) == 0);
    CHECK(log::default_coordinator(java_string_hash("g1"), 5) == 2);
    CHECK(log::default_coordinator(java_string_hash("polygenelubricants"), 7) == 0);
    // A negative hash ("zzzzzzzzzz" is -1580979136): Utils.abs first.
    const std::int32_t negative = java_string_hash("zzzzzzzzzz");
    REQUIRE(negative < 0);
    CHECK(log::default_coordinator(negative, 4) == static_cast<std::uint32_t>(-static_cast<std::int64_t>(negative)) % 50 % 4);
    for (std::uint32_t brokers = 1; brokers <= 9; ++brokers) CHECK(log::default_coordinator(java_string_hash("orders-app"), brokers) < brokers);
}
