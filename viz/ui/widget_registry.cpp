// See widget_registry.hpp.
#include "ui/widget_registry.hpp"

#include <algorithm>

namespace kafkasim::viz {

void WidgetRegistry::track(const std::string& key) {
    if (key == reveal_) {
        ImGui::SetScrollHereY(0.5f);
        reveal_.clear();
    }
    WidgetRect rect;
    rect.min = ImGui::GetItemRectMin();
    rect.max = ImGui::GetItemRectMax();
    // Clip to the draw list's clip rectangle (the window's, or the table
    // cell's): a click must land on the part that is on screen.
    const ImVec2 clip_min = ImGui::GetWindowDrawList()->GetClipRectMin();
    const ImVec2 clip_max = ImGui::GetWindowDrawList()->GetClipRectMax();
    rect.min = ImVec2(std::max(rect.min.x, clip_min.x), std::max(rect.min.y, clip_min.y));
    rect.max = ImVec2(std::min(rect.max.x, clip_max.x), std::min(rect.max.y, clip_max.y));
    // Fewer than a few pixels showing is as good as hidden for a click.
    constexpr float visible_px_min = 4;
    rect.visible = ImGui::IsItemVisible() && rect.max.x - rect.min.x >= visible_px_min && rect.max.y - rect.min.y >= visible_px_min;
    drawing_[key] = rect;
}

const WidgetRect* WidgetRegistry::find(const std::string& key) const {
    const auto it = drawn_.find(key);
    return it == drawn_.end() ? nullptr : &it->second;
}

}  // namespace kafkasim::viz
