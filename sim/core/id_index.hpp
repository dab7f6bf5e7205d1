// IdIndex: a hash index of 32-bit ids into an array its owner keeps (the
// string table's texts, the lost_ack monitor's acknowledged writes), for
// lookups on every event. Open addressing with linear probing over 8-byte
// slots (a tag, the hash's high 32 bits, and the id); the keys live in the
// owner's array, which answers "does id match my key?". A slot's home is
// its tag's low bits, so growing moves slots by their tags alone, without
// rehashing a key (which read the owner's array at random, a cache miss per
// entry). No allocation per entry, unlike a node-based map, and a lookup
// reads one run of slots and, when a tag matches, one entry of the owner's
// array. A hash must carry its information in its high 32 bits (the tag):
// pass a hash through IdIndex::spread unless it is one of splitmix64's
// (std::hash is 32 bits wide in the web build, where its high bits are 0).
//
// The index is only probed, never iterated: neither its order nor the hash
// function can reach any output.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

namespace kafkasim {

class IdIndex {
public:
    static constexpr std::uint32_t none = 0xffffffffu;

    // splitmix64's finalizer: every bit of `key` reaches the high 32 bits.
    static constexpr std::uint64_t spread(std::uint64_t key) {
        key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ull;
        key = (key ^ (key >> 27)) * 0x94d049bb133111ebull;
        return key ^ (key >> 31);
    }

    std::size_t size() const { return used_; }
    void clear() {
        slots_.clear();
        used_ = 0;
    }

    // The id whose key `matches(id)` accepts, or none.
    template <typename Matches>
    std::uint32_t find(std::uint64_t hash, Matches&& matches) const {
        if (slots_.empty()) return none;
        return slots_[probe(hash, matches)].id;
    }

    // The id slot for the key: its id when present (the caller may replace
    // it by another id of the same key), else an empty slot set to none that
    // the caller must fill with a new id of that key before the next call.
    template <typename Matches>
    std::uint32_t& insert(std::uint64_t hash, Matches&& matches) {
        if ((used_ + 1) * 2 > slots_.size()) grow();
        Slot& slot = slots_[probe(hash, matches)];
        if (slot.id == none) {
            slot.tag = tag_of(hash);
            ++used_;
        }
        return slot.id;
    }

private:
    struct Slot {
        std::uint32_t tag = 0;  // the hash's high bits: most mismatches never read the owner's array
        std::uint32_t id = none;
    };
    static std::uint32_t tag_of(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

    // The slot holding the key, or the empty slot where it would go. At
    // most half the slots are used, so a run ends within a few steps on
    // average (and within slots_.size() steps always).
    template <typename Matches>
    std::size_t probe(std::uint64_t hash, Matches& matches) const {
        assert(!slots_.empty() && (slots_.size() & (slots_.size() - 1)) == 0);
        const std::size_t mask = slots_.size() - 1;
        const std::uint32_t tag = tag_of(hash);
        for (std::size_t i = tag & mask, step = 0; step < slots_.size(); i = (i + 1) & mask, ++step) {
            const Slot& slot = slots_[i];
            if (slot.id == none || (slot.tag == tag && matches(slot.id))) return i;
        }
        assert(false && "an index at most half full always has an empty slot");
        return 0;
    }

    void grow() {
        std::vector<Slot> old = std::move(slots_);
        // Homes come from 32-bit tags: at most 2^32 slots (2^31 ids, far
        // beyond what a run holds in memory).
        // (In 64 bits: size_t is 32 bits wide in the web build.)
        assert(static_cast<std::uint64_t>(old.size()) < (std::uint64_t{1} << 32) && "an IdIndex holds at most 2^31 ids");
        slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        const std::size_t mask = slots_.size() - 1;
        for (const Slot& slot : old) {
            if (slot.id == none) continue;
            std::size_t i = slot.tag & mask;
            while (slots_[i].id != none) i = (i + 1) & mask;
            slots_[i] = slot;
        }
    }

    std::vector<Slot> slots_;  // empty, or a power of two in size
    std::size_t used_ = 0;
};

}  // namespace kafkasim
