// See gl_window.hpp.
#include "app/gl_window.hpp"

#ifdef __EMSCRIPTEN__
#define GLFW_INCLUDE_ES3  // WebGL 2 is OpenGL ES 3.0
#endif
#include <GLFW/glfw3.h>
#include <algorithm>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#ifndef __EMSCRIPTEN__
#include <stb_image_write.h>
#endif

namespace kafkasim::viz {

namespace {

// GLFW reports errors through a callback; keep the last one for the message.
std::string& last_glfw_error() {
    static std::string error;
    return error;
}

void on_glfw_error(int, const char* description) { last_glfw_error() = description != nullptr ? description : "unknown error"; }

}  // namespace

GlWindow::~GlWindow() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (window_ != nullptr) glfwDestroyWindow(window_);
    glfwTerminate();
}

bool GlWindow::open(const WindowOptions& options, std::string& error) {
    glfwSetErrorCallback(on_glfw_error);
    if (glfwInit() == GLFW_FALSE) {
        error = "cannot open a window: " + last_glfw_error() + " (without a display, run under xvfb-run -a)";
        return false;
    }
    // OpenGL 3.0 with GLSL 130: what Mesa's software renderer under Xvfb
    // offers everywhere; in the browser WebGL 2 (OpenGL ES 3.0, GLSL 300 es).
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#ifdef __EMSCRIPTEN__
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    constexpr const char* glsl_version = "#version 300 es";
#else
    constexpr const char* glsl_version = "#version 130";
#endif
    glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
    window_ = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
    if (window_ == nullptr) {
        error = "cannot open an OpenGL 3 window: " + last_glfw_error();
        return false;
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(options.vsync ? 1 : 0);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // never write imgui.ini into the working directory
    io.LogFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init(glsl_version);
    imgui_ready_ = true;
    return true;
}

bool GlWindow::should_close() const { return glfwWindowShouldClose(window_) != 0; }

void GlWindow::begin_frame(double wait_s, const std::function<void(ImGuiIO&)>& input) {
    if (wait_s > 0) {
        glfwWaitEventsTimeout(wait_s);
    } else {
        glfwPollEvents();
    }
    ImGui_ImplOpenGL3_NewFrame();
    frame_begun_ = true;
    ImGui_ImplGlfw_NewFrame();
    if (input) input(ImGui::GetIO());
    ImGui::NewFrame();
}

void GlWindow::draw() {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.93f, 0.94f, 0.96f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

std::vector<std::uint8_t> GlWindow::read_pixels(int& width, int& height) const {
    glfwGetFramebufferSize(window_, &width, &height);
    std::vector<std::uint8_t> rgb(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    // The back buffer: the frame just rendered, before the swap shows (and may discard) it.
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, rgb.data());
    // OpenGL's rows run bottom-up.
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    for (int y = 0; y < height / 2; ++y) {
        std::swap_ranges(rgb.begin() + static_cast<std::ptrdiff_t>(y * row), rgb.begin() + static_cast<std::ptrdiff_t>((y + 1) * row),
                         rgb.begin() + static_cast<std::ptrdiff_t>((height - 1 - y) * row));
    }
    return rgb;
}

void GlWindow::present() { glfwSwapBuffers(window_); }

void GlWindow::finish() { glFinish(); }

std::string GlWindow::renderer() const {
    const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return std::string(name != nullptr ? name : "?") + ", OpenGL " + (version != nullptr ? version : "?");
}

void GlWindow::set_title(const std::string& title) { glfwSetWindowTitle(window_, title.c_str()); }

void GlWindow::size(int& width, int& height) const { glfwGetWindowSize(window_, &width, &height); }

void GlWindow::set_size(int width, int height) { glfwSetWindowSize(window_, width, height); }

void GlWindow::fonts_rebuilt() {
    // Before the first frame the backend has made nothing yet: it uploads
    // the atlas as it is on the first NewFrame. After, only the texture is
    // made again: ImGui 1.86's DestroyDeviceObjects() would also drop the
    // vertex buffers but not the sizes it remembers for them.
    if (!frame_begun_) return;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

#ifndef __EMSCRIPTEN__  // the page has no files to write
bool write_png(const std::string& path, const std::vector<std::uint8_t>& rgb, int width, int height) {
    return stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3) != 0;
}

#endif

}  // namespace kafkasim::viz
