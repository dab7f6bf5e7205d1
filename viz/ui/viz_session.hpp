// VizSession: the visualizer in interactive mode around one scenario at a
// time, so the scenario can be replaced while the UI runs (the Scenario
// panel, scenario_panel.hpp). It owns the scenario's Exploration, the VizApp
// on it and the fonts (whose glyphs depend on the run's text), and gives the
// app the Scenario tab. The web page (web/main.cpp) runs one.
//
// A new scenario is loaded between frames, never while panels draw: the
// panel's buttons and the platform (a file picked, the page's URL) only
// request it; before_frame() performs it: load and check the text (the
// front door every program uses), record it, rebuild the font atlas for its
// text (the platform re-uploads the texture), and replace the app. A text
// with errors changes nothing but the panel, which lists them.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "interactive/exploration.hpp"
#include "model/state_cache.hpp"
#include "ui/app.hpp"
#include "ui/scenario_panel.hpp"
#include "ui/theme.hpp"

namespace kafkasim::viz {

// What only the platform can do.
struct SessionPlatform {
    // Show a file picker; the file chosen comes back through request_load().
    // Empty: the panel has no Open button.
    std::function<void()> open_file;
    // Save (or, on the web, download) `yaml` under the file name `name`.
    std::function<void(const std::string& name, const std::string& yaml)> save_file;
    // After File > Export wrote a file: deliver it (the web page downloads
    // it and removes the in-memory copy). Empty: the file stays where it
    // was written (the native viz).
    VizApp::ExportDelivery deliver_export;
    // The font atlas was rebuilt: upload it again (the renderer's texture).
    std::function<void()> fonts_rebuilt;
};

class VizSession {
public:
    // `font_px`: the UI's font size (font_size_for_display). `record`: how
    // every scenario is recorded (viz_record_options(), maybe --max-events).
    VizSession(float font_px, SessionPlatform platform, RecordOptions record = viz_record_options());
    VizSession(const VizSession&) = delete;
    VizSession& operator=(const VizSession&) = delete;
    ~VizSession();

    // Loads `yaml` (named `name` in errors) now; outside a frame only. False
    // with the errors in panel().errors, the current scenario kept.
    bool load(const std::string& name, const std::string& yaml);
    // Shows an already loaded scenario (kafkasim-viz's command line: a file,
    // maybe with --seed); `yaml` goes into the editor. Outside a frame only.
    void show(ScenarioSpec spec, const std::string& name, const std::string& yaml);
    // Loads it before the next frame (see the top). The last request wins.
    void request_load(std::string name, std::string yaml);
    // Performs a requested load; call before ImGui::NewFrame().
    void before_frame();
    // One frame of the UI (between NewFrame and Render): VizApp::frame, then
    // what the Scenario panel asked for.
    void frame(double wall_elapsed_s);

    bool has_app() const { return app_ != nullptr; }
    VizApp& app() { return *app_; }
    // The trace fingerprint of the run shown (as `kafkasim run` prints it).
    const std::string& fingerprint();
    // The file name of the scenario shown ("contention.yaml").
    const std::string& scenario_name() const { return panel_.shown_name; }
    // Counts successful loads: a caller reporting the fingerprint notices a new run.
    std::uint64_t generation() const { return generation_; }
    ScenarioPanel& panel() { return panel_; }

private:
    void draw_panel();

    float font_px_;
    SessionPlatform platform_;
    RecordOptions record_;
    Fonts fonts_;
    std::unique_ptr<interactive::Exploration> exploration_;
    std::unique_ptr<VizApp> app_;
    ScenarioPanel panel_;
    ScenarioRequest request_;
    struct Source {
        std::string name;
        std::string yaml;
    };
    std::optional<Source> pending_;
    std::uint64_t generation_ = 0;
};

}  // namespace kafkasim::viz
