// Which partition a producer's record goes to (the log model, `model: log`).
// The rules are Kafka's, so a key lands on the partition a real Kafka
// producer picks for the same key and partition count:
// - keyed, `partitioner: default`: toPositive(murmur2(key bytes)) % partitions
//   (Kafka's BuiltInPartitioner.partitionForKey, DefaultPartitioner before
//   3.3; org.apache.kafka.common.utils.Utils.murmur2 / toPositive);
// - without a key, or with `round_robin` / `sticky`, the key is not used and
//   the producer's own count of such records to the topic decides:
//   round_robin: count % partitions (Kafka's RoundRobinPartitioner);
//   sticky: (count / batch_records) % partitions, a batch to one partition,
//   then the next (Kafka's UniformStickyPartitioner picks the next partition
//   at random per batch; the rotation is our deterministic stand-in).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kafkasim::log {

// Kafka's 32-bit murmur2 (MurmurHash2, seed 0x9747b28c, little-endian
// 4-byte blocks) of `bytes`, as Java's int: "21" -> -973932308.
std::int32_t murmur2(std::string_view bytes);

// Kafka's Utils.toPositive: clears the sign bit (not abs: INT_MIN -> 0).
constexpr std::int32_t to_positive(std::int32_t number) { return number & 0x7fffffff; }

// The partition of a keyed record under Kafka's default partitioner.
// partitions >= 1 (asserted).
std::uint32_t partition_for_key(std::string_view key, std::uint32_t partitions);

enum class PartitionerKind : std::uint8_t { default_partitioner, round_robin, sticky };

// How a record's partition was decided: by its key's hash, or by the
// producer's count of unkeyed records (the narrative says which).
enum class PartitionRule : std::uint8_t { by_key, round_robin, sticky };

struct PartitionChoice {
    std::uint32_t partition = 0;
    PartitionRule rule = PartitionRule::round_robin;
};

// The partition of one record. `key`: the record's key, if any.
// `unkeyed_sent`: how many records this producer sent to this topic before
// whose partition the key did not decide (the caller keeps one count per
// producer and topic, and adds 1 whenever the result's rule is not by_key).
// `batch_records` >= 1: records per batch for `sticky`. partitions >= 1.
PartitionChoice choose_partition(PartitionerKind kind, std::optional<std::string_view> key, std::uint64_t unkeyed_sent,
                                 std::uint32_t partitions, std::uint32_t batch_records);

}  // namespace kafkasim::log
