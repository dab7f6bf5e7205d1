// See topology_layout.hpp.
#include "model/topology_layout.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace kafkasim::viz {

namespace {

// Card sizes in font units: a full card shows the name and a status line.
constexpr float full_width_min = 7.2f;
constexpr float full_width_max = 13.0f;
constexpr float full_height = 2.9f;
constexpr float broker_height = 4.2f;    // room for the queue boxes under the status
constexpr float compact_height = 1.6f;
constexpr float gap_x = 0.5f;
constexpr float gap_y = 0.35f;
constexpr float link_room_min = 1.5f;    // between two bands: the links must show

struct RolePlan {
    std::size_t count = 0;
    bool compact = false;
    float node_width = 0;
    float node_height = 0;
    std::size_t rows = 1;      // rows that fit the height
    float need_width = 0;      // the band's width wanted
    float band_x = 0;
    float band_width = 0;
};

std::size_t ceil_div(std::size_t a, std::size_t b) { return (a + b - 1) / b; }

}  // namespace

TopologyLayout layout_topology(const TopologyInput& input) {
    const float u = input.unit;
    TopologyLayout layout;
    std::array<RolePlan, role_count> plans{};
    std::size_t bands = 0;
    const float full_width = std::clamp(std::max(input.width * 0.17f, input.card_text_width_max + u), full_width_min * u, full_width_max * u);
    const float compact_width = std::clamp(input.name_width_max + 0.8f * u, 2.5f * u, 8.0f * u);
    for (std::size_t r = 0; r < role_count; ++r) {
        RolePlan& plan = plans[r];
        plan.count = input.counts[r];
        layout.nodes[r].assign(plan.count, Box{});
        if (plan.count == 0) continue;
        ++bands;
        const float height = (static_cast<Role>(r) == Role::broker ? broker_height : full_height) * u;
        // Full cards when the column holds them all, with a gap between cards.
        if (static_cast<float>(plan.count) * (height + gap_y * u) <= input.height) {
            plan.node_width = static_cast<Role>(r) == Role::broker ? full_width * 1.1f : full_width;
            plan.node_height = height;
            plan.rows = plan.count;
            plan.need_width = plan.node_width;
        } else {
            plan.compact = true;
            plan.node_width = compact_width;
            plan.node_height = std::min(compact_height * u, input.height);
            plan.rows = std::max<std::size_t>(1, static_cast<std::size_t>((input.height + gap_y * u) / (plan.node_height + gap_y * u)));
            const std::size_t columns = ceil_div(plan.count, plan.rows);
            plan.need_width = static_cast<float>(columns) * (plan.node_width + gap_x * u) - gap_x * u;
        }
        layout.compact = layout.compact || plan.compact;
    }
    if (bands == 0) return layout;

    // Bands left to right; what is left over goes between them (half a share at each edge).
    const float room = std::max(input.width - static_cast<float>(bands - 1) * link_room_min * u, 0.0f);
    float need = 0;
    for (const RolePlan& plan : plans) need += plan.need_width;
    const float scale = need > room ? room / need : 1.0f;
    float spare = 0;
    for (RolePlan& plan : plans) plan.band_width = std::floor(plan.need_width * scale);
    for (const RolePlan& plan : plans) spare += plan.band_width;
    spare = input.width - spare;  // link rooms and margins
    const float share = spare / static_cast<float>(bands);
    float x = input.x + share * 0.5f;
    for (RolePlan& plan : plans) {
        if (plan.count == 0) continue;
        plan.band_x = x;
        x += plan.band_width + share;
    }

    for (std::size_t r = 0; r < role_count; ++r) {
        RolePlan& plan = plans[r];
        if (plan.count == 0) continue;
        std::vector<Box>& nodes = layout.nodes[r];
        if (!plan.compact) {
            // One column, cards spread evenly down it (as many rows as cards).
            const float width = std::min(plan.node_width, plan.band_width);
            const float step = input.height / static_cast<float>(plan.count);
            for (std::size_t i = 0; i < plan.count; ++i) {
                const float centre_y = input.y + step * (static_cast<float>(i) + 0.5f);
                nodes[i] = Box{plan.band_x + (plan.band_width - width) * 0.5f, centre_y - plan.node_height * 0.5f, width, plan.node_height};
            }
            continue;
        }
        // A grid, filled column by column.
        const float width = std::min(plan.node_width, plan.band_width);
        const std::size_t columns_fit =
            std::max<std::size_t>(1, static_cast<std::size_t>((plan.band_width + gap_x * u) / (width + gap_x * u)));
        const std::size_t capacity = columns_fit * plan.rows;
        std::size_t shown = plan.count;
        if (plan.count > capacity) {
            shown = capacity - 1;  // the last cell says how many more
            layout.hidden[r] = plan.count - shown;
        }
        const std::size_t cells = shown + (layout.hidden[r] > 0 ? 1 : 0);
        const std::size_t columns = ceil_div(cells, plan.rows);
        const std::size_t rows = ceil_div(cells, columns);
        const float block_width = static_cast<float>(columns) * (width + gap_x * u) - gap_x * u;
        const float block_height = static_cast<float>(rows) * (plan.node_height + gap_y * u) - gap_y * u;
        const float left = plan.band_x + std::max((plan.band_width - block_width) * 0.5f, 0.0f);
        const float top = input.y + std::max((input.height - block_height) * 0.5f, 0.0f);
        const auto cell = [&](std::size_t i) {
            const std::size_t column = i / rows;
            const std::size_t row = i % rows;
            return Box{left + static_cast<float>(column) * (width + gap_x * u), top + static_cast<float>(row) * (plan.node_height + gap_y * u),
                       width, plan.node_height};
        };
        for (std::size_t i = 0; i < shown; ++i) nodes[i] = cell(i);
        if (layout.hidden[r] > 0) layout.more[r] = cell(shown);
    }
    return layout;
}

}  // namespace kafkasim::viz
