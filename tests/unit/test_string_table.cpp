// The string table (core/string_table.hpp): ids in first-intern order, the
// same id for the same text, find() never inserts, across the index's growth.
#include <catch2/catch.hpp>

#include <string>

#include "core/string_table.hpp"

namespace kafkasim {
namespace {

TEST_CASE("string table: ids follow first-intern order and survive growth", "[string_table]") {
    StringTable strings;
    CHECK(strings.find("m-1") == no_string);
    CHECK(strings.intern("") == 0);
    constexpr int count = 100'000;  // grows the index many times
    for (int n = 1; n <= count; ++n) {
        const std::string text = "m-" + std::to_string(n);
        REQUIRE(strings.intern(text) == static_cast<StringId>(n));
        REQUIRE(strings.intern(text) == static_cast<StringId>(n));
    }
    CHECK(strings.size() == count + 1);
    for (int n = 1; n <= count; n += 997) {
        const std::string text = "m-" + std::to_string(n);
        CHECK(strings.find(text) == static_cast<StringId>(n));
        CHECK(strings.text(static_cast<StringId>(n)) == text);
    }
    CHECK(strings.find("") == 0);
    CHECK(strings.find("m-0") == no_string);
    CHECK(strings.find("m-100001") == no_string);
    CHECK(strings.size() == count + 1);  // find() added nothing
}

TEST_CASE("string table: a text interned from the table itself finds itself", "[string_table]") {
    StringTable strings;
    const StringId id = strings.intern("Hello world");
    CHECK(strings.intern(strings.text(id)) == id);
    // Texts that differ only after a shared prefix, or by a NUL byte.
    CHECK(strings.intern(std::string("a\0b", 3)) != strings.intern(std::string("a\0c", 3)));
    CHECK(strings.size() == 3);
}

TEST_CASE("string table: a copy keeps ids and interns on its own", "[string_table]") {
    StringTable strings;
    strings.intern("a");
    strings.intern("b");
    StringTable copy = strings;
    CHECK(copy.intern("c") == 2);
    CHECK(strings.find("c") == no_string);
    CHECK(copy.find("b") == 1);
}

}  // namespace
}  // namespace kafkasim
