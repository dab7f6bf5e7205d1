// The OS window: GLFW + OpenGL 3 + Dear ImGui's GLFW/OpenGL3 backends
// (compiled into Debian's libimgui.a), frame begin/end, and reading the
// rendered frame back for screenshots. Failing to open a window (no DISPLAY,
// no GLX) is an expected error reported as one line, not a crash.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct GLFWwindow;
struct ImGuiIO;

namespace kafkasim::viz {

struct WindowOptions {
    int width = 1600;
    int height = 900;
    std::string title = "kafkasim-viz";
    bool vsync = true;
    bool resizable = true;
};

class GlWindow {
public:
    GlWindow() = default;
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;
    ~GlWindow();

    // Opens the window and sets up ImGui (context, backends, no imgui.ini).
    // False with `error` set (one line) when no window can be opened.
    bool open(const WindowOptions& options, std::string& error);

    bool should_close() const;
    // Polls input (or waits up to `wait_s` for some when > 0) and starts an
    // ImGui frame. `input`, when given, runs after the GLFW backend has set
    // the mouse and before ImGui::NewFrame: scripted input goes there.
    void begin_frame(double wait_s, const std::function<void(ImGuiIO&)>& input = {});
    // Draws the ImGui frame (after ImGui::Render()) into the back buffer, not yet shown.
    void draw();
    // The back buffer as RGB rows, top row first; call after draw().
    std::vector<std::uint8_t> read_pixels(int& width, int& height) const;
    void present();
    // Waits until the GPU (Mesa's rasterizer under Xvfb) has finished: for honest frame timings.
    void finish();
    void set_title(const std::string& title);
    // The window's size in screen coordinates (the canvas's, in the browser).
    void size(int& width, int& height) const;
    void set_size(int width, int height);
    // The font atlas was rebuilt (a new scenario's glyphs): upload it again.
    void fonts_rebuilt();
    // "Mesa ... llvmpipe ...": which OpenGL implementation draws (for bench output).
    std::string renderer() const;

private:
    GLFWwindow* window_ = nullptr;
    bool imgui_ready_ = false;
    bool frame_begun_ = false;  // the backend has made its device objects
};

#ifndef __EMSCRIPTEN__
// Writes RGB pixels (top row first) as a PNG. False on failure.
bool write_png(const std::string& path, const std::vector<std::uint8_t>& rgb, int width, int height);
#endif

}  // namespace kafkasim::viz
