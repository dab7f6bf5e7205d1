// The pending-event set: a 4-ary min-heap in one vector, ordered by
// (time, sequence). The sequence is the insertion counter, so events at equal
// times run in the order they were scheduled: the tie rule users rely on.
// A 4-ary heap halves the depth of a binary one and keeps a node's children
// in one cache line (4 x 24 bytes), which is why it beats std::priority_queue.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim {

// The sequence takes 48 bits (2.8e14 events) so that the kind and spare
// bytes share its word and a 32-bit actor id fits in 24 bytes.
struct Event {
    TimeNs time_ns = 0;
    std::uint64_t sequence : 48 = 0;
    std::uint8_t kind = 0;
    std::uint8_t spare = 0;
    std::uint32_t payload = 0;  // meaning depends on kind (a message slot, an actor index...)
    std::uint32_t actor = 0;    // the actor that handles it
};
static_assert(sizeof(Event) == 24, "events stay compact: they are copied on every heap move");
constexpr std::uint64_t event_sequence_limit = std::uint64_t{1} << 48;

class EventQueue {
public:
    void reserve(std::size_t capacity) { heap_.reserve(capacity); }
    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    std::uint64_t scheduled_total() const { return next_sequence_; }
    // The pending events in heap order (not time order): for observers only.
    const std::vector<Event>& items() const { return heap_; }
    const Event& top() const {
        assert(!heap_.empty());
        return heap_.front();
    }

    // Returns the sequence number given to the event.
    std::uint64_t push(TimeNs time_ns, std::uint8_t kind, std::uint32_t actor, std::uint32_t payload, std::uint8_t spare = 0) {
        assert(next_sequence_ < event_sequence_limit && "2^48 events scheduled");
        Event event;
        event.time_ns = time_ns;
        event.sequence = next_sequence_++;
        event.kind = kind;
        event.spare = spare;
        event.payload = payload;
        event.actor = actor;
        // The new event climbs from a hole at the end as a value: stored
        // field by field and read back whole, it would stall the store
        // forwarding on every push.
        heap_.emplace_back();
        sift_up(heap_.size() - 1, event);
        return event.sequence;
    }

    Event pop() {
        assert(!heap_.empty());
        Event result = heap_.front();
        const Event last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) sift_down(last);
        return result;
    }

    void clear() {
        heap_.clear();
        next_sequence_ = 0;
    }

private:
    static bool before(const Event& a, const Event& b) {
        return a.time_ns < b.time_ns || (a.time_ns == b.time_ns && a.sequence < b.sequence);
    }

    // Places `moving` starting from the hole at `index`.
    void sift_up(std::size_t index, const Event moving) {
        while (index > 0) {
            const std::size_t parent = (index - 1) / 4;
            if (!before(moving, heap_[parent])) break;
            heap_[index] = heap_[parent];
            index = parent;
        }
        heap_[index] = moving;
    }

    // Places `moving` starting from the root (the hole left by pop).
    void sift_down(const Event moving) {
        const std::size_t count = heap_.size();
        std::size_t index = 0;
        for (;;) {
            const std::size_t first_child = index * 4 + 1;
            if (first_child >= count) break;
            std::size_t best = first_child;
            const std::size_t end_child = first_child + 4 < count ? first_child + 4 : count;
            for (std::size_t child = first_child + 1; child < end_child; ++child) {
                if (before(heap_[child], heap_[best])) best = child;
            }
            if (!before(heap_[best], moving)) break;
            heap_[index] = heap_[best];
            index = best;
        }
        heap_[index] = moving;
    }

    std::vector<Event> heap_;
    std::uint64_t next_sequence_ = 0;
};

}  // namespace kafkasim
