// One partition of a topic in the log model: an append-only log of records,
// each with the offset the leader gave it (0, 1, 2, ... in append order).
// The log never edits or deletes a record (Kafka's retention, which drops
// whole segments from the front, is not modelled: log_start_offset stays 0
// unless the log is lost). A broker that loses its log (crash of a broker
// that is not durable) starts again empty at offset 0, as a Kafka broker
// whose only replica's data directory is gone does; consumers whose position
// is past the new end offset then read "offset out of range".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/spec.hpp"
#include "core/string_table.hpp"

namespace kafkasim::log {

struct LogRecord {
    std::uint64_t offset = 0;
    StringId key = no_string;     // no_string: a record without a key
    StringId value = no_string;
    TimeNs timestamp_ns = 0;      // when the leader appended it (LogAppendTime)
    friend bool operator==(const LogRecord&, const LogRecord&) = default;
};

// What a fetch from `offset` returns: up to `max_records` records starting
// there, or out_of_range when the offset is past the end offset (an offset
// equal to the end offset is valid and returns nothing: the consumer is
// caught up).
struct FetchResult {
    bool out_of_range = false;
    std::span<const LogRecord> records;
};

class PartitionLog {
public:
    std::uint64_t log_start_offset() const { return 0; }
    // The offset the next appended record gets (Kafka's log end offset).
    std::uint64_t end_offset() const { return records_.size(); }
    bool empty() const { return records_.empty(); }
    const std::vector<LogRecord>& records() const { return records_; }

    // Appends a record and returns its offset. O(1) amortized.
    std::uint64_t append(StringId key, StringId value, TimeNs timestamp_ns);
    FetchResult fetch(std::uint64_t offset, std::uint32_t max_records) const;
    // The log's data is gone (a crash without durability): empty, offsets
    // restart at 0. The hash follows.
    void lose_all();

    // A hash of the whole log (every record's fields), updated by append in
    // O(1): state hashes and the viz's change detection compare logs in O(1).
    std::uint64_t hash() const { return hash_; }

private:
    std::vector<LogRecord> records_;
    std::uint64_t hash_ = 0;
};

// A partition's lag for a consumer group: records appended and not yet
// committed, end_offset - committed, never negative (a committed offset past
// a lost log's new end counts 0). `committed`: the group's committed offset,
// 0 when it never committed (it would read from the start).
constexpr std::uint64_t partition_lag(std::uint64_t end_offset, std::uint64_t committed) {
    return end_offset > committed ? end_offset - committed : 0;
}

}  // namespace kafkasim::log
