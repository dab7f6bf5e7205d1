// The web page's program: kafkasim-viz in interactive mode with the Scenario
// panel (a VizSession), one frame per browser animation frame. What a
// command line gives the native viz, the page's URL gives this one; index.html
// turns it into arguments:
//   #NAME             open configs/NAME.yaml (default: seed.yaml)
//   ?script=TEXT      perform an interactive script through the panels (as --script)
//   ?load=TEXT        run this scenario text (named pasted.yaml), as a picked file
//                     is run: index.html calls window.kafkasim.load -> kafkasim_load
//   ?check=all        run every embedded config, one a frame, and report each fingerprint
//   ?bench=N          play N frames and report the UI's time per frame (as --bench-frames)
// The page learns what happened through kafkasim_report(key, value) lines
// (index.html shows them, logs them to the console and keeps them for tests):
//   fingerprint FP NAME      a scenario was loaded and recorded
//   heap ...                 the wasm heap's size after that, and its limit
//   error FILE:LINE:COL: error: ...   a scenario text was refused (one line each)
//   check NAME FP / check-done
//   script-fingerprint FP / script-error MESSAGE
//   bench ...
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/gl_window.hpp"
#include "interactive/script.hpp"
#include "model/playback.hpp"
#include "report/outputs.hpp"
#include "ui/script_driver.hpp"
#include "ui/theme.hpp"
#include "ui/viz_session.hpp"

// index.html's side of the bridge.
EM_JS(void, kafkasim_report, (const char* key, const char* value), {
    window.kafkasimReport(UTF8ToString(key), UTF8ToString(value));
});
EM_JS(void, kafkasim_pick_file, (), { window.kafkasimPickFile(); });
EM_JS(void, kafkasim_download, (const char* name, const char* text), {
    window.kafkasimDownload(UTF8ToString(name), UTF8ToString(text));
});

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

void report(const std::string& key, const std::string& value) { kafkasim_report(key.c_str(), value.c_str()); }

// What the URL asked for (see the top).
struct PageOptions {
    std::string config = "seed";
    std::optional<std::string> script;
    bool check_all = false;
    std::uint64_t bench_frames = 0;
};

PageOptions parse_arguments(int argc, char** argv) {
    PageOptions options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const std::string value = argv[i + 1];
        if (key == "--config" && !value.empty()) options.config = value;
        if (key == "--script") options.script = value;
        if (key == "--check" && value == "all") options.check_all = true;
        if (key == "--bench") options.bench_frames = std::strtoull(value.c_str(), nullptr, 10);
    }
    return options;
}

struct Page {
    PageOptions options;
    GlWindow window;
    std::unique_ptr<VizSession> session;
    std::uint64_t reported_generation = 0;
    std::vector<Diagnostic> reported_errors;
    std::optional<ScriptDriver> driver;
    std::uint64_t driver_generation = 0;  // the run the driver's app shows
    std::string title;
    std::size_t check_next = 0;
    std::vector<double> bench_ms;
    double last_ms = 0;
};

Page* the_page = nullptr;

// The canvas follows the browser window (index.html sizes it by CSS).
void follow_canvas(Page& page) {
    double css_width = 0;
    double css_height = 0;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    int width = 0;
    int height = 0;
    page.window.size(width, height);
    const int wanted_width = std::max(static_cast<int>(css_width), 320);
    const int wanted_height = std::max(static_cast<int>(css_height), 240);
    if (wanted_width != width || wanted_height != height) page.window.set_size(wanted_width, wanted_height);
}

// New runs and refused texts, as report lines.
void report_changes(Page& page) {
    VizSession& session = *page.session;
    if (session.generation() != page.reported_generation && session.has_app()) {
        page.reported_generation = session.generation();
        report("fingerprint", session.fingerprint() + " " + session.scenario_name());
        // The wasm heap after recording (it only grows): how close a run came to the limit.
        report("heap", std::to_string(emscripten_get_heap_size() >> 20) + " MB of " + std::to_string(emscripten_get_heap_max() >> 20) +
                           " MB after " + session.scenario_name() + " (" + std::to_string(session.app().run().event_count()) + " events)");
    }
    const std::vector<Diagnostic>& errors = session.panel().errors;
    const auto same = [](const Diagnostic& a, const Diagnostic& b) { return format_diagnostic(a) == format_diagnostic(b); };
    if (!std::equal(errors.begin(), errors.end(), page.reported_errors.begin(), page.reported_errors.end(), same)) {
        page.reported_errors = errors;
        for (const Diagnostic& error : errors) report("error", format_diagnostic(error));
    }
}

// One config a frame (the page stays alive and shows each), its fingerprint reported.
void check_next_config(Page& page) {
    const std::vector<EmbeddedConfig>& configs = embedded_configs();
    if (page.check_next >= configs.size()) return;
    const EmbeddedConfig& config = configs[page.check_next++];
    if (page.session->load(config.file_name, config.yaml)) {
        report("check", std::string(config.file_name) + " " + page.session->fingerprint());
    } else {
        report("check", std::string(config.file_name) + " refused");
    }
    if (page.check_next == configs.size()) report("check-done", std::to_string(configs.size()));
}

void report_bench(Page& page) {
    std::vector<double> values = page.bench_ms;
    std::sort(values.begin(), values.end());
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
    const auto at = [&values](double q) { return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))]; };
    std::ostringstream line;
    line.setf(std::ios::fixed);
    line.precision(2);
    VizApp& app = page.session->app();
    line << values.size() << " frames, events to " << app.ui().playback.cursor << " of " << app.run().event_count()
         << "; UI build (VizApp + ImGui) mean " << mean << " ms, p50 " << at(0.5) << " ms, p95 " << at(0.95) << " ms, max "
         << values.back() << " ms";
    report("bench", line.str());
}

void frame(void* argument) {
    Page& page = *static_cast<Page*>(argument);
    follow_canvas(page);
    if (page.options.check_all) check_next_config(page);
    page.session->before_frame();
    report_changes(page);
    if (page.driver && page.session->generation() != page.driver_generation) {
        // Another scenario was loaded: the driver's app is gone.
        page.driver.reset();
        report("script-error", "the scenario was replaced before the script ended");
    }

    const double now_ms = emscripten_get_now();
    // A stall (a background tab, a long load) must not make playback leap.
    const double elapsed_s = std::min((now_ms - page.last_ms) / 1000.0, 0.1);
    page.last_ms = now_ms;
    const bool benching = page.options.bench_frames > 0 && page.bench_ms.size() < page.options.bench_frames;
    if (page.driver && !page.driver->finished()) {
        page.window.begin_frame(0, [&page](ImGuiIO& io) { page.driver->feed_input(io); });
    } else {
        page.window.begin_frame(0);
    }
    if (benching && !page.session->app().ui().playback.playing) {  // the run ended: go round again
        VizApp& app = page.session->app();
        seek_event(app.ui().playback, app.run().records(), 0);
        app.ui().playback.playing = true;
    }
    const double build_start_ms = emscripten_get_now();
    // Benchmark frames advance 1/60 s each, as the native --bench-frames does.
    page.session->frame(benching ? 1.0 / 60.0 : elapsed_s);
    ImGui::Render();
    if (benching) {
        page.bench_ms.push_back(emscripten_get_now() - build_start_ms);
        if (page.bench_ms.size() == page.options.bench_frames) report_bench(page);
    }
    page.window.draw();
    if (page.session->app().title() != page.title) {
        page.title = page.session->app().title();
        page.window.set_title(page.title);
    }
    if (page.driver && !page.driver->finished()) {
        page.driver->after_frame();
        if (page.driver->finished()) {
            if (page.driver->exit_code() == 0) {
                report("script-fingerprint", page.session->app().fingerprint());
            } else {
                report("script-error", page.driver->error());
            }
        }
    }
}

}  // namespace

// index.html: a file the user picked, or window.kafkasim.load(name, text).
extern "C" EMSCRIPTEN_KEEPALIVE void kafkasim_load(const char* name, const char* yaml) {
    if (the_page != nullptr && the_page->session) the_page->session->request_load(name, yaml);
}

int main(int argc, char** argv) {
    auto* page = new Page;  // lives as long as the page
    the_page = page;
    page->options = parse_arguments(argc, argv);

    double css_width = 0;
    double css_height = 0;
    emscripten_get_element_css_size("#canvas", &css_width, &css_height);
    WindowOptions window_options;
    window_options.width = std::max(static_cast<int>(css_width), 320);
    window_options.height = std::max(static_cast<int>(css_height), 240);
    std::string error;
    if (!page->window.open(window_options, error)) {
        report("fatal", "cannot open a WebGL 2 canvas: " + error);
        return 2;
    }
    const float font_px = font_size_for_display(static_cast<float>(window_options.height));
    apply_style(font_px);

    SessionPlatform platform;
    platform.open_file = [] { kafkasim_pick_file(); };
    platform.save_file = [](const std::string& name, const std::string& yaml) { kafkasim_download(name.c_str(), yaml.c_str()); };
    // File > Export writes into the page's memory file system: download
    // the file, then drop the copy (large exports would fill the heap).
    platform.deliver_export = [](const std::string& path) {
        ExportResult result;
        std::string text;
        {
            std::ifstream file(path, std::ios::binary);
            std::ostringstream buffer;
            buffer << file.rdbuf();
            if (!file) {
                result.message = "cannot read back " + path + " to download it";
                return result;
            }
            text = buffer.str();
        }
        std::remove(path.c_str());
        const std::string name = std::filesystem::path(path).filename().string();
        kafkasim_download(name.c_str(), text.c_str());
        result.ok = true;
        result.message = "downloaded " + name + " (" + std::to_string(text.size()) + " bytes)";
        return result;
    };
    platform.fonts_rebuilt = [page] { page->window.fonts_rebuilt(); };
    page->session = std::make_unique<VizSession>(font_px, std::move(platform));
    VizSession& session = *page->session;

    const EmbeddedConfig* config = find_embedded_config(page->options.config);
    if (config == nullptr) {
        report("error", "#" + page->options.config + ": error: no config of that name; showing seed.yaml");
        config = find_embedded_config("seed");
    }
    session.load(config->file_name, config->yaml);
    report_changes(*page);
    if (page->options.script) {
        std::vector<std::string> errors;
        std::vector<interactive::ScriptCommand> commands =
            interactive::parse_script(*page->options.script, "script.txt", session.app().exploration()->base(), errors);
        for (const std::string& line : errors) report("script-error", line);
        if (errors.empty()) {
            page->driver.emplace(session.app(), std::move(commands), "script.txt");
            page->driver_generation = session.generation();
        }
    }
    if (page->options.bench_frames > 0) session.app().ui().playback.playing = true;
    page->last_ms = emscripten_get_now();
    emscripten_set_main_loop_arg(frame, page, 0, 1);
    return 0;
}
