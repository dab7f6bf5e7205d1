// Headless test of text in any script (ui/glyphs.hpp, ui/theme.cpp): the font
// atlas is built as the app builds it, for the code points of test strings
// (Polish, Greek, Cyrillic, the euro sign, a CJK character, an emoji) and of
// a sample of the whole Basic Multilingual Plane, then checked:
// - every code point asked for has a glyph in every font (its own or a
//   placeholder box), so ImGui never falls back for run text;
// - the European test strings get real glyphs, not boxes;
// - every code point DejaVu Sans has in the loaded blocks is in the atlas;
// - an emoji (above U+FFFF) is shown as a private-use box by display_text;
// - boxes have pixels, and the fallback is U+FFFD, never '?';
// - the CJK character is drawn by the CJK font when one is installed, else boxed;
// - drawn through ImGui, the European strings use no placeholder and no
//   fallback glyph, and the emoji is drawn with its box, not the fallback.
// It also reports the atlas's size and build time.
//   usage: viz_null_glyphs
#include <imgui.h>

#include <utf8cpp/utf8.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <cstdio>
#include <string>
#include <vector>

#include "null_backend.hpp"
#include "ui/widgets.hpp"
#include "ui/glyphs.hpp"
#include "ui/theme.hpp"

namespace {

using namespace kafkasim::viz;

null_backend::Checks checks("viz_null_glyphs");
void expect(bool ok, const std::string& what) { checks.expect(ok, what); }

std::string hex(char32_t code_point) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
    return buffer;
}

// The texture rectangles of the quads a window drew last frame that fall in `glyph`'s.
std::size_t vertices_in(const char* window_name, const ImFontGlyph& glyph) {
    std::size_t count = 0;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        if (std::string(list->_OwnerName != nullptr ? list->_OwnerName : "") != window_name) continue;
        for (const ImDrawVert& vertex : list->VtxBuffer) {
            count += vertex.uv.x >= glyph.U0 && vertex.uv.x <= glyph.U1 && vertex.uv.y >= glyph.V0 && vertex.uv.y <= glyph.V1 ? 1 : 0;
        }
    }
    return count;
}

// True when the glyph's rectangle in the atlas has at least one inked pixel.
bool inked(const ImFontGlyph& glyph) {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const int x0 = static_cast<int>(glyph.U0 * static_cast<float>(atlas.TexWidth));
    const int x1 = static_cast<int>(glyph.U1 * static_cast<float>(atlas.TexWidth));
    const int y0 = static_cast<int>(glyph.V0 * static_cast<float>(atlas.TexHeight));
    const int y1 = static_cast<int>(glyph.V1 * static_cast<float>(atlas.TexHeight));
    for (int y = y0; y < y1; ++y) {
        for (int x = x0; x < x1; ++x) {
            if (atlas.TexPixelsAlpha8[y * atlas.TexWidth + x] != 0) return true;
        }
    }
    return false;
}

// The atlas of a run whose own text is plain ASCII: European scripts are
// loaded anyway (text typed later, in interactive mode, shows too). Reports
// its size and build time.
void check_plain_atlas(const std::vector<std::string>& european) {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    const auto start = std::chrono::steady_clock::now();
    const Fonts fonts = load_fonts(font_size_for_display(900), {});
    for (const ImFont* font : {fonts.regular, fonts.bold, fonts.mono, fonts.small, fonts.title}) {
        for (const std::string& text : european) {
            for (const char32_t c : code_points(text)) {
                expect(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr, "plain atlas: no glyph for " + hex(c) + " of \"" + text + "\"");
            }
        }
    }
    const double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    std::printf("viz_null_glyphs: plain run: atlas %dx%d, built in %.0f ms\n", atlas.TexWidth, atlas.TexHeight, build_ms);
    ImGui::DestroyContext();
}

}  // namespace

int main() {
    const std::vector<std::string> european = {"Łódź", "Ελληνικά", "Еллада", "cena 5 €", "zażółć gęślą jaźń", "Ærøskøbing → Œuvre ½"};
    check_plain_atlas(european);
    const std::string cjk = "中文";
    const std::string emoji = "😀";
    std::vector<char32_t> needed;
    for (const std::string& text : european) add_code_points(needed, text);
    add_code_points(needed, cjk);
    add_code_points(needed, emoji);
    // A sample of the whole BMP (every 61st code point): a run can hold any of them.
    std::vector<char32_t> sample;
    for (char32_t c = 0x20; c < 0xFFFE; c += 61) {
        if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xE000 && c <= 0xF8FF)) continue;  // surrogates; our private-use boxes
        sample.push_back(c);
    }
    std::string sample_text;
    for (const char32_t c : sample) utf8::append(c, std::back_inserter(sample_text));
    add_code_points(needed, sample_text);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 900);
    const auto start = std::chrono::steady_clock::now();
    const Fonts fonts = load_fonts(font_size_for_display(io.DisplaySize.y), needed);
    const double build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("viz_null_glyphs: %zu code points asked for, %zu boxed, atlas %dx%d, built in %.0f ms, CJK font: %s\n", needed.size(),
                placeholders().boxed.size(), io.Fonts->TexWidth, io.Fonts->TexHeight, build_ms, fonts.cjk_path ? fonts.cjk_path : "none");

    const ImFont* const all_fonts[] = {fonts.regular, fonts.bold, fonts.mono, fonts.small, fonts.title};
    const char* const font_names[] = {"regular", "bold", "mono", "small", "title"};
    for (std::size_t f = 0; f < 5; ++f) {
        const ImFont& font = *all_fonts[f];
        const std::string name = font_names[f];
        expect(font.FallbackChar == 0xFFFD, name + ": the fallback is U+FFFD, not " + hex(font.FallbackChar));
        for (const char32_t c : needed) {
            if (c > 0xFFFF) continue;
            const ImFontGlyph* glyph = font.FindGlyphNoFallback(static_cast<ImWchar>(c));
            expect(glyph != nullptr, name + ": no glyph for " + hex(c));
            if (glyph != nullptr && c != 0x20 && glyph->Visible) expect(inked(*glyph), name + ": the glyph of " + hex(c) + " is blank");
        }
        // European text: real glyphs, never boxes.
        for (const std::string& text : european) {
            for (const char32_t c : code_points(text)) {
                const bool boxed = std::binary_search(placeholders().boxed.begin(), placeholders().boxed.end(), c);
                expect(!boxed, name + ": " + hex(c) + " of \"" + text + "\" is a placeholder box");
            }
        }
        // The emoji: a private-use box, reached through display_text.
        const std::vector<char32_t> shown = code_points(display_text(emoji));
        expect(shown.size() == 1 && shown[0] >= Placeholders::private_use_first && shown[0] < 0xF900, name + ": the emoji is not mapped to a box");
        if (shown.size() == 1 && shown[0] <= 0xFFFF) {
            const ImFontGlyph* glyph = font.FindGlyphNoFallback(static_cast<ImWchar>(shown[0]));
            expect(glyph != nullptr && inked(*glyph), name + ": the emoji's box is missing or blank");
        }
        // CJK: the installed CJK font, or a box.
        for (const char32_t c : code_points(cjk)) {
            const bool boxed = std::binary_search(placeholders().boxed.begin(), placeholders().boxed.end(), c);
            expect(boxed == (fonts.cjk_path == nullptr), name + ": " + hex(c) + (boxed ? " boxed although a CJK font is installed" : " not boxed without a CJK font"));
        }
    }
    // Drawn through ImGui: the European text uses real glyphs only, the emoji its box.
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // as a backend would
    io.DeltaTime = 1.0f / 60.0f;
    for (int frame = 0; frame < 3; ++frame) {  // auto-sized windows appear on their second frame
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::Begin("european");
        for (const std::string& text : european) kafkasim::viz::text(text);
        ImGui::End();
        ImGui::SetNextWindowPos(ImVec2(0, 400));
        ImGui::Begin("emoji");
        kafkasim::viz::text("smile " + emoji);
        ImGui::End();
        ImGui::Render();
    }
    const ImFont& font = *fonts.regular;
    expect(vertices_in("european", *font.FallbackGlyph) == 0, "the European text is drawn with a fallback glyph");
    for (const char32_t c : placeholders().boxed) {
        const ImFontGlyph* box = font.FindGlyphNoFallback(static_cast<ImWchar>(c));
        if (box != nullptr) expect(vertices_in("european", *box) == 0, "the European text is drawn with the box of " + hex(c));
    }
    std::size_t european_glyphs = 0;
    for (const char32_t c : code_points(european[0])) european_glyphs += vertices_in("european", *font.FindGlyph(static_cast<ImWchar>(c)));
    expect(european_glyphs > 0, "the European text is drawn at all");
    expect(vertices_in("emoji", *font.FallbackGlyph) == 0, "the emoji is drawn as the fallback glyph");
    const ImFontGlyph* emoji_box = font.FindGlyphNoFallback(static_cast<ImWchar>(Placeholders::private_use_first));
    expect(emoji_box != nullptr && vertices_in("emoji", *emoji_box) > 0, "the emoji is drawn with its box");

    // Every code point DejaVu Sans has in the loaded blocks is in the regular font.
    const FontCoverage sans("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    expect(sans.loaded(), "DejaVu Sans is installed (fonts-dejavu-core)");
    const std::vector<ImWchar> ranges = glyph_ranges({});
    std::size_t covered = 0;
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        for (char32_t c = ranges[i]; c <= ranges[i + 1]; ++c) {
            if (!sans.has(c)) continue;
            ++covered;
            expect(fonts.regular->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr, "regular: DejaVu has " + hex(c) + " but the atlas does not");
        }
    }
    expect(covered > 2000, "the loaded blocks cover Latin Extended, Greek, Cyrillic and symbols (" + std::to_string(covered) + " glyphs)");
    // Text without 4-byte sequences is passed through unchanged.
    for (const std::string& text : european) expect(display_text(text) == text, "display_text changed \"" + text + "\"");
    ImGui::DestroyContext();
    return checks.exit_code();
}
