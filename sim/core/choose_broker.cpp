// See choose_broker.hpp.
#include "core/choose_broker.hpp"

#include <cassert>

namespace kafkasim {

BrokerChoice choose_broker(PolicyKind policy, std::span<const BrokerView> views, Prng& prng, std::uint32_t& round_robin_next) {
    const std::size_t broker_count = views.size();
    std::size_t idle_count = 0;
    for (const BrokerView& view : views) idle_count += available(view) ? 1 : 0;
    if (idle_count == 0) return BrokerChoice{broker_count, Reason::none};

    auto nth_idle = [&](std::size_t n) {
        for (std::size_t b = 0; b < broker_count; ++b) {
            if (available(views[b]) && n-- == 0) return b;
        }
        assert(false && "fewer idle brokers than counted");
        return broker_count;
    };
    BrokerChoice choice{broker_count, Reason::none};
    switch (policy) {
        case PolicyKind::seed:
            // The original: one idle -> it; several -> uniform random.
            if (idle_count == 1) {
                choice = {nth_idle(0), Reason::only_idle};
            } else {
                choice = {nth_idle(static_cast<std::size_t>(prng.below(idle_count))), Reason::random_among_idle};
            }
            break;
        case PolicyKind::random_idle:
            choice.broker = nth_idle(static_cast<std::size_t>(prng.below(idle_count)));
            choice.reason = idle_count == 1 ? Reason::only_idle : Reason::random_among_idle;
            break;
        case PolicyKind::first_idle:
            choice.broker = nth_idle(0);
            choice.reason = idle_count == 1 ? Reason::only_idle : Reason::first_idle;
            break;
        case PolicyKind::round_robin:
            for (std::size_t k = 0; k < broker_count; ++k) {
                const std::size_t b = (round_robin_next + k) % broker_count;
                if (available(views[b])) {
                    choice.broker = b;
                    break;
                }
            }
            round_robin_next = static_cast<std::uint32_t>((choice.broker + 1) % broker_count);
            choice.reason = idle_count == 1 ? Reason::only_idle : Reason::round_robin;
            break;
        case PolicyKind::least_loaded:
            for (std::size_t b = 0; b < broker_count; ++b) {
                if (!available(views[b])) continue;
                if (choice.broker == broker_count || views[b].queue_length < views[choice.broker].queue_length) choice.broker = b;
            }
            choice.reason = idle_count == 1 ? Reason::only_idle : Reason::least_loaded;
            break;
    }
    assert(choice.broker < broker_count);
    return choice;
}

}  // namespace kafkasim
