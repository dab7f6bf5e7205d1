// A control character YAML forbids (C0 but tab, LF and CR; DEL) is reported at
// its own line and column, whatever it is and wherever it stands, and
// yaml-cpp never sees the text: a NUL byte makes yaml-cpp guess UTF-16 or
// UTF-32 and report positions outside the file (found by fuzz_load).
#include "core/prng.hpp"
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

using namespace kafkasim;

namespace {

std::string read_config(const std::string& name) {
    std::ifstream in(std::string(KAFKASIM_SOURCE_DIR) + "/configs/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("every forbidden control character is reported where it stands", "[loader][text]") {
    const std::string base = read_config("seed.yaml");
    REQUIRE(load_scenario_text(base, "seed.yaml").spec);
    Prng prng(2026);
    int cases = 0;
    for (int byte = 0; byte < 0x80; ++byte) {
        const bool forbidden = (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f;
        if (!forbidden) continue;
        for (int trial = 0; trial < 20; ++trial) {
            std::string text = base;
            const std::size_t offset = static_cast<std::size_t>(prng.below(text.size() + 1));
            text.insert(offset, 1, static_cast<char>(byte));
            int line = 1;
            int column = 1;
            for (std::size_t i = 0; i < offset; ++i) {
                if (text[i] == '\n') {
                    ++line;
                    column = 1;
                } else {
                    ++column;
                }
            }
            const LoadResult loaded = load_scenario_text(text, "x.yaml");
            INFO("byte " << byte << " at offset " << offset);
            REQUIRE_FALSE(loaded.spec);
            REQUIRE(loaded.errors.size() == 1);
            CHECK(loaded.errors[0].line == line);
            CHECK(loaded.errors[0].column == column);
            CHECK(loaded.errors[0].message.find("control character") != std::string::npos);
            ++cases;
        }
    }
    CHECK(cases == 30 * 20);
}

TEST_CASE("a UTF-16 file is named as such", "[loader][text]") {
    for (const std::string& bom : {std::string("\xff\xfe"), std::string("\xfe\xff")}) {
        const LoadResult loaded = load_scenario_text(bom + std::string("n\0a\0m\0e\0", 8), "x.yaml");
        REQUIRE(loaded.errors.size() == 1);
        CHECK(loaded.errors[0].line == 1);
        CHECK(loaded.errors[0].message.find("UTF-16") != std::string::npos);
    }
}
