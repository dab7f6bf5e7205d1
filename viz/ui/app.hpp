// VizApp: the visualizer's UI on a recorded run, Dear ImGui only (no window,
// no GL), so the GLFW app and the headless null-frame test drive the same
// code. Like imgui's example apps, the application owns its state: UiState
// below (playback, filters, choices) is edited by the widgets; the model is
// only read, through the RecordedRun and the StateCache.
//
// Each frame: keys -> playback (advance while playing) -> state for the
// cursor (cached; recomputed only when the cursor moves) -> panels. Panels
// are defined one per file (panel_*.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "model/broker_history.hpp"
#include "model/event_filter.hpp"
#include "model/in_flight.hpp"
#include "model/playback.hpp"
#include "model/state_cache.hpp"
#include "model/step_change.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"

namespace kafkasim::viz {

// What the user controls. Nothing here is part of the model.
struct UiState {
    Playback playback;
    EventMatch jump;                  // Timeline: jump to the next/previous such event
    EventFilter log_filter;
    bool log_follow = true;           // keep the current event in view in the log
    bool over_time_zoom = false;      // chart a window around the cursor, not the whole run
    double over_time_span_ns = 0;     // that window's width
    bool layout_pending = true;       // apply the default layout on the next frame
};

class VizApp {
public:
    // `scenario_label`: shown in the title ("seed.yaml"). `run` outlives the app.
    VizApp(const RecordedRun& run, std::string scenario_label, const Fonts& fonts);

    // One frame of UI, between ImGui::NewFrame() and ImGui::Render().
    // wall_elapsed_s: real time since the previous frame (drives playback).
    void frame(double wall_elapsed_s);

    UiState& ui() { return ui_; }
    const RecordedRun& run() const { return run_; }
    // The OS window title: scenario, seed and position; changes with the cursor.
    const std::string& title() const { return title_; }
    // The state shown (after the cursor's events); valid until the next frame.
    const Simulation& state() const { return *state_; }
    std::size_t in_flight_count() const { return dots_.size(); }

private:
    // [SECTION] app.cpp: per-frame plumbing
    void handle_keys();
    void sync();              // bring the state and per-event texts to the cursor
    void seek(std::size_t cursor);
    void seek_time_to(TimeNs time_ns);
    void toggle_play();
    void window_begin(const char* name, const PanelRect& rect, ImGuiWindowFlags flags = 0);
    float timeline_height() const;

    // [SECTION] one file each
    void draw_timeline(const PanelRect& rect);
    void draw_brokers(const PanelRect& rect);
    void draw_broker_card(std::size_t broker, float height);
    void draw_actors(const PanelRect& rect);
    void draw_topology(const PanelRect& rect);
    void draw_event_log(const PanelRect& rect);
    void draw_explain(const PanelRect& rect);
    void draw_over_time(const PanelRect& rect);

    const RecordedRun& run_;
    const std::string scenario_label_;
    const Fonts fonts_;
    UiState ui_;
    StateCache cache_;
    const RunHistory history_;          // built once
    FilteredLog log_;                   // rebuilt when the filter changes
    std::vector<FlightDot> dots_;       // reused every frame

    // Derived from the cursor, recomputed by sync() when it moves.
    std::size_t synced_cursor_ = static_cast<std::size_t>(-1);
    const Simulation* state_ = nullptr;
    StepChange change_;
    std::string describe_text_;
    std::string explain_text_;
    std::string title_;
    bool scroll_log_to_cursor_ = true;  // the cursor moved by something other than a log click
    bool cursor_set_by_log_ = false;
    bool scroll_cards_to_change_ = false;  // the cursor moved: show the changed message

    // The Over time chart's columns, recomputed when its window or width changes.
    struct ChartCache {
        TimeNs begin_ns = -1;
        TimeNs end_ns = -1;
        int columns = 0;
        std::vector<std::vector<HistoryColumn>> brokers;
    } chart_;
    ImVec2 display_size_{0, 0};
};

}  // namespace kafkasim::viz
