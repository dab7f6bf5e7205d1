// Which directed links a network fault acts on: the one definition the model
// (simulation.cpp: extra latency, drops, partitions) and the visualizer
// (links drawn cut, slowed or lossy) share, so the picture cannot disagree
// with what the network does.
#pragma once

#include <algorithm>
#include <vector>

#include "core/spec.hpp"

namespace kafkasim {

// True when source -> target is in the set: `from`/`to` list actors (empty:
// every actor), and both_directions adds target -> source.
inline bool link_set_contains(const LinkSetSpec& links, ActorIndex source, ActorIndex target) {
    const auto listed = [](const std::vector<ActorIndex>& actors, ActorIndex actor) {
        return actors.empty() || std::find(actors.begin(), actors.end(), actor) != actors.end();
    };
    if (listed(links.from, source) && listed(links.to, target)) return true;
    return links.both_directions && listed(links.from, target) && listed(links.to, source);
}

// True when a partition puts source and target in different groups. Actors
// in no group are on both sides: only listed pairs are cut.
inline bool partition_separates(const FaultSpec& partition, ActorIndex source, ActorIndex target) {
    int source_group = -1;
    int target_group = -1;
    for (std::size_t g = 0; g < partition.groups.size(); ++g) {
        for (const ActorIndex actor : partition.groups[g]) {
            if (actor == source) source_group = static_cast<int>(g);
            if (actor == target) target_group = static_cast<int>(g);
        }
    }
    return source_group >= 0 && target_group >= 0 && source_group != target_group;
}

// True when a slow, drop or partition fault, while active, acts on the
// message source -> target; never for crash and restart (not link faults).
inline bool fault_acts_on_link(const FaultSpec& fault, ActorIndex source, ActorIndex target) {
    switch (fault.kind) {
        case FaultSpec::Kind::slow:
        case FaultSpec::Kind::drop: return link_set_contains(fault.links, source, target);
        case FaultSpec::Kind::partition: return partition_separates(fault, source, target);
        case FaultSpec::Kind::crash:
        case FaultSpec::Kind::restart: return false;
    }
    return false;
}

}  // namespace kafkasim
