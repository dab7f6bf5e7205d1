// "Did you mean": the edit distance and the choice of a suggestion.
#include "scenario/suggest.hpp"

#include <catch2/catch.hpp>

#include <array>

using kafkasim::closest_match;
using kafkasim::edit_distance;

TEST_CASE("edit_distance counts edits, swaps as one, ignoring case and dashes", "[suggest]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("policy", "policy") == 0);
    CHECK(edit_distance("polcy", "policy") == 1);
    CHECK(edit_distance("nmae", "name") == 1);  // adjacent swap
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("ThinkTime", "think_time") == 1);
    CHECK(edit_distance("think-time", "think_time") == 0);
}

TEST_CASE("closest_match suggests a plausible typo and nothing else", "[suggest]") {
    constexpr std::array<std::string_view, 5> policies{"seed", "first_idle", "round_robin", "random_idle",
                                                       "least_loaded"};
    CHECK(closest_match("frist_idle", policies) == "first_idle");
    CHECK(closest_match("roundrobin", policies) == "round_robin");
    CHECK(closest_match("Seed", policies) == "seed");
    CHECK_FALSE(closest_match("banana", policies));

    constexpr std::array<std::string_view, 3> kinds{"constant", "uniform", "exponential"};
    CHECK(closest_match("expo", kinds) == "exponential");  // a unique prefix
    CHECK(closest_match("uniforn", kinds) == "uniform");
    CHECK_FALSE(closest_match("normal", kinds));

    constexpr std::array<std::string_view, 2> brokers{"b1", "b2"};
    CHECK_FALSE(closest_match("b3", brokers));  // a tie: guessing would mislead
    CHECK(closest_match("B1", brokers) == "b1");
}
