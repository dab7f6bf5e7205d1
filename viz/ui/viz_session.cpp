// See viz_session.hpp.
#include "ui/viz_session.hpp"

#include <imgui.h>

#include <cassert>
#include <utility>

#include "check/load_checked.hpp"
#include "model/state_cache.hpp"
#include "scenario/save.hpp"
#include "ui/glyphs.hpp"
#include "ui/widget_keys.hpp"

namespace kafkasim::viz {

namespace {

// "contention.yaml" -> "contention".
std::string stem(const std::string& name) {
    const std::size_t slash = name.find_last_of('/');
    std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
    const std::size_t dot = base.rfind('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace

VizSession::VizSession(float font_px, SessionPlatform platform, RecordOptions record)
    : font_px_(font_px), platform_(std::move(platform)), record_(record) {
    panel_.can_open_files = static_cast<bool>(platform_.open_file);
}

// The app first: it points into the exploration and the fonts.
VizSession::~VizSession() { app_.reset(); }

bool VizSession::load(const std::string& name, const std::string& yaml) {
    panel_.name = name;
    panel_.text = yaml;
    LoadResult loaded = load_checked_scenario_text(yaml, name);
    if (!loaded.spec) {
        panel_.errors = std::move(loaded.errors);
        panel_.select_tab = true;
        return false;
    }
    show(std::move(*loaded.spec), name, yaml);
    return true;
}

void VizSession::show(ScenarioSpec spec, const std::string& name, const std::string& yaml) {
    panel_.name = name;
    panel_.text = yaml;
    panel_.errors.clear();
    // The old app goes before the atlas it draws with.
    app_.reset();
    exploration_ = std::make_unique<interactive::Exploration>(std::move(spec), record_);
    std::vector<char32_t> code_points = run_code_points(exploration_->run());
    add_code_points(code_points, name);
    ImGui::GetIO().Fonts->Clear();
    fonts_ = load_fonts(font_px_, code_points);
    if (platform_.fonts_rebuilt) platform_.fonts_rebuilt();
    app_ = std::make_unique<VizApp>(*exploration_, name, fonts_);
    app_->ui().interactive.save_path = stem(name) + "-explored.yaml";
    if (platform_.deliver_export) app_->set_export_delivery(platform_.deliver_export);
    app_->set_extra_tab({"Scenario", keys::tab_scenario, [this] { draw_panel(); }, &panel_.select_tab});
    panel_.shown_name = name;
    panel_.fingerprint.clear();
    generation_ += 1;
}

void VizSession::request_load(std::string name, std::string yaml) { pending_ = Source{std::move(name), std::move(yaml)}; }

void VizSession::before_frame() {
    if (!pending_) return;
    Source source = std::move(*pending_);
    pending_.reset();
    load(source.name, source.yaml);
}

const std::string& VizSession::fingerprint() {
    assert(app_ != nullptr);
    panel_.fingerprint = app_->fingerprint();
    return panel_.fingerprint;
}

void VizSession::draw_panel() {
    // The fingerprint is a whole pass over the trace: once per run (the app caches it).
    fingerprint();
    const ScenarioRequest request = draw_scenario_panel(panel_, fonts_, app_->widgets());
    if (request.kind != ScenarioRequest::Kind::none) request_ = request;
}

void VizSession::frame(double wall_elapsed_s) {
    assert(app_ != nullptr);
    app_->frame(wall_elapsed_s);
    const ScenarioRequest request = std::exchange(request_, ScenarioRequest{});
    switch (request.kind) {
        case ScenarioRequest::Kind::none: break;
        case ScenarioRequest::Kind::load_config: {
            const EmbeddedConfig& config = embedded_configs().at(request.config);
            request_load(config.file_name, config.yaml);
            break;
        }
        case ScenarioRequest::Kind::run_editor: request_load(panel_.name, panel_.text); break;
        case ScenarioRequest::Kind::open_file:
            if (platform_.open_file) platform_.open_file();
            break;
        case ScenarioRequest::Kind::save:
            if (platform_.save_file) {
                const ScenarioSpec spec = exploration_->spec_to_save(panel_.save_with_expectations);
                platform_.save_file(stem(panel_.shown_name) + "-explored.yaml", save_scenario_yaml(spec));
            }
            break;
    }
}

}  // namespace kafkasim::viz
