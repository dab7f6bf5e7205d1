// IdIndex (core/id_index.hpp) against std::map as the model: the same
// answers for every key through many growths, also with hashes built to
// collide (one tag for every key: one run of slots; tags that differ only
// above the home bits: the same home for many keys).
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "core/id_index.hpp"
#include "core/prng.hpp"

namespace kafkasim {
namespace {

void check_against_map(const std::function<std::uint64_t(std::uint64_t)>& hash, int keys) {
    IdIndex index;
    std::vector<std::uint64_t> owner;  // id -> key
    std::map<std::uint64_t, std::uint32_t> model;
    Prng prng(7);
    for (int i = 0; i < 3 * keys; ++i) {
        const std::uint64_t key = prng.below(static_cast<std::uint64_t>(keys));
        const auto matches = [&](std::uint32_t id) { return owner[id] == key; };
        const auto found = model.find(key);
        REQUIRE(index.find(hash(key), matches) == (found == model.end() ? IdIndex::none : found->second));
        std::uint32_t& slot = index.insert(hash(key), matches);
        if (found == model.end()) {
            REQUIRE(slot == IdIndex::none);
            slot = static_cast<std::uint32_t>(owner.size());
            model.emplace(key, slot);
            owner.push_back(key);
        } else {
            REQUIRE(slot == found->second);
        }
        REQUIRE(index.size() == model.size());
    }
    for (std::uint64_t key = 0; key < static_cast<std::uint64_t>(keys) + 10; ++key) {
        const auto found = model.find(key);
        REQUIRE(index.find(hash(key), [&](std::uint32_t id) { return owner[id] == key; }) ==
                (found == model.end() ? IdIndex::none : found->second));
    }
}

TEST_CASE("IdIndex: answers as a map does, through growth, with any hash", "[id_index]") {
    SECTION("well mixed") {
        check_against_map(
            [](std::uint64_t k) {
                k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ull;
                k = (k ^ (k >> 27)) * 0x94d049bb133111ebull;
                return k ^ (k >> 31);
            },
            20'000);
    }
    SECTION("one tag for every key") { check_against_map([](std::uint64_t k) { return k; }, 2'000); }
    SECTION("tags that differ only in their top bits share a home") {
        check_against_map([](std::uint64_t k) { return (k % 64) << 58; }, 2'000);
    }
}

}  // namespace
}  // namespace kafkasim
