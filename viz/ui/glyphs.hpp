// Text in any script: which code points a run's text needs, which of them
// the installed fonts draw, and a visible placeholder for the rest.
//
// Dear ImGui draws only the glyphs baked into its font atlas when the atlas
// is built, and Debian's build has 16-bit ImWchar: a code point above U+FFFF
// (an emoji, say) cannot reach a font at all, ImGui turns it into U+FFFD.
// So, before the atlas is built:
// - the glyph ranges are the scripts DejaVu covers (Latin Extended, Greek,
//   Cyrillic, punctuation incl. the euro sign, arrows, symbols) plus every
//   code point the run's names, topics and messages use (a CJK font merged in
//   when one is installed supplies those);
// - a code point that no loaded font has gets a glyph of its own: a box with
//   its hexadecimal number in it (U+1F600 reads 01F over 600), drawn into
//   the atlas by hand. Code points above U+FFFF are mapped to private-use code
//   points with such boxes; display_text() rewrites a string accordingly, and
//   the shared text helpers (widgets.hpp) call it.
// Never a bare '?': text typed later that no font has shows U+FFFD (a box
// with a question mark, DejaVu's), ImGui's fallback once it is in the atlas.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/recorded_run.hpp"

namespace kafkasim::viz {

// The code points of UTF-8 text, in order; an invalid byte sequence gives U+FFFD.
std::vector<char32_t> code_points(std::string_view utf8);
// Every code point the run can show: actor names, the scenario's name,
// topics and messages (the run's string table, which holds the scenario's
// and every generated text). Sorted, without duplicates.
std::vector<char32_t> run_code_points(const RecordedRun& run);
// Adds the code points of `text` to a sorted, duplicate-free list.
void add_code_points(std::vector<char32_t>& sorted, std::string_view text);

// The glyph ranges loaded for every font: the scripts the installed fonts
// cover plus `extra` (sorted). Zero-terminated pairs, as ImGui wants them.
std::vector<ImWchar> glyph_ranges(const std::vector<char32_t>& extra);

// Which code points a font file has (stb_truetype's cmap lookup). A missing
// or unreadable file has none. `index`: the face in a collection (.ttc).
class FontCoverage {
public:
    FontCoverage() = default;
    explicit FontCoverage(const std::string& path, int index = 0);
    bool loaded() const { return !data_.empty(); }
    bool has(char32_t code_point) const;

private:
    std::vector<unsigned char> data_;
    int offset_ = -1;
};

// The placeholders of one atlas: which code points got a box, and the
// private-use code point standing for each code point above U+FFFF.
struct Placeholders {
    std::vector<char32_t> boxed;           // BMP code points no font has, sorted
    std::vector<char32_t> astral;          // above U+FFFF, sorted; astral[i] is shown as private_use_first + i
    static constexpr char32_t private_use_first = 0xE000;
    static constexpr std::size_t astral_max = 0x1900;  // U+E000..U+F8FF
};

// The placeholders in force (set by load_fonts, theme.cpp); empty before.
const Placeholders& placeholders();
void set_placeholders(Placeholders placeholders);

// `utf8` as ImGui must be given it: each code point above U+FFFF replaced by
// its private-use stand-in (one with a box; U+FFFD when there are too many).
// Returns the text unchanged (no copy beyond the return) when there is none.
std::string display_text(std::string_view utf8);
// True when `utf8` needs display_text(): it has a 4-byte sequence or a
// control character.
bool needs_display_text(std::string_view utf8);
// C0 controls but '\n' and '\t', DEL and the C1 controls: they get no glyph,
// and display_text() shows each as U+FFFD (visible, never a bare '?').
bool is_control(char32_t code_point);

// Reserves a box glyph for `shown_as` (drawing `code_point`'s number) in
// `font`, before the atlas is built; fill_placeholder_boxes draws them after.
struct PendingBox {
    int rect = -1;          // the atlas's custom rect
    char32_t code_point = 0;
};
PendingBox reserve_placeholder_box(ImFontAtlas& atlas, ImFont* font, float size_px, char32_t shown_as, char32_t code_point);
// Draws each reserved box (an outline, the hex digits in two rows) into the
// built atlas's alpha texture. Call after ImFontAtlas::Build().
void fill_placeholder_boxes(ImFontAtlas& atlas, const std::vector<PendingBox>& boxes);

}  // namespace kafkasim::viz
