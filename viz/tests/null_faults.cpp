// Headless test that the panels show what is there (issue 9, section 3):
// - a partition in force is drawn in the Topology (links in the "cut"
//   colour) and as a span in Over time, and the Topology stops drawing it once
//   it has healed;
// - the Explain panel never hides anything: at every event of a run with
//   monitor findings, its text fits the panel (no scrolling needed).
//   usage: viz_null_faults PARTITION.yaml FINDINGS.yaml
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiWindow: each panel's draw list and scroll range

#include <cstdio>
#include <memory>
#include <string>

#include "core/recorded_run.hpp"
#include "model/playback.hpp"
#include "model/state_cache.hpp"
#include "null_backend.hpp"
#include "scenario/load.hpp"
#include "ui/app.hpp"

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

null_backend::Checks checks("viz_null_faults");
void expect(bool ok, const std::string& what) { checks.expect(ok, what); }

const ImGuiWindow* window_named(const char* name) {
    for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows) {
        if (std::string(window->Name) == name) return window;
    }
    return nullptr;
}

// Vertices of this colour in the window's draw list (last frame).
std::size_t vertices_coloured(const char* name, ImU32 colour) {
    const ImGuiWindow* window = window_named(name);
    if (window == nullptr) return 0;
    std::size_t count = 0;
    for (const ImDrawVert& vertex : window->DrawList->VtxBuffer) count += vertex.col == colour ? 1 : 0;
    return count;
}

std::unique_ptr<RecordedRun> load(const char* path) {
    LoadResult loaded = load_scenario_file(path);
    if (!loaded.spec) {
        for (const Diagnostic& diagnostic : loaded.errors) std::fprintf(stderr, "%s\n", format_diagnostic(diagnostic).c_str());
        return nullptr;
    }
    return std::make_unique<RecordedRun>(std::move(*loaded.spec), viz_record_options());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: viz_null_faults PARTITION.yaml FINDINGS.yaml\n");
        return 2;
    }
    const std::unique_ptr<RecordedRun> partition_run = load(argv[1]);
    const std::unique_ptr<RecordedRun> findings_run = load(argv[2]);
    if (!partition_run || !findings_run) return 2;
    const Fonts fonts = null_backend::create_context();

    {
        // The partition: in force at 95ms, healed at 250ms (unicode-partition.yaml).
        VizApp app(*partition_run, "partition", fonts);
        const auto show = [&](TimeNs t) {
            seek_time(app.ui().playback, partition_run->records(), t);
            for (int i = 0; i < 3; ++i) null_backend::frame(app);
        };
        // The legend uses the colour too: compare with the picture before the partition.
        show(0);
        const std::size_t legend_only = vertices_coloured("Topology", colors::fault_cut);
        show(95 * ns_per_ms);
        expect(vertices_coloured("Topology", colors::fault_cut) > legend_only, "at 95ms the Topology draws the partition's cut link");
        expect(vertices_coloured("Over time", colors::fault_cut) > 0, "the Over time panel draws the partition's span");
        show(250 * ns_per_ms);
        expect(vertices_coloured("Topology", colors::fault_cut) == legend_only, "at 250ms the partition has healed: no cut link drawn");
        expect(vertices_coloured("Over time", colors::fault_cut) > 0, "the span stays in Over time");
    }
    {
        // Explain at every event: everything in view.
        VizApp app(*findings_run, "findings", fonts);
        std::size_t findings_seen = 0;
        for (std::size_t event = 0; event <= findings_run->event_count(); ++event) {
            seek_event(app.ui().playback, findings_run->records(), event);
            for (int i = 0; i < 3; ++i) null_backend::frame(app);  // it grows on the next frame
            const ImGuiWindow* explain = window_named("Explain");
            expect(explain != nullptr, "an Explain window");
            if (explain == nullptr) break;
            expect(explain->ScrollMax.y <= 0.5f, "event " + std::to_string(event) + ": Explain hides " + std::to_string(explain->ScrollMax.y) + "px of text");
            if (event > 0) {
                for (const Violation& violation : findings_run->monitors().violations()) findings_seen += violation.event + 1 == event ? 1 : 0;
            }
        }
        expect(findings_seen >= 2, "the run has monitor findings to show");
        std::printf("viz_null_faults: Explain fits at all %zu events (%zu monitor findings)\n", findings_run->event_count() + 1, findings_seen);
    }
    ImGui::DestroyContext();
    return checks.exit_code();
}
