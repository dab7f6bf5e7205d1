// The scenario's sections (network, brokers, producers, consumers) and the
// checks across them. PRIVATE to kafkasim_scenario. A new top-level section
// (expect:, faults:) gets a reader declared here, a file of its own, and one
// row in the top-level key table in load.cpp.
#pragma once

#include "core/spec.hpp"
#include "scenario/yaml_reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kafkasim::scenario_detail {

// A broker name as written in a producer's `targets`, kept until every broker
// is known (brokers may come after producers in the file).
struct TargetRef {
    std::string name;
    Pos pos;
};
struct TargetList {
    Pos pos;  // of the list, for "names no broker"
    std::vector<TargetRef> names;
};

// A scenario being read: the spec plus what can only be checked at the end.
struct Draft {
    ScenarioSpec spec;
    // Parallel to spec.producers; nullopt: all brokers.
    std::vector<std::optional<TargetList>> producer_targets;
};

// Upper bounds that keep a typo from asking for the impossible.
// The engine numbers actors with 16 bits, 0xffff meaning "none"
// (ActorId in core/record.hpp): brokers, producers and consumers together.
inline constexpr std::uint64_t max_actors = 65'535;
inline constexpr std::uint64_t max_count = 100'000'000;
inline constexpr std::uint64_t max_attempts_limit = 1'000'000;

void read_network(Reader& reader, const Entry& entry, NetworkSpec& network);
void read_brokers(Reader& reader, const Entry& entry, Draft& draft);
void read_producers(Reader& reader, const Entry& entry, Draft& draft);
void read_consumers(Reader& reader, const Entry& entry, Draft& draft);

// After every section is read: unique actor names across the three kinds, and
// targets resolved to broker indices.
void check_scenario(Reader& reader, Draft& draft);

// "b1", "p2": the names the count shorthand (`brokers: 2`) gives.
std::string numbered_name(char prefix, std::uint64_t number);

}  // namespace kafkasim::scenario_detail
