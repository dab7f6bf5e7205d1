// Where the Interactive window's widgets were drawn, by a stable key
// ("producer/0/publish"), so the scripted-input driver can click them as a
// person would: ImGui keeps no list of item rectangles, so the panels record
// theirs right after drawing each widget (track). Keys are built by the
// functions in widget_keys.hpp, shared by the panels and the driver.
#pragma once

#include <imgui.h>

#include <string>
#include <unordered_map>

namespace kafkasim::viz {

struct WidgetRect {
    ImVec2 min{0, 0};
    ImVec2 max{0, 0};
    bool visible = false;  // some of it was on screen (not clipped or scrolled away)
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

class WidgetRegistry {
public:
    // Brackets one frame's tracking; after end_frame(), find() answers from it.
    void begin_frame() { drawing_.clear(); }
    void end_frame() { drawn_.swap(drawing_); }
    // Records the last ImGui item under `key` (call right after the widget),
    // clipped to what is visible; scrolls it into view when reveal() asked.
    void track(const std::string& key);
    // The widget's rectangle as drawn in the last complete frame, or null if
    // it was not drawn (another tab, no such choice offered).
    const WidgetRect* find(const std::string& key) const;
    // Scrolls the widget into view the next time it is drawn.
    void reveal(std::string key) { reveal_ = std::move(key); }

private:
    std::unordered_map<std::string, WidgetRect> drawing_;  // the frame being drawn
    std::unordered_map<std::string, WidgetRect> drawn_;    // the last complete frame
    std::string reveal_;
};

}  // namespace kafkasim::viz
