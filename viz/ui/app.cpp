// VizApp's per-frame plumbing: keys, playback, syncing the shown state to the
// cursor, the window title and the default layout; in interactive mode,
// performing the commands the buttons requested and following the new run.
// The panels are in panel_*.cpp.
#include "ui/app.hpp"

#include <algorithm>
#include <cassert>

#include "core/log_stats.hpp"
#include "report/format.hpp"
#include "ui/widgets.hpp"

namespace kafkasim::viz {

VizApp::VizApp(const RecordedRun& run, std::string scenario_label, const Fonts& fonts)
    : run_(&run),
      scenario_label_(std::move(scenario_label)),
      fonts_(fonts),
      cache_(run),
      history_(build_run_history(run)),
      fault_spans_(network_fault_spans(run)) {
    ui_.playback.speed_ns_per_s = default_speed_ns_per_s(run.records());
    // Zoomed chart: about 40 network hops wide by default.
    ui_.over_time_span_ns = std::max(ui_.playback.speed_ns_per_s * 0.8 * 40, 1e3);
    sync();
}

VizApp::VizApp(interactive::Exploration& exploration, std::string scenario_label, const Fonts& fonts)
    : VizApp(exploration.run(), std::move(scenario_label), fonts) {
    exploration_ = &exploration;
}

void VizApp::seek(std::size_t cursor) {
    seek_event(ui_.playback, run_->records(), cursor);
    scroll_log_to_cursor_ = true;
}

void VizApp::seek_time_to(TimeNs time_ns) {
    seek_time(ui_.playback, run_->records(), time_ns);
    scroll_log_to_cursor_ = true;
}

void VizApp::rebind() {
    assert(exploration_ != nullptr);
    run_ = &exploration_->run();
    // Everything derived from the old run goes; the playback (a viz thing)
    // stays, at the same simulated time: the person sees what their action
    // changed from the moment they made it.
    cache_ = StateCache(*run_);
    history_ = build_run_history(*run_);
    fault_spans_ = network_fault_spans(*run_);
    log_ = FilteredLog{};
    chart_ = ChartCache{};
    dots_.clear();
    fingerprint_.clear();
    synced_cursor_ = static_cast<std::size_t>(-1);
    seek_time_to(ui_.playback.clock_ns);
    sync();
}

void VizApp::request(interactive::ScriptCommand command, std::string origin) {
    // One command per frame: a person cannot press two buttons at once.
    if (pending_) return;
    pending_ = std::move(command);
    pending_origin_ = std::move(origin);
}

void VizApp::perform(const interactive::ScriptCommand& command, std::string origin) {
    assert(exploration_ != nullptr && "commands need interactive mode");
    using Kind = interactive::ScriptCommand::Kind;
    std::string error;
    const bool ok = interactive::run_script_command(*exploration_, command, error);
    action_.serial += 1;
    action_.origin = std::move(origin);
    action_.ok = ok;
    if (!ok) {
        action_.message = error;
        return;
    }
    switch (command.kind) {
        case Kind::inject:
            action_.message = "done: " + interactive::describe(command.injection, exploration_->run().spec());
            rebind();
            break;
        case Kind::switch_branch:
            action_.message = "switched to the other branch";
            rebind();
            break;
        case Kind::discard: action_.message = "the previous branch is gone"; break;
        case Kind::save:
            action_.message = "saved " + command.path + (command.with_expectations ? " with expectations" : "") + ", fingerprint " +
                              fingerprint();
            break;
    }
}

const std::string& VizApp::fingerprint() {
    assert(exploration_ != nullptr);
    // A whole trace pass: computed once per run, when first shown.
    if (fingerprint_.empty()) fingerprint_ = exploration_->fingerprint();
    return fingerprint_;
}

void VizApp::toggle_play() {
    Playback& playback = ui_.playback;
    // Play at the end starts over: what a student expects from a player.
    if (!playback.playing && playback.cursor >= run_->event_count()) seek(0);
    playback.playing = !playback.playing;
}

void VizApp::handle_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    const auto pressed = [](ImGuiKey key, bool repeat) {
        const int index = ImGui::GetKeyIndex(key);
        return index >= 0 && ImGui::IsKeyPressed(index, repeat);
    };
    if (pressed(ImGuiKey_Space, false)) toggle_play();
    if (pressed(ImGuiKey_RightArrow, true)) {
        ui_.playback.playing = false;
        seek(ui_.playback.cursor + 1);
    }
    if (pressed(ImGuiKey_LeftArrow, true)) {
        ui_.playback.playing = false;
        if (ui_.playback.cursor > 0) seek(ui_.playback.cursor - 1);
    }
    if (pressed(ImGuiKey_Home, false)) seek(0);
    if (pressed(ImGuiKey_End, false)) {
        ui_.playback.playing = false;
        seek(run_->event_count());
    }
}

void VizApp::sync() {
    const std::size_t cursor = ui_.playback.cursor;
    state_ = &cache_.at(cursor);
    if (cursor == synced_cursor_) return;
    synced_cursor_ = cursor;
    scroll_cards_to_change_ = true;
    const Simulation& state = *state_;
    log_change_ = cursor == 0 ? LogStepChange{} : log_step_change(state, run_->records()[cursor - 1]);
    if (state.is_log_model()) duplicates_ = consumer_duplicates(state);
    if (cursor == 0) {
        change_ = StepChange{};
        describe_text_ = "The initial state: nothing has happened yet.";
        explain_text_ = "Press Space to play, or Right to step one event at a time.";
    } else {
        const Record& record = run_->records()[cursor - 1];
        change_ = step_change(record);
        describe_text_ = describe(record, state);
        explain_text_ = explain(record, state);
        // With no reason to give, explain() repeats the description: say it once.
        if (explain_text_ == describe_text_ + ".") explain_text_.clear();
    }
    const ScenarioSpec& spec = run_->spec();
    title_ = "kafkasim-viz \xE2\x80\x94 " + scenario_label_ + " (seed " + std::to_string(spec.seed) + ") \xE2\x80\x94 event " +
             std::to_string(cursor) + " of " + std::to_string(run_->event_count()) + " at " +
             instant_label(cursor_time_ns(run_->records(), cursor));
}

float VizApp::timeline_height() const {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float title_bar = ImGui::GetFontSize() + 2 * style.FramePadding.y;
    return title_bar + 3 * ImGui::GetFrameHeightWithSpacing() + 2 * style.WindowPadding.y;
}

void VizApp::window_begin(const char* name, const PanelRect& rect, ImGuiWindowFlags flags, bool force) {
    const ImGuiCond condition = ui_.layout_pending || force ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(rect.position, condition);
    ImGui::SetNextWindowSize(rect.size, condition);
    ImGui::Begin(name, nullptr, flags | ImGuiWindowFlags_NoCollapse);
}

void VizApp::frame(double wall_elapsed_s) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.DisplaySize.x != display_size_.x || io.DisplaySize.y != display_size_.y) {
        display_size_ = io.DisplaySize;
        ui_.layout_pending = true;  // a resized window gets the default layout again
    }
    handle_keys();
    // Quiet (nothing in flight) as of the last frame: the state has not
    // changed since unless the cursor moved, and then no skip happens anyway.
    advance(ui_.playback, run_->records(), wall_elapsed_s, dots_.empty());
    if (ui_.playback.cursor != synced_cursor_ && !cursor_set_by_log_) scroll_log_to_cursor_ = true;
    cursor_set_by_log_ = false;
    sync();

    widgets_.begin_frame();
    const Layout layout = compute_layout(io.DisplaySize, timeline_height(), interactive(), explain_height_wanted_);
    explain_resized_ = layout.explain.size.y != explain_height_applied_;
    explain_height_applied_ = layout.explain.size.y;
    draw_timeline(layout.timeline);
    sync();  // the controls may have moved the cursor: draw the rest on the new state
    collect_in_flight(*state_, std::max(ui_.playback.clock_ns, state_->now_ns()), dots_);
    draw_brokers(layout.brokers);
    draw_topology(layout.topology);
    if (interactive()) {
        draw_interactive(layout.interactive);  // the Over time chart is one of its tabs
    } else {
        draw_over_time(layout.over_time);
    }
    draw_explain(layout.explain);
    draw_actors(layout.actors);
    draw_event_log(layout.event_log);
    sync();  // a click in the log (or the chart) moved the cursor: state() shows it from now on
    ui_.layout_pending = false;
    widgets_.end_frame();
    if (pending_) {
        // After the last panel: nothing drawn this frame refers to the run any more.
        const interactive::ScriptCommand command = std::move(*pending_);
        pending_.reset();
        perform(command, std::move(pending_origin_));
    }
}

}  // namespace kafkasim::viz
