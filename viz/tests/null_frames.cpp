// Headless smoke test of the whole UI, after imgui's example_null: an ImGui
// context with no window and no GPU runs VizApp frame by frame on a scenario,
// with scripted key presses, and checks that the keys move the cursor and that
// the state shown after every step (forward, then backward) is exactly the
// recorded run's state at that event. No display needed.
//   usage: viz_null_frames SCENARIO.yaml
#include <imgui.h>
#include <imgui_internal.h>  // FindWindowByName: where the log's lines are, to click one

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/recorded_run.hpp"
#include "model/state_cache.hpp"
#include "scenario/load.hpp"
#include "null_backend.hpp"
#include "ui/app.hpp"

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

null_backend::Checks checks("viz_null_frames");
void expect(bool ok, const std::string& what) { checks.expect(ok, what); }

// Key indices of our own: the null "backend" maps ImGui's keys to them.
enum : int { key_space = 1, key_left, key_right, key_home, key_end };

class Harness {
public:
    explicit Harness(VizApp& app) : app_(app) {}
    void frame() { null_backend::frame(app_); }
    void click(ImVec2 position) { null_backend::click_at(app_, position); }
    // Down for one frame, up for the next: one press.
    void press(int key) {
        ImGui::GetIO().KeysDown[key] = true;
        frame();
        ImGui::GetIO().KeysDown[key] = false;
        frame();
    }

private:
    VizApp& app_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: viz_null_frames SCENARIO.yaml\n");
        return 2;
    }
    LoadResult loaded = load_scenario_file(argv[1]);
    if (!loaded.spec) {
        for (const Diagnostic& diagnostic : loaded.errors) std::fprintf(stderr, "%s\n", format_diagnostic(diagnostic).c_str());
        return 2;
    }
    const RecordedRun run(std::move(*loaded.spec), viz_record_options());
    const std::size_t event_count = run.event_count();

    const Fonts fonts = null_backend::create_context();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Space] = key_space;
    io.KeyMap[ImGuiKey_LeftArrow] = key_left;
    io.KeyMap[ImGuiKey_RightArrow] = key_right;
    io.KeyMap[ImGuiKey_Home] = key_home;
    io.KeyMap[ImGuiKey_End] = key_end;

    {
        VizApp app(run, "null", fonts);
        Harness harness(app);
        const Playback& playback = app.ui().playback;
        for (int i = 0; i < 3; ++i) harness.frame();
        expect(playback.cursor == 0, "starts at event 0");
        expect(app.title().find("event 0 of " + std::to_string(event_count)) != std::string::npos, "the title says the position: " + app.title());

        // Right through the whole run, then Left back: every state exact.
        for (std::size_t n = 1; n <= event_count; ++n) {
            harness.press(key_right);
            expect(playback.cursor == n, "Right steps to event " + std::to_string(n));
            expect(app.state().state_hash() == run.state_after(n).state_hash(), "state after stepping to " + std::to_string(n));
        }
        harness.press(key_right);
        expect(playback.cursor == event_count, "Right stops at the end");
        for (std::size_t n = event_count; n-- > 0;) {
            harness.press(key_left);
            expect(playback.cursor == n, "Left steps back to event " + std::to_string(n));
            expect(app.state().state_hash() == run.state_after(n).state_hash(), "state after stepping back to " + std::to_string(n));
        }

        harness.press(key_end);
        expect(playback.cursor == event_count, "End goes to the last event");
        harness.press(key_home);
        expect(playback.cursor == 0, "Home goes to the first event");

        // Space plays; a few seconds of frames move the cursor; Space pauses.
        harness.press(key_space);
        expect(playback.playing, "Space plays");
        for (int i = 0; i < 600; ++i) harness.frame();
        const std::size_t played_to = playback.cursor;
        expect(played_to > 0, "playing moves the cursor");
        expect(app.state().state_hash() == run.state_after(played_to).state_hash(), "state while playing");
        harness.press(key_space);
        expect(!playback.playing, "Space pauses");
        const std::size_t paused_at = playback.cursor;
        for (int i = 0; i < 60; ++i) harness.frame();
        expect(playback.cursor == paused_at, "paused: the cursor stays");

        // A click on a line of the event log jumps to that event.
        harness.press(key_home);
        const ImGuiWindow* lines = nullptr;
        for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
            if (std::string(window->Name).rfind("Event log/log_lines", 0) == 0) lines = window;
        }
        expect(lines != nullptr, "the event log's lines are a child window");
        if (lines != nullptr) {
            const float line_height = ImGui::GetTextLineHeightWithSpacing();
            const float y = lines->Pos.y + ImGui::GetStyle().WindowPadding.y + 4.5f * line_height - lines->Scroll.y;
            harness.click(ImVec2(lines->Pos.x + lines->Size.x * 0.5f, y));
            expect(playback.cursor == 5, "clicking the fifth line shows event 5, got " + std::to_string(playback.cursor));
            expect(app.state().state_hash() == run.state_after(5).state_hash(), "state after the click");
        }

        // File > Export: the button opens it, a format is chosen, Export
        // writes the file (named after the scenario, in the working
        // directory), and the popup says so.
        {
            auto click_widget = [&](const std::string& key) {
                const WidgetRect* rect = app.widgets().find(key);
                expect(rect != nullptr && rect->visible, "the widget " + key + " is drawn");
                if (rect != nullptr) harness.click(rect->center());
            };
            click_widget("export/open");
            for (int i = 0; i < 2; ++i) harness.frame();
            click_widget("export/format/csv");
            expect(app.ui().export_ui.format == ExportFormat::csv, "csv chosen");
            expect(app.ui().export_ui.path == "null.csv", "the default file follows the format: " + app.ui().export_ui.path);
            const std::string path = (std::filesystem::temp_directory_path() / ("viz_null_frames_" + std::to_string(::getpid()) + ".csv")).string();
            app.ui().export_ui.path = path;
            click_widget("export/write");
            expect(app.ui().export_ui.last.ok, "the export is written: " + app.ui().export_ui.last.message);
            std::ifstream file(path);
            std::string header;
            std::getline(file, header);
            expect(header.rfind("time_us,", 0) == 0, "the file is the csv export: " + header);
            std::filesystem::remove(path);
            app.ui().export_ui.path = "/no-such-directory/x.csv";
            click_widget("export/write");
            expect(!app.ui().export_ui.last.ok && app.ui().export_ui.last.message.find("cannot write") != std::string::npos,
                   "an unwritable file is said: " + app.ui().export_ui.last.message);
            click_widget("export/close");
            for (int i = 0; i < 2; ++i) harness.frame();
            expect(app.widgets().find("export/write") == nullptr, "Close closes the popup");
        }

        // Every zoom and filter path draws.
        app.ui().over_time_zoom = true;
        app.ui().log_filter.actor = run.final_state().consumer_actor(0);
        for (int i = 0; i < 3; ++i) harness.frame();
        std::printf("viz_null_frames: %zu events stepped forward and back, played to event %zu in 600 frames\n", event_count, played_to);
    }
    ImGui::DestroyContext();
    return checks.exit_code();
}
