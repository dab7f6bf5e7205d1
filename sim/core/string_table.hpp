// Interned strings: topics and messages travel as 32-bit ids on the hot path
// and turn back into text only at the edges (narrative, JSON, viz).
// Append-only, so an id stays valid for the life of the table; a simulation
// re-run from a snapshot re-interns the same texts and finds the same ids.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
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
    // Transparent hashing: look up a string_view without building a string.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    // The map is only looked up, never iterated, so its order cannot reach output.
    std::unordered_map<std::string, StringId, Hash, std::equal_to<>> ids_;
    std::vector<std::string> texts_;
};

}  // namespace kafkasim
