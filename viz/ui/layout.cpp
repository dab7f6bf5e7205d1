// See layout.hpp.
#include "ui/layout.hpp"

#include <algorithm>
#include <cmath>

namespace kafkasim::viz {

Layout compute_layout(ImVec2 display, float timeline_height, bool interactive, float explain_height_wanted) {
    // Whole pixels: half-pixel window edges blur the borders.
    const auto px = [](float v) { return std::floor(v); };
    const float gap = 4;
    const float width = display.x;
    const float height = display.y;
    const float top = px(timeline_height + gap);
    const float left_width = px(width * 0.26f);
    const float right_width = px(width * 0.34f);
    const float middle_x = left_width + gap;
    const float middle_width = width - left_width - right_width - 2 * gap;
    const float right_x = width - right_width;
    const float body_height = height - top;
    // Interactive: the forms need about ten rows; the topology still fits its six nodes.
    const float topology_height = px(body_height * (interactive ? 0.42f : 0.60f));
    // Explain and Producers & consumers share 53% of the right column.
    const float shared_height = body_height * 0.53f;
    const float explain_height = px(std::clamp(explain_height_wanted, body_height * 0.17f, shared_height - body_height * 0.12f));
    const float actors_height = px(shared_height - explain_height);

    Layout layout;
    layout.timeline = {{0, 0}, {width, px(timeline_height)}};
    layout.brokers = {{0, top}, {left_width, body_height}};
    layout.topology = {{middle_x, top}, {middle_width, topology_height}};
    layout.over_time = {{middle_x, top + topology_height + gap}, {middle_width, body_height - topology_height - gap}};
    layout.interactive = layout.over_time;
    layout.explain = {{right_x, top}, {right_width, explain_height}};
    layout.actors = {{right_x, top + explain_height + gap}, {right_width, actors_height}};
    const float log_y = top + explain_height + actors_height + 2 * gap;
    layout.event_log = {{right_x, log_y}, {right_width, height - log_y}};
    return layout;
}

}  // namespace kafkasim::viz
