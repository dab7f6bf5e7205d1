// state_hash covers the whole state: a table of single-part changes (every
// PRNG stream, a pending event's time, kind, actor or message, a pending
// write, the links' FIFO clocks, each actor's stage and stats...) applied to
// copies of many mid-run states; each change must change the hash, and a
// copy left alone must not.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "core/simulation.hpp"
#include "fault_builders.hpp"
#include "scenario_builders.hpp"

namespace kafkasim {

// The hook simulation.hpp befriends: reaches one part of a state at a time.
struct SimulationTestAccess {
    static Prng& network_prng(Simulation& s) { return s.network_prng_; }
    static std::vector<Broker>& brokers(Simulation& s) { return s.brokers_; }
    static std::vector<Producer>& producers(Simulation& s) { return s.producers_; }
    static std::vector<Consumer>& consumers(Simulation& s) { return s.consumers_; }
    static LinkClocks& link_clocks(Simulation& s) { return s.links_; }
    static std::vector<Message>& messages(Simulation& s) { return s.messages_; }
    static std::uint64_t& writes_in_flight(Simulation& s) { return s.writes_in_flight_; }
    static std::vector<std::uint8_t>& fault_active(Simulation& s) { return s.fault_active_; }
    static TimeNs& now(Simulation& s) { return s.now_ns_; }
    // Changes the i-th pending event (heap order) in place, keeping its
    // sequence number. The heap order may break: the changed copy is only
    // hashed, never stepped. (items() is the queue's own vector; the queue
    // is not const, so writing through it is defined.)
    static bool change_event(Simulation& s, std::size_t i, const std::function<void(Event&)>& change) {
        auto& events = const_cast<std::vector<Event>&>(s.events_.items());
        if (i >= events.size()) return false;
        change(events[i]);
        return true;
    }
    static std::vector<Event> events(const Simulation& s) { return s.events_.items(); }
    static bool is_deliver(const Event& event) { return event.kind == static_cast<std::uint8_t>(Simulation::EventKind::deliver); }
};

}  // namespace kafkasim

using namespace kafkasim;
using namespace kafkasim::testing;
using Access = SimulationTestAccess;

namespace {

struct Change {
    std::string part;
    // Returns false when the state has no such part right now (e.g. no
    // message in flight); the change is then skipped, not counted.
    std::function<bool(Simulation&)> apply;
};

std::vector<Change> changes() {
    std::vector<Change> table;
    auto add = [&](std::string part, std::function<bool(Simulation&)> apply) { table.push_back({std::move(part), std::move(apply)}); };
    add("the clock", [](Simulation& s) { Access::now(s) += 1; return true; });
    add("the network PRNG", [](Simulation& s) { Access::network_prng(s).next_u64(); return true; });
    add("a link's FIFO clock", [](Simulation& s) {
        // Only a link whose last delivery is still to come is state.
        const auto live = Access::link_clocks(s).live(Access::now(s));
        if (live.empty()) return false;
        *Access::link_clocks(s).find(live.front().first.first, live.front().first.second) += 1;
        return true;
    });
    add("the writes in flight", [](Simulation& s) { Access::writes_in_flight(s) += 1; return true; });
    add("a fault's activity", [](Simulation& s) {
        if (Access::fault_active(s).empty()) return false;
        Access::fault_active(s)[0] ^= 1;
        return true;
    });
    for (std::size_t b = 0; b < 2; ++b) {
        const std::string name = "broker " + std::to_string(b) + "'s ";
        add(name + "PRNG", [b](Simulation& s) { Access::brokers(s)[b].prng.next_u64(); return true; });
        add(name + "up", [b](Simulation& s) { Access::brokers(s)[b].up ^= true; return true; });
        add(name + "holder", [b](Simulation& s) { Access::brokers(s)[b].holder += 1; return true; });
        add(name + "epoch", [b](Simulation& s) { Access::brokers(s)[b].epoch += 1; return true; });
        add(name + "service start", [b](Simulation& s) { Access::brokers(s)[b].service_started_ns += 1; return true; });
        add(name + "served count", [b](Simulation& s) { Access::brokers(s)[b].stats.requests_served += 1; return true; });
        add(name + "queue wait total", [b](Simulation& s) { Access::brokers(s)[b].stats.queue_wait_total_ns += 1; return true; });
        add(name + "queue area", [b](Simulation& s) { Access::brokers(s)[b].stats.queue_length_area += 0.5; return true; });
        add(name + "held total", [b](Simulation& s) { Access::brokers(s)[b].stats.held_total_ns += 1; return true; });
        add(name + "busy serving", [b](Simulation& s) { Access::brokers(s)[b].stats.busy_serving_ns += 1; return true; });
        add(name + "last topic's messages", [b](Simulation& s) {
            auto& topics = Access::brokers(s)[b].topics.unchecked_topics();
            if (topics.empty() || topics.back().messages.empty()) return false;
            std::swap(topics.back().messages.front(), topics.back().messages.back());
            return topics.back().messages.front() != topics.back().messages.back();
        });
    }
    for (std::size_t p = 0; p < 2; ++p) {
        const std::string name = "producer " + std::to_string(p) + "'s ";
        add(name + "PRNG", [p](Simulation& s) { Access::producers(s)[p].prng.next_u64(); return true; });
        add(name + "workload issued", [p](Simulation& s) { Access::producers(s)[p].workload_issued += 1; return true; });
        add(name + "next request id", [p](Simulation& s) { Access::producers(s)[p].next_request_id += 1; return true; });
        add(name + "ack latency total", [p](Simulation& s) { Access::producers(s)[p].stats.ack_latency_total_ns += 1; return true; });
        add(name + "pending write's attempt", [p](Simulation& s) {
            auto& pending = Access::producers(s)[p].pending;
            if (pending.empty()) return false;
            pending.back().attempt += 1;
            return true;
        });
        add(name + "pending write's first send", [p](Simulation& s) {
            auto& pending = Access::producers(s)[p].pending;
            if (pending.empty()) return false;
            pending.front().first_sent_ns += 1;
            return true;
        });
    }
    for (std::size_t c = 0; c < 3; ++c) {
        const std::string name = "consumer " + std::to_string(c) + "'s ";
        add(name + "PRNG", [c](Simulation& s) { Access::consumers(s)[c].prng.next_u64(); return true; });
        add(name + "stage", [c](Simulation& s) {
            Stage& stage = Access::consumers(s)[c].stage;
            stage = stage == Stage::idle ? Stage::claiming : Stage::idle;
            return true;
        });
        add(name + "attempt", [c](Simulation& s) { Access::consumers(s)[c].attempt += 1; return true; });
        add(name + "serial", [c](Simulation& s) { Access::consumers(s)[c].next_serial += 1; return true; });
        add(name + "round robin", [c](Simulation& s) { Access::consumers(s)[c].round_robin_next += 1; return true; });
        add(name + "view of a broker", [c](Simulation& s) { Access::consumers(s)[c].views[1].queue_length += 1; return true; });
        add(name + "view of a broker: refused", [c](Simulation& s) {
            Access::consumers(s)[c].views[1].refused = !Access::consumers(s)[c].views[1].refused;
            return true;
        });
        add(name + "choice serial", [c](Simulation& s) { Access::consumers(s)[c].choice_serial += 1; return true; });
        add(name + "resent count", [c](Simulation& s) { Access::consumers(s)[c].stats.resent += 1; return true; });
        add(name + "last consumption's time", [c](Simulation& s) {
            auto& consumed = Access::consumers(s)[c].consumed;
            if (consumed.empty()) return false;
            consumed.back().time_ns += 1;
            return true;
        });
    }
    add("a pending event's time", [](Simulation& s) {
        return Access::change_event(s, 0, [](Event& event) { event.time_ns += 1; });
    });
    add("a pending event's actor", [](Simulation& s) {
        return Access::change_event(s, 0, [](Event& event) { event.actor ^= 1; });
    });
    add("a pending event's kind", [](Simulation& s) {
        return Access::change_event(s, 0, [](Event& event) { event.kind ^= 1; });
    });
    add("a pending event's order", [](Simulation& s) {
        // Two events at the same time swap their turn.
        const std::vector<Event> events = Access::events(s);
        for (std::size_t i = 0; i < events.size(); ++i) {
            for (std::size_t j = i + 1; j < events.size(); ++j) {
                if (events[i].time_ns != events[j].time_ns || events[i].kind == events[j].kind) continue;
                Access::change_event(s, i, [&](Event& event) {
                    event.kind = events[j].kind;
                    event.actor = events[j].actor;
                    event.payload = events[j].payload;
                });
                Access::change_event(s, j, [&](Event& event) {
                    event.kind = events[i].kind;
                    event.actor = events[i].actor;
                    event.payload = events[i].payload;
                });
                return true;
            }
        }
        return false;
    });
    add("a message in flight", [](Simulation& s) {
        for (const Event& event : Access::events(s)) {
            if (!Access::is_deliver(event)) continue;
            Access::messages(s)[event.payload].serial += 1;
            return true;
        }
        return false;
    });
    add("a message in flight's send time", [](Simulation& s) {
        for (const Event& event : Access::events(s)) {
            if (!Access::is_deliver(event)) continue;
            Access::messages(s)[event.payload].sent_ns += 1;
            return true;
        }
        return false;
    });
    return table;
}

ScenarioSpec hashed_scenario(std::uint64_t seed) {
    ScenarioSpec spec = random_workload(seed);
    for (ProducerSpec& producer : spec.producers) producer.retry.timeout_ns = 3 * ns_per_ms;  // pending writes
    spec.faults.push_back(slow(links({}, {}), ns_per_ms, 10 * ns_per_ms, 40 * ns_per_ms));
    return spec;
}

}  // namespace

TEST_CASE("state_hash changes with every part of the state", "[determinism][state_hash]") {
    const std::vector<Change> table = changes();
    std::vector<int> applied(table.size(), 0);
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        const ScenarioSpec spec = hashed_scenario(seed);
        const RecordedRun run(spec, RecordOptions{});
        REQUIRE(run.event_count() > 100);
        for (std::size_t cut = 1; cut < run.event_count(); cut += run.event_count() / 25 + 1) {
            const Simulation state = run.state_after(cut);
            const std::uint64_t original = state.state_hash();
            Simulation untouched = state;
            REQUIRE(untouched.state_hash() == original);
            for (std::size_t i = 0; i < table.size(); ++i) {
                CAPTURE(seed, cut, table[i].part);
                Simulation changed = state;
                if (!table[i].apply(changed)) continue;
                ++applied[i];
                REQUIRE(changed.state_hash() != original);
            }
        }
    }
    // Every change in the table met a state that has that part.
    for (std::size_t i = 0; i < table.size(); ++i) {
        CAPTURE(table[i].part);
        CHECK(applied[i] > 0);
    }
}

TEST_CASE("state_hash is equal for equal states reached apart", "[determinism][state_hash]") {
    // A replay from a snapshot and a fresh run with its own string table.
    const ScenarioSpec spec = hashed_scenario(9);
    const RecordedRun run(spec, RecordOptions{});
    StringTable strings;
    Simulation fresh(spec, strings);
    for (std::size_t n = 0; n < run.event_count(); n += 37) {
        while (fresh.events_processed() < n) REQUIRE(fresh.step());
        REQUIRE(fresh.state_hash() == run.state_after(n).state_hash());
    }
}
