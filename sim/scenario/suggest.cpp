// Edit distance and the "did you mean" choice built on it.
#include "scenario/suggest.hpp"

#include <algorithm>
#include <vector>

namespace kafkasim {
namespace {

char fold(char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if (c == '-') return '_';
    return c;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the dynamic programming table: the swap rule looks two back.
    const std::size_t n = b.size();
    std::vector<std::size_t> before(n + 1), previous(n + 1), current(n + 1);
    for (std::size_t j = 0; j <= n; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= n; ++j) {
            const bool same = fold(a[i - 1]) == fold(b[j - 1]);
            std::size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
                best = std::min(best, before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[n];
}

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
    // A third of the word's length, at least 1, at most 3: "polcy" -> "policy"
    // yes, "foo" -> "fail" no.
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    std::optional<std::string_view> best;
    std::size_t best_distance = allowed + 1;
    bool tie = false;
    for (std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance && best && *best != candidate) {
            tie = true;
        }
    }
    if (best && !tie) return std::string(*best);
    if (best) return std::nullopt;

    // No close spelling: an abbreviation ("expo" for "exponential") still is a
    // good guess when exactly one candidate starts with it.
    if (word.size() < 2) return std::nullopt;
    std::optional<std::string_view> prefixed;
    for (std::string_view candidate : candidates) {
        if (candidate.size() > word.size() && edit_distance(candidate.substr(0, word.size()), word) == 0) {
            if (prefixed && *prefixed != candidate) return std::nullopt;
            prefixed = candidate;
        }
    }
    if (prefixed) return std::string(*prefixed);
    return std::nullopt;
}

std::string join_words(std::span<const std::string_view> words) {
    std::string out;
    for (std::string_view word : words) {
        if (!out.empty()) out += ", ";
        out += word;
    }
    return out;
}

}  // namespace kafkasim
