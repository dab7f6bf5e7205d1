// Headless test of the Scenario panel and the session around the app
// (viz/ui/viz_session.hpp, scenario_panel.hpp), after imgui's example_null:
// no window, no GPU, clicks through simulated mouse input. It checks that
//  1. every config of configs/ is compiled in, byte for byte, and nothing else;
//  2. a click on each config's button loads it: the run shown and its
//     fingerprint are those of the file loaded from disk;
//  3. a text with errors, run from the editor, changes nothing but the panel:
//     its errors are the loader's (as `kafkasim validate` prints them), the
//     run shown stays; a click on each error line puts the editor's cursor on
//     that line and column;
//  4. Save as scenario hands the platform YAML that loads and replays to the
//     fingerprint shown, after an action made through the panels;
//  5. text_offset over generated texts and positions.
//   usage: viz_null_scenario CONFIGS_DIR
#include <imgui.h>
#include <imgui_internal.h>  // GetInputTextState: where the editor's cursor is

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "check/load_checked.hpp"
#include "interactive/exploration.hpp"
#include "model/state_cache.hpp"
#include "null_backend.hpp"
#include "ui/scenario_panel.hpp"
#include "ui/viz_session.hpp"
#include "ui/widget_keys.hpp"

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

null_backend::Checks checks("viz_null_scenario");
void expect(bool ok, const std::string& what) { checks.expect(ok, what); }

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The fingerprint of `yaml` loaded and explored without the UI.
std::string direct_fingerprint(const std::string& yaml, const std::string& name) {
    LoadResult loaded = load_checked_scenario_text(yaml, name);
    if (!loaded.spec) return "(refused)";
    return interactive::Exploration(std::move(*loaded.spec), viz_record_options()).fingerprint();
}

// One frame as the web page runs it: a requested load first, then the UI.
void frame(VizSession& session) {
    session.before_frame();
    ImGui::NewFrame();
    session.frame(1.0 / 60.0);
    ImGui::Render();
}

// Hover, press, release on the widget drawn under `key` in the last frame,
// and one more frame.
bool click(VizSession& session, const std::string& key) {
    const WidgetRect* rect = session.app().widgets().find(key);
    if (rect != nullptr && !rect->visible) {
        // Drawn but scrolled away (the configs wrap onto more rows as they
        // grow): scroll it into view first, as a person (and --script) would.
        session.app().widgets().reveal(key);
        frame(session);
        frame(session);
        rect = session.app().widgets().find(key);
    }
    if (rect == nullptr || !rect->visible) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = rect->center();
    frame(session);
    io.MouseDown[0] = true;
    frame(session);
    io.MouseDown[0] = false;
    frame(session);
    frame(session);  // the next frame performs a load the click requested
    return true;
}

const char* const malformed = "name: malformed\n"
                              "seed: 1\n"
                              "brokers:\n"
                              "  - name: b1\n"
                              "    service_time: 5 parsecs\n"
                              "producers:\n"
                              "  - name: p1\n"
                              "    brokers: [b1, b9]\n"
                              "consumers: []\n"
                              "retries: 3\n";

void check_embedded(const std::filesystem::path& configs) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(configs)) {
        if (entry.path().extension() == ".yaml") files.push_back(entry.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> embedded;
    for (const EmbeddedConfig& config : embedded_configs()) {
        embedded.push_back(config.file_name);
        expect(read_file(configs / config.file_name) == config.yaml, std::string(config.file_name) + ": the embedded text differs from the file");
        const std::string stem = std::string(config.file_name).substr(0, std::string(config.file_name).size() - 5);
        expect(find_embedded_config(stem) == &config && find_embedded_config(config.file_name) == &config,
               "find_embedded_config(" + stem + ")");
    }
    expect(embedded == files, "the embedded configs are not configs/*.yaml");
    expect(find_embedded_config("no-such") == nullptr && find_embedded_config("") == nullptr, "find_embedded_config of no config");
}

void check_text_offset() {
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
        // Lines of random lengths, some empty, with or without a final newline.
        std::vector<std::string> lines(1 + random() % 8);
        std::string text;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            lines[i] = std::string(random() % 6, static_cast<char>('a' + i));
            text += lines[i];
            if (i + 1 < lines.size() || random() % 2) text += '\n';
        }
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            for (int column = 0; column <= static_cast<int>(lines[i].size()) + 2; ++column) {
                const std::size_t want = line_start + std::min<std::size_t>(static_cast<std::size_t>(std::max(column, 1) - 1), lines[i].size());
                const std::size_t got = text_offset(text, static_cast<int>(i) + 1, column);
                if (got != want) {
                    expect(false, "text_offset(line " + std::to_string(i + 1) + ", column " + std::to_string(column) + ") = " +
                                      std::to_string(got) + ", want " + std::to_string(want));
                    return;
                }
            }
            line_start += lines[i].size() + 1;
        }
        expect(text_offset(text, static_cast<int>(lines.size()) + 3, 1) == text.size(), "text_offset past the last line");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: viz_null_scenario CONFIGS_DIR\n");
        return 2;
    }
    const std::filesystem::path configs = argv[1];
    check_embedded(configs);
    check_text_offset();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 900);
    io.DeltaTime = 1.0f / 60.0f;
    const float font_px = font_size_for_display(io.DisplaySize.y);
    apply_style(font_px);

    SessionPlatform platform;
    std::string saved_name;
    std::string saved_yaml;
    int atlas_builds = 0;
    platform.save_file = [&](const std::string& name, const std::string& yaml) {
        saved_name = name;
        saved_yaml = yaml;
    };
    platform.fonts_rebuilt = [&atlas_builds] {
        unsigned char* pixels = nullptr;
        int width = 0;
        int height = 0;
        ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // as a backend uploads it
        ++atlas_builds;
    };
    VizSession session(font_px, platform);
    const EmbeddedConfig& seed = *find_embedded_config("seed");
    expect(session.load(seed.file_name, seed.yaml), "seed.yaml loads");
    expect(session.generation() == 1 && atlas_builds == 1, "the first load builds the fonts once");
    for (int i = 0; i < 3; ++i) frame(session);

    // 2. Each config through its button.
    expect(click(session, keys::tab_scenario), "the Scenario tab is drawn");
    for (std::size_t i = 0; i < embedded_configs().size(); ++i) {
        const EmbeddedConfig& config = embedded_configs()[i];
        const std::uint64_t generation = session.generation();
        if (!click(session, keys::scenario_config(i))) {
            expect(false, std::string("no button for ") + config.file_name);
            continue;
        }
        expect(session.generation() == generation + 1, std::string("a click on ") + config.file_name + " loads it");
        expect(session.scenario_name() == config.file_name, "shown: " + session.scenario_name() + ", clicked " + config.file_name);
        expect(session.fingerprint() == direct_fingerprint(read_file(configs / config.file_name), config.file_name),
               std::string(config.file_name) + ": the session's fingerprint is not the file's");
        expect(session.panel().text == config.yaml, std::string(config.file_name) + ": the editor holds the config");
    }

    // 3. A malformed text: errors, nothing else changes; each error line jumps.
    const std::string shown = session.scenario_name();  // the last config
    const std::string shown_fingerprint = session.fingerprint();
    const std::uint64_t generation = session.generation();
    session.panel().name = "pasted.yaml";
    session.panel().text = malformed;
    expect(click(session, keys::scenario_run), "the Run button is drawn");
    const LoadResult refused = load_checked_scenario_text(malformed, "pasted.yaml");
    std::vector<std::string> want;
    std::vector<std::string> got;
    for (const Diagnostic& error : refused.errors) want.push_back(format_diagnostic(error));
    for (const Diagnostic& error : session.panel().errors) got.push_back(format_diagnostic(error));
    expect(want.size() >= 3 && got == want, "the panel's errors are not the loader's");
    expect(session.generation() == generation && session.scenario_name() == shown && session.fingerprint() == shown_fingerprint,
           "a refused text changed the run shown");
    for (std::size_t i = 0; i < session.panel().errors.size(); ++i) {
        const Diagnostic error = session.panel().errors[i];
        if (!click(session, keys::scenario_error(i))) {
            expect(false, "error line " + std::to_string(i) + " is not drawn");
            continue;
        }
        for (int f = 0; f < 3; ++f) frame(session);
        const ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID());
        const std::size_t offset = text_offset(malformed, error.line, error.column);
        expect(!session.panel().jump, "the jump to error " + std::to_string(i) + " is still pending");
        expect(state != nullptr && state->GetCursorPos() == static_cast<int>(offset),
               "after a click on '" + want[i] + "' the editor's cursor is at " +
                   (state != nullptr ? std::to_string(state->GetCursorPos()) : std::string("(no active editor)")) + ", want " +
                   std::to_string(offset));
    }
    // A click elsewhere leaves the editor before the next load.
    io.MousePos = ImVec2(5, 5);
    frame(session);

    // 4. Back to seed.yaml, an action (as the Interactive window's buttons
    // perform it), then Save as scenario.
    const auto seed_index = static_cast<std::size_t>(&seed - embedded_configs().data());
    expect(click(session, keys::scenario_config(seed_index)) && session.scenario_name() == "seed.yaml", "back to seed.yaml");
    const std::string before = session.fingerprint();
    std::vector<std::string> script_errors;
    const auto commands =
        interactive::parse_script("at 1.5s publish p1 \"Hello world\" \"message 9\"\n", "action.txt", session.app().exploration()->base(), script_errors);
    expect(script_errors.empty() && commands.size() == 1, "the action parses");
    if (commands.size() == 1) session.app().perform(commands.front(), "test");
    expect(session.app().last_action().ok, "the action is performed: " + session.app().last_action().message);
    frame(session);
    const std::string explored = session.fingerprint();
    expect(explored != before, "the action changed the run");
    expect(click(session, keys::scenario_save), "the Save as scenario button is drawn");
    expect(saved_name == "seed-explored.yaml", "saved as '" + saved_name + "'");
    expect(direct_fingerprint(saved_yaml, saved_name) == explored, "the saved scenario does not replay to the fingerprint shown");

    ImGui::DestroyContext();
    return checks.exit_code();
}
