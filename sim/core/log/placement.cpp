// See placement.hpp for the rule and its source.
#include "core/log/placement.hpp"

#include <cassert>

namespace kafkasim::log {

std::vector<std::vector<std::uint32_t>> place_replicas(std::uint32_t topic_index, std::uint32_t partitions,
                                                       std::uint32_t brokers, std::uint32_t replication_factor) {
    assert(partitions >= 1 && brokers >= 1);
    assert(replication_factor >= 1 && replication_factor <= brokers);
    const std::uint32_t start = topic_index % brokers;
    std::uint64_t shift = topic_index % brokers;  // grows with partitions / brokers: 64 bits
    std::vector<std::vector<std::uint32_t>> replicas(partitions);
    for (std::uint32_t p = 0; p < partitions; ++p) {
        if (p > 0 && p % brokers == 0) ++shift;
        const std::uint32_t first = static_cast<std::uint32_t>((std::uint64_t{p} + start) % brokers);
        replicas[p].push_back(first);
        for (std::uint32_t j = 0; j + 1 < replication_factor; ++j) {
            // brokers >= 2 here (replication_factor >= 2 <= brokers).
            const std::uint64_t step = 1 + (shift + j) % (brokers - 1);
            replicas[p].push_back(static_cast<std::uint32_t>((first + step) % brokers));
        }
    }
    return replicas;
}

}  // namespace kafkasim::log
