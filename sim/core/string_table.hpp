// Interned strings: topics and messages travel as 32-bit ids on the hot path
// and turn back into text only at the edges (narrative, JSON, viz).
// Append-only, so an id stays valid for the life of the table; a simulation
// re-run from a snapshot re-interns the same texts and finds the same ids.
//
// Workloads intern a new text per publish (millions in a long run), so the
// texts are indexed by an IdIndex (id_index.hpp), not a node-based map: no
// allocation and no second copy per text.
#pragma once

#include <cstdint>
#include <string>
#include <deque>
#include <string_view>

#include "core/id_index.hpp"

namespace kafkasim {

using StringId = std::uint32_t;
constexpr StringId no_string = IdIndex::none;

class StringTable {
public:
    StringId intern(std::string_view text);
    // no_string when absent; never inserts.
    StringId find(std::string_view text) const;
    const std::string& text(StringId id) const { return texts_.at(id); }
    std::size_t size() const { return texts_.size(); }

private:
    IdIndex index_;
    // A deque: appending never moves the texts already held (a vector's
    // doublings copied millions of strings in a long run).
    std::deque<std::string> texts_;
};

}  // namespace kafkasim
