// Each class of bad fault, retry or monitor input gives exactly
// "FILE:LINE:COL: error: message" at the offending node. Actors in these
// scenarios: brokers b1, b2; producer p1; consumer c1.
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

using Lines = std::vector<std::string>;

Lines errors_of(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    CHECK_FALSE(result.spec);
    Lines lines;
    for (const Diagnostic& d : result.errors) lines.push_back(format_diagnostic(d));
    return lines;
}

// The fault list starts on line 5, each fault on its own line, column 5.
Lines fault_errors(const std::string& faults) {
    return errors_of("brokers: [{name: b1}, {name: b2}]\n"
                     "producers: [{name: p1}]\n"
                     "consumers: [{name: c1}]\n"
                     "faults:\n" +
                     faults);
}

}  // namespace

TEST_CASE("faults name actors that exist", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {at: 1ms, crash: b3}\n") ==
          Lines{"t.yaml:5:22: error: unknown broker 'b3' in crash (brokers: b1, b2)"});
    CHECK(fault_errors("  - {at: 1ms, restart: bb1}\n") ==
          Lines{"t.yaml:5:24: error: unknown broker 'bb1' in restart; did you mean 'b1'?"});
    CHECK(fault_errors("  - {slow: {link: p1->b9, extra_latency: 1ms}}\n") ==
          Lines{"t.yaml:5:19: error: unknown actor 'b9' in the slow fault's link (actors: b1, b2, p1, c1)"});
    CHECK(fault_errors("  - {drop: {link: \"p11 <-> b1\", probability: 0.5}}\n") ==
          Lines{"t.yaml:5:19: error: unknown actor 'p11' in the drop fault's link; did you mean 'p1'?"});
    // p2 is as close to b2 as to p1: no guess.
    CHECK(fault_errors("  - {drop: {link: p2<->b1, probability: 0.5}}\n") ==
          Lines{"t.yaml:5:19: error: unknown actor 'p2' in the drop fault's link (actors: b1, b2, p1, c1)"});
    CHECK(fault_errors("  - {drop: {actor: consumer1, probability: 0.5}}\n") ==
          Lines{"t.yaml:5:20: error: unknown actor 'consumer1' in the drop fault's link (actors: b1, b2, p1, c1)"});
    CHECK(fault_errors("  - {partition: {groups: [[p1, b1], [b3]]}}\n") ==
          Lines{"t.yaml:5:38: error: unknown actor 'b3' in the partition (actors: b1, b2, p1, c1)"});
}

TEST_CASE("only brokers crash and restart", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {at: 1ms, crash: p1}\n") == Lines{"t.yaml:5:22: error: 'p1' is a producer: only brokers crash"});
    CHECK(fault_errors("  - {at: 1ms, restart: c1}\n") ==
          Lines{"t.yaml:5:24: error: 'c1' is a consumer: only brokers restart"});
}

TEST_CASE("drop probabilities are from 0 to 1", "[loader][errors][faults]") {
    auto drop = [](const std::string& probability) {
        return fault_errors("  - {drop: {link: all, probability: " + probability + "}}\n");
    };
    CHECK(drop("1.5") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got '1.5'"});
    CHECK(drop("-0.1") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got '-0.1'"});
    CHECK(drop("50%") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got '50%'"});
    CHECK(drop("1e-2") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got '1e-2'"});
    CHECK(drop("nan") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got 'nan'"});
    CHECK(drop("[0.5]") == Lines{"t.yaml:5:37: error: 'probability' must be a number from 0 to 1, got a list"});
    CHECK(fault_errors("  - {drop: {link: all}}\n") ==
          Lines{"t.yaml:5:12: error: missing required key 'probability' in the drop fault (the chance that each message "
                "is lost, from 0 to 1)"});
}

TEST_CASE("until is not before from", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {slow: {link: all, extra_latency: 1ms, from: 20ms, until: 10ms}}\n") ==
          Lines{"t.yaml:5:63: error: 'until' (10ms) is before 'from' (20ms)"});
    CHECK(fault_errors("  - partition:\n      groups: [[p1], [b1]]\n      until: 1ms\n      from: 2ms\n") ==
          Lines{"t.yaml:7:14: error: 'until' (1ms) is before 'from' (2ms)"});
}

TEST_CASE("an actor is on one side of a partition", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {partition: {groups: [[p1, b1], [b2, b1]]}}\n") ==
          Lines{"t.yaml:5:42: error: actor 'b1' is in the partition twice (first at line 5): each actor is on one side at "
                "most"});
    CHECK(fault_errors("  - partition:\n      groups:\n        - [p1, b1]\n        - [b2, p1]\n") ==
          Lines{"t.yaml:8:16: error: actor 'p1' is in the partition twice (first at line 7): each actor is on one side at "
                "most"});
    CHECK(fault_errors("  - {partition: {groups: [[p1, b1]]}}\n") ==
          Lines{"t.yaml:5:26: error: a partition needs at least two groups (actors in no group reach every side)"});
    CHECK(fault_errors("  - {partition: {groups: [[p1, b1], []]}}\n") ==
          Lines{"t.yaml:5:37: error: a partition group names at least one actor"});
}

TEST_CASE("a fault has one kind, in its own form", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {at: 1ms}\n") ==
          Lines{"t.yaml:5:5: error: the fault has no kind: give one of 'crash', 'restart', 'slow', 'drop' or "
                "'partition'"});
    CHECK(fault_errors("  - {at: 1ms, crsh: b1}\n") ==
          Lines{"t.yaml:5:15: error: unknown key 'crsh' in the fault; did you mean 'crash'?"});
    CHECK(fault_errors("  - {at: 1ms, crash: b1, restart: b1}\n") ==
          Lines{"t.yaml:5:26: error: a fault has one kind, but this one has 'crash' (line 5) and 'restart'; split it "
                "into two faults"});
    CHECK(fault_errors("  - {crash: b1}\n") ==
          Lines{"t.yaml:5:5: error: missing required key 'at' in the fault (when the broker crashes)"});
    CHECK(fault_errors("  - {at: 1ms, slow: {link: all, extra_latency: 1ms}}\n") ==
          Lines{"t.yaml:5:6: error: 'at' is for crash and restart; a slow fault gives 'from' (and 'until') inside it, "
                "e.g. {slow: {from: 10ms, until: 20ms, ...}}"});
    CHECK(fault_errors("  - {at: 1ms, crash: b1, reload_initial: true}\n") ==
          Lines{"t.yaml:5:26: error: 'reload_initial' belongs to a restart, not to a crash"});
    CHECK(fault_errors("  - {at: 1ms, restart: b1, reload_initial: yes}\n") ==
          Lines{"t.yaml:5:44: error: 'reload_initial' must be true or false, got 'yes'"});
    CHECK(fault_errors("  - [crash, b1]\n") == Lines{"t.yaml:5:5: error: each fault must be a mapping, got a list"});
    CHECK(errors_of("brokers: 1\nfaults: {crash: b1}\n") ==
          Lines{"t.yaml:2:9: error: 'faults' must be a list, got a mapping"});
}

TEST_CASE("slow and drop faults name their links", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {slow: {extra_latency: 1ms}}\n") ==
          Lines{"t.yaml:5:12: error: the slow fault needs 'link' (such as p1->b1, p1<->b1, p1 or all) or 'actor' (every "
                "link of that actor)"});
    CHECK(fault_errors("  - {slow: {link: all}}\n") ==
          Lines{"t.yaml:5:12: error: missing required key 'extra_latency' in the slow fault (the latency added to each "
                "message)"});
    CHECK(fault_errors("  - {slow: {link: p1->b1, actor: p1, extra_latency: 1ms}}\n") ==
          Lines{"t.yaml:5:27: error: give either 'link' or 'actor', not both ('link' is at line 5)"});
    CHECK(fault_errors("  - {slow: {link: \"p1->\", extra_latency: 1ms}}\n") ==
          Lines{"t.yaml:5:19: error: a link needs an actor on each side of the arrow, such as 'p1->b1' or 'p1<->b1', "
                "got 'p1->'"});
    CHECK(fault_errors("  - {drop: {link: p1->c1, probability: 1}}\n") ==
          Lines{"t.yaml:5:19: error: no message travels between 'p1' (producer) and 'c1' (consumer): messages go "
                "between a client and a broker"});
    CHECK(fault_errors("  - {drop: {link: b1<->b2, probability: 1}}\n") ==
          Lines{"t.yaml:5:19: error: no message travels between 'b1' (broker) and 'b2' (broker): messages go between a "
                "client and a broker"});
    CHECK(fault_errors("  - {slow: {link: all, extra_latency: 1}}\n") ==
          Lines{"t.yaml:5:39: error: invalid duration for 'extra_latency': '1' has no unit (use ns, us, ms or s, e.g. "
                "'1ms'); only 0 may be written without one"});
}

TEST_CASE("a durable broker has nothing to reload", "[loader][errors][faults]") {
    CHECK(errors_of("brokers: [{name: b1, durable: true}]\nfaults: [{at: 1ms, restart: b1, reload_initial: true}]\n") ==
          Lines{"t.yaml:2:29: error: 'reload_initial' on durable broker 'b1': it keeps its dictionary across a crash, so "
                "there is nothing to reload"});
    CHECK(errors_of("brokers: [{name: b1, durable: 1}]\n") ==
          Lines{"t.yaml:1:31: error: 'durable' must be true or false, got '1'"});
}

TEST_CASE("retries and backoff need a timeout", "[loader][errors][faults]") {
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, retries: 2, backoff: 1ms}]\n") ==
          Lines{"t.yaml:2:23: error: 'retries' needs a 'timeout' in the same client: without one a request waits for "
                "its reply forever and is never resent",
                "t.yaml:2:35: error: 'backoff' needs a 'timeout' in the same client: without one a request waits for "
                "its reply forever and is never resent"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, timeout: 0}]\n") ==
          Lines{"t.yaml:2:32: error: 'timeout' must be greater than 0, got '0'"});
    // A bad timeout is one error, not also "needs a timeout".
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, timeout: soon, retries: 1}]\n") ==
          Lines{"t.yaml:2:32: error: invalid duration for 'timeout': 'soon' is not a duration (expected a number and a "
                "unit, e.g. '250us', '1.5ms', '2s', or 0)"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, timeout: 1ms, retries: -1}]\n") ==
          Lines{"t.yaml:2:46: error: 'retries' must be an integer from 0 to 1000000, got '-1'"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, timeout: 1ms, backoff: {doubling: true}}]\n") ==
          Lines{"t.yaml:2:46: error: missing required key 'initial' in the backoff"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, timeout: 1ms, backoff: [1ms]}]\n") ==
          Lines{"t.yaml:2:46: error: 'backoff' must be a duration such as '5ms' or {initial: 5ms, doubling: true}, got a "
                "list"});
}

TEST_CASE("monitors are all, none or a list of known names", "[loader][errors][faults]") {
    CHECK(errors_of("brokers: 1\nmonitors: [divergence, stale_reads]\n") ==
          Lines{"t.yaml:2:24: error: unknown monitor 'stale_reads'; did you mean 'stale_read'?"});
    CHECK(errors_of("brokers: 1\nmonitors: [divergence, divergence]\n") ==
          Lines{"t.yaml:2:24: error: monitor 'divergence' is listed twice (first at line 2)"});
    CHECK(errors_of("brokers: 1\nmonitors: lost_ack\n") ==
          Lines{"t.yaml:2:11: error: 'monitors' must be all, none or a list of monitors such as [divergence, lost_ack], "
                "got 'lost_ack' (for one monitor write [lost_ack])"});
    CHECK(errors_of("brokers: 1\nmonitors: some\n") ==
          Lines{"t.yaml:2:11: error: 'monitors' must be all, none or a list of monitors such as [divergence, lost_ack], "
                "got 'some'"});
}

TEST_CASE("one pass reports every fault error", "[loader][errors][faults]") {
    CHECK(fault_errors("  - {at: 1ms, crash: p1}\n"
                       "  - {drop: {link: all, probability: 2}}\n"
                       "  - {slow: {link: all, extra_latency: 1ms, from: 2ms, until: 1ms}}\n") ==
          Lines{"t.yaml:5:22: error: 'p1' is a producer: only brokers crash",
                "t.yaml:6:37: error: 'probability' must be a number from 0 to 1, got '2'",
                "t.yaml:7:62: error: 'until' (1ms) is before 'from' (2ms)"});
}
