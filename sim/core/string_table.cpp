// See string_table.hpp.
#include "core/string_table.hpp"

#include <cassert>

namespace kafkasim {

StringId StringTable::intern(std::string_view text) {
    auto found = ids_.find(text);
    if (found != ids_.end()) return found->second;
    assert(texts_.size() < no_string);
    const auto id = static_cast<StringId>(texts_.size());
    texts_.emplace_back(text);
    ids_.emplace(texts_.back(), id);
    return id;
}

StringId StringTable::find(std::string_view text) const {
    auto found = ids_.find(text);
    return found == ids_.end() ? no_string : found->second;
}

}  // namespace kafkasim
