// See partition_log.hpp.
#include "core/log/partition_log.hpp"

#include <algorithm>
#include <cassert>

namespace kafkasim::log {

namespace {

// splitmix64's finalizer: a good 64-bit mix, so the order-dependent sum
// below tells apart logs that differ in any field or position.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

}  // namespace

std::uint64_t PartitionLog::append(StringId key, StringId value, TimeNs timestamp_ns) {
    const std::uint64_t offset = end_offset();
    records_.push_back(LogRecord{offset, key, value, timestamp_ns});
    const std::uint64_t fields = mix(offset) ^ mix((std::uint64_t{key} << 32) | value) ^ mix(static_cast<std::uint64_t>(timestamp_ns) + 0x5a);
    hash_ += mix(fields + offset);
    return offset;
}

FetchResult PartitionLog::fetch(std::uint64_t offset, std::uint32_t max_records) const {
    if (offset > end_offset()) return {true, {}};
    const std::uint64_t count = std::min<std::uint64_t>(max_records, end_offset() - offset);
    return {false, std::span<const LogRecord>(records_).subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(count))};
}

void PartitionLog::lose_all() {
    records_.clear();
    hash_ = 0;
}

}  // namespace kafkasim::log
