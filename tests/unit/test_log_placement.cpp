// Partition placement: Kafka's rack-unaware replica assignment with a fixed
// start index (AdminUtilsTest's table for 5 brokers, 10 partitions, 3
// replicas, start 0), the per-topic shift, and properties over every small
// cluster: replicas distinct, leaders spread evenly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <vector>

#include "core/log/placement.hpp"

using namespace kafkasim::log;

TEST_CASE("log placement: Kafka's table for 5 brokers, 10 partitions, 3 replicas", "[log][placement]") {
    const std::vector<std::vector<std::uint32_t>> expected = {{0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 0}, {4, 0, 1},
                                                              {0, 2, 3}, {1, 3, 4}, {2, 4, 0}, {3, 0, 1}, {4, 1, 2}};
    CHECK(place_replicas(0, 10, 5, 3) == expected);
}

TEST_CASE("log placement: one replica, partition p of topic t on broker (p + t) mod B", "[log][placement]") {
    CHECK(place_replicas(0, 3, 3) == std::vector<std::vector<std::uint32_t>>{{0}, {1}, {2}});
    CHECK(place_replicas(1, 3, 3) == std::vector<std::vector<std::uint32_t>>{{1}, {2}, {0}});
    CHECK(place_replicas(4, 2, 3) == std::vector<std::vector<std::uint32_t>>{{1}, {2}});
    CHECK(place_replicas(7, 4, 1) == std::vector<std::vector<std::uint32_t>>{{0}, {0}, {0}, {0}});
}

TEST_CASE("log placement: replicas distinct and leaders even, every small cluster", "[log][placement]") {
    for (std::uint32_t brokers = 1; brokers <= 7; ++brokers) {
        for (std::uint32_t partitions = 1; partitions <= 30; ++partitions) {
            for (std::uint32_t rf = 1; rf <= brokers; ++rf) {
                for (std::uint32_t topic = 0; topic < 9; ++topic) {
                    CAPTURE(brokers, partitions, rf, topic);
                    const auto replicas = place_replicas(topic, partitions, brokers, rf);
                    REQUIRE(replicas.size() == partitions);
                    std::vector<std::uint32_t> leaders(brokers);
                    for (std::uint32_t p = 0; p < partitions; ++p) {
                        REQUIRE(replicas[p].size() == rf);
                        REQUIRE(std::set<std::uint32_t>(replicas[p].begin(), replicas[p].end()).size() == rf);
                        for (const std::uint32_t b : replicas[p]) REQUIRE(b < brokers);
                        REQUIRE(replicas[p][0] == (p + topic) % brokers);
                        ++leaders[replicas[p][0]];
                    }
                    const auto [low, high] = std::minmax_element(leaders.begin(), leaders.end());
                    REQUIRE(*high - *low <= 1);
                }
            }
        }
    }
}
