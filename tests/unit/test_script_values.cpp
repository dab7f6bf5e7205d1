// The interactive script and the loader agree (one front door): over many
// generated script lines with odd values (Latin-1 bytes, empty topics,
// signed and scientific indices, bad durations), whatever the script parser
// accepts and the exploration takes, the saved scenario loads through the
// front door that `kafkasim validate` uses, and replays to the same trace.
#include "check/load_checked.hpp"
#include "core/prng.hpp"
#include "interactive/exploration.hpp"
#include "interactive/script.hpp"
#include "report/outputs.hpp"
#include "scenario/save.hpp"
#include "text/utf8_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace kafkasim;
using namespace kafkasim::interactive;

namespace {

ScenarioSpec seed_scenario() {
    LoadResult loaded = load_checked_scenario(std::string(KAFKASIM_SOURCE_DIR) + "/configs/seed.yaml");
    REQUIRE(loaded.spec);
    return std::move(*loaded.spec);
}

template <class List>
const std::string& pick(Prng& prng, const List& list) {
    return list[prng.next_u64() % list.size()];
}

const std::vector<std::string> times = {"0", "1ms", "2.5ms", "30ms", "101ms", "1.5s", "100ns", "-1ms", "1e3ms",
                                        "", "5", "ms", "1.5.5ms", "0x10ms", "+5ms", "caf\xE9", "10 ms", "2s"};
const std::vector<std::string> indices = {"0", "1", "3", "-1", "+5", "1e3", "0x10", "", " 5", "5 ",
                                          "18446744073709551616", "9223372036854775807", "9223372036854775808",
                                          "007", "\xE9"};
const std::vector<std::string> text_pieces = {"Hello world", "a", " ", "#", "\"", "\\", "\xC3\xA9", "\xE9",
                                              "\xFF", "\x1b", "\t", "\xEF\xBF\xBE", "\xC2\x85", "random", "first",
                                              "\xED\xA0\x80", "\xE2\x82", "message 1", ":", "- ", "{", "'"};
const std::vector<std::string> producers = {"p1", "p2", "p9", ""};
const std::vector<std::string> consumers = {"c1", "c2", "c9"};
const std::vector<std::string> brokers = {"b1", "b2", "b3", "policy"};
const std::vector<std::string> groups = {"b1,p1", "b2,c1", "b1", "c2,p2", "b1,,p1", "x"};

std::string random_value(Prng& prng) {
    std::string out;
    const std::uint64_t pieces = prng.next_u64() % 4;  // 0: the empty string
    for (std::uint64_t i = 0; i < pieces; ++i) out += pick(prng, text_pieces);
    return out;
}

// A script word holding `text`: always quoted, with \" and \\ escaped.
std::string word(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string random_line(Prng& prng) {
    const std::string at = "at " + word(pick(prng, times)) + " ";
    switch (prng.next_u64() % 11) {
        case 0: return at + "publish " + pick(prng, producers) + " " + word(random_value(prng)) + " " + word(random_value(prng));
        case 1:
            return at + "edit " + pick(prng, producers) + " " + word(random_value(prng)) + " " + word(pick(prng, indices)) +
                   " " + word(random_value(prng));
        case 2: return at + "delete-topic " + pick(prng, producers) + " " + word(random_value(prng));
        case 3: return at + "delete-message " + pick(prng, producers) + " " + word(random_value(prng)) + " " + word(pick(prng, indices));
        case 4: return at + "session " + pick(prng, consumers);
        case 5: return at + "pick-broker " + pick(prng, consumers) + " " + pick(prng, brokers);
        case 6: return at + "pick-topic " + pick(prng, consumers) + " " + word(random_value(prng));
        case 7: return at + "pick-index " + pick(prng, consumers) + " " + word(pick(prng, indices));
        case 8: return at + (prng.next_u64() % 2 ? "crash " : "restart ") + pick(prng, brokers);
        case 9: return at + "partition " + pick(prng, groups) + " " + pick(prng, groups);
        default: return at + "heal";
    }
}

}  // namespace

TEST_CASE("whatever the script accepts, the saved scenario loads and replays", "[interactive][script][property]") {
    const ScenarioSpec base = seed_scenario();
    Prng prng(2026);
    int accepted = 0;
    int injected = 0;
    for (int i = 0; i < 8000; ++i) {
        const std::string line = random_line(prng);
        INFO("case " << i << ": " << terminal_text(line));
        std::vector<ScriptCommand> commands;
        std::string error;
        if (!parse_script_line(line, 1, base, commands, error)) {
            CHECK_FALSE(error.empty());
            CHECK(is_valid_utf8(terminal_text(error)));
            continue;
        }
        REQUIRE(commands.size() == 1);
        ++accepted;
        // The accepted values keep the loader's rules.
        const Injection& injection = commands[0].injection;
        CHECK(is_valid_utf8(injection.op.topic));
        CHECK(is_valid_utf8(injection.op.message));
        CHECK(is_valid_utf8(injection.topic));
        CHECK(injection.op.index >= 0);
        Exploration exploration(base);
        if (exploration.inject(injection)) continue;  // refused by the exploration (e.g. not choosing yet)
        ++injected;
        for (const bool with_expectations : {false, true}) {
            const std::string yaml = save_scenario_yaml(exploration.spec_to_save(with_expectations));
            LoadResult saved = load_checked_scenario_text(yaml, "saved.yaml");
            for (const Diagnostic& d : saved.errors) UNSCOPED_INFO(format_diagnostic(d));
            INFO(terminal_lines(yaml));
            REQUIRE(saved.spec);
            const RecordedRun replay(std::move(*saved.spec), RecordOptions{});
            CHECK(format_fingerprint(write_trace(replay, nullptr)) == exploration.fingerprint());
        }
    }
    // The generator reaches both sides.
    CHECK(accepted > 1000);
    CHECK(injected > 500);
}

TEST_CASE("the script refuses what the loader refuses, in the loader's words", "[interactive][script]") {
    const ScenarioSpec base = seed_scenario();
    auto refusal = [&](const std::string& line) {
        std::vector<ScriptCommand> commands;
        std::string error;
        const bool ok = parse_script_line(line, 1, base, commands, error);
        return ok ? std::string("accepted") : error;
    };
    CHECK(refusal("at 1ms publish p1 \"caf\xE9\" m") == "the topic 'caf\\xe9' is not valid UTF-8 text");
    CHECK(refusal("at 1ms publish p1 t \"caf\xE9\"") == "the message 'caf\\xe9' is not valid UTF-8 text");
    CHECK(refusal("at 1ms publish p1 \"\" m") == "the topic '' must not be empty");
    CHECK(refusal("at 1ms pick-topic c1 \"\"") == "the topic '' must not be empty");
    CHECK(refusal("at 1ms edit p1 t -1 m") == "the index must be an integer from 0 to 9223372036854775807, got '-1'");
    CHECK(refusal("at 1ms pick-index c1 +5") == "the index must be an integer from 0 to 9223372036854775807, got '+5'");
    CHECK(refusal("at -1ms session c1").rfind("invalid duration for 'at': ", 0) == 0);
    CHECK(refusal("at 1ms publish p1 \"\" \"\"") != "accepted");
    CHECK(refusal("at 1ms publish p1 t \"\"") == "accepted");  // an empty message is a message
}

TEST_CASE("the front door refuses what any program would: empty topic names, unknown stat paths", "[interactive][front-door]") {
    auto errors = [](const std::string& text) {
        std::vector<std::string> out;
        for (const Diagnostic& d : load_checked_scenario_text(text, "t.yaml").errors) out.push_back(format_diagnostic(d));
        return out;
    };
    using Lines = std::vector<std::string>;
    // An initial topic named "" is refused as `topic: ""` is in an action.
    CHECK(errors("brokers:\n  - name: b1\n    topics: {\"\": [m]}\n") ==
          Lines{"t.yaml:3:14: error: a topic name must not be empty"});
    CHECK(errors("brokers:\n  - name: b1\nexpect:\n  - broker: b1\n    topics: {\"\": []}\n") ==
          Lines{"t.yaml:5:14: error: a topic name must not be empty"});
    // Stat paths: checked by the one function kafkasim-explore and kafkasim-viz load through too.
    const std::vector<std::string> stat = errors("brokers: 1\nexpect:\n  - stat: brokers.b1.utilizaton\n    \">\": 0\n");
    REQUIRE(stat.size() == 1);
    CHECK_THAT(stat[0], Catch::StartsWith("t.yaml:3:11: error: unknown stat field 'utilizaton'"));
}
