// What the visualizer says about faults and producers agrees with what the
// run did, event by event, over generated fault mixes and seeds:
// - a link drawn cut (model/network_faults) carries nothing: no message
//   arrives over it, and each message a partition stopped was sent or stopped
//   while its link was drawn cut; a link drawn slow delivers no faster than
//   the latency plus the extra;
// - the Over time spans are exactly the faults' from/until;
// - a producer shown "done" (model/producer_progress) does nothing more: no
//   later timeout, resend, ack or nack of its own.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "fault_builders.hpp"
#include "model/network_faults.hpp"
#include "model/producer_progress.hpp"
#include "scenario_builders.hpp"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::testing;
constexpr TimeNs ms = ns_per_ms;

// Brokers b1, b2 (0, 1); producers p1 (2, with a timeout and retries) and p2
// (3, without); consumer c1 (4). Faults vary with the seed: a partition, a
// slow link and a lossy link, each over its own window.
ScenarioSpec faulty_scenario(std::uint64_t seed) {
    ScenarioSpec spec = base_scenario(seed);
    spec.brokers = {broker("b1", 200 * ns_per_us), broker("b2", 200 * ns_per_us)};
    std::vector<ProducerActionSpec> p1_actions;
    std::vector<ProducerActionSpec> p2_actions;
    for (int i = 0; i < 12; ++i) {
        // Sends at 7 + 13i ms: never at a fault's start or end (multiples of 5 ms below).
        p1_actions.push_back(action((7 + 13 * i) * ms, OpKind::publish, "t", "p1-" + std::to_string(i)));
        p2_actions.push_back(action((9 + 13 * i) * ms, OpKind::publish, "t", "p2-" + std::to_string(i)));
    }
    ProducerSpec p1 = producer("p1", {0, 1}, p1_actions);
    p1.retry.timeout_ns = 6 * ms;
    p1.retry.retries = static_cast<std::uint32_t>(seed % 4);
    p1.retry.backoff_ns = static_cast<TimeNs>(seed % 3) * 4 * ms;
    spec.producers = {p1, producer("p2", {0, 1}, p2_actions)};
    spec.consumers = {consumer("c1", {session(60 * ms, named_topic("t"), choice(ChoiceSpec::Kind::last))}, PolicyKind::first_idle)};
    const TimeNs a = static_cast<TimeNs>(5 + 5 * (seed % 7)) * ms;
    spec.faults = {
        partition({{2}, {1}}, a, a + static_cast<TimeNs>(20 + 5 * (seed % 5)) * ms),
        slow(links({2, 3}, {0}, true), static_cast<TimeNs>(1 + seed % 3) * ms, a + 25 * ms, a + 70 * ms),
        drop(links({3}, {}, true), 0.3, 40 * ms, seed % 2 == 0 ? std::optional<TimeNs>(90 * ms) : std::nullopt),
    };
    return spec;
}

bool involves(const Record& record, ActorId actor) { return record.source == actor || record.target == actor; }

TEST_CASE("viz faults: links drawn cut or slow are what the network did", "[viz][faults]") {
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        RecordOptions options;
        options.snapshot_interval = 16;
        const RecordedRun run(faulty_scenario(seed), options);
        const auto& records = run.records();
        INFO("seed " << seed);
        // The state after every event at or before t: what the viz shows at t.
        const auto state_at = [&](TimeNs t) {
            std::size_t events = 0;
            while (events < records.size() && records[events].time_ns <= t) ++events;
            return run.state_after(events);
        };
        std::size_t cut_drops = 0;
        std::size_t slowed = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const Record& record = records[i];
            const bool arrival = record.kind == RecordKind::publish || record.kind == RecordKind::ack || record.kind == RecordKind::nack;
            if (record.kind == RecordKind::dropped && record.reason == Reason::partitioned) {
                const bool cut_when_stopped = link_faults(run.state_after(i), record.source, record.target).cut;
                const bool cut_when_sent = link_faults(state_at(record.sent_ns), record.source, record.target).cut;
                CHECK((cut_when_stopped || cut_when_sent));
                ++cut_drops;
            }
            if (!arrival) continue;
            // Publishes arrive at the broker (source: producer); acks at the producer (source: broker).
            INFO("event " << i << " at " << record.time_ns << "ns: " << record.source << " -> " << record.target);
            CHECK_FALSE(link_faults(run.state_after(i), record.source, record.target).cut);
            const LinkFaults at_send = link_faults(state_at(record.sent_ns), record.source, record.target);
            CHECK_FALSE(at_send.cut);
            CHECK(record.time_ns - record.sent_ns >= 1 * ms + at_send.extra_latency_ns);
            if (at_send.extra_latency_ns > 0) ++slowed;
        }
        CHECK(cut_drops > 0);  // the scenario does exercise each fault
        CHECK(slowed > 0);
    }
}

TEST_CASE("viz faults: the Over time spans are the faults' windows", "[viz][faults]") {
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        const RecordedRun run(faulty_scenario(seed), RecordOptions{});
        const std::vector<FaultSpan> spans = network_fault_spans(run);
        const auto& faults = run.spec().faults;
        INFO("seed " << seed);
        REQUIRE(spans.size() == faults.size());
        for (const FaultSpan& span : spans) {
            const FaultSpec& fault = faults[span.fault];
            CHECK(span.begin_ns == fault.from_ns);
            CHECK(span.healed == fault.until_ns.has_value());
            CHECK(span.end_ns == (fault.until_ns ? *fault.until_ns : run.final_state().now_ns()));
            CHECK(run.records()[span.start_event].kind == RecordKind::fault_start);
        }
    }
}

TEST_CASE("viz producer progress: a producer shown done does nothing more", "[viz][faults]") {
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        const RecordedRun run(faulty_scenario(seed), RecordOptions{});
        const auto& records = run.records();
        const ScenarioSpec& spec = run.spec();
        // The last event each producer takes part in.
        std::vector<std::size_t> last_event(spec.producers.size(), 0);
        for (std::size_t i = 0; i < records.size(); ++i) {
            for (std::size_t p = 0; p < spec.producers.size(); ++p) {
                if (involves(records[i], run.final_state().producer_actor(p))) last_event[p] = i + 1;
            }
        }
        Simulation state = run.state_after(0);
        std::size_t waited = 0;
        for (std::size_t i = 0; i <= records.size(); ++i) {
            for (std::size_t p = 0; p < spec.producers.size(); ++p) {
                const ProducerProgress progress = producer_progress(state.producers()[p], spec.producers[p]);
                INFO("seed " << seed << ", p" << p + 1 << " after event " << i);
                if (progress.phase == ProducerPhase::done) CHECK(i >= last_event[p]);
                if (progress.phase == ProducerPhase::waiting) ++waited;
            }
            if (i < records.size()) REQUIRE(RecordedRun::step(state));
        }
        CHECK(waited > 0);
    }
}

}  // namespace
}  // namespace kafkasim::viz
