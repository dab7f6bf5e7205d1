// VizApp: the visualizer's UI on a recorded run, Dear ImGui only (no window,
// no GL), so the GLFW app and the headless null-frame test drive the same
// code. Like imgui's example apps, the application owns its state: UiState
// below (playback, filters, choices) is edited by the widgets; the model is
// only read, through the RecordedRun and the StateCache.
//
// Each frame: keys -> playback (advance while playing) -> state for the
// cursor (cached; recomputed only when the cursor moves) -> panels. Panels
// are defined one per file (panel_*.cpp).
//
// Interactive mode (constructed on an Exploration): the Interactive window's
// buttons do not change anything while the panels draw; they leave one
// command in `pending_`, which perform() runs after the last panel, so no
// panel ever holds a reference into a run that an injection replaced. An
// injection records a new run: rebind() points every derived structure
// (state cache, history, log rows, chart) at it and keeps the playback
// clock, so the person stays at the same simulated time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/recorded_run.hpp"
#include "interactive/exploration.hpp"
#include "interactive/script.hpp"
#include "model/broker_history.hpp"
#include "model/event_filter.hpp"
#include "model/export_file.hpp"
#include "model/in_flight.hpp"
#include "model/log_view.hpp"
#include "model/network_faults.hpp"
#include "model/playback.hpp"
#include "model/state_cache.hpp"
#include "model/step_change.hpp"
#include "ui/interactive_state.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/widget_registry.hpp"

namespace kafkasim::viz {

// File > Export (the Timeline's "Export..." button): the format and file
// chosen, and what the last export did.
struct ExportUi {
    ExportFormat format = ExportFormat::perfetto;
    std::string path;       // empty: default_export_path() of the scenario
    ExportResult last;      // empty message: nothing exported yet
};

// What the user controls. Nothing here is part of the model.
struct UiState {
    Playback playback;
    EventMatch jump;                  // Timeline: jump to the next/previous such event
    EventFilter log_filter;
    bool log_follow = true;           // keep the current event in view in the log
    bool over_time_zoom = false;      // chart a window around the cursor, not the whole run
    double over_time_span_ns = 0;     // that window's width
    bool layout_pending = true;       // apply the default layout on the next frame
    InteractiveUi interactive;        // the Interactive window's fields and choices
    ExportUi export_ui;
};

// What the last command of the Interactive window did, for the inline
// messages and for the script driver (which checks that its click pressed).
struct ActionResult {
    std::uint64_t serial = 0;  // counts performed commands; 0: none yet
    std::string origin;        // the group of widgets that issued it (widget_keys.hpp)
    bool ok = true;
    std::string message;       // the refusal, or what happened ("saved out.yaml")
};

class VizApp {
public:
    // `scenario_label`: shown in the title ("seed.yaml"). `run` outlives the app.
    VizApp(const RecordedRun& run, std::string scenario_label, const Fonts& fonts);
    // Interactive mode: shows exploration.run(), follows it as it is
    // re-recorded, and adds the Interactive window. `exploration` outlives the app.
    VizApp(interactive::Exploration& exploration, std::string scenario_label, const Fonts& fonts);

    // One frame of UI, between ImGui::NewFrame() and ImGui::Render().
    // wall_elapsed_s: real time since the previous frame (drives playback).
    void frame(double wall_elapsed_s);

    UiState& ui() { return ui_; }
    const RecordedRun& run() const { return *run_; }
    bool interactive() const { return exploration_ != nullptr; }
    const interactive::Exploration* exploration() const { return exploration_; }
    // The simulated time an injection made now would happen at: the playback clock.
    TimeNs action_time_ns() const { return ui_.playback.clock_ns; }
    // Runs a command as the Interactive window's buttons do (the next frame
    // shows its effect). Tests and the script driver's fallback call it.
    void perform(const interactive::ScriptCommand& command, std::string origin);
    const ActionResult& last_action() const { return action_; }
    // File > Export: writes the shown run as `format` to `path` (as `kafkasim
    // run --export` would) and keeps the result for the panel to show.
    const ExportResult& export_run(ExportFormat format, const std::string& path);
    // Where an exported file goes after it is written: by default it stays
    // where it was written (the native viz); the web page, whose files live
    // in the page's memory, sets a delivery that downloads it. The delivery
    // returns what the panel says happened ("downloaded seed.csv (…)"),
    // or the error.
    using ExportDelivery = std::function<ExportResult(const std::string& path)>;
    void set_export_delivery(ExportDelivery delivery) { export_delivery_ = std::move(delivery); }
    // The trace fingerprint of the shown run (interactive mode), as `kafkasim run` prints it.
    const std::string& fingerprint();
    // Where each tracked widget of the Interactive window was drawn last frame.
    const WidgetRegistry& widgets() const { return widgets_; }
    WidgetRegistry& widgets() { return widgets_; }
    // The OS window title: scenario, seed and position; changes with the cursor.
    const std::string& title() const { return title_; }
    // The state shown (after the cursor's events); valid until the next frame.
    const Simulation& state() const { return *state_; }
    std::size_t in_flight_count() const { return dots_.size(); }
    // A tab after the Interactive window's own (VizSession's Scenario panel).
    // `draw` fills the tab's body; `select`, when set and true, brings the
    // tab to the front on the next frame and is reset.
    struct ExtraTab {
        std::string label;
        std::string key;  // in widgets(), like the window's own tabs
        std::function<void()> draw;
        bool* select = nullptr;
    };
    void set_extra_tab(ExtraTab tab) { extra_tab_ = std::move(tab); }

private:
    // [SECTION] app.cpp: per-frame plumbing
    void handle_keys();
    void sync();              // bring the state and per-event texts to the cursor
    void seek(std::size_t cursor);
    void seek_time_to(TimeNs time_ns);
    void toggle_play();
    void rebind();            // the exploration re-recorded: show its new run
    // A button pressed: perform `command` after the panels (see the top).
    void request(interactive::ScriptCommand command, std::string origin);
    // `force`: place and size the window even after the user moved it (Explain growing).
    void window_begin(const char* name, const PanelRect& rect, ImGuiWindowFlags flags = 0, bool force = false);
    float timeline_height() const;

    // [SECTION] one file each
    void draw_timeline(const PanelRect& rect);
    void draw_export_popup();
    void draw_brokers(const PanelRect& rect);
    void draw_broker_card(std::size_t broker, float height);
    // A broker's card up to its name (both models); returns the y of the pills beside it. End with EndChild, PopID.
    float begin_broker_card(std::size_t broker, float height);
    // The current event's sentence on a band in `colour` (what it changed on this card).
    void draw_change_band(ImU32 colour, const std::string& sentence);
    void draw_log_broker_card(std::size_t broker, float height);  // panel_partitions.cpp
    void draw_actors(const PanelRect& rect);
    void draw_log_consumer_cells(std::size_t consumer);  // a log consumer's State and Done so far
    void draw_topology(const PanelRect& rect);
    void draw_event_log(const PanelRect& rect);
    void draw_explain(const PanelRect& rect);
    void draw_over_time(const PanelRect& rect);
    void draw_over_time_chart();        // the panel's contents (also a tab of Interactive)
    void draw_interactive(const PanelRect& rect);
    void draw_time_bar();
    void draw_producers_tab();
    void draw_producer(std::size_t producer);
    void draw_consumers_tab();
    void draw_consumer(std::size_t consumer);
    // The log model's pages (panel_log_interactive.cpp).
    void draw_log_producer(std::size_t producer);
    // A labelled text field of producer p's form, tracked as producer_field(p, field).
    void producer_text_field(std::size_t producer, const char* label, const char* field, std::string& value, float label_width);
    void draw_log_consumer(std::size_t consumer);
    void draw_add_consumer_forms();
    void draw_faults_tab();
    void draw_branches_tab();
    void draw_action_message(std::string_view origin);
    bool tracked_button(const std::string& key, const char* label, float width = 0);
    // A command of consumer `consumer` at the action time (the Consumers tab's buttons).
    interactive::ScriptCommand consumer_command(interactive::Injection::Kind kind, std::size_t consumer) const;

    interactive::Exploration* exploration_ = nullptr;  // interactive mode only
    const RecordedRun* run_;            // exploration_->run() in interactive mode
    const std::string scenario_label_;
    const Fonts fonts_;
    UiState ui_;
    StateCache cache_;
    RunHistory history_;                // built once per run
    std::vector<FaultSpan> fault_spans_;  // network faults in force, built once per run
    FilteredLog log_;                   // rebuilt when the filter changes
    std::vector<FlightDot> dots_;       // reused every frame

    // Derived from the cursor, recomputed by sync() when it moves.
    std::size_t synced_cursor_ = static_cast<std::size_t>(-1);
    const Simulation* state_ = nullptr;
    StepChange change_;
    LogStepChange log_change_;          // the log model: what the current event did to a partition
    std::vector<std::uint64_t> duplicates_;  // the log model: per consumer, records consumed again (consumer_duplicates)
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
        std::vector<std::vector<std::uint64_t>> lags;  // per group (the log model)
    } chart_;
    ImVec2 display_size_{0, 0};
    // Explain grows to fit its text: the height it needed last frame, and the one applied.
    float explain_height_wanted_ = 0;
    float explain_height_applied_ = 0;
    bool explain_resized_ = false;  // this frame: Explain and Producers & consumers are re-placed

    // Interactive mode.
    std::optional<interactive::ScriptCommand> pending_;
    std::string pending_origin_;
    ActionResult action_;
    ExportDelivery export_delivery_;
    WidgetRegistry widgets_;
    std::string fingerprint_;           // of the shown run; computed when first asked for
    std::optional<ExtraTab> extra_tab_;
};

}  // namespace kafkasim::viz
