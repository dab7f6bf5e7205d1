// How actor ids are numbered: brokers first, then producers, then
// consumers, each in scenario order. The one place that turns an ActorId
// into "consumer number 3" and back, so no handler repeats the arithmetic.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>

#include "core/record.hpp"

namespace kafkasim {

enum class ActorKind : std::uint8_t { broker, producer, consumer };

struct ActorLayout {
    std::uint32_t brokers = 0;
    std::uint32_t producers = 0;
    std::uint32_t consumers = 0;

    std::size_t count() const { return std::size_t{brokers} + producers + consumers; }

    // Index in its kind's list -> actor id. i may be the kind's count: the
    // id one past its last actor (where the next kind starts), as callers
    // that walk a kind's id range from index 0 rely on, with or without
    // actors of that kind.
    ActorId broker(std::size_t i) const {
        assert(i <= brokers);
        return static_cast<ActorId>(i);
    }
    ActorId producer(std::size_t i) const {
        assert(i <= producers);
        return static_cast<ActorId>(brokers + i);
    }
    ActorId consumer(std::size_t i) const {
        assert(i <= consumers);
        return static_cast<ActorId>(brokers + producers + i);
    }

    // Kind tests; no_actor is none of them.
    bool is_broker(ActorId actor) const { return actor < brokers; }
    bool is_producer(ActorId actor) const { return actor >= brokers && actor < brokers + producers; }
    bool is_consumer(ActorId actor) const { return actor != no_actor && actor >= brokers + producers && actor < count(); }
    ActorKind kind(ActorId actor) const {
        assert(actor < count() && "a live actor id");
        return is_broker(actor) ? ActorKind::broker : is_producer(actor) ? ActorKind::producer : ActorKind::consumer;
    }

    // Actor id -> index in its kind's list (asserts the kind).
    std::size_t broker_index(ActorId actor) const {
        assert(is_broker(actor));
        return actor;
    }
    std::size_t producer_index(ActorId actor) const {
        assert(is_producer(actor));
        return actor - brokers;
    }
    std::size_t consumer_index(ActorId actor) const {
        assert(is_consumer(actor));
        return actor - brokers - producers;
    }
};

}  // namespace kafkasim
