// An actor name may not hold ',', '<' or '>': links ("A->B", "A<->B") and a
// script's partition groups ("b1,p1") are written with them, so such a name
// could be read as two actors (found by a new-user review). Checked for every
// actor kind, every such character and every place in the name; other
// punctuation stays allowed.
#include "scenario/load.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace kafkasim;

namespace {

std::string scenario_with(const std::string& broker, const std::string& producer, const std::string& consumer) {
    return "name: names\nbrokers:\n  - name: \"" + broker + "\"\nproducers:\n  - name: \"" + producer +
           "\"\nconsumers:\n  - name: \"" + consumer + "\"\n";
}

}  // namespace

TEST_CASE("actor names cannot hold the link and group characters", "[loader]") {
    int cases = 0;
    for (const char c : std::string(",<>")) {
        for (const std::string& name : {std::string(1, c), std::string("a") + c, std::string(1, c) + "b", std::string("a") + c + "b",
                                        std::string("a-") + c + "b"}) {
            for (int kind = 0; kind < 3; ++kind) {
                const std::string text = scenario_with(kind == 0 ? name : "b1", kind == 1 ? name : "p1", kind == 2 ? name : "c1");
                const LoadResult loaded = load_scenario_text(text, "x.yaml");
                INFO(text);
                REQUIRE_FALSE(loaded.spec);
                REQUIRE(loaded.errors.size() == 1);
                CHECK(loaded.errors[0].line == 3 + 2 * kind);
                CHECK(loaded.errors[0].message.find(std::string("contains '") + c + "'") != std::string::npos);
                ++cases;
            }
        }
    }
    CHECK(cases == 3 * 5 * 3);
    for (const char* name : {"b-1", "b.1", "b_1", "b 1", "b:1", "b(1)", "Łódź", "b=1"}) {
        INFO(name);
        CHECK(load_scenario_text(scenario_with(name, "p1", "c1"), "x.yaml").spec);
    }
}
