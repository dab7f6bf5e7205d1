// See partitioner.hpp. murmur2 follows Kafka's Utils.murmur2 step by step,
// in unsigned 32-bit arithmetic (Java's int wraps the same way; its >>> is a
// logical shift, which on uint32_t is plain >>).
#include "core/log/partitioner.hpp"

#include <cassert>

namespace kafkasim::log {

namespace {

constexpr std::uint32_t seed = 0x9747b28cu;
constexpr std::uint32_t multiplier = 0x5bd1e995u;
constexpr unsigned shift = 24;

std::uint32_t byte_at(std::string_view bytes, std::size_t i) { return static_cast<unsigned char>(bytes[i]); }

}  // namespace

std::int32_t murmur2(std::string_view bytes) {
    const std::size_t length = bytes.size();
    // Java: int h = seed ^ length (the length as an int: keys beyond 2 GiB
    // cannot occur here, scenario texts are far smaller).
    std::uint32_t h = seed ^ static_cast<std::uint32_t>(length);
    const std::size_t blocks = length / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::size_t at = i * 4;
        std::uint32_t k = byte_at(bytes, at) | (byte_at(bytes, at + 1) << 8) | (byte_at(bytes, at + 2) << 16) |
                          (byte_at(bytes, at + 3) << 24);
        k *= multiplier;
        k ^= k >> shift;
        k *= multiplier;
        h *= multiplier;
        h ^= k;
    }
    const std::size_t tail = length & ~std::size_t{3};
    switch (length % 4) {
        case 3: h ^= byte_at(bytes, tail + 2) << 16; [[fallthrough]];
        case 2: h ^= byte_at(bytes, tail + 1) << 8; [[fallthrough]];
        case 1:
            h ^= byte_at(bytes, tail);
            h *= multiplier;
            break;
        default: break;
    }
    h ^= h >> 13;
    h *= multiplier;
    h ^= h >> 15;
    return static_cast<std::int32_t>(h);  // two's complement: Java's int
}

std::uint32_t partition_for_key(std::string_view key, std::uint32_t partitions) {
    assert(partitions >= 1);
    return static_cast<std::uint32_t>(to_positive(murmur2(key))) % partitions;
}

PartitionChoice choose_partition(PartitionerKind kind, std::optional<std::string_view> key, std::uint64_t unkeyed_sent,
                                 std::uint32_t partitions, std::uint32_t batch_records) {
    assert(partitions >= 1 && batch_records >= 1);
    switch (kind) {
        case PartitionerKind::default_partitioner:
            if (key) return {partition_for_key(*key, partitions), PartitionRule::by_key};
            return {static_cast<std::uint32_t>(unkeyed_sent % partitions), PartitionRule::round_robin};
        case PartitionerKind::round_robin:
            return {static_cast<std::uint32_t>(unkeyed_sent % partitions), PartitionRule::round_robin};
        case PartitionerKind::sticky:
            return {static_cast<std::uint32_t>((unkeyed_sent / batch_records) % partitions), PartitionRule::sticky};
    }
    assert(false && "unknown partitioner");
    return {};
}

}  // namespace kafkasim::log
