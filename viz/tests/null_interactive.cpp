// Headless test of interactive mode, after imgui's example_null (no window,
// no GPU): VizApp on an Exploration of a scenario. It checks that
//  1. every tab of the Interactive window draws and a click on it shows it;
//  2. a click on a Publish button (simulated mouse, the path a person takes)
//     injects the operation at the cursor's time, and the viz follows the
//     re-recorded run at the same time; a refused command changes nothing;
//  3. the script driver, typing and clicking through the panels, makes
//     exactly the run that the same script makes through Exploration
//     directly, and its saved file replays to the same fingerprint;
//  4. branching through the panels: acting before the last action keeps
//     the previous branch, and Switch shows it again;
//  5. a choice the panels do not offer is the script's error, FILE:LINE;
//  6. while playing, an action lands at the clock's time and playback goes on.
//   usage: viz_null_interactive SCENARIO.yaml OUT_DIR
#include <imgui.h>

#include <cstdio>
#include <string>

#include "core/recorded_run.hpp"
#include "interactive/script.hpp"
#include "model/state_cache.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "null_backend.hpp"
#include "ui/app.hpp"
#include "ui/script_driver.hpp"
#include "ui/widget_keys.hpp"

namespace {

using namespace kafkasim;
using namespace kafkasim::viz;

null_backend::Checks checks("viz_null_interactive");
void expect(bool ok, const std::string& what) { checks.expect(ok, what); }

constexpr int key_backspace = 1;  // our null "backend"'s index for Backspace

using null_backend::frame;

// Hover, press, release on the widget drawn under `key` in the last frame.
bool click(VizApp& app, const std::string& key) {
    const WidgetRect* rect = app.widgets().find(key);
    if (rect == nullptr || !rect->visible) return false;
    null_backend::click_at(app, rect->center());
    return true;
}

// Runs `script` through the panels; returns the driver's exit code.
int drive(VizApp& app, const std::string& script, const std::string& file, std::string& error) {
    std::vector<std::string> errors;
    auto commands = interactive::parse_script(script, file, app.exploration()->base(), errors);
    if (!errors.empty()) {
        error = errors.front();
        return 2;
    }
    ScriptDriver driver(app, std::move(commands), file);
    for (int i = 0; i < 5000 && !driver.finished(); ++i) {
        driver.feed_input(ImGui::GetIO());
        frame(app);
        driver.after_frame();
    }
    expect(driver.finished(), "the driver finishes within 5000 frames");
    error = driver.error();
    return driver.exit_code();
}

std::string fingerprint_of(const RecordedRun& run) { return format_fingerprint(write_trace(run, nullptr)); }

std::int64_t consumed_count(const Simulation& state, std::size_t consumer) {
    return static_cast<std::int64_t>(state.consumers()[consumer].consumed.size());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: viz_null_interactive SCENARIO.yaml OUT_DIR\n");
        return 2;
    }
    LoadResult loaded = load_scenario_file(argv[1]);
    if (!loaded.spec) {
        for (const Diagnostic& diagnostic : loaded.errors) std::fprintf(stderr, "%s\n", format_diagnostic(diagnostic).c_str());
        return 2;
    }
    const ScenarioSpec base = std::move(*loaded.spec);
    const std::string out_dir = argv[2];

    const Fonts fonts = null_backend::create_context();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Backspace] = key_backspace;

    // The script of the GUI ctest: one publish, then c1 walks the whole
    // pipeline after the scenario's own sessions are over.
    const std::string pipeline =
        "at 1.5s publish p1 \"Hello world\" \"message 9\"\n"
        "at 1.6s session c1\n"
        "at 1.61s pick-broker c1 b2\n"
        "at 1.62s pick-topic c1 \"Hello world\"\n"
        "at 1.63s pick-index c1 4\n"
        "save " + out_dir + "/null_interactive_saved.yaml expect\n";

    {  // 1 and 2: tabs, a click on Publish, a refused command.
        interactive::Exploration exploration(base, viz_record_options());
        VizApp app(exploration, "null", fonts);
        for (int i = 0; i < 3; ++i) frame(app);
        const std::pair<const std::string*, std::string> tabs[] = {
            {&keys::tab_consumers, keys::consumer_session(0)}, {&keys::tab_faults, keys::crash(0)},
            {&keys::tab_branches, keys::save_button},         {&keys::tab_over_time, std::string()},
            {&keys::tab_producers, keys::producer_field(0, "publish")},
        };
        for (const auto& [tab, widget] : tabs) {
            expect(click(app, *tab), "the tab " + *tab + " is on screen");
            frame(app);
            if (!widget.empty()) expect(app.widgets().find(widget) != nullptr, "the tab " + *tab + " shows " + widget);
        }

        const std::size_t events_before = app.run().event_count();
        const std::string fingerprint_before = fingerprint_of(app.run());
        seek_time(app.ui().playback, app.run().records(), 1'500'000'000);
        app.ui().interactive.producers.resize(base.producers.size());
        app.ui().interactive.producers[0].topic = "Hello world";
        app.ui().interactive.producers[0].message = "message 9";
        frame(app);
        expect(click(app, keys::producer_field(0, "publish")), "Publish is on screen");
        expect(app.last_action().serial == 1 && app.last_action().ok, "the click published: " + app.last_action().message);
        expect(exploration.current().size() == 1 && exploration.current()[0].at_ns == 1'500'000'000,
               "one injection, at the cursor's time");
        expect(&app.run() == &exploration.run(), "the viz shows the re-recorded run");
        expect(app.run().event_count() > events_before, "the publish added events");
        expect(fingerprint_of(app.run()) != fingerprint_before, "the run changed");
        expect(app.run().spec().producers[0].actions.size() == base.producers[0].actions.size() + 1, "p1 has one more action");
        expect(app.ui().playback.clock_ns == 1'500'000'000, "the clock stayed at 1.5s");
        expect(app.state().state_hash() == app.run().state_after(app.ui().playback.cursor).state_hash(),
               "the state shown is the new run's at the cursor");
        const Broker& b1 = app.run().final_state().brokers()[0];
        const std::int64_t hello = b1.find_topic(app.run().final_state().strings().find("Hello world"));
        expect(hello >= 0 && app.run().final_state().strings().text(b1.topics[static_cast<std::size_t>(hello)].messages.back()) == "message 9",
               "b1 ends with \"message 9\" appended to \"Hello world\"");

        const std::size_t events_published = app.run().event_count();
        interactive::ScriptCommand heal;
        heal.injection.kind = interactive::Injection::Kind::partition_heal;
        heal.injection.at_ns = app.action_time_ns();
        app.perform(heal, keys::faults);
        expect(!app.last_action().ok && app.last_action().message == "no partition to heal", "a heal with no partition is refused");
        expect(app.run().event_count() == events_published && exploration.current().size() == 1, "a refusal changes nothing");
        for (int i = 0; i < 3; ++i) frame(app);
    }

    {  // 3: the whole pipeline through the panels == through Exploration.
        interactive::Exploration exploration(base, viz_record_options());
        VizApp app(exploration, "null", fonts);
        frame(app);
        std::string error;
        const int code = drive(app, pipeline, "pipeline.txt", error);
        expect(code == 0, "the pipeline script runs through the panels: " + error);
        const Simulation& end = app.run().final_state();
        expect(!end.consumers()[0].consumed.empty() && end.strings().text(end.consumers()[0].consumed.back().text) == "message 9",
               "c1 consumed the message p1 published");

        interactive::Exploration direct(base, viz_record_options());
        std::vector<std::string> errors;
        for (const auto& command : interactive::parse_script(pipeline, "pipeline.txt", base, errors)) {
            if (command.kind == interactive::ScriptCommand::Kind::save) continue;
            std::string refused;
            expect(interactive::run_script_command(direct, command, refused), "Exploration takes line " + std::to_string(command.line));
        }
        expect(direct.current().size() == exploration.current().size(), "the same number of injections");
        expect(direct.fingerprint() == app.fingerprint(), "the panels made the run the script makes directly: " +
                                                              direct.fingerprint() + " vs " + app.fingerprint());
        LoadResult saved = load_scenario_file(out_dir + "/null_interactive_saved.yaml");
        expect(saved.spec.has_value(), "the saved scenario loads");
        if (saved.spec) {
            const RecordedRun replay(std::move(*saved.spec), RecordOptions{});
            expect(fingerprint_of(replay) == app.fingerprint(), "the saved scenario replays to the same fingerprint");
            expect(consumed_count(replay.final_state(), 0) == consumed_count(end, 0), "and c1 consumes as much");
        }
    }

    {  // 4: branches through the panels.
        interactive::Exploration exploration(base, viz_record_options());
        VizApp app(exploration, "null", fonts);
        frame(app);
        std::string error;
        // An empty message: typing nothing must still clear the field (Backspace).
        // Typed as characters, UTF-8 included.
        const std::string first = "at 1.5s publish p1 \"Grüße\" \"\"\nat 1.4s publish p2 \"B\" \"b\"\n";
        expect(drive(app, first, "branch.txt", error) == 0, "acting before the last action: " + error);
        expect(!exploration.previous() || ((*exploration.previous())[0].op.message.empty()), "the field was cleared for \"\"");
        expect(!exploration.previous() || ((*exploration.previous())[0].op.topic == "Grüße"), "UTF-8 typed into the topic");
        expect(exploration.previous().has_value() && exploration.current().size() == 1, "a new branch, the previous one kept");
        const std::string current_fingerprint = app.fingerprint();
        expect(drive(app, "switch\n", "switch.txt", error) == 0, "Switch to previous: " + error);
        expect(exploration.current().size() == 1 && exploration.current()[0].op.topic == "Grüße", "the previous branch is shown again");
        expect(app.fingerprint() != current_fingerprint, "and its run");
        expect(drive(app, "discard\n", "discard.txt", error) == 0 && !exploration.previous(), "Discard previous: " + error);
        expect(drive(app, "switch\n", "switch2.txt", error) == 2 && error.rfind("switch2.txt:1: error: there is no previous branch", 0) == 0,
               "no previous branch: a script error, got: " + error);
    }

    {  // 6: simulated time keeps running while the person acts.
        interactive::Exploration exploration(base, viz_record_options());
        VizApp app(exploration, "null", fonts);
        frame(app);
        expect(click(app, keys::tab_consumers), "the Consumers tab is on screen");
        frame(app);
        app.ui().playback.playing = true;
        for (int i = 0; i < 30; ++i) frame(app);
        expect(click(app, keys::consumer_session(1)), "Start session is on screen while playing");
        const TimeNs clicked_ns = exploration.current().empty() ? -1 : exploration.current().back().at_ns;
        expect(clicked_ns > 0, "the session was injected at the playing clock's time, got " + std::to_string(clicked_ns));
        expect(app.ui().playback.playing, "playback goes on after the action");
        for (int i = 0; i < 30; ++i) frame(app);
        expect(app.ui().playback.clock_ns > clicked_ns, "and the clock moves past it");
        expect(app.state().state_hash() == app.run().state_after(app.ui().playback.cursor).state_hash(),
               "the state shown is the new run's at the cursor while playing");
    }

    {  // 5: a choice not offered.
        interactive::Exploration exploration(base, viz_record_options());
        VizApp app(exploration, "null", fonts);
        frame(app);
        std::string error;
        const int code = drive(app, "at 1.6s session c1\nat 1.61s pick-topic c1 \"Hello world\"\n", "early.txt", error);
        expect(code == 2, "a pick not offered exits 2");
        expect(error.rfind("early.txt:2: error: c1 is not offered the topic \"Hello world\" at 1.61s (c1 is ", 0) == 0,
               "FILE:LINE: error: with what the consumer is doing, got: " + error);
    }
    ImGui::DestroyContext();
    if (checks.exit_code() != 0) return 1;
    std::printf("viz_null_interactive: tabs, a Publish click, the pipeline script, branches, acting while playing and a script error checked\n");
    return 0;
}
