// The README documents the whole trace vocabulary: every record kind, every
// field a trace line can carry, and every value of `reason` and `error`.
// The field names are collected from real traces (every config, every test
// scenario and the error cases), so a new field cannot ship undocumented.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "reply_error_cases.hpp"
#include "scenario_files.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"

#ifndef KAFKASIM_SOURCE_DIR
#error "the tests' CMake defines KAFKASIM_SOURCE_DIR as the repository root"
#endif

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

std::string readme_text() {
    std::ifstream file(std::string(KAFKASIM_SOURCE_DIR) + "/README.md");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// The keys of every JSON object in the trace lines (top level and payload).
void collect_keys(const std::string& trace, std::set<std::string>& keys) {
    static const std::regex key(R"((?:\{|, )\"([a-z_]+)\": )");
    for (std::sregex_iterator it(trace.begin(), trace.end(), key), end; it != end; ++it) keys.insert((*it)[1]);
}

bool documented(const std::string& readme, const std::string& name) { return readme.find("`" + name + "`") != std::string::npos; }

}  // namespace

TEST_CASE("the README names every record kind, trace field, reason and error", "[readme][trace]") {
    const std::string readme = readme_text();
    REQUIRE(!readme.empty());
    for (std::size_t k = 0; k < record_kind_count; ++k) {
        const std::string name(record_kind_name(static_cast<RecordKind>(k)));
        INFO("record kind " << name);
        CHECK(documented(readme, name));
    }
    for (std::size_t r = 0; r < reason_count; ++r) {
        const std::string name(reason_name(static_cast<Reason>(r)));
        if (name == "none") continue;  // never written
        INFO("reason " << name);
        CHECK(documented(readme, name));
    }
    for (std::size_t e = 1; e < error_code_count; ++e) {
        const std::string name(error_name(static_cast<ErrorCode>(e)));
        INFO("error " << name);
        CHECK(documented(readme, name));
    }

    std::set<std::string> keys;
    for (const std::string& file : scenario_files({"configs", "tests/scenarios"})) {
        LoadResult loaded = load_scenario_file(file);
        REQUIRE(loaded.spec);
        const RecordedRun run(*loaded.spec, records_only());
        std::ostringstream trace;
        write_trace(run, &trace);
        collect_keys(trace.str(), keys);
    }
    for (const ErrorCase& error_case : reply_error_cases()) {
        const RecordedRun run(error_case.spec, records_only());
        std::ostringstream trace;
        write_trace(run, &trace);
        collect_keys(trace.str(), keys);
    }
    // The collection itself works: these are in every trace or in the error cases.
    for (const char* known : {"event", "payload", "kind", "error", "reason", "ok", "dictionary_lost", "violations"}) {
        CHECK(keys.count(known) == 1);
    }
    // The values of "violations": each monitor, and the healed divergence
    // (the only finding that ends).
    for (std::size_t m = 0; m < monitor_kind_count; ++m) {
        const std::string name(monitor_name(static_cast<MonitorKind>(m)));
        INFO("violation " << name);
        CHECK(documented(readme, name));
    }
    CHECK(documented(readme, std::string(monitor_name(MonitorKind::divergence)) + "_healed"));
    for (const std::string& key : keys) {
        INFO("trace field " << key);
        CHECK(documented(readme, key));
    }
}
