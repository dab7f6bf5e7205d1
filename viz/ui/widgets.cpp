// See widgets.hpp.
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>

#include "report/format.hpp"
#include "text/utf8_text.hpp"
#include "ui/glyphs.hpp"
#include "ui/theme.hpp"

namespace kafkasim::viz {

void pill(std::string_view text, ImU32 background, ImU32 foreground) {
    const std::string shown = display_text(text);
    const std::string_view label = shown;
    const char* begin = label.data();
    const char* end = label.data() + label.size();
    const ImVec2 text_size = ImGui::CalcTextSize(begin, end);
    const ImVec2 padding(ImGui::GetFontSize() * 0.45f, ImGui::GetStyle().FramePadding.y * 0.5f);
    const ImVec2 position = ImGui::GetCursorScreenPos();
    const ImVec2 size(text_size.x + 2 * padding.x, text_size.y + 2 * padding.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(position, ImVec2(position.x + size.x, position.y + size.y), background, size.y * 0.5f);
    draw->AddText(ImVec2(position.x + padding.x, position.y + padding.y), foreground, begin, end);
    ImGui::Dummy(size);
}

void chip(std::string_view text, ImU32 background, ImU32 outline, bool strike) {
    const std::string shown = display_text(text);
    const std::string_view label = shown;
    const char* begin = label.data();
    const char* end = label.data() + label.size();
    const ImVec2 text_size = ImGui::CalcTextSize(begin, end);
    const ImVec2 padding(ImGui::GetFontSize() * 0.3f, 1.0f);
    const ImVec2 position = ImGui::GetCursorScreenPos();
    const ImVec2 size(text_size.x + 2 * padding.x, text_size.y + 2 * padding.y);
    const ImVec2 corner(position.x + size.x, position.y + size.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(position, corner, background, 3.0f);
    if (outline != 0) draw->AddRect(position, corner, outline, 3.0f, 0, 2.0f);
    draw->AddText(ImVec2(position.x + padding.x, position.y + padding.y), colors::text, begin, end);
    if (strike) {
        const float y = position.y + size.y * 0.55f;
        draw->AddLine(ImVec2(position.x + 2, y), ImVec2(corner.x - 2, y), colors::removed, 2.0f);
    }
    ImGui::Dummy(size);
}

void actor_name(const Simulation& names, ActorId actor, ImFont* font) {
    if (font != nullptr) ImGui::PushFont(font);
    const std::string_view name = actor == no_actor ? std::string_view("-") : names.actor_name(actor);
    text_coloured(actor_colour(names, actor), name);
    if (font != nullptr) ImGui::PopFont();
}

void text(std::string_view label) {
    if (needs_display_text(label)) {
        const std::string shown = display_text(label);
        ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
        return;
    }
    ImGui::TextUnformatted(label.data(), label.data() + label.size());
}

void text_coloured(ImU32 colour, std::string_view label) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text(label);
    ImGui::PopStyleColor();
}

void text_dim(std::string_view label) { text_coloured(colors::text_dim, label); }

std::string fit_text(std::string_view text, float width) {
    const std::string shown = display_text(text);
    const std::string_view label = shown;
    if (ImGui::CalcTextSize(label.data(), label.data() + label.size()).x <= width) return std::string(label);
    const char* ellipsis = "\xE2\x80\xA6";  // U+2026
    const float ellipsis_width = ImGui::CalcTextSize(ellipsis).x;
    // Binary search for the longest prefix that fits with the ellipsis.
    std::size_t low = 0;
    std::size_t high = label.size();
    while (low < high) {
        const std::size_t middle = (low + high + 1) / 2;
        if (ImGui::CalcTextSize(label.data(), label.data() + middle).x + ellipsis_width <= width) {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    // Do not cut a UTF-8 sequence in half.
    return std::string(label.substr(0, utf8_prefix_bytes(label, low))) + ellipsis;
}

void text_fitted(ImU32 colour, std::string_view label, float width) {
    const std::string shown = fit_text(label, width);
    text_coloured(colour, shown);
    if (shown != display_text(label) && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
        text(label);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void value_slot(std::string_view label, float slot_width) {
    ImGui::AlignTextToFramePadding();
    const float x = ImGui::GetCursorPosX();
    text(label);
    ImGui::SameLine(x + slot_width);
}

std::string stage_label(Stage stage) {
    std::string label(stage_name(stage));
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

std::string indexed(std::string_view prefix, std::int64_t n, std::string_view suffix) {
    std::string out(prefix);
    out += std::to_string(n);
    out += suffix;
    return out;
}

std::string time_label(TimeNs time_ns) { return format_duration_ns(time_ns); }

std::string instant_label(TimeNs time_ns) {
    std::string label = format_time_ms(time_ns);
    label.erase(0, label.find_first_not_of(' '));
    return label;
}

std::string rounded_label(double duration_ns, int digits) {
    if (duration_ns <= 0) return format_duration_ns(0);
    // Keep `digits` significant digits, then print exactly what is left.
    const double magnitude = std::pow(10.0, std::floor(std::log10(duration_ns)) + 1 - digits);
    const double rounded = std::max(std::round(duration_ns / magnitude), 1.0) * magnitude;
    return format_duration_ns(static_cast<TimeNs>(std::llround(rounded)));
}

void form_label(const char* label, float field_x) {
    ImGui::AlignTextToFramePadding();
    text_dim(label);
    ImGui::SameLine(field_x);
    ImGui::SetNextItemWidth(-1);
}

}  // namespace kafkasim::viz
