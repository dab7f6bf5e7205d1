// Small drawing helpers shared by the panels: coloured pills and chips,
// actor names in their colour, and text that fits.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

#include "core/simulation.hpp"
#include "ui/glyphs.hpp"

namespace kafkasim::viz {

// A rounded label with a filled background, laid out like text (SameLine-able).
void pill(std::string_view text, ImU32 background, ImU32 foreground = IM_COL32(255, 255, 255, 255));
// A chip with an outline (for dictionary messages); `emphasis` thickens and colours it.
void chip(std::string_view text, ImU32 background, ImU32 outline, bool strike = false);
// The actor's name in its colour (bold font when given).
void actor_name(const Simulation& names, ActorId actor, ImFont* font = nullptr);
void text(std::string_view text);
void text_coloured(ImU32 colour, std::string_view text);
void text_dim(std::string_view text);
// Every helper here shows text through display_text() (glyphs.hpp): a code
// point no font has is a box with its number, never a bare '?'.
// A text truncated with "…" to fit `width` pixels (already display_text'ed).
std::string fit_text(std::string_view text, float width);
// Text in one line of `width` pixels: cut with "…" when it does not fit, and
// then hovering it shows all of it (nothing is cut without a way to read it).
void text_fitted(ImU32 colour, std::string_view text, float width);
// A slider's value as text in a slot `slot_width` wide at the cursor, then
// SameLine past the slot. Sliders here show no text of their own: a handle
// drawn over its own label hides it. The fixed slot keeps the row still
// while the value's width changes.
void value_slot(std::string_view text, float slot_width);
// A form field's label, dim, then the field starts at `field_x` and takes the rest of the line.
void form_label(const char* label, float field_x);
// A consumer stage for people: "asking status" (the trace name has underscores).
std::string stage_label(Stage stage);
// prefix + n + suffix, e.g. indexed("[", 3, "] ") == "[3] ". Built by appending:
// GCC 12 falsely warns (-Wrestrict, PR 105329) on "literal" + std::to_string(n).
std::string indexed(std::string_view prefix, std::int64_t n, std::string_view suffix = {});
// An exact duration in its largest unit: "101.5ms", "0", "2s" (for scenario times and round ticks).
std::string time_label(TimeNs time_ns);
// An instant of the run in milliseconds with three decimals: "3199.945ms", like the event log.
std::string instant_label(TimeNs time_ns);
// A duration rounded to `digits` significant digits: "1.26ms", "8.635s" (speeds, spans).
std::string rounded_label(double duration_ns, int digits = 3);

}  // namespace kafkasim::viz
