// See violation_index.hpp.
#include "model/violation_index.hpp"

#include <algorithm>
#include <cassert>

namespace kafkasim::viz {

std::span<const Violation> violations_at(const std::vector<Violation>& violations, std::size_t event) {
    assert(std::is_sorted(violations.begin(), violations.end(),
                          [](const Violation& a, const Violation& b) { return a.event < b.event; }) &&
           "the monitors record findings in event order");
    const auto first = std::lower_bound(violations.begin(), violations.end(), event,
                                        [](const Violation& v, std::size_t e) { return v.event < e; });
    const auto last = std::upper_bound(first, violations.end(), event,
                                       [](std::size_t e, const Violation& v) { return e < v.event; });
    // (pointer, count): the web build's libc++ has no span(iterator, iterator).
    const auto offset = static_cast<std::size_t>(first - violations.begin());
    return {violations.data() + offset, static_cast<std::size_t>(last - first)};
}

}  // namespace kafkasim::viz
