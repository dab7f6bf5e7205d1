// kafkasim-viz: parse the command line, load and record the scenario (in
// interactive mode through a VizSession: an Exploration, and the Scenario
// tab that can load another), open the window, then run the UI
// interactively, perform a script through the panels, take one screenshot,
// or time a number of frames. Exit codes: 0 ok; 2 bad usage, bad scenario,
// bad or refused script, or no display; 1 the script driver failed.
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <vector>

#include <imgui.h>
#include <sys/resource.h>
#include <time.h>

#include "app/gl_window.hpp"
#include "check/load_checked.hpp"
#include "core/recorded_run.hpp"
#include "interactive/exploration.hpp"
#include "interactive/script.hpp"
#include "model/state_cache.hpp"
#include "model/viz_options.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "text/utf8_text.hpp"
#include "ui/app.hpp"
#include "ui/glyphs.hpp"
#include "ui/script_driver.hpp"
#include "ui/viz_session.hpp"

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

constexpr double frame_s = 1.0 / 60.0;

// Renders a few frames (windows settle over the first ones), reads the last
// one back before it is shown, writes the PNG.
int take_screenshot(GlWindow& window, VizApp& app, const std::string& path) {
    constexpr int frames = 4;
    for (int i = 0; i < frames; ++i) {
        window.begin_frame(0);
        // No pointer: wherever the display's cursor is, no hover tooltip gets into the picture.
        ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        app.frame(frame_s);
        ImGui::Render();
        window.draw();
        if (i + 1 == frames) {
            int width = 0;
            int height = 0;
            const std::vector<std::uint8_t> rgb = window.read_pixels(width, height);
            if (!write_png(path, rgb, width, height)) {
                std::cerr << "kafkasim-viz: error: cannot write " << path << "\n";
                return exit_bad_input;
            }
        }
        window.present();
    }
    return exit_ok;
}

// Process CPU time (all threads, Mesa's rasterizer included), to tell our
// cost apart from other load on the machine.
double process_cpu_ms() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

// CPU time of the calling thread: the UI build's own cost, immune to preemption.
double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Summary {
    double mean = 0;
    double p50 = 0;
    double p95 = 0;
    double max = 0;
};

Summary summarize(std::vector<double> values) {
    Summary summary;
    if (values.empty()) return summary;
    std::sort(values.begin(), values.end());
    summary.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    summary.p50 = values[values.size() / 2];
    summary.p95 = values[static_cast<std::size_t>(0.95 * static_cast<double>(values.size() - 1))];
    summary.max = values.back();
    return summary;
}

// Plays `frames` frames without vsync (each advancing 1/60 s of playback) and
// prints the wall time per frame, split into building the UI (VizApp +
// ImGui) and drawing it (OpenGL, glFinish included), plus the CPU time.
int bench_frames(GlWindow& window, VizApp& app, std::uint64_t frames) {
    std::vector<double> frame_ms;
    std::vector<double> ui_ms;
    std::vector<double> ui_cpu_ms;
    frame_ms.reserve(frames);
    ui_ms.reserve(frames);
    ui_cpu_ms.reserve(frames);
    const std::size_t first_event = app.ui().playback.cursor;
    std::size_t in_flight_max = 0;
    app.ui().playback.playing = true;
    const double cpu_start_ms = process_cpu_ms();
    using clock = std::chrono::steady_clock;
    const auto ms_between = [](clock::time_point a, clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
    for (std::uint64_t i = 0; i < frames; ++i) {
        if (!app.ui().playback.playing) {  // the run ended: go round again
            seek_event(app.ui().playback, app.run().records(), 0);
            app.ui().playback.playing = true;
        }
        const auto start = clock::now();
        window.begin_frame(0);
        const double cpu_before_ms = thread_cpu_ms();
        app.frame(frame_s);
        ImGui::Render();
        ui_cpu_ms.push_back(thread_cpu_ms() - cpu_before_ms);
        const auto built = clock::now();
        window.draw();
        window.present();
        window.finish();
        const auto done = clock::now();
        ui_ms.push_back(ms_between(start, built));
        frame_ms.push_back(ms_between(start, done));
        in_flight_max = std::max(in_flight_max, app.in_flight_count());
    }
    const double cpu_ms = (process_cpu_ms() - cpu_start_ms) / static_cast<double>(std::max<std::uint64_t>(frames, 1));
    const Summary frame = summarize(frame_ms);
    const Summary ui = summarize(ui_ms);
    const Summary ui_cpu = summarize(ui_cpu_ms);
    std::cout.setf(std::ios::fixed);
    std::cout.precision(2);
    std::cout << "kafkasim-viz: " << frames << " frames playing at " << app.ui().playback.speed_ns_per_s / 1e6 << " ms/s, events "
              << first_event << " -> " << app.ui().playback.cursor << " of " << app.run().event_count() << ", up to "
              << in_flight_max << " in flight, " << window.renderer() << "\n"
              << "  draw data: " << ImGui::GetIO().MetricsRenderVertices << " vertices, " << ImGui::GetIO().MetricsRenderIndices / 3
              << " triangles, " << ImGui::GetIO().MetricsRenderWindows << " windows in the last frame\n"
              << "  frame (wall): mean " << frame.mean << " ms, p50 " << frame.p50 << " ms, p95 " << frame.p95 << " ms, max "
              << frame.max << " ms (" << (frame.mean > 0 ? 1000.0 / frame.mean : 0.0) << " fps)\n"
              << "  UI build (VizApp + ImGui, wall): mean " << ui.mean << " ms, p50 " << ui.p50 << " ms, p95 " << ui.p95
              << " ms, max " << ui.max << " ms\n"
              << "  UI build (CPU of the UI thread): mean " << ui_cpu.mean << " ms, p50 " << ui_cpu.p50 << " ms, p95 " << ui_cpu.p95
              << " ms, max " << ui_cpu.max << " ms\n"
              << "  CPU time per frame (all threads, rendering included): " << cpu_ms << " ms\n";
    return exit_ok;
}

// Performs the script through the panels, a frame at a time, then prints
// the fingerprint of the run it made (as `kafkasim run` and
// `kafkasim-explore` do, so the saved file can be checked against it).
int run_script(GlWindow& window, VizApp& app, ScriptDriver& driver, std::size_t commands) {
    constexpr int exit_driver_failed = 1;
    // Bounded: a command takes a few dozen frames; a stuck driver must not hang CI.
    const std::uint64_t frames_max = 400 * (commands + 1);
    const auto input = [&driver](ImGuiIO& io) { driver.feed_input(io); };
    for (std::uint64_t frame = 0; !driver.finished(); ++frame) {
        if (frame == frames_max) {
            std::cerr << "kafkasim-viz: error: the script driver stalled after " << frames_max << " frames\n";
            return exit_driver_failed;
        }
        window.begin_frame(0, input);
        app.frame(frame_s);
        ImGui::Render();
        window.draw();
        window.present();
        driver.after_frame();
    }
    if (driver.exit_code() != exit_ok) {
        std::cerr << driver.error() << "\n";
        return driver.exit_code();
    }
    std::cout << "fingerprint " << app.fingerprint() << "\n";
    return exit_ok;
}

// The script's commands, or errors (FILE:LINE: error: ...) on stderr.
std::optional<std::vector<interactive::ScriptCommand>> read_script(const std::string& path, const ScenarioSpec& spec) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << terminal_text(path) << ": error: cannot open the script\n";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    std::vector<std::string> errors;
    std::vector<interactive::ScriptCommand> commands = interactive::parse_script(text.str(), path, spec, errors);
    for (const std::string& error : errors) std::cerr << terminal_text(error) << "\n";
    if (!errors.empty()) return std::nullopt;
    return commands;
}

// In interactive mode `session` runs the app (the Scenario tab may replace
// it between frames); view-only, `app` alone.
int run_interactive(GlWindow& window, VizApp& view_only_app, VizSession* session) {
    std::string title;
    auto last = std::chrono::steady_clock::now();
    while (!window.should_close()) {
        if (session != nullptr) session->before_frame();
        VizApp& app = session != nullptr ? session->app() : view_only_app;
        // Paused, nothing moves: sleep until input (or a quarter second) instead of spinning.
        window.begin_frame(app.ui().playback.playing ? 0 : 0.25);
        const auto now = std::chrono::steady_clock::now();
        // A stall (window dragged, machine busy) must not make playback leap.
        const double elapsed_s = std::min(std::chrono::duration<double>(now - last).count(), 0.1);
        last = now;
        if (session != nullptr) {
            session->frame(elapsed_s);
        } else {
            app.frame(elapsed_s);
        }
        ImGui::Render();
        window.draw();
        window.present();
        const std::string& shown_title = session != nullptr ? session->app().title() : app.title();
        if (shown_title != title) {
            title = shown_title;
            window.set_title(title);
        }
    }
    return exit_ok;
}

// The scenario's text, for the Scenario tab's editor.
std::string scenario_text(const VizOptions& options) {
    if (options.scenario.empty()) return default_scenario_yaml();
    std::ifstream in(options.scenario, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The Scenario tab's Save as scenario, natively: a file in the working directory.
void save_scenario_file(const std::string& name, const std::string& yaml) {
    std::ofstream out(name, std::ios::binary);
    out << yaml;
    if (out.good()) {
        std::cout << "kafkasim-viz: saved " << name << "\n";
    } else {
        std::cerr << "kafkasim-viz: error: cannot write " << terminal_text(name) << "\n";
    }
}

std::string scenario_label(const VizOptions& options, const ScenarioSpec& spec) {
    if (options.scenario.empty()) return spec.name + " (built in)";
    return std::filesystem::path(options.scenario).filename().string();
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const VizParse parse = parse_viz_options(args);
    if (!parse.help.empty()) {
        std::cout << parse.help;
        return exit_ok;
    }
    if (!parse.options) {
        std::cerr << "kafkasim-viz: error: " << terminal_text(parse.error) << " (see kafkasim-viz --help)\n";
        return exit_bad_input;
    }
    const VizOptions& options = *parse.options;

    // The front door every program shares: the loader plus the stat-path checks.
    LoadResult loaded = load_checked_scenario(options.scenario);
    if (!loaded.spec) {
        for (const Diagnostic& diagnostic : loaded.errors) std::cerr << format_diagnostic(diagnostic) << "\n";
        return exit_bad_input;
    }
    ScenarioSpec spec = std::move(*loaded.spec);
    if (options.seed) spec.seed = *options.seed;
    const std::string label = scenario_label(options, spec);
    // The script is checked before a window opens: its mistakes are the user's.
    std::vector<interactive::ScriptCommand> script;
    if (!options.script_path.empty()) {
        auto commands = read_script(options.script_path, spec);
        if (!commands) return exit_bad_input;
        script = std::move(*commands);
    }

    // The window before the run: without a display, fail at once.
    GlWindow window;
    WindowOptions window_options;
    window_options.width = options.width;
    window_options.height = options.height;
    window_options.title = "kafkasim-viz \xE2\x80\x94 " + label;
    window_options.vsync = options.bench_frames == 0;
    window_options.resizable = options.screenshot_path.empty();
    std::string error;
    if (!window.open(window_options, error)) {
        std::cerr << "kafkasim-viz: error: " << error << "\n";
        return exit_bad_input;
    }

    RecordOptions record_options = viz_record_options();
    record_options.max_events = options.max_events;
    const float font_px = font_size_for_display(static_cast<float>(options.height));
    apply_style(font_px);
    // Interactive mode: a VizSession records through an Exploration (which
    // re-records on every action), builds the fonts for its text and runs
    // the app with the Scenario tab. View-only: one recording, our fonts.
    std::optional<RecordedRun> recorded;
    std::unique_ptr<VizSession> session;
    std::unique_ptr<VizApp> view_only_app;
    if (options.view_only) {
        recorded.emplace(std::move(spec), record_options);
        // The glyphs of every name, topic and message of the run (glyphs.hpp).
        std::vector<char32_t> text_code_points = run_code_points(*recorded);
        add_code_points(text_code_points, label);
        const Fonts fonts = load_fonts(font_px, text_code_points);
        view_only_app = std::make_unique<VizApp>(*recorded, label, fonts);
    } else {
        SessionPlatform platform;
        platform.save_file = save_scenario_file;
        platform.fonts_rebuilt = [&window] { window.fonts_rebuilt(); };
        session = std::make_unique<VizSession>(font_px, std::move(platform), record_options);
        session->show(std::move(spec), label, scenario_text(options));
    }
    // Until the Scenario tab loads another scenario (in run_interactive, between frames).
    VizApp& app = options.view_only ? *view_only_app : session->app();
    // The run stays browsable up to where it stopped.
    if (const std::optional<std::string> stop = stop_error(app.run())) std::cerr << "kafkasim-viz: note: " << terminal_text(*stop) << "\n";
    if (!options.view_only) {
        const std::filesystem::path stem = std::filesystem::path(label).stem();
        app.ui().interactive.save_path = (options.scenario.empty() ? std::string("default") : stem.string()) + "-explored.yaml";
    }

    Playback& playback = app.ui().playback;
    {
        const RecordedRun& run = app.run();  // scoped, as above
        if (options.at_ns) {
            seek_time(playback, run.records(), *options.at_ns);
        } else if (options.event) {
            seek_event(playback, run.records(), static_cast<std::size_t>(std::min<std::uint64_t>(*options.event, run.event_count())));
        } else if (!options.screenshot_path.empty()) {
            seek_event(playback, run.records(), run.event_count());  // a screenshot shows the whole run by default
        }
    }
    if (options.speed_ns_per_s) playback.speed_ns_per_s = static_cast<double>(*options.speed_ns_per_s);
    playback.playing = options.play && options.screenshot_path.empty() && options.script_path.empty();

    if (!options.script_path.empty()) {
        ScriptDriver driver(app, std::move(script), options.script_path);
        const std::size_t commands = driver.commands_left();
        const int code = run_script(window, app, driver, commands);
        if (code != exit_ok || options.screenshot_path.empty()) return code;
    }
    if (!options.screenshot_path.empty()) return take_screenshot(window, app, options.screenshot_path);
    if (options.bench_frames > 0) return bench_frames(window, app, options.bench_frames);
    return run_interactive(window, app, session.get());
}
