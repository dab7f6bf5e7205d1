// See theme.hpp.
#include "ui/theme.hpp"

#include <algorithm>
#include <cassert>
#include <array>
#include <filesystem>
#include <memory>
#include <string>

#include "ui/glyphs.hpp"

namespace kafkasim::viz {

namespace {

constexpr const char* font_dir = "/usr/share/fonts/truetype/dejavu/";

// CJK fonts Debian ships, the first installed one is merged into every font:
// fonts-wqy-microhei (small), fonts-noto-cjk, fonts-wqy-zenhei.
struct FontFace {
    const char* path;
    int index;  // the face in a collection
};
constexpr FontFace cjk_faces[] = {
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
};

// One font of the UI: its own file, then DejaVu Sans (bold and mono lack
// some scripts), then the CJK font, merged; and a box for each needed code
// point none of them has.
class FontBuilder {
public:
    explicit FontBuilder(const std::vector<char32_t>& needed) : needed_(needed), ranges_(glyph_ranges(needed)) {
        sans_ = std::make_unique<FontCoverage>(std::string(font_dir) + "DejaVuSans.ttf");
        for (const FontFace& face : cjk_faces) {
            if (!std::filesystem::exists(face.path)) continue;
            cjk_ = std::make_unique<FontCoverage>(face.path, face.index);
            if (cjk_->loaded()) {
                cjk_face_ = face;
                break;
            }
            cjk_.reset();
        }
        // Code points above U+FFFF never reach a font (16-bit ImWchar): each gets a private-use box.
        for (const char32_t code_point : needed_) {
            if (code_point > 0xFFFF && placeholders_.astral.size() < Placeholders::astral_max) placeholders_.astral.push_back(code_point);
        }
    }

    ImFont* add(const char* file, float size_px) {
        const std::string path = std::string(font_dir) + file;
        if (!std::filesystem::exists(path)) return nullptr;
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        ImFontConfig config;
        config.OversampleH = 2;
        config.OversampleV = 1;
        ImFont* font = atlas.AddFontFromFileTTF(path.c_str(), size_px, &config, ranges_.data());
        if (font == nullptr) return nullptr;
        const FontCoverage own(path);
        // Gaps filled by the later fonts; a merged font only adds what is missing.
        config.MergeMode = true;
        if (std::string(file) != "DejaVuSans.ttf") atlas.AddFontFromFileTTF((std::string(font_dir) + "DejaVuSans.ttf").c_str(), size_px, &config, ranges_.data());
        if (cjk_) {
            config.FontNo = cjk_face_.index;
            atlas.AddFontFromFileTTF(cjk_face_.path, size_px, &config, ranges_.data());
        }
        for (const char32_t code_point : needed_) {
            if (code_point > 0xFFFF) break;  // sorted: the rest are astral
            if (own.has(code_point) || sans_->has(code_point) || (cjk_ && cjk_->has(code_point))) continue;
            boxes_.push_back(reserve_placeholder_box(atlas, font, size_px, code_point, code_point));
            if (std::find(placeholders_.boxed.begin(), placeholders_.boxed.end(), code_point) == placeholders_.boxed.end()) {
                placeholders_.boxed.push_back(code_point);
            }
        }
        for (std::size_t i = 0; i < placeholders_.astral.size(); ++i) {
            const char32_t shown_as = Placeholders::private_use_first + static_cast<char32_t>(i);
            boxes_.push_back(reserve_placeholder_box(atlas, font, size_px, shown_as, placeholders_.astral[i]));
        }
        return font;
    }

    // Builds the atlas, draws the boxes into it and publishes the placeholders.
    void finish() {
        ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
        atlas.Build();
        fill_placeholder_boxes(atlas, boxes_);
        std::sort(placeholders_.boxed.begin(), placeholders_.boxed.end());
        set_placeholders(placeholders_);
    }

    const char* cjk_path() const { return cjk_ ? cjk_face_.path : nullptr; }

private:
    const std::vector<char32_t>& needed_;
    std::vector<ImWchar> ranges_;  // must outlive Build(): the configs point here
    std::unique_ptr<FontCoverage> sans_;
    std::unique_ptr<FontCoverage> cjk_;
    FontFace cjk_face_{nullptr, 0};
    std::vector<PendingBox> boxes_;
    Placeholders placeholders_;
};

}  // namespace

float font_size_for_display(float display_height) { return std::clamp(display_height / 56.0f, 13.0f, 26.0f); }

Fonts load_fonts(float size_px, const std::vector<char32_t>& text_code_points) {
    Fonts fonts;
    fonts.size_px = size_px;
    ImGuiIO& io = ImGui::GetIO();
    FontBuilder builder(text_code_points);
    fonts.regular = builder.add("DejaVuSans.ttf", size_px);
    if (fonts.regular == nullptr) {
        // No DejaVu: ImGui's own 13px font, scaled (blurry but readable; Latin-1 only).
        ImFontConfig config;
        config.SizePixels = 13;
        fonts.regular = io.Fonts->AddFontDefault(&config);
        io.FontGlobalScale = size_px / 13.0f;
        fonts.bold = fonts.mono = fonts.small = fonts.title = fonts.regular;
        return fonts;
    }
    fonts.bold = builder.add("DejaVuSans-Bold.ttf", size_px);
    fonts.mono = builder.add("DejaVuSansMono.ttf", size_px - 1);
    fonts.small = builder.add("DejaVuSans.ttf", std::max(size_px - 3, 11.0f));
    fonts.title = builder.add("DejaVuSans-Bold.ttf", size_px * 1.35f);
    if (fonts.bold == nullptr) fonts.bold = fonts.regular;
    if (fonts.mono == nullptr) fonts.mono = fonts.regular;
    if (fonts.small == nullptr) fonts.small = fonts.regular;
    if (fonts.title == nullptr) fonts.title = fonts.bold;
    builder.finish();
    fonts.cjk_path = builder.cjk_path();
    return fonts;
}

void apply_style(float size_px) {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    const float unit = size_px / 16.0f;
    style.WindowPadding = ImVec2(10 * unit, 8 * unit);
    style.FramePadding = ImVec2(7 * unit, 4 * unit);
    style.ItemSpacing = ImVec2(8 * unit, 6 * unit);
    style.CellPadding = ImVec2(6 * unit, 3 * unit);
    style.WindowRounding = 6 * unit;
    style.ChildRounding = 6 * unit;
    style.FrameRounding = 4 * unit;
    style.GrabRounding = 4 * unit;
    style.PopupRounding = 4 * unit;
    style.ScrollbarSize = 14 * unit;
    style.GrabMinSize = 12 * unit;
    style.WindowBorderSize = 1;
    style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.975f, 0.977f, 0.985f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.0f);
    c[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.88f, 0.92f, 1.0f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.84f, 0.91f, 1.0f);
    c[ImGuiCol_TitleBgCollapsed] = c[ImGuiCol_TitleBg];
    c[ImGuiCol_Border] = ImVec4(0.76f, 0.78f, 0.83f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.99f, 0.86f, 0.55f, 1.0f);          // the current event's row
    c[ImGuiCol_HeaderHovered] = ImVec4(0.85f, 0.90f, 0.98f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.99f, 0.80f, 0.45f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.96f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_PlotHistogram] = to_vec4(colors::queue_fill);
}

ImU32 with_alpha(ImU32 colour, float alpha) {
    const ImU32 a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

ImVec4 to_vec4(ImU32 colour) { return ImGui::ColorConvertU32ToFloat4(colour); }

ImU32 actor_colour(const Simulation& names, ActorId actor) {
    if (actor == no_actor) return colors::text_dim;
    if (names.is_broker(actor)) return IM_COL32(52, 73, 94, 255);
    // Consumers: a qualitative palette (Tableau 10, minus red and green, which mean busy and idle).
    static constexpr std::array<ImU32, 6> consumer_palette = {
        IM_COL32(31, 119, 180, 255), IM_COL32(148, 103, 189, 255), IM_COL32(255, 127, 14, 255),
        IM_COL32(23, 190, 207, 255), IM_COL32(227, 119, 194, 255), IM_COL32(140, 86, 75, 255),
    };
    if (names.is_consumer(actor)) {
        const std::size_t c = actor - names.consumer_actor(0);
        return consumer_palette[c % consumer_palette.size()];
    }
    static constexpr std::array<ImU32, 3> producer_palette = {
        IM_COL32(188, 143, 0, 255), IM_COL32(160, 110, 40, 255), IM_COL32(120, 130, 40, 255),
    };
    const std::size_t p = actor - names.producer_actor(0);
    return producer_palette[p % producer_palette.size()];
}

ImU32 stage_colour(Stage stage) {
    switch (stage) {
        case Stage::idle: return IM_COL32(149, 165, 166, 255);
        case Stage::asking_status: return IM_COL32(52, 152, 219, 255);
        case Stage::waiting_retry: return IM_COL32(230, 126, 34, 255);
        case Stage::claiming: return IM_COL32(142, 68, 173, 255);
        case Stage::listing_topics:
        case Stage::reading_topic:
        case Stage::reading_message: return IM_COL32(22, 160, 133, 255);
        case Stage::choosing_broker:
        case Stage::choosing_topic:
        case Stage::choosing_index: return IM_COL32(39, 174, 96, 255);
        case Stage::releasing: return IM_COL32(127, 140, 141, 255);
    }
    return IM_COL32(149, 165, 166, 255);
}

ImU32 message_colour(MessageType type, MessageType request) {
    const MessageType about = type == MessageType::reply ? request : type;
    switch (about) {
        case MessageType::publish:
        case MessageType::edit:
        case MessageType::delete_topic:
        case MessageType::delete_message: return IM_COL32(230, 126, 34, 255);
        case MessageType::status: return IM_COL32(41, 128, 185, 255);
        case MessageType::claim: return IM_COL32(142, 68, 173, 255);
        case MessageType::list_topics:
        case MessageType::get_topic:
        case MessageType::get_message: return IM_COL32(22, 160, 133, 255);
        case MessageType::release: return IM_COL32(127, 140, 141, 255);
        case MessageType::reply: break;
        // The log model: records (orange, as writes), reads (teal), the group protocol (purple).
        case MessageType::append: return IM_COL32(230, 126, 34, 255);
        case MessageType::fetch: return IM_COL32(22, 160, 133, 255);
        case MessageType::offset_commit:
        case MessageType::join_group:
        case MessageType::heartbeat:
        case MessageType::leave_group: return IM_COL32(142, 68, 173, 255);
    }
    return IM_COL32(127, 140, 141, 255);
}

ImU32 log_kind_colour(RecordKind kind) {
    switch (kind) {
        case RecordKind::send:
        case RecordKind::append:
        case RecordKind::appended: return message_colour(MessageType::append, MessageType::reply);
        case RecordKind::fetch:
        case RecordKind::fetched:
        case RecordKind::fetch_reply:
        case RecordKind::poll:
        case RecordKind::consumed: return message_colour(MessageType::fetch, MessageType::reply);
        case RecordKind::offset_commit:
        case RecordKind::offset_committed:
        case RecordKind::offset_commit_reply:
        case RecordKind::commit: return colors::committed;
        case RecordKind::join_group:
        case RecordKind::heartbeat:
        case RecordKind::leave_group:
        case RecordKind::member_joined:
        case RecordKind::heartbeat_answered:
        case RecordKind::member_left:
        case RecordKind::join_group_reply:
        case RecordKind::heartbeat_reply:
        case RecordKind::leave_group_reply:
        case RecordKind::join:
        case RecordKind::leave:
        case RecordKind::heartbeat_tick: return message_colour(MessageType::join_group, MessageType::reply);
        case RecordKind::rebalance_start:
        case RecordKind::rebalance_end:
        case RecordKind::member_expired: return colors::rebalance;
        default: break;
    }
    assert(!is_log_kind(kind) && "a log record kind without a colour");
    return 0;
}

}  // namespace kafkasim::viz
