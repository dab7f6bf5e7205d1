// What the headless UI tests share, after imgui's example_null: an ImGui
// context with no window and no GPU (fonts and style as the app sets them,
// the font atlas built as a backend would), one frame of VizApp, a click, and
// a failure counter that lets a test report every broken check, not just
// the first.
#pragma once

#include <imgui.h>

#include <cstdio>
#include <string>

#include "ui/app.hpp"
#include "ui/theme.hpp"

namespace kafkasim::viz::null_backend {

// Counts failed checks and says each on stderr, prefixed by the test's name.
class Checks {
public:
    explicit Checks(const char* test_name) : test_name_(test_name) {}
    void expect(bool ok, const std::string& what) {
        if (ok) return;
        ++failures_;
        std::fprintf(stderr, "%s: FAILED: %s\n", test_name_, what.c_str());
    }
    // The process's exit code: 0, or 1 after saying how many checks failed.
    int exit_code() const {
        if (failures_ == 0) return 0;
        std::fprintf(stderr, "%s: %d failures\n", test_name_, failures_);
        return 1;
    }

private:
    const char* test_name_;
    int failures_ = 0;
};

// Creates the ImGui context at 1600x900 and returns the app's fonts.
inline Fonts create_context() {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 900);
    io.DeltaTime = 1.0f / 60.0f;
    const Fonts fonts = load_fonts(font_size_for_display(io.DisplaySize.y));
    apply_style(fonts.size_px);
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas, as a backend would
    return fonts;
}

inline void frame(VizApp& app) {
    ImGui::NewFrame();
    app.frame(1.0 / 60.0);
    ImGui::Render();
}

// Hover, press, release at `position`: one frame each, as a real pointer.
inline void click_at(VizApp& app, ImVec2 position) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = position;
    frame(app);
    io.MouseDown[0] = true;
    frame(app);
    io.MouseDown[0] = false;
    frame(app);
}

}  // namespace kafkasim::viz::null_backend
