// See string_table.hpp.
#include "core/string_table.hpp"

#include <cassert>
#include <functional>

namespace kafkasim {

namespace {

// Spread: std::hash is a size_t, 32 bits in the web build, and the index
// reads its high 32 bits.
std::uint64_t hash(std::string_view text) { return IdIndex::spread(std::hash<std::string_view>{}(text)); }

}  // namespace

StringId StringTable::intern(std::string_view text) {
    const auto matches = [&](StringId id) { return texts_[id] == text; };
    StringId& id = index_.insert(hash(text), matches);
    if (id != no_string) return id;
    assert(texts_.size() < no_string);
    // A new text (a deque's emplace_back moves none of the others).
    texts_.emplace_back(text);
    id = static_cast<StringId>(texts_.size() - 1);
    return id;
}

StringId StringTable::find(std::string_view text) const {
    return index_.find(hash(text), [&](StringId id) { return texts_[id] == text; });
}

}  // namespace kafkasim
