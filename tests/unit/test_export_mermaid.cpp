// The Mermaid export against a small grammar of what it may write (the
// subset of Mermaid's sequenceDiagram it uses, with every label made of safe
// characters and entity codes), over every scenario file, random workloads
// with faults, and generated texts of every kind of character: what Mermaid
// would read as syntax (';', '#', ':', '<', '%', '"', ...), controls, C1,
// invalid UTF-8, non-ASCII. Decoding a label's entities gives the text back.
#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <sstream>

#include "export/mermaid_export.hpp"
#include "export_checks.hpp"
#include "fault_builders.hpp"
#include "log_tour_scenarios.hpp"
#include "scenario/load.hpp"
#include "scenario_builders.hpp"
#include "scenario_files.hpp"
#include "text/utf8_text.hpp"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

// A label: safe ASCII, entity codes, or UTF-8 beyond ASCII.
const std::string label = R"((?:[A-Za-z0-9 .,_\-+*/=!?()'@$^~]|#[0-9]+;|[\x80-\xff])+)";
const std::string id = "A[0-9]+";

struct MermaidFacts {
    std::uint64_t arrows = 0;
    std::uint64_t notes = 0;
    std::vector<std::string> labels;
};

// Every line is one of the forms below; participants come first and every
// arrow and note names declared participants only.
MermaidFacts check_mermaid(const std::string& text) {
    MermaidFacts facts;
    const std::regex participant("^    participant (" + id + ") as (" + label + ")$");
    const std::regex arrow("^    (" + id + ")(->>|-->>|-x|--x)(" + id + "): (" + label + ")$");
    const std::regex note("^    Note over (" + id + ")(?:,(" + id + "))?: (" + label + ")$");
    std::istringstream lines(text);
    std::string line;
    REQUIRE(std::getline(lines, line));
    REQUIRE(line == "sequenceDiagram");
    std::set<std::string> declared;
    bool body = false;
    std::smatch match;
    while (std::getline(lines, line)) {
        CAPTURE(line);
        REQUIRE(is_valid_utf8(line));
        if (std::regex_match(line, match, participant)) {
            REQUIRE(!body);
            REQUIRE(declared.insert(match[1]).second);
            facts.labels.push_back(match[2]);
        } else if (std::regex_match(line, match, arrow)) {
            body = true;
            REQUIRE(declared.count(match[1]) == 1);
            REQUIRE(declared.count(match[3]) == 1);
            facts.labels.push_back(match[4]);
            ++facts.arrows;
        } else if (std::regex_match(line, match, note)) {
            body = true;
            REQUIRE(declared.count(match[1]) == 1);
            if (match[2].matched) REQUIRE(declared.count(match[2]) == 1);
            facts.labels.push_back(match[3]);
            ++facts.notes;
        } else {
            FAIL("not in the grammar");
        }
    }
    REQUIRE(!declared.empty());
    return facts;
}

// Mermaid's reading of a label: each "#N;" is the character N.
std::string decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '#') {
            const std::size_t end = text.find(';', i);
            REQUIRE(end != std::string::npos);
            const int code = std::stoi(text.substr(i + 1, end - i - 1));
            REQUIRE(code > 0);
            REQUIRE(code < 128);
            out += static_cast<char>(code);
            i = end;
        } else {
            out += text[i];
        }
    }
    return out;
}

// What the label shows for `text`: valid UTF-8, controls (C0, DEL, C1) as U+FFFD.
std::string shown(std::string_view text) {
    const std::string valid = valid_utf8(text);
    std::string out;
    for (std::size_t i = 0; i < valid.size(); ++i) {
        const auto c = static_cast<unsigned char>(valid[i]);
        if (c < 0x20 || c == 0x7f) {
            out += "\xef\xbf\xbd";
        } else if (c == 0xc2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xa0) {
            out += "\xef\xbf\xbd";
            ++i;
        } else {
            out += valid[i];
        }
    }
    return out.empty() ? " " : out;
}

std::string random_text(std::mt19937_64& random) {
    static const std::vector<std::string> pieces = {
        ";", "#", ":", "<", ">", "%", "%%", "\"", "&", "{", "}", "[", "]", "|", "\\", "`", "-->>", "->>", "-x", "+",
        "end", "Note", "<br>", "#59;", "\n", "\r", "\t", "\x1b", "\x7f", "\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\x80", "\xff",
        "\xe2\x80\xae", "\xc5\x81\xc3\xb3" "d\xc5\xba", "\xf0\x9f\x98\x80", "\xe4\xb8\xad", "a", "Z", "0", " ", ",", "."};
    std::string text;
    const std::size_t count = random() % 8;
    for (std::size_t i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    return text;
}

}  // namespace

TEST_CASE("mermaid export: labels of any text stay in the grammar and read back", "[export][mermaid]") {
    std::mt19937_64 random(14);
    for (int i = 0; i < 5000; ++i) {
        const std::string text = random_text(random);
        CAPTURE(text);
        const std::string escaped = mermaid_text(text);
        REQUIRE(std::regex_match(escaped, std::regex(label)));
        CHECK(decode(escaped) == shown(text));
    }
}

TEST_CASE("mermaid export: names, topics and messages of any text make a diagram in the grammar", "[export][mermaid]") {
    std::mt19937_64 random(7);
    for (int i = 0; i < 40; ++i) {
        ScenarioSpec spec = base_scenario(static_cast<std::uint64_t>(i));
        const std::string topic = random_text(random);
        spec.brokers = {broker("b" + random_text(random), 0, {{topic, {random_text(random)}}}), broker("b2")};
        spec.producers = {workload_producer("p" + random_text(random), {0, 1}, DistributionSpec::constant(ns_per_ms), 5, {topic},
                                            random_text(random) + "{n}")};
        spec.consumers = {workload_consumer("c" + random_text(random), DistributionSpec::constant(ns_per_ms), 3,
                                            choice(ChoiceSpec::Kind::random), choice(ChoiceSpec::Kind::random))};
        spec.faults = {crash_at(3 * ns_per_ms, 1), restart_at(6 * ns_per_ms, 1)};
        const ExportedRun run = export_run(spec, 100'000, ExportFormat::mermaid);
        const MermaidFacts facts = check_mermaid(run.text);
        CHECK(facts.arrows == std::min<std::uint64_t>(run.deliveries, 200));
    }
}

TEST_CASE("mermaid export: every scenario file and faulty workloads, first messages and windows", "[export][mermaid]") {
    for (const std::string& file : scenario_files({"configs", "tests/scenarios"})) {
        CAPTURE(file);
        LoadResult loaded = load_scenario_file(file);
        if (!loaded.spec) continue;
        const ExportedRun run = export_run(*loaded.spec, 30'000, ExportFormat::mermaid);
        const MermaidFacts facts = check_mermaid(run.text);
        CHECK(facts.arrows == std::min<std::uint64_t>(run.deliveries, 200));
        if (run.deliveries > 200) CHECK(run.text.find(std::to_string(run.deliveries - 200) + " more messages not shown") != std::string::npos);
    }
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        ScenarioSpec spec = random_workload(seed);
        spec.faults = {crash_at(20 * ns_per_ms, 0), restart_at(40 * ns_per_ms, 0),
                       partition({{0, 2}, {1, 3, 4, 5, 6}}, 10 * ns_per_ms, 60 * ns_per_ms),
                       drop(links({}, {}), 0.3, 0, 100 * ns_per_ms)};
        ExportSettings settings;
        settings.window = ExportWindow{static_cast<TimeNs>(seed) * 10 * ns_per_ms, static_cast<TimeNs>(seed) * 10 * ns_per_ms + 5 * ns_per_ms, true};
        const ExportedRun run = export_run(spec, 10'000'000, ExportFormat::mermaid, settings);
        const MermaidFacts facts = check_mermaid(run.text);
        CHECK(facts.arrows > 0);
        CHECK(facts.arrows <= MermaidExport::window_messages_max);
    }
}

TEST_CASE("mermaid export: the log model's requests, replies and rebalances as short labels", "[export][mermaid][log]") {
    for (const ScenarioSpec& spec : log_tour_scenarios()) {
        CAPTURE(spec.name);
        ExportSettings settings;
        settings.mermaid_messages_max = 1'000'000;
        const ExportedRun run = export_run(spec, 10'000'000, ExportFormat::mermaid, settings);
        const MermaidFacts facts = check_mermaid(run.text);
        CHECK(facts.arrows == run.deliveries);  // every log message is an arrow
        std::map<std::string, std::uint64_t> forms;
        const std::pair<const char*, std::regex> expected[] = {
            {"append", std::regex(R"(^\S+ append (user-[0-9]|k[0-9]|\(no key\)) -> (orders|audit)-[0-9]( = .*)?(: \w+)?$)")},
            {"ack", std::regex(R"(^\S+ ack append (orders|audit)-[0-9] @[0-9]+$)")},
            {"fetch", std::regex(R"(^\S+ fetch (orders|audit)-[0-9] @[0-9]+(: \w+)?$)")},
            {"fetch_reply", std::regex(R"(^\S+ fetch_reply (orders|audit)-[0-9] @[0-9]+: [0-9]+ records?( \(stale\))?$)")},
            {"offset_commit", std::regex(R"(^\S+ offset_commit (orders|audit)-[0-9] @[0-9]+(: \w+)?$)")},
            {"join_group", std::regex(R"(^\S+ join_group g[12](: \w+)?$)")},
            {"join_group_reply", std::regex(R"(^\S+ join_group_reply g[12] generation [0-9]+: (idle|.*(orders|audit)-[0-9].*)( \(stale\))?$)")},
            {"heartbeat", std::regex(R"(^\S+ heartbeat g[12](: \w+)?$)")},
            {"leave_group", std::regex(R"(^\S+ leave_group g1$)")},
            {"rebalance", std::regex(R"(^\S+ g[12] rebalance starts \(\w+, [0-9]+ members\)$)")},
            {"generation", std::regex(R"(^\S+ g[12] generation [0-9]+: .*$)")},
        };
        for (const std::string& escaped : facts.labels) {
            const std::string label = decode(escaped);
            for (const auto& [form, pattern] : expected) {
                if (std::regex_match(label, pattern)) ++forms[form];
            }
        }
        for (const auto& [form, pattern] : expected) {
            INFO("no label of the form " << form);
            if (std::string(form) == "leave_group" && spec.name != log_tour_scenario().name) continue;
            CHECK(forms[form] > 0);
        }
    }
}
