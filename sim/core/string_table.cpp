// See string_table.hpp.
#include "core/string_table.hpp"

#include <cassert>
#include <functional>

namespace kafkasim {

std::uint64_t StringTable::hash(std::string_view text) { return std::hash<std::string_view>{}(text); }

std::size_t StringTable::probe(std::string_view text, std::uint64_t hash) const {
    assert(!slots_.empty() && (slots_.size() & (slots_.size() - 1)) == 0);
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    // Linear probing; the table is never more than half full, so the loop
    // ends at an empty slot within a few steps on average (and within
    // slots_.size() steps always).
    for (std::size_t i = hash & mask, step = 0; step < slots_.size(); i = (i + 1) & mask, ++step) {
        const Slot& slot = slots_[i];
        if (slot.id == no_string) return i;
        if (slot.tag == tag && texts_[slot.id] == text) return i;
    }
    assert(false && "a string table slot run never covers the whole table");
    return 0;
}

void StringTable::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
        if (slot.id == no_string) continue;
        std::size_t i = hash(texts_[slot.id]) & mask;
        while (slots_[i].id != no_string) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

StringId StringTable::intern(std::string_view text) {
    if ((texts_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = hash(text);
    Slot& slot = slots_[probe(text, h)];
    if (slot.id != no_string) return slot.id;
    assert(texts_.size() < no_string);
    slot.tag = static_cast<std::uint32_t>(h >> 32);
    slot.id = static_cast<StringId>(texts_.size());
    texts_.emplace_back(text);
    return slot.id;
}

StringId StringTable::find(std::string_view text) const {
    if (slots_.empty()) return no_string;
    return slots_[probe(text, hash(text))].id;
}

}  // namespace kafkasim
