// The log model's partitioner: Kafka's murmur2 against Kafka's own test
// vectors (UtilsTest.testMurmur2), and partition_for_key against
// librdkafka's Java-compatible murmur2 partitioner over thousands of
// generated keys (random bytes, UTF-8, empty) and partition counts: the same
// partition a real Kafka producer picks. Keyless rules: round robin and
// sticky batches.
#include <catch2/catch.hpp>

#include <librdkafka/rdkafka.h>

#include <string>
#include <vector>

#include "core/log/partitioner.hpp"
#include "core/prng.hpp"

using namespace kafkasim;
using namespace kafkasim::log;

TEST_CASE("log partitioner: murmur2 gives Kafka's published values", "[log][partitioner]") {
    CHECK(murmur2("21") == -973932308);
    CHECK(murmur2("foobar") == -790332482);
    CHECK(murmur2("abc") == 479470107);
    CHECK(murmur2("a-little-bit-long-string") == -985981536);
    CHECK(murmur2("a-little-bit-longer-string") == -1486304829);
    CHECK(murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") == -58897971);
    CHECK(to_positive(-1) == 0x7fffffff);
    CHECK(to_positive(std::numeric_limits<std::int32_t>::min()) == 0);
}

TEST_CASE("log partitioner: a key goes where librdkafka's murmur2 partitioner puts it", "[log][partitioner]") {
    Prng prng(20261129);
    std::vector<std::string> keys = {"", "a", "user-42", "order-7", "ключ", "キー", "21", std::string("\0\xff\x80", 3)};
    for (int i = 0; i < 4000; ++i) {
        std::string key(prng.below(48), '\0');
        for (char& c : key) c = static_cast<char>(prng.below(256));
        keys.push_back(std::move(key));
    }
    const std::uint32_t counts[] = {1, 2, 3, 7, 12, 16, 64, 100, 255, 1000, 0x7fffffff};
    for (const std::string& key : keys) {
        for (const std::uint32_t partitions : counts) {
            const std::int32_t theirs = rd_kafka_msg_partitioner_murmur2(nullptr, key.data(), key.size(),
                                                                         static_cast<std::int32_t>(partitions), nullptr, nullptr);
            if (static_cast<std::int32_t>(partition_for_key(key, partitions)) != theirs) {
                CAPTURE(key, partitions);
                REQUIRE(static_cast<std::int32_t>(partition_for_key(key, partitions)) == theirs);
            }
            const PartitionChoice choice = choose_partition(PartitionerKind::default_partitioner, key, 5, partitions, 1);
            REQUIRE(choice.rule == PartitionRule::by_key);
            REQUIRE(choice.partition == partition_for_key(key, partitions));
        }
    }
}

TEST_CASE("log partitioner: records the key does not place rotate over the partitions", "[log][partitioner]") {
    for (std::uint32_t partitions = 1; partitions <= 9; ++partitions) {
        for (std::uint32_t batch = 1; batch <= 5; ++batch) {
            std::vector<std::uint32_t> round_robin_counts(partitions), sticky_counts(partitions);
            const std::uint64_t records = std::uint64_t{partitions} * batch * 4;
            for (std::uint64_t n = 0; n < records; ++n) {
                const PartitionChoice keyless = choose_partition(PartitionerKind::default_partitioner, std::nullopt, n, partitions, batch);
                CHECK(keyless.rule == PartitionRule::round_robin);
                CHECK(keyless.partition == n % partitions);
                // round_robin and sticky ignore the key, as Kafka's
                // RoundRobinPartitioner and UniformStickyPartitioner do.
                const PartitionChoice rr = choose_partition(PartitionerKind::round_robin, "user-1", n, partitions, batch);
                CHECK(rr.rule == PartitionRule::round_robin);
                const PartitionChoice sticky = choose_partition(PartitionerKind::sticky, "user-1", n, partitions, batch);
                CHECK(sticky.rule == PartitionRule::sticky);
                // A sticky batch stays on one partition, then moves to the next.
                if (n % batch != 0) {
                    CHECK(sticky.partition == choose_partition(PartitionerKind::sticky, std::nullopt, n - 1, partitions, batch).partition);
                } else if (n > 0) {
                    CHECK(sticky.partition == (choose_partition(PartitionerKind::sticky, std::nullopt, n - 1, partitions, batch).partition + 1) % partitions);
                }
                ++round_robin_counts[rr.partition];
                ++sticky_counts[sticky.partition];
            }
            for (std::uint32_t p = 0; p < partitions; ++p) {
                CHECK(round_robin_counts[p] == batch * 4);
                CHECK(sticky_counts[p] == batch * 4);
            }
        }
    }
}
