// A broker's state: up or down, claimed or idle, the request in service and
// the FIFO of waiting ones, its statistics, and its store (the broker model:
// the dictionary today, see broker_store.hpp). The handlers live in
// broker.cpp (queueing and service) and faults.cpp (crash, restart).
#pragma once

#include <cstdint>
#include <vector>

#include "core/dictionary.hpp"
#include "core/network.hpp"
#include "core/prng.hpp"
#include "core/record.hpp"

namespace kafkasim {

// A FIFO of message slots that grows by doubling up to its capacity.
class SlotQueue {
public:
    bool empty() const { return count_ == 0; }
    std::uint32_t size() const { return count_; }
    void push(std::uint32_t slot);
    std::uint32_t pop();
    std::uint32_t at(std::uint32_t i) const { return ring_[(head_ + i) & (ring_.size() - 1)]; }

private:
    std::vector<std::uint32_t> ring_;  // size is 0 or a power of two
    std::uint32_t head_ = 0;
    std::uint32_t count_ = 0;
};

struct BrokerStats {
    std::uint64_t requests_arrived = 0;
    std::uint64_t requests_served = 0;
    std::uint64_t requests_rejected = 0;  // served with an error, or refused for a full queue
    TimeNs busy_serving_ns = 0;           // time spent serving (utilization numerator)
    // Sums of durations over many requests can pass time_max_ns (three
    // waits of 100 years do): they are doubles, exact up to 2^53 ns (104
    // days in total) and rounded, never wrapped, beyond.
    double queue_wait_total_ns = 0;       // arrival -> service start, summed over served requests
    double response_time_total_ns = 0;    // arrival -> reply, summed over served requests
    // Integral of the waiting-queue length over time (length x ns), and the
    // last time the length changed: the time-weighted mean is area / end time.
    double queue_length_area = 0;
    TimeNs queue_changed_ns = 0;
    std::uint32_t queue_length_max = 0;
    TimeNs held_total_ns = 0;             // time busy (claimed by a consumer)
    TimeNs held_since_ns = 0;
};

struct Broker {
    bool up = true;
    bool busy = false;            // the original active_status: claimed by a consumer
    ActorId holder = no_actor;
    std::uint32_t serving = no_slot;  // the request in service
    TimeNs service_started_ns = 0;
    SlotQueue queue;              // waiting requests, FIFO
    // The store: the dictionary model (topics in insertion order). A second
    // broker model sits beside it (broker_store.hpp says how).
    TopicDictionary topics;
    Prng prng;
    BrokerStats stats;
    std::uint8_t epoch = 0;           // bumped by a crash: service events of before are void

    // Position of the topic in `topics`, or -1.
    std::int64_t find_topic(StringId name) const { return topics.find(name); }
    // Order-free digest of the store: equal stores, equal hashes.
    std::uint64_t content_hash() const { return topics.content_hash(); }
};

}  // namespace kafkasim
