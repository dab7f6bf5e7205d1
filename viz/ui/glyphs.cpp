// See glyphs.hpp.
#include "ui/glyphs.hpp"

#include <stb_truetype.h>  // Debian's libstb: the cmap lookup, without building an atlas
#include <utf8cpp/utf8.h>  // Debian's libutfcpp-dev

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <fstream>
#include <iterator>

namespace kafkasim::viz {

namespace {

Placeholders& current_placeholders() {
    static Placeholders placeholders;
    return placeholders;
}

// The hex digits in a 3x5 pixel font, one row per nibble (bit 2: left).
constexpr std::array<std::array<unsigned char, 5>, 16> hex_digits = {{
    {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7},  // 0 1 2 3
    {5, 5, 7, 1, 1}, {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1},  // 4 5 6 7
    {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}, {7, 5, 7, 5, 5}, {6, 5, 6, 5, 6},  // 8 9 A B
    {7, 4, 4, 4, 7}, {6, 5, 5, 5, 6}, {7, 4, 6, 4, 7}, {7, 4, 6, 4, 4},  // C D E F
}};

// The digits a box shows: 4 for the BMP, 6 above (two rows of 2 or 3).
int digit_count(char32_t code_point) { return code_point > 0xFFFF ? 6 : 4; }

// Pixel geometry of a box at a font size: digit pixels `scale`, a 1-pixel
// outline and a 1-pixel margin inside it.
struct BoxGeometry {
    int scale = 1;
    int columns = 2;  // digits per row
    int width = 0;
    int height = 0;
};

BoxGeometry box_geometry(float size_px, char32_t code_point) {
    BoxGeometry box;
    // Two rows of 5-pixel digits, a row gap, margins and outline fit in the line.
    box.scale = std::max(1, static_cast<int>((size_px - 4) / 11));
    box.columns = digit_count(code_point) / 2;
    box.width = 2 + 2 + box.columns * 3 * box.scale + (box.columns - 1) * box.scale;
    box.height = 2 + 2 + 2 * 5 * box.scale + box.scale;
    return box;
}

}  // namespace

std::vector<char32_t> code_points(std::string_view utf8) {
    std::vector<char32_t> result;
    std::string valid;
    if (!utf8::is_valid(utf8.begin(), utf8.end())) {
        utf8::replace_invalid(utf8.begin(), utf8.end(), std::back_inserter(valid), 0xFFFD);
        utf8 = valid;
    }
    for (auto it = utf8.begin(); it != utf8.end();) result.push_back(utf8::unchecked::next(it));
    return result;
}

void add_code_points(std::vector<char32_t>& sorted, std::string_view text) {
    // Fast path: printable ASCII is always loaded.
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; })) return;
    std::vector<char32_t> unique = code_points(text);
    // Control characters get no glyph: display_text shows them as U+FFFD (a
    // glyph for U+0000 would end ImGui's zero-terminated range list).
    std::erase_if(unique, is_control);
    std::vector<char32_t> merged;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    std::set_union(sorted.begin(), sorted.end(), unique.begin(), unique.end(), std::back_inserter(merged));
    sorted = std::move(merged);
}

std::vector<char32_t> run_code_points(const RecordedRun& run) {
    std::vector<char32_t> result;
    const ScenarioSpec& spec = run.spec();
    add_code_points(result, spec.name);
    for (const auto& broker : spec.brokers) add_code_points(result, broker.name);
    for (const auto& producer : spec.producers) add_code_points(result, producer.name);
    for (const auto& consumer : spec.consumers) add_code_points(result, consumer.name);
    // Every topic and message of the run, the scenario's and the generated ones.
    const StringTable& strings = run.strings();
    for (StringId id = 0; id < strings.size(); ++id) add_code_points(result, strings.text(id));
    return result;
}

std::vector<ImWchar> glyph_ranges(const std::vector<char32_t>& extra) {
    // The blocks DejaVu Sans covers that text in European scripts and our UI use.
    static const ImWchar blocks[] = {
        0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B (Łódź, Ő, Ș)
        0x0250, 0x02FF,  // IPA, spacing modifiers
        0x0300, 0x036F,  // combining diacritics
        0x0370, 0x03FF,  // Greek and Coptic
        0x0400, 0x052F,  // Cyrillic and its supplement
        0x1E00, 0x1FFF,  // Latin Extended Additional (Vietnamese), Greek Extended
        0x2000, 0x206F,  // general punctuation: dashes, quotes, bullets, ellipsis
        0x2070, 0x209F,  // superscripts and subscripts
        0x20A0, 0x20CF,  // currency: € ₽ ₴ ₺
        0x2100, 0x218F,  // letterlike symbols, number forms
        0x2190, 0x21FF,  // arrows
        0x2200, 0x22FF,  // mathematical operators
        0x2300, 0x23FF,  // technical
        0x2460, 0x24FF,  // enclosed alphanumerics
        0x2500, 0x25FF,  // box drawing, blocks, geometric shapes
        0x2600, 0x27BF,  // miscellaneous symbols, dingbats
        0xFB00, 0xFB4F,  // ligatures
        0xFFFD, 0xFFFD,  // the replacement character: ImGui's fallback once loaded
        0,
    };
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(blocks);
    for (const char32_t code_point : extra) {
        if (code_point <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(code_point));
    }
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return std::vector<ImWchar>(built.begin(), built.end());
}

FontCoverage::FontCoverage(const std::string& path, int index) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return;
    data_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    offset_ = stbtt_GetFontOffsetForIndex(data_.data(), index);
    if (offset_ < 0) data_.clear();
}

bool FontCoverage::has(char32_t code_point) const {
    if (data_.empty()) return false;
    stbtt_fontinfo info;
    // InitFont only reads the table directory: cheap enough per call, and keeps this const.
    if (stbtt_InitFont(&info, data_.data(), offset_) == 0) return false;
    return stbtt_FindGlyphIndex(&info, static_cast<int>(code_point)) != 0;
}

const Placeholders& placeholders() { return current_placeholders(); }
void set_placeholders(Placeholders placeholders) { current_placeholders() = std::move(placeholders); }

bool is_control(char32_t code_point) {
    return (code_point < 0x20 && code_point != '\n' && code_point != '\t') || (code_point >= 0x7F && code_point <= 0x9F);
}

bool needs_display_text(std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        if (byte >= 0xF0 || (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) return true;
        // C1 controls: C2 80..C2 9F.
        if (byte == 0xC2 && i + 1 < utf8.size() && static_cast<unsigned char>(utf8[i + 1]) <= 0x9F) return true;
    }
    return false;
}

std::string display_text(std::string_view utf8) {
    if (!needs_display_text(utf8)) return std::string(utf8);
    const std::vector<char32_t>& astral = placeholders().astral;
    std::string shown;
    shown.reserve(utf8.size());
    for (const char32_t code_point : code_points(utf8)) {
        char32_t out = code_point;
        if (is_control(code_point)) {
            out = 0xFFFD;
        } else if (code_point > 0xFFFF) {
            const auto it = std::lower_bound(astral.begin(), astral.end(), code_point);
            out = it != astral.end() && *it == code_point
                      ? Placeholders::private_use_first + static_cast<char32_t>(it - astral.begin())
                      : char32_t{0xFFFD};
        }
        utf8::unchecked::append(out, std::back_inserter(shown));
    }
    return shown;
}

PendingBox reserve_placeholder_box(ImFontAtlas& atlas, ImFont* font, float size_px, char32_t shown_as, char32_t code_point) {
    assert(shown_as <= 0xFFFF && "ImGui's glyphs are 16-bit here");
    const BoxGeometry box = box_geometry(size_px, code_point);
    // Centred in the line (glyph offsets are from the line's top).
    const float offset_y = std::floor((size_px - static_cast<float>(box.height)) * 0.5f);
    PendingBox pending;
    pending.code_point = code_point;
    pending.rect = atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(shown_as), box.width, box.height,
                                                static_cast<float>(box.width + 2), ImVec2(1, offset_y));
    return pending;
}

void fill_placeholder_boxes(ImFontAtlas& atlas, const std::vector<PendingBox>& boxes) {
    assert(atlas.TexPixelsAlpha8 != nullptr && "build the atlas first");
    for (const PendingBox& pending : boxes) {
        const ImFontAtlasCustomRect& rect = *atlas.GetCustomRectByIndex(pending.rect);
        assert(rect.IsPacked());
        const auto set = [&](int x, int y) {
            if (x < 0 || y < 0 || x >= rect.Width || y >= rect.Height) return;
            atlas.TexPixelsAlpha8[(rect.Y + y) * atlas.TexWidth + rect.X + x] = 0xFF;
        };
        for (int x = 0; x < rect.Width; ++x) {
            set(x, 0);
            set(x, rect.Height - 1);
        }
        for (int y = 0; y < rect.Height; ++y) {
            set(0, y);
            set(rect.Width - 1, y);
        }
        // The digits, most significant first: two rows.
        const int digits = digit_count(pending.code_point);
        const int columns = digits / 2;
        const int scale = std::max(1, (rect.Height - 4 - 0) / 11);
        for (int d = 0; d < digits; ++d) {
            const unsigned nibble = (pending.code_point >> (4 * (digits - 1 - d))) & 0xF;
            const int origin_x = 2 + (d % columns) * 4 * scale;
            const int origin_y = 2 + (d / columns) * 6 * scale;
            for (int row = 0; row < 5; ++row) {
                for (int column = 0; column < 3; ++column) {
                    if ((hex_digits[nibble][static_cast<std::size_t>(row)] & (4 >> column)) == 0) continue;
                    for (int dy = 0; dy < scale; ++dy) {
                        for (int dx = 0; dx < scale; ++dx) set(origin_x + column * scale + dx, origin_y + row * scale + dy);
                    }
                }
            }
        }
    }
}

}  // namespace kafkasim::viz
