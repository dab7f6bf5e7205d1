// Interned strings: topics and messages travel as 32-bit ids on the hot path
// and turn back into text only at the edges (narrative, JSON, viz).
// Append-only, so an id stays valid for the life of the table; a simulation
// re-run from a snapshot re-interns the same texts and finds the same ids.
//
// Workloads intern a new text per publish (millions in a long run), so the
// index is an open-addressing table of 8-byte slots (hash tag, id) over the
// texts themselves, not a node-based map: no allocation per text, and a
// lookup touches one slot run and, on a tag match, one text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

using StringId = std::uint32_t;
constexpr StringId no_string = 0xffffffffu;

class StringTable {
public:
    StringId intern(std::string_view text);
    // no_string when absent; never inserts.
    StringId find(std::string_view text) const;
    const std::string& text(StringId id) const { return texts_.at(id); }
    std::size_t size() const { return texts_.size(); }

private:
    // An empty slot has id no_string. The table is only probed, never
    // iterated, so neither its order nor the hash function reaches output.
    struct Slot {
        std::uint32_t tag = 0;  // the hash's high 32 bits: most mismatches never read a text
        StringId id = no_string;
    };
    static std::uint64_t hash(std::string_view text);
    // The slot holding `text`, or the empty slot where it would go.
    std::size_t probe(std::string_view text, std::uint64_t hash) const;
    void grow();

    std::vector<Slot> slots_;  // a power of two in size, at most half full
    std::vector<std::string> texts_;
};

}  // namespace kafkasim
