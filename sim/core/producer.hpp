// A producer's state: its scripted actions and workload progress, and the
// writes it waits for (when it has a timeout). Handlers: producer.cpp.
#pragma once

#include <cassert>
#include <cstdint>
#include <deque>
#include <iterator>
#include <string>
#include <string_view>

#include "core/prng.hpp"
#include "core/record.hpp"

namespace kafkasim {

struct ProducerStats {
    std::uint64_t operations = 0;  // operations issued (each goes to every target)
    std::uint64_t sent = 0;        // requests sent (operations x targets), resends excluded
    std::uint64_t acked = 0;
    std::uint64_t failed = 0;      // error replies and requests given up after timeouts
    std::uint64_t timeouts = 0;
    std::uint64_t resent = 0;
    double ack_latency_total_ns = 0;      // summed over acks; a double, as BrokerStats' totals
};

// A write waiting for its reply (only tracked when the producer has a timeout).
struct PendingWrite {
    std::uint32_t request_id = 0;  // 0: answered (a hole in PendingWrites)
    std::uint32_t attempt = 1;
    ActorId target = no_actor;
    MessageType type = MessageType::publish;
    StringId topic = no_string;
    StringId text = no_string;
    std::int64_t index = -1;
    TimeNs first_sent_ns = 0;
    StringId key = no_string;           // the log model: the record's key
    std::uint32_t partition = 0xffffffffu;  // the log model: its partition (global number)
};

// The writes a producer waits for, found by request id in O(1). Request ids
// are handed out consecutively and only to tracked writes, so the entries
// are a window [first id, last id] of a deque; an answered write leaves a
// hole (request_id 0) until the holes at either end are popped. Memory:
// the ids between the oldest and the newest unanswered write.
// Iteration visits the unanswered writes in id order.
class PendingWrites {
public:
    std::size_t size() const { return live_; }
    bool empty() const { return live_ == 0; }

    // Adds a write whose id is above every id added before (ids increase
    // by one from add to add; a gap left by answered writes popped from the
    // back is filled with holes).
    void add(const PendingWrite& write);
    // The unanswered write with this id, or nullptr.
    PendingWrite* find(std::uint32_t request_id) {
        if (request_id < first_id_ || request_id - first_id_ >= slots_.size()) return nullptr;
        PendingWrite& write = slots_[request_id - first_id_];
        return write.request_id == 0 ? nullptr : &write;
    }
    const PendingWrite* find(std::uint32_t request_id) const { return const_cast<PendingWrites*>(this)->find(request_id); }
    // Answers the unanswered write with this id.
    void erase(std::uint32_t request_id);
    // The oldest and newest unanswered writes (not empty()).
    PendingWrite& front() { return slots_.front(); }
    PendingWrite& back() { return slots_.back(); }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = PendingWrite;
        using difference_type = std::ptrdiff_t;
        using pointer = const PendingWrite*;
        using reference = const PendingWrite&;
        const_iterator(std::deque<PendingWrite>::const_iterator at, std::deque<PendingWrite>::const_iterator end) : at_(at), end_(end) { skip(); }
        reference operator*() const { return *at_; }
        pointer operator->() const { return &*at_; }
        const_iterator& operator++() {
            ++at_;
            skip();
            return *this;
        }
        bool operator==(const const_iterator& other) const { return at_ == other.at_; }
        bool operator!=(const const_iterator& other) const { return at_ != other.at_; }

    private:
        void skip() {
            while (at_ != end_ && at_->request_id == 0) ++at_;
        }
        std::deque<PendingWrite>::const_iterator at_, end_;
    };
    const_iterator begin() const { return const_iterator(slots_.begin(), slots_.end()); }
    const_iterator end() const { return const_iterator(slots_.end(), slots_.end()); }

private:
    std::deque<PendingWrite> slots_;
    std::uint32_t first_id_ = 1;  // the id of slots_.front()
    std::size_t live_ = 0;
};

// A workload's text: `pattern` with {n} -> n + 1 (the 1-based operation
// number), {topic} -> topic and, when `key` is given (the log model), {key}
// -> *key; everything else is copied. Writes into `out` (cleared first), so
// a caller can keep its capacity.
void expand_message_template(std::string_view pattern, std::uint64_t n, std::string_view topic, const std::string_view* key,
                             std::string& out);

// A workload's i-th choice among `size` items (topics, keys): item i % size
// in turn, or a uniform draw from the producer's stream when `random`.
inline std::size_t workload_pick(bool random, std::uint64_t i, std::size_t size, Prng& prng) {
    assert(size > 0);
    return random ? static_cast<std::size_t>(prng.below(size)) : static_cast<std::size_t>(i % size);
}

struct Producer {
    std::uint32_t next_action = 0;       // scripted actions issued so far
    std::uint64_t workload_issued = 0;
    std::uint32_t next_request_id = 1;
    PendingWrites pending;               // bounded by the writes in flight
    Prng prng;
    ProducerStats stats;
};

}  // namespace kafkasim
