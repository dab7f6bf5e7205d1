// Our own PRNG, so that a scenario and a seed give the same draws with every
// standard library: xoshiro256** seeded through splitmix64. Each actor (and the
// network) owns a stream derived from (scenario seed, stream name), so adding
// an actor to a scenario does not change the draws of the others.
#pragma once

#include <cassert>
#include <cstdint>
#include <string_view>

namespace kafkasim {

constexpr std::uint64_t splitmix64_next(std::uint64_t& state) {
    state += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// FNV-1a: a stable hash of a stream name (never std::hash, which may differ).
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 0xcbf29ce484222325ull) {
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

// GCC and Clang's 128-bit integer: a full 64x64 multiply for Lemire's method.
__extension__ typedef unsigned __int128 uint128;

class Prng {
public:
    Prng() : Prng(0) {}
    explicit Prng(std::uint64_t seed) {
        std::uint64_t sm = seed;
        for (auto& word : state_) word = splitmix64_next(sm);
        // All-zero state is the one fixed point of xoshiro; splitmix never
        // yields four zero words in a row, but keep the invariant explicit.
        assert((state_[0] | state_[1] | state_[2] | state_[3]) != 0);
    }
    // The stream of one named actor under one scenario seed.
    static Prng stream(std::uint64_t scenario_seed, std::string_view name) {
        std::uint64_t mixed = scenario_seed;
        return Prng(splitmix64_next(mixed) ^ fnv1a64(name));
    }

    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }

    // Uniform in [0, bound), bound > 0, unbiased (Lemire's multiply with rejection).
    std::uint64_t below(std::uint64_t bound) {
        assert(bound > 0);
        uint128 m = static_cast<uint128>(next_u64()) * bound;
        std::uint64_t low = static_cast<std::uint64_t>(m);
        if (low < bound) {
            const std::uint64_t threshold = (0 - bound) % bound;
            // Expected iterations < 2; the bound keeps the loop finite even for a
            // broken generator (probability of 64 rejections is < 2^-64).
            for (int attempt = 0; low < threshold && attempt < 64; ++attempt) {
                m = static_cast<uint128>(next_u64()) * bound;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    // Uniform in [0, 1) with 53 random bits: exact, no rounding up to 1.
    double unit() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

    bool operator==(const Prng&) const = default;
    // Word i (0..3) of the state, for state hashes and snapshots' checks.
    std::uint64_t state_word(int i) const {
        assert(i >= 0 && i < 4);
        return state_[i];
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4];
};

}  // namespace kafkasim
