// The network's state: the messages in flight (or waiting in a broker
// queue) and the FIFO clocks of the links that carry traffic. The handlers
// that send and deliver live in network.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/record.hpp"
#include "core/string_table.hpp"

namespace kafkasim {

constexpr std::uint32_t no_slot = 0xffffffffu;

// A message in flight or waiting in a broker queue.
struct Message {
    TimeNs sent_ns = 0;
    TimeNs origin_ns = 0;       // replies: when the request was sent; requests: arrival time at the broker
    std::int64_t index = -1;
    StringId topic = no_string;
    StringId text = no_string;
    std::uint32_t list = no_slot;   // a slot of the list pool (topics or messages)
    std::uint32_t count = 0;        // status: queue length
    ActorId source = no_actor;
    ActorId target = no_actor;
    ActorId holder = no_actor;
    MessageType type = MessageType::reply;
    MessageType request = MessageType::reply;  // replies: what they answer
    ErrorCode error = ErrorCode::none;
    bool busy = false;
    Reason lost = Reason::none;     // drop_random / partitioned: it will not arrive
    std::uint32_t serial = 0;       // client's request serial, echoed by the reply
    // The log model: the partition (global number), the record's key, and
    // a slot of the log payload pool (fetched records, an assignment).
    std::uint32_t partition = no_slot;
    StringId key = no_string;
    std::uint32_t payload = no_slot;
};

// Links are FIFO per (sender, receiver), like TCP: a message is delivered
// at max(its arrival, the link's last delivery). Only a link whose last
// delivery is still in the future constrains anything (arrivals are never
// earlier than now), so only those are state: the table holds the links
// that carried traffic recently, in an open-addressing hash table that a
// copy (a snapshot) duplicates with one allocation, and forgets the others
// whenever it would grow. Memory: O(links with a message in flight), never
// actors x actors.
class LinkClocks {
public:
    // The delivery time of a message on source -> target that would arrive
    // at `arrival_ns` (>= now_ns), now the link's last delivery.
    TimeNs deliver(ActorId source, ActorId target, TimeNs arrival_ns, TimeNs now_ns) {
        if ((used_ + 1) * 2 > slots_.size()) rebuild(now_ns);
        const std::uint64_t wanted = key(source, target);
        for (std::size_t i = home(wanted);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& slot = slots_[i];
            if (slot.key == wanted) {
                slot.last_ns = std::max(slot.last_ns, arrival_ns);
                return slot.last_ns;
            }
            if (slot.key == empty_key) {
                slot = Slot{wanted, arrival_ns};
                ++used_;
                return arrival_ns;
            }
        }
    }

    // The links whose last delivery is after now_ns (the only ones that
    // constrain a later message), as ((source, target), last delivery) in
    // (source, target) order.
    std::vector<std::pair<std::pair<ActorId, ActorId>, TimeNs>> live(TimeNs now_ns) const;
    // Entries stored (live or not yet forgotten), and the bytes the table holds.
    std::size_t size() const { return used_; }
    std::size_t bytes() const { return slots_.capacity() * sizeof(Slot); }
    // Tests only: the stored last delivery of a link, or nullptr.
    TimeNs* find(ActorId source, ActorId target);

private:
    struct Slot {
        std::uint64_t key;
        TimeNs last_ns;
    };
    static constexpr std::uint64_t empty_key = ~0ull;
    static std::uint64_t key(ActorId source, ActorId target) { return (std::uint64_t{source} << 32) | target; }
    std::size_t home(std::uint64_t k) const {
        // Fibonacci hashing: the high bits of the product spread nearby keys.
        return static_cast<std::size_t>((k * 0x9e3779b97f4a7c15ull) >> shift_);
    }
    // Drops the links that no longer constrain and resizes so that the
    // table is at most a quarter full: O(table), amortized O(1) per insert.
    void rebuild(TimeNs now_ns);

    std::vector<Slot> slots_;  // size 0 or a power of two; empty_key marks a free slot
    std::size_t used_ = 0;
    unsigned shift_ = 64;      // 64 - log2(slots_.size())
};

}  // namespace kafkasim
