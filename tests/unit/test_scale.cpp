// Costs that must not grow with the wrong thing, asserted from inside (bytes
// and entries held, never wall time):
// - 20,000 actors: the network's FIFO link state stays O(links in use),
//   in the simulation and in a copy of it (a snapshot), not actors^2, and
//   follows the links with a message in flight, not every link ever used;
// - a producer's pending writes are found by request id (a table of random
//   adds, answers and lookups against a std::map);
// - the lost_ack monitor holds only what can still be lost: edits and
//   deletes take acks back, reports retire them, and holes are compacted.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/monitors.hpp"
#include "core/prng.hpp"
#include "core/simulation.hpp"
#include "fault_builders.hpp"
#include "scenario_builders.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("20,000 actors: link state grows with the links in use, not actors squared", "[scale][network]") {
    ScenarioSpec spec = base_scenario(11);
    spec.network.latency = DistributionSpec::uniform(1 * ns_per_ms, 3 * ns_per_ms);
    spec.brokers = {broker("b1", 10 * ns_per_us, original_topics()), broker("b2", 10 * ns_per_us, original_topics())};
    constexpr std::size_t consumers = 19'998;
    spec.consumers.reserve(consumers);
    for (std::size_t c = 0; c < consumers; ++c) {
        // All at once: 40,000 status requests in flight on 40,000 links.
        spec.consumers.push_back(consumer("c" + std::to_string(c + 1), {session(0, choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))}));
    }
    StringTable strings;
    Simulation simulation(spec, strings);
    REQUIRE(simulation.actor_count() == 20'000);
    REQUIRE(simulation.link_clocks().bytes() == 0);

    // A bound per actor: each actor has at most a few links with a message
    // in flight, and the table stays at most 1/8 full of them. The old
    // actors x actors table would be 3.2 GB here.
    const std::size_t bound_bytes = 256 * simulation.actor_count();
    std::size_t peak_bytes = 0;
    std::size_t peak_links = 0;
    while (simulation.events_processed() < 120'000 && simulation.step()) {
        peak_bytes = std::max(peak_bytes, simulation.link_clocks().bytes());
        peak_links = std::max(peak_links, simulation.link_clocks().size());
    }
    INFO("peak link state " << peak_bytes << " bytes, " << peak_links << " links");
    CHECK(peak_links >= consumers);  // the test did put many links in use
    CHECK(peak_bytes <= bound_bytes);
    const Simulation snapshot = simulation;
    CHECK(snapshot.link_clocks().bytes() <= bound_bytes);
    CHECK(snapshot.state_hash() == simulation.state_hash());
    // The run goes on to the end with every session served.
    simulation.run(UINT64_MAX);
    std::uint64_t completed = 0;
    for (const Consumer& consumer : simulation.consumers()) completed += consumer.stats.sessions_completed + consumer.stats.sessions_refused;
    CHECK(completed == consumers);
    CHECK(simulation.link_clocks().bytes() <= bound_bytes);
}

TEST_CASE("link state follows the messages in flight, not every link ever used", "[scale][network]") {
    // 5,000 consumers one after the other (a session every 200 us): 20,000
    // links carry traffic over the run, a few hundred at any moment. The table forgets links whose last delivery
    // is past, so it stays near the few hundred (a table of every link
    // ever used would hold 20,000 entries, 320 KB or more).
    ScenarioSpec spec = base_scenario(12);
    spec.network.latency = DistributionSpec::uniform(1 * ns_per_ms, 3 * ns_per_ms);
    spec.brokers = {broker("b1", 10 * ns_per_us, original_topics()), broker("b2", 10 * ns_per_us, original_topics())};
    constexpr std::size_t consumers = 5'000;
    for (std::size_t c = 0; c < consumers; ++c) {
        spec.consumers.push_back(consumer("c" + std::to_string(c + 1),
                                          {session(static_cast<TimeNs>(c) * 200 * ns_per_us, choice(ChoiceSpec::Kind::random),
                                                   choice(ChoiceSpec::Kind::random))}));
    }
    StringTable strings;
    Simulation simulation(spec, strings);
    std::size_t peak_bytes = 0;
    while (simulation.step()) peak_bytes = std::max(peak_bytes, simulation.link_clocks().bytes());
    // Every session ran to its end (most are refused: two brokers, each
    // held for a whole session, cannot serve them all).
    std::uint64_t ended = 0;
    for (const Consumer& consumer : simulation.consumers()) {
        ended += consumer.stats.sessions_completed + consumer.stats.sessions_refused + consumer.stats.sessions_failed;
    }
    CHECK(ended == consumers);
    INFO("peak link state " << peak_bytes << " bytes");
    CHECK(peak_bytes <= 128 * 1024);
}

TEST_CASE("pending writes: found by request id, in id order, memory of the window only", "[scale][producer]") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Prng prng(seed);
        PendingWrites pending;
        std::map<std::uint32_t, std::uint32_t> reference;  // id -> attempt
        std::uint32_t next_id = 1;
        for (int step = 0; step < 2000; ++step) {
            const std::uint64_t roll = prng.below(10);
            if (roll < 4 || reference.empty()) {
                PendingWrite write;
                write.request_id = next_id++;
                write.attempt = static_cast<std::uint32_t>(prng.below(5)) + 1;
                pending.add(write);
                reference[write.request_id] = write.attempt;
            } else if (roll < 8) {
                // Answer one: usually an old one (replies come roughly in order).
                auto it = reference.begin();
                std::advance(it, static_cast<long>(prng.below(std::min<std::uint64_t>(reference.size(), roll < 6 ? 2 : reference.size()))));
                pending.erase(it->first);
                reference.erase(it);
            } else {
                const auto id = static_cast<std::uint32_t>(prng.below(next_id + 2));
                const PendingWrite* found = pending.find(id);
                REQUIRE((found != nullptr) == (reference.count(id) == 1));
                if (found) REQUIRE(found->attempt == reference[id]);
            }
            REQUIRE(pending.size() == reference.size());
            std::vector<std::uint32_t> ids;
            for (const PendingWrite& write : pending) ids.push_back(write.request_id);
            std::vector<std::uint32_t> expected;
            for (const auto& entry : reference) expected.push_back(entry.first);
            REQUIRE(ids == expected);
            if (!reference.empty()) {
                REQUIRE(pending.front().request_id == reference.begin()->first);
                REQUIRE(pending.back().request_id == reference.rbegin()->first);
            }
        }
    }
}

TEST_CASE("lost_ack bookkeeping holds only what can still be lost", "[scale][monitors]") {
    // p1 publishes 3,000 messages to both brokers and deletes each one soon
    // after (index 0: the oldest); b1 crashes and restarts once midway. The
    // monitor tracks each ack until the delete takes it back (or a crash
    // report retires it), and holds at most twice the live entries (+64).
    ScenarioSpec spec = base_scenario(4);
    spec.brokers = {broker("b1", 5 * ns_per_us), broker("b2", 5 * ns_per_us)};
    std::vector<ProducerActionSpec> actions;
    constexpr int writes = 3'000;
    for (int k = 0; k < writes; ++k) {
        actions.push_back(action(k * 100 * ns_per_us, OpKind::publish, "t", "m" + std::to_string(k)));
        actions.push_back(action(k * 100 * ns_per_us + 50 * ns_per_ms, OpKind::delete_message, "t", "", 0));
    }
    spec.producers = {producer("p1", {0, 1}, actions)};
    spec.faults = {crash_at(150 * ns_per_ms, 0), restart_at(160 * ns_per_ms, 0)};
    StringTable strings;
    Simulation simulation(spec, strings);
    Monitors monitors(MonitorsSpec{});
    simulation.set_monitors(&monitors);
    std::size_t peak_tracked = 0;
    while (simulation.step()) {
        REQUIRE(monitors.acked_held() <= 2 * monitors.acked_tracked() + 64);
        peak_tracked = std::max(peak_tracked, monitors.acked_tracked());
    }
    // 50 ms of publishes (500 x 2 acks) are live at once, never all 6,000.
    CHECK(peak_tracked >= 500);
    CHECK(peak_tracked <= 1'200);
    CHECK(monitors.acked_tracked() == 0);
    CHECK(monitors.acked_held() <= 64);
}
