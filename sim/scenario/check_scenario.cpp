// Checks that need the whole scenario: actor names unique across brokers,
// producers and consumers, producer targets resolved to broker indices, and
// the actors faults name resolved (read_faults.cpp).
#include "scenario/sections.hpp"
#include "scenario/suggest.hpp"

#include <algorithm>
#include <map>
#include <numeric>

namespace kafkasim::scenario_detail {
namespace {

Pos reader_pos(const SourcePos& pos) { return {pos.line, pos.column}; }

struct NamedActor {
    std::string_view name;
    std::string_view kind;
    Pos pos;
};

void check_unique_names(Reader& reader, const ScenarioSpec& spec) {
    std::vector<NamedActor> actors;
    auto add = [&](const auto& list, std::string_view kind) {
        for (const auto& actor : list) {
            // An empty name was already reported as missing or empty.
            if (!actor.name.empty()) actors.push_back({actor.name, kind, reader_pos(actor.pos)});
        }
    };
    add(spec.brokers, "broker");
    add(spec.producers, "producer");
    add(spec.consumers, "consumer");
    // File order, so "the second one" is the one a reader meets second.
    std::stable_sort(actors.begin(), actors.end(), [](const NamedActor& a, const NamedActor& b) {
        return std::pair{a.pos.line, a.pos.column} < std::pair{b.pos.line, b.pos.column};
    });
    std::map<std::string_view, const NamedActor*> first;
    for (const NamedActor& actor : actors) {
        // Links ("A->B", "A<->B") and partition groups ("a,b" in scripts) are
        // written with these characters: a name holding one could be read as two.
        if (const std::size_t at = actor.name.find_first_of(",<>"); at != std::string_view::npos) {
            reader.error(actor.pos, std::string(actor.kind) + " name " + quote_for_message(actor.name) + " contains '" +
                                        actor.name[at] + "': names cannot hold ',', '<' or '>', which write links (A->B, A<->B) "
                                        "and partition groups (b1,p1)");
        }
        auto [found, inserted] = first.emplace(actor.name, &actor);
        if (inserted) continue;
        const NamedActor& earlier = *found->second;
        reader.error(actor.pos, "duplicate actor name " + quote_for_message(actor.name) + ": already the name of the " +
                                    std::string(earlier.kind) + " at line " + std::to_string(earlier.pos.line) +
                                    " (names are unique across brokers, producers and consumers)");
    }
}

void resolve_targets(Reader& reader, Draft& draft) {
    const auto& brokers = draft.spec.brokers;
    std::map<std::string_view, std::uint32_t> index_of;
    std::vector<std::string_view> broker_names;
    for (std::uint32_t i = 0; i < brokers.size(); ++i) {
        index_of.emplace(brokers[i].name, i);  // on a duplicate name the first wins; that is reported anyway
        broker_names.push_back(brokers[i].name);
    }
    for (std::size_t p = 0; p < draft.spec.producers.size(); ++p) {
        auto& targets = draft.spec.producers[p].targets;
        const auto& written = draft.producer_targets[p];
        if (!written) {
            // Charged: `brokers: 100000` with `producers: 100000` would be 10^10 entries.
            if (!reader.charge(reader_pos(draft.spec.producers[p].pos), brokers.size(), 0)) return;
            targets.resize(brokers.size());
            std::iota(targets.begin(), targets.end(), std::uint32_t{0});
            continue;
        }
        if (written->names.empty()) {
            reader.error(written->pos, "'targets' names no broker (write 'all' or a list such as [b1])");
            continue;
        }
        for (const TargetRef& ref : written->names) {
            const auto found = index_of.find(ref.name);
            if (found == index_of.end()) {
                reader.error(ref.pos, "unknown broker " + quote_for_message(ref.name) + " in targets" +
                                          suggestion(ref.name, broker_names, "brokers"));
                continue;
            }
            if (std::find(targets.begin(), targets.end(), found->second) != targets.end()) {
                reader.error(ref.pos, "broker " + quote_for_message(ref.name) + " is listed twice in targets");
                continue;
            }
            targets.push_back(found->second);
        }
    }
}

bool check_actor_count(Reader& reader, const ScenarioSpec& spec) {
    const std::size_t total = spec.brokers.size() + spec.producers.size() + spec.consumers.size();
    if (total <= max_actors) return true;
    reader.error({1, 1}, "too many actors: " + std::to_string(total) + " brokers, producers and consumers (at most " +
                             std::to_string(max_actors) + " together)");
    return false;
}

}  // namespace

void check_scenario(Reader& reader, Draft& draft) {
    // Past the limit, the other checks would only add noise (and work).
    if (!check_actor_count(reader, draft.spec)) return;
    check_unique_names(reader, draft.spec);
    // The log model's producers have no targets: each record goes to its partition's leader.
    if (!draft.log_model()) resolve_targets(reader, draft);
    resolve_log(reader, draft);
    resolve_faults(reader, draft);
    resolve_session_brokers(reader, draft);
    check_times(reader, draft.spec);
}

}  // namespace kafkasim::scenario_detail
