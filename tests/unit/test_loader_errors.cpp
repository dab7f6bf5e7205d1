// Each class of bad input gives exactly "FILE:LINE:COL: error: message" at the
// offending node (the parent mapping for a missing key), and one pass reports
// every error it can. Positions are 1-based; the inline YAML keeps them visible.
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;

namespace {

using Lines = std::vector<std::string>;

// The formatted diagnostics of loading `yaml` as t.yaml; the spec must be absent.
Lines errors_of(const std::string& yaml) {
    LoadResult result = load_scenario_text(yaml, "t.yaml");
    CHECK_FALSE(result.spec);
    Lines lines;
    for (const Diagnostic& d : result.errors) lines.push_back(format_diagnostic(d));
    return lines;
}

}  // namespace

TEST_CASE("format_diagnostic prints compiler-style lines", "[loader][errors]") {
    CHECK(format_diagnostic({"a.yaml", 3, 7, "boom"}) == "a.yaml:3:7: error: boom");
    CHECK(format_diagnostic({"a.yaml", 0, 0, "cannot open: No such file or directory"}) ==
          "a.yaml: error: cannot open: No such file or directory");
}

TEST_CASE("user text in messages stays on one short line", "[loader][errors]") {
    CHECK(message_text("b1") == "b1");
    CHECK(message_text("a\nb\tc\x01") == "a\\nb\\tc\\x01");
    CHECK(message_text(std::string(100, 'x')) == std::string(60, 'x') + "...");
    // 59 ASCII bytes, then a 2-byte character across the cut: it is dropped whole.
    CHECK(message_text(std::string(59, 'x') + "\xc3\xa9" + "tail") == std::string(59, 'x') + "...");
    CHECK(quote_for_message("p 1") == "'p 1'");
    CHECK(errors_of("brokers: 1\n\"two\\nlines\": 1\n") ==
          Lines{"t.yaml:2:1: error: unknown key 'two\\nlines' in the scenario (valid keys: name, description, seed, "
                "until, model, network, brokers, producers, consumers, faults, monitors, expect)"});
    CHECK(errors_of("brokers: 1\nuntil: " + std::string(1000, '9') + "x\n") ==
          Lines{"t.yaml:2:8: error: invalid duration for 'until': '" + std::string(60, '9') +
                "...' has an unknown unit 'x' (use ns, us, ms or s)"});
}

TEST_CASE("YAML syntax errors use the parser's position", "[loader][errors]") {
    CHECK(errors_of("brokers:\n  - name: b1\n  topics: x\n") ==
          Lines{"t.yaml:3:3: error: invalid YAML: end of map not found (check the indentation, and quote values "
                "that contain ': ')"});
    // At the end of the input: the end of the last line, not the line after it.
    CHECK(errors_of("brokers: [b1, b2\n") ==
          Lines{"t.yaml:1:17: error: invalid YAML: end of sequence flow not found (a '[' or '{' is not closed)"});
    CHECK(errors_of("brokers:\n\t- name: b1\n") ==
          Lines{"t.yaml:2:2: error: invalid YAML: illegal block entry (YAML does not allow tabs for indentation: use "
                "spaces)"});
    CHECK(errors_of("brokers: *nowhere\n") ==
          Lines{"t.yaml:1:10: error: invalid YAML: the referenced anchor is not defined"});
}

TEST_CASE("deep nesting is reported as such, not as 'bad file'", "[loader][errors]") {
    const std::string deep = "brokers: " + std::string(600, '[') + std::string(600, ']') + "\n";
    const Lines lines = errors_of(deep);
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], Catch::StartsWith("t.yaml:1:") &&
                             Catch::EndsWith(": error: invalid YAML: nesting is too deep (500 levels of lists and "
                                             "mappings; a scenario needs about 6)"));
}

TEST_CASE("an empty or non-mapping scenario", "[loader][errors]") {
    const Lines empty{"t.yaml:1:1: error: the scenario is empty (expected a mapping with at least a 'brokers' key)"};
    CHECK(errors_of("") == empty);
    CHECK(errors_of("# nothing but a comment\n") == empty);
    CHECK(errors_of("---\n") == empty);
    CHECK(errors_of("~\n") == empty);
    CHECK(errors_of("[b1, b2]\n") ==
          Lines{"t.yaml:1:1: error: the scenario must be a mapping (keys such as name, seed, brokers), got a list"});
    CHECK(errors_of("hello\n") ==
          Lines{"t.yaml:1:1: error: the scenario must be a mapping (keys such as name, seed, brokers), got 'hello'"});
}

TEST_CASE("text yaml-cpp would drop silently, and second documents", "[loader][errors]") {
    // yaml-cpp reads "- a\nb: 1" as two documents; loading only the first would lose b.
    CHECK(errors_of("- a\nb: 1\n") ==
          Lines{"t.yaml:1:1: error: the scenario must be a mapping (keys such as name, seed, brokers), got a list",
                "t.yaml:2:1: error: unexpected content after the end of the scenario (a second YAML document, or a "
                "line whose indentation does not fit what comes before it)"});
    CHECK(errors_of("brokers: 1\n---\nseed: 2\n") ==
          Lines{"t.yaml:3:1: error: unexpected content after the end of the scenario (a second YAML document, or a "
                "line whose indentation does not fit what comes before it)"});
}

TEST_CASE("wrong types", "[loader][errors]") {
    CHECK(errors_of("brokers: 1\nnetwork: [1ms]\n") == Lines{"t.yaml:2:10: error: 'network' must be a mapping, got a list"});
    CHECK(errors_of("brokers: {b1: {}}\n") ==
          Lines{"t.yaml:1:10: error: 'brokers' must be a list of brokers or a number of brokers, got a mapping"});
    CHECK(errors_of("brokers: [b1]\n") == Lines{"t.yaml:1:11: error: each broker must be a mapping, got 'b1'"});
    CHECK(errors_of("brokers:\n  - name: [b1]\n") == Lines{"t.yaml:2:11: error: 'name' must be a string, got a list"});
    CHECK(errors_of("brokers:\n  - name: b1\n    topics: [a, b]\n") ==
          Lines{"t.yaml:3:13: error: 'topics' must be a mapping, got a list"});
    CHECK(errors_of("brokers:\n  - name: b1\n    topics: {t: m}\n") ==
          Lines{"t.yaml:3:17: error: topic 't' must be a list, got 'm'"});
    CHECK(errors_of("brokers:\n  - name: b1\n    topics: {t: [[m]]}\n") ==
          Lines{"t.yaml:3:18: error: each message of topic 't' must be a string, got a list"});
    CHECK(errors_of("brokers: 1\nproducers:\n  - name: p\n    actions: {at: 1ms}\n") ==
          Lines{"t.yaml:4:14: error: 'actions' must be a list, got a mapping"});
    CHECK(errors_of("brokers: 1\nproducers:\n  - {name: p, actions: [{at: 1ms, publish: hello}]}\n") ==
          Lines{"t.yaml:3:44: error: 'publish' must be a mapping, got 'hello'"});
    CHECK(errors_of("brokers: 1\ndescription: {a: 1}\n") ==
          Lines{"t.yaml:2:14: error: 'description' must be a string, got a mapping"});
    CHECK(errors_of("brokers: 1\nconsumers:\n  - {name: c, sessions: [{at: 1ms, topic: [a]}]}\n") ==
          Lines{"t.yaml:3:43: error: 'topic' must be random, first, last or a topic name, got a list"});
    CHECK(errors_of("brokers: 1\nconsumers:\n  - {name: c, sessions: [{at: 1ms, index: {i: 1}}]}\n") ==
          Lines{"t.yaml:3:43: error: 'index' must be random, first, last or an integer >= 0, got a mapping"});
}

TEST_CASE("an empty value is reported at its key", "[loader][errors]") {
    // yaml-cpp puts an empty value's mark on the next token, lines below.
    CHECK(errors_of("brokers: 1\nname:\n\n\nseed: 1\n") == Lines{"t.yaml:2:1: error: 'name' must be a string, got nothing"});
    CHECK(errors_of("brokers:\n  - name:\n") == Lines{"t.yaml:2:5: error: 'name' must be a string, got nothing"});
    CHECK(errors_of("brokers:\n  - name: ''\n") == Lines{"t.yaml:2:11: error: 'name' must not be empty"});
}

TEST_CASE("unknown keys, with the closest valid key", "[loader][errors]") {
    CHECK(errors_of("brokers:\n  - name: b1\n    servce_time: 1ms\n") ==
          Lines{"t.yaml:3:5: error: unknown key 'servce_time' in the broker; did you mean 'service_time'?"});
    CHECK(errors_of("brokers: 1\nconsumer: 2\n") ==
          Lines{"t.yaml:2:1: error: unknown key 'consumer' in the scenario; did you mean 'consumers'?"});
    CHECK(errors_of("brokers: 1\nnetwork: {latncy: 1ms}\n") ==
          Lines{"t.yaml:2:11: error: unknown key 'latncy' in the network; did you mean 'latency'?"});
    // Nothing close: list what is valid.
    CHECK(errors_of("brokers: 1\nnetwork: {jitter: 1ms}\n") ==
          Lines{"t.yaml:2:11: error: unknown key 'jitter' in the network (valid keys: latency)"});
    // expect: is a section too (its own errors: test_loader_expect.cpp).
    CHECK(errors_of("brokers: 1\nexpct: []\n") ==
          Lines{"t.yaml:2:1: error: unknown key 'expct' in the scenario; did you mean 'expect'?"});
    // A misspelt required key is one error, not also "missing".
    CHECK(errors_of("brokers:\n  - nmae: b1\n") ==
          Lines{"t.yaml:2:5: error: unknown key 'nmae' in the broker; did you mean 'name'?"});
    CHECK(errors_of("brokers: 1\nconsumers:\n  - name: c\n    workload: {think_time: 1ms, cont: 3}\n") ==
          Lines{"t.yaml:4:33: error: unknown key 'cont' in the consumer workload; did you mean 'count'?"});
    // ...nor "the action has no operation".
    CHECK(errors_of("brokers: 1\nproducers:\n  - name: p\n    actions: [{at: 1ms, publsh: {topic: t, message: m}}]\n") ==
          Lines{"t.yaml:4:25: error: unknown key 'publsh' in the action; did you mean 'publish'?"});
}

TEST_CASE("unknown keyword values, with the closest keyword", "[loader][errors]") {
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, policy: frist_idle}]\n") ==
          Lines{"t.yaml:2:31: error: unknown policy 'frist_idle'; did you mean 'first_idle'?"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, policy: fastest}]\n") ==
          Lines{"t.yaml:2:31: error: unknown policy 'fastest' (one of: seed, first_idle, round_robin, random_idle, "
                "least_loaded)"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {dist: expo, mean: 1ms}}\n") ==
          Lines{"t.yaml:2:27: error: unknown distribution 'expo'; did you mean 'exponential'?"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {dist: normal, mean: 1ms}}\n") ==
          Lines{"t.yaml:2:27: error: unknown distribution 'normal' (one of: constant, uniform, exponential)"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, sessions: [{at: 0, index: lsat}]}]\n") ==
          Lines{"t.yaml:2:49: error: unknown index choice 'lsat'; did you mean 'last'?"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, on_all_busy: retry}]\n") ==
          Lines{"t.yaml:2:36: error: 'on_all_busy' must be 'fail' or {retry_after: DURATION, max_attempts: N}, got "
                "'retry' (retry needs a retry_after)"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, workload: {interarrival: 1ms, count: 1, topics: [t], "
                    "topic_order: cycel}}]\n") ==
          Lines{"t.yaml:2:89: error: unknown topic_order 'cycel'; did you mean 'cycle'?"});
}

TEST_CASE("missing required keys are reported at the parent mapping", "[loader][errors]") {
    CHECK(errors_of("name: x\n") ==
          Lines{"t.yaml:1:1: error: missing required key 'brokers' in the scenario (at least one broker is required)"});
    CHECK(errors_of("brokers:\n  - service_time: 1ms\n") ==
          Lines{"t.yaml:2:5: error: missing required key 'name' in the broker"});
    CHECK(errors_of("brokers: 1\nproducers:\n  - name: p\n    actions:\n      - publish: {topic: t, message: m}\n") ==
          Lines{"t.yaml:5:9: error: missing required key 'at' in the action"});
    CHECK(errors_of("brokers: 1\nproducers:\n  - name: p\n    actions:\n      - at: 1ms\n") ==
          Lines{"t.yaml:5:9: error: the action has no operation: give one of 'publish', 'edit' or 'delete'"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, actions: [{at: 1ms, edit: {topic: t, message: m}}]}]\n") ==
          Lines{"t.yaml:2:49: error: missing required key 'index' in the edit operation"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, actions: [{at: 1ms, delete: {index: 1}}]}]\n") ==
          Lines{"t.yaml:2:51: error: missing required key 'topic' in the delete operation"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, workload: {count: 1}}]\n") ==
          Lines{"t.yaml:2:33: error: missing required key 'interarrival' in the producer workload",
                "t.yaml:2:33: error: missing required key 'topics' in the producer workload (or 'topic' for one topic)"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {mean: 1ms}}\n") ==
          Lines{"t.yaml:2:20: error: missing required key 'dist' in the distribution (constant, uniform or "
                "exponential)"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {dist: uniform, min: 1ms}}\n") ==
          Lines{"t.yaml:2:20: error: missing required key 'max' in the uniform distribution"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, on_all_busy: {max_attempts: 2}}]\n") ==
          Lines{"t.yaml:2:36: error: missing required key 'retry_after' in the on_all_busy retry"});
}

TEST_CASE("an action with two operations", "[loader][errors]") {
    CHECK(errors_of("brokers: 1\nproducers:\n  - name: p\n    actions:\n      - at: 1ms\n        publish: {topic: t, "
                    "message: m}\n        delete: {topic: t}\n") ==
          Lines{"t.yaml:7:9: error: an action has one operation, but this one has 'publish' (line 6) and 'delete'; "
                "split it into two actions"});
}

TEST_CASE("bad durations and distributions", "[loader][errors]") {
    auto at = [](const std::string& value) {
        return errors_of("brokers: 1\nproducers: [{name: p, actions: [{at: " + value +
                         ", delete: {topic: t}}]}]\n");
    };
    CHECK(at("-1ms") == Lines{"t.yaml:2:38: error: invalid duration for 'at': '-1ms' is negative (durations are >= 0)"});
    CHECK(at("5") == Lines{"t.yaml:2:38: error: invalid duration for 'at': '5' has no unit (use ns, us, ms or s, e.g. "
                           "'5ms'); only 0 may be written without one"});
    CHECK(at("soon") == Lines{"t.yaml:2:38: error: invalid duration for 'at': 'soon' is not a duration (expected a "
                              "number and a unit, e.g. '250us', '1.5ms', '2s', or 0)"});
    CHECK(at("0.5ns") ==
          Lines{"t.yaml:2:38: error: invalid duration for 'at': '0.5ns' is finer than 1 ns (the simulation's time step)"});
    CHECK(at("[1ms]") == Lines{"t.yaml:2:38: error: 'at' must be a duration such as '1.5ms', got a list"});
    CHECK(errors_of("brokers: 1\nuntil: 10 sec\n") ==
          Lines{"t.yaml:2:8: error: invalid duration for 'until': '10 sec' has an unknown unit 'sec' (use ns, us, ms "
                "or s)"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {dist: uniform, min: 5ms, max: 1ms}}\n") ==
          Lines{"t.yaml:2:20: error: a uniform distribution needs min <= max, got min 5ms and max 1ms"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: {dist: exponential, mean: 0}}\n") ==
          Lines{"t.yaml:2:46: error: 'mean' must be greater than 0, got '0'"});
    CHECK(errors_of("brokers: 1\nnetwork: {latency: [1ms, 2ms]}\n") ==
          Lines{"t.yaml:2:20: error: 'latency' must be a duration such as '1ms' or a distribution such as {dist: "
                "exponential, mean: 1ms}, got a list"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, on_all_busy: {retry_after: 0}}]\n") ==
          Lines{"t.yaml:2:50: error: 'retry_after' must be greater than 0, got '0'"});
}

TEST_CASE("nonsense counts and integers", "[loader][errors]") {
    auto count = [](const std::string& value) {
        return errors_of("brokers: 1\nconsumers: [{name: c, workload: {think_time: 1ms, count: " + value + "}}]\n");
    };
    const std::string prefix = "t.yaml:2:58: error: 'count' must be an integer from 0 to 100000000, got ";
    CHECK(count("-1") == Lines{prefix + "'-1'"});
    CHECK(count("2.5") == Lines{prefix + "'2.5'"});
    CHECK(count("1e6") == Lines{prefix + "'1e6'"});
    CHECK(count("100000001") == Lines{prefix + "'100000001'"});
    CHECK(count("99999999999999999999999") == Lines{prefix + "'99999999999999999999999'"});
    CHECK(count("many") == Lines{prefix + "'many'"});
    CHECK(count("[1]") == Lines{prefix + "a list"});
    CHECK(errors_of("brokers: 1\nseed: -1\n") ==
          Lines{"t.yaml:2:7: error: 'seed' must be an integer from 0 to 18446744073709551615, got '-1'"});
    CHECK(errors_of("brokers: 1\nseed: 18446744073709551616\n") ==
          Lines{"t.yaml:2:7: error: 'seed' must be an integer from 0 to 18446744073709551615, got "
                "'18446744073709551616'"});
    CHECK(errors_of("brokers:\n  - {name: b, queue_capacity: 0}\n") ==
          Lines{"t.yaml:2:31: error: 'queue_capacity' must be an integer from 1 to 4294967295, got '0'"});
    CHECK(errors_of("brokers: 1\nproducers: [{name: p, actions: [{at: 0, delete: {topic: t, index: -1}}]}]\n") ==
          Lines{"t.yaml:2:67: error: 'index' must be an integer from 0 to 9223372036854775807, got '-1'"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, max_attempts: 0}]\n") ==
          Lines{"t.yaml:2:37: error: 'max_attempts' must be an integer from 1 to 1000000, got '0'"});
    CHECK(errors_of("brokers: 1\nconsumers: [{name: c, max_attempts: 2, on_all_busy: {retry_after: 1ms, "
                    "max_attempts: 4}}]\n") ==
          Lines{"t.yaml:2:72: error: 'max_attempts' is given twice, here and at line 2 (on_all_busy's max_attempts "
                "sets the same limit); keep one"});
}

TEST_CASE("broker counts: at least one, and not absurdly many", "[loader][errors]") {
    CHECK(errors_of("brokers: 0\n") == Lines{"t.yaml:1:10: error: at least one broker is required"});
    CHECK(errors_of("brokers: []\n") == Lines{"t.yaml:1:10: error: at least one broker is required"});
    CHECK(errors_of("brokers: -2\n") == Lines{"t.yaml:1:10: error: 'brokers' must be an integer from 0 to 500000, got '-2'"});
    CHECK(errors_of("brokers: 2\nproducers: 1.5\n") ==
          Lines{"t.yaml:2:12: error: 'producers' must be an integer from 0 to 500000, got '1.5'"});
    CHECK(errors_of("brokers: 200000\nproducers: 200000\nconsumers: 200000\n") ==
          Lines{"t.yaml:1:1: error: too many actors: 600000 brokers, producers and consumers (at most 500000 together)"});
}

TEST_CASE("targets must name known brokers", "[loader][errors]") {
    CHECK(errors_of("brokers: 2\nproducers:\n  - {name: p, targets: [b1, b3]}\n") ==
          Lines{"t.yaml:3:29: error: unknown broker 'b3' in targets (brokers: b1, b2)"});
    CHECK(errors_of("brokers:\n  - name: alpha\n  - name: beta\nproducers:\n  - {name: p, targets: [alpah]}\n") ==
          Lines{"t.yaml:5:25: error: unknown broker 'alpah' in targets; did you mean 'alpha'?"});
    CHECK(errors_of("brokers: 2\nproducers:\n  - {name: p, targets: [b1, b1]}\n") ==
          Lines{"t.yaml:3:29: error: broker 'b1' is listed twice in targets"});
    CHECK(errors_of("brokers: 2\nproducers:\n  - {name: p, targets: []}\n") ==
          Lines{"t.yaml:3:24: error: 'targets' names no broker (write 'all' or a list such as [b1])"});
    CHECK(errors_of("brokers: 2\nproducers:\n  - {name: p, targets: b1}\n") ==
          Lines{"t.yaml:3:24: error: 'targets' must be 'all' or a list of broker names, got 'b1' (for one broker write "
                "[b1])"});
    // A producer's name is not a broker.
    CHECK(errors_of("brokers: 1\nproducers:\n  - {name: p, targets: [p]}\n") ==
          Lines{"t.yaml:3:25: error: unknown broker 'p' in targets (brokers: b1)"});
}

TEST_CASE("duplicate actor names across kinds, and duplicate keys", "[loader][errors]") {
    CHECK(errors_of("brokers:\n  - name: x\n  - name: x\n") ==
          Lines{"t.yaml:3:5: error: duplicate actor name 'x': already the name of the broker at line 2 (names are "
                "unique across brokers, producers and consumers)"});
    // File order decides which is "the second", whatever the kind.
    CHECK(errors_of("consumers:\n  - name: b1\nbrokers: 2\n") ==
          Lines{"t.yaml:3:10: error: duplicate actor name 'b1': already the name of the consumer at line 2 (names "
                "are unique across brokers, producers and consumers)"});
    CHECK(errors_of("brokers: 1\nseed: 1\nseed: 2\n") ==
          Lines{"t.yaml:3:1: error: duplicate key 'seed' (first given at line 2)"});
    CHECK(errors_of("brokers:\n  - name: b1\n    topics:\n      t: [a]\n      t: [b]\n") ==
          Lines{"t.yaml:5:7: error: duplicate topic 't' (first given at line 4)"});
    CHECK(errors_of("brokers:\n  - {name: b1, name: b2}\n") ==
          Lines{"t.yaml:2:16: error: duplicate key 'name' (first given at line 2)"});
}

TEST_CASE("keys must be strings, and text valid UTF-8", "[loader][errors]") {
    CHECK(errors_of("brokers: 1\n[a]: 1\n") == Lines{"t.yaml:2:1: error: keys must be plain strings, got a list"});
    // Raw bytes: a YAML "\\xff" escape would be the valid code point U+00FF.
    CHECK(errors_of("brokers:\n  - name: \"\xff\xfe\"\n") == Lines{"t.yaml:2:11: error: 'name' is not valid UTF-8 text"});
    CHECK(errors_of("brokers:\n  - name: b\n    topics: {\"\xc0\xaf\": []}\n") ==
          Lines{"t.yaml:3:14: error: this key is not valid UTF-8 text"});  // an overlong '/'
    CHECK(load_scenario_text("brokers:\n  - name: \"caf\xc3\xa9 \\xff\"\n", "t.yaml").spec);
}

TEST_CASE("cyclic aliases and alias bombs end in an error, not a hang", "[loader][errors]") {
    CHECK(errors_of("brokers: &x [*x]\n") == Lines{"t.yaml:1:10: error: each broker must be a mapping, got a list"});
    const std::string too_large =
        ": error: the scenario is too large (over 1000000 actors, list items and targets, or 64 MiB of text, "
        "counting an alias each time it is used)";
    // 100 KB of text used 1000 times: 100 MB from a 110 KB file.
    std::string bomb = "m: &m \"" + std::string(100'000, 'x') + "\"\nbrokers:\n  - name: b\n    topics:\n      t: [*m";
    for (int i = 1; i < 1000; ++i) bomb += ", *m";
    bomb += "]\n";
    Lines lines = errors_of(bomb);
    REQUIRE_FALSE(lines.empty());
    CHECK_THAT(lines.back(), Catch::StartsWith("t.yaml:") && Catch::EndsWith(too_large));
    // Every producer sends to all of 2000 brokers: 2000 x 2000 targets.
    lines = errors_of("brokers: 2000\nproducers: 2000\n");
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], Catch::StartsWith("t.yaml:2:12") && Catch::EndsWith(too_large));
}

// Hidden (about a second in a release build, much more under sanitizers):
// run with `[slow]`.
TEST_CASE("an alias bomb of a million list items is cut off", "[.][slow][loader][errors]") {
    // 2000 producers x 1000 actions from a few kilobytes of text.
    std::string bomb = "brokers: 1\nx: &a {at: 1ms, publish: {topic: t, message: m}}\ny: &acts [*a";
    for (int i = 1; i < 1000; ++i) bomb += ", *a";
    bomb += "]\nproducers:\n";
    for (int i = 0; i < 2000; ++i) bomb += "  - {name: p" + std::to_string(i) + ", actions: *acts}\n";
    const Lines lines = errors_of(bomb);
    REQUIRE_FALSE(lines.empty());
    CHECK_THAT(lines.back(), Catch::Contains("error: the scenario is too large"));
}

TEST_CASE("one pass reports every error, in file order", "[loader][errors]") {
    const std::string yaml = R"(name: many
seed: -5
until: forever
brokers:
  - name: b1
    service_tim: 1ms
  - name: b1
    queue_capacity: 0
producers:
  - name: p1
    targets: [b9]
    actions:
      - {at: 1ms}
consumers:
  - name: c1
    policy: frist_idle
    choose_time: {dist: uniform, min: 2ms, max: 1ms}
  - name: c1
nmae: x
)";
    CHECK(errors_of(yaml) ==
          Lines{
              "t.yaml:2:7: error: 'seed' must be an integer from 0 to 18446744073709551615, got '-5'",
              "t.yaml:3:8: error: invalid duration for 'until': 'forever' is not a duration (expected a number and a "
              "unit, e.g. '250us', '1.5ms', '2s', or 0)",
              "t.yaml:6:5: error: unknown key 'service_tim' in the broker; did you mean 'service_time'?",
              "t.yaml:7:5: error: duplicate actor name 'b1': already the name of the broker at line 5 (names are "
              "unique across brokers, producers and consumers)",
              "t.yaml:8:21: error: 'queue_capacity' must be an integer from 1 to 4294967295, got '0'",
              "t.yaml:11:15: error: unknown broker 'b9' in targets; did you mean 'b1'?",
              "t.yaml:13:9: error: the action has no operation: give one of 'publish', 'edit' or 'delete'",
              "t.yaml:16:13: error: unknown policy 'frist_idle'; did you mean 'first_idle'?",
              "t.yaml:17:18: error: a uniform distribution needs min <= max, got min 2ms and max 1ms",
              "t.yaml:18:5: error: duplicate actor name 'c1': already the name of the consumer at line 15 (names are "
              "unique across brokers, producers and consumers)",
              "t.yaml:19:1: error: unknown key 'nmae' in the scenario; did you mean 'name'?",
          });
}

TEST_CASE("a flood of errors is capped", "[loader][errors]") {
    std::string yaml = "brokers: 1\n";
    for (int i = 0; i < 150; ++i) yaml += "bad" + std::to_string(i) + ": 1\n";
    const Lines lines = errors_of(yaml);
    REQUIRE(lines.size() == 101);
    CHECK(lines.back() == "t.yaml: error: too many errors; only the first 100 are shown");
}
