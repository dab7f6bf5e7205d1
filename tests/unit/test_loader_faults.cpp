// The fault keys land in the spec as documented: every fault form and link
// form, durable brokers, client timeout/retries/backoff, and monitors.
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

constexpr TimeNs ms = ns_per_ms;

ScenarioSpec load_ok(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(result.errors.empty());
    REQUIRE(result.spec);
    return std::move(*result.spec);
}

// Actors: b1 = 0, b2 = 1, p1 = 2, p2 = 3, c1 = 4 (brokers, producers, consumers).
// The faults come first in the file: names are resolved at the end.
ScenarioSpec with_faults(const std::string& faults) {
    return load_ok("faults:\n" + faults +
                   "brokers: [{name: b1}, {name: b2, durable: true}]\n"
                   "producers: [{name: p1}, {name: p2}]\n"
                   "consumers: [{name: c1}]\n");
}

using Actors = std::vector<ActorIndex>;

}  // namespace

TEST_CASE("crash and restart at an instant", "[loader][faults]") {
    const ScenarioSpec spec = with_faults("  - {at: 10ms, crash: b2}\n"
                                          "  - {at: 20ms, restart: b1, reload_initial: true}\n"
                                          "  - {at: 30ms, restart: b1}\n");
    REQUIRE(spec.faults.size() == 3);
    const FaultSpec& crash = spec.faults[0];
    CHECK(crash.kind == FaultSpec::Kind::crash);
    CHECK(crash.from_ns == 10 * ms);
    CHECK(crash.broker == 1);
    CHECK_FALSE(crash.until_ns);
    CHECK(crash.pos.line == 2);
    CHECK(crash.pos.column == 5);
    CHECK(spec.faults[1].kind == FaultSpec::Kind::restart);
    CHECK(spec.faults[1].broker == 0);
    CHECK(spec.faults[1].from_ns == 20 * ms);
    CHECK(spec.faults[1].reload_initial);
    CHECK_FALSE(spec.faults[2].reload_initial);
    CHECK_FALSE(spec.brokers[0].durable);
    CHECK(spec.brokers[1].durable);
}

TEST_CASE("link forms: A->B, A<->B, an actor, actor:, all", "[loader][faults]") {
    const ScenarioSpec spec = with_faults("  - {slow: {link: p1->b2, extra_latency: 5ms, from: 1ms, until: 2ms}}\n"
                                          "  - {slow: {link: \" c1 <-> b1 \", extra_latency: 1us}}\n"
                                          "  - {drop: {link: p2, probability: 0.25}}\n"
                                          "  - {drop: {actor: b1, probability: 1, from: 3ms}}\n"
                                          "  - {drop: {link: all, probability: 0}}\n");
    REQUIRE(spec.faults.size() == 5);
    const FaultSpec& slow = spec.faults[0];
    CHECK(slow.kind == FaultSpec::Kind::slow);
    CHECK(slow.links.from == Actors{2});
    CHECK(slow.links.to == Actors{1});
    CHECK_FALSE(slow.links.both_directions);
    CHECK(slow.extra_latency_ns == 5 * ms);
    CHECK(slow.from_ns == 1 * ms);
    CHECK(slow.until_ns == 2 * ms);

    // Spaces around the arrow are allowed; `from` defaults to 0, no `until`: never heals.
    CHECK(spec.faults[1].links.from == Actors{4});
    CHECK(spec.faults[1].links.to == Actors{0});
    CHECK(spec.faults[1].links.both_directions);
    CHECK(spec.faults[1].extra_latency_ns == 1000);
    CHECK(spec.faults[1].from_ns == 0);
    CHECK_FALSE(spec.faults[1].until_ns);

    // An actor alone: every link into or out of it.
    const FaultSpec& drop = spec.faults[2];
    CHECK(drop.kind == FaultSpec::Kind::drop);
    CHECK(drop.links.from == Actors{3});
    CHECK(drop.links.to.empty());
    CHECK(drop.links.both_directions);
    CHECK(drop.probability == 0.25);
    CHECK(spec.faults[3].links.from == Actors{0});
    CHECK(spec.faults[3].links.both_directions);
    CHECK(spec.faults[3].probability == 1.0);
    CHECK(spec.faults[3].from_ns == 3 * ms);
    // all: both sides empty, every link.
    CHECK(spec.faults[4].links.from.empty());
    CHECK(spec.faults[4].links.to.empty());
    CHECK(spec.faults[4].probability == 0.0);
}

TEST_CASE("partition groups", "[loader][faults]") {
    const ScenarioSpec spec = with_faults("  - partition:\n"
                                          "      groups: [[p1, b1], [b2, c1]]\n"
                                          "      from: 5ms\n"
                                          "      until: 50ms\n");
    REQUIRE(spec.faults.size() == 1);
    const FaultSpec& partition = spec.faults[0];
    CHECK(partition.kind == FaultSpec::Kind::partition);
    CHECK(partition.groups == std::vector<Actors>{{2, 0}, {1, 4}});
    CHECK(partition.from_ns == 5 * ms);
    CHECK(partition.until_ns == 50 * ms);
}

TEST_CASE("drop probabilities are exact decimals", "[loader][faults]") {
    for (const auto& [text, value] : std::vector<std::pair<std::string, double>>{
             {"0", 0.0}, {"1", 1.0}, {"0.5", 0.5}, {"0.1", 0.1}, {"1.0", 1.0}, {".75", 0.75}}) {
        const ScenarioSpec spec = with_faults("  - {drop: {link: all, probability: " + text + "}}\n");
        INFO(text);
        CHECK(spec.faults[0].probability == value);
    }
}

TEST_CASE("client timeout, retries and backoff", "[loader][faults]") {
    const ScenarioSpec spec = load_ok("brokers: 2\n"
                                      "producers:\n"
                                      "  - {name: p1, timeout: 5ms, retries: 3, backoff: 2ms}\n"
                                      "  - {name: p2, timeout: 1s, backoff: {initial: 1ms, doubling: true}}\n"
                                      "  - {name: p3}\n"
                                      "consumers:\n"
                                      "  - {name: c1, timeout: 4ms, retries: 1, backoff: {initial: 3ms}}\n"
                                      "  - {name: c2}\n");
    const RetrySpec& p1 = spec.producers[0].retry;
    CHECK(p1.timeout_ns == 5 * ms);
    CHECK(p1.retries == 3);
    CHECK(p1.backoff_ns == 2 * ms);
    CHECK_FALSE(p1.backoff_doubling);
    const RetrySpec& p2 = spec.producers[1].retry;
    CHECK(p2.timeout_ns == 1 * ns_per_s);
    CHECK(p2.retries == 0);
    CHECK(p2.backoff_ns == 1 * ms);
    CHECK(p2.backoff_doubling);
    // Without a timeout a client waits forever, as the original did.
    CHECK_FALSE(spec.producers[2].retry.timeout_ns);
    const RetrySpec& c1 = spec.consumers[0].retry;
    CHECK(c1.timeout_ns == 4 * ms);
    CHECK(c1.retries == 1);
    CHECK(c1.backoff_ns == 3 * ms);
    CHECK_FALSE(c1.backoff_doubling);
    CHECK_FALSE(spec.consumers[1].retry.timeout_ns);
}

TEST_CASE("monitors: all by default, all, none, or a list", "[loader][faults]") {
    auto monitors = [](const std::string& value) {
        return load_ok("brokers: 1\n" + (value.empty() ? std::string() : "monitors: " + value + "\n")).monitors;
    };
    auto flags = [](const MonitorsSpec& m) { return std::vector<bool>{m.divergence, m.lost_ack, m.stale_read, m.no_broker}; };
    CHECK(flags(monitors("")) == std::vector<bool>{true, true, true, true});
    CHECK(flags(monitors("all")) == std::vector<bool>{true, true, true, true});
    CHECK(flags(monitors("none")) == std::vector<bool>{false, false, false, false});
    CHECK(flags(monitors("[]")) == std::vector<bool>{false, false, false, false});
    CHECK(flags(monitors("[stale_read, divergence]")) == std::vector<bool>{true, false, true, false});
    CHECK(flags(monitors("[lost_ack, no_broker]")) == std::vector<bool>{false, true, false, true});
}

TEST_CASE("the fault configs load", "[loader][faults]") {
    for (const char* name : {"crash-loses-data", "durable-broker", "partition-divergence", "stale-status", "lossy-network"}) {
        const std::string path = std::string(KAFKASIM_SOURCE_DIR) + "/configs/" + name + ".yaml";
        INFO(path);
        LoadResult result = load_scenario_file(path);
        for (const Diagnostic& d : result.errors) UNSCOPED_INFO(format_diagnostic(d));
        CHECK(result.errors.empty());
    }
}
