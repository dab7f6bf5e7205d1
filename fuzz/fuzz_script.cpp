// libFuzzer target: the interactive script parser (`kafkasim-explore`,
// `kafkasim-viz --script`) against the default scenario, and the commands it
// accepts run through an Exploration.
// Properties, beyond "no crash, no sanitizer report, no assertion":
// - whatever the parser accepts and the exploration takes, the scenario it
//   would save loads again through the front door (`kafkasim validate`
//   accepts it): the README promises a saved exploration reproduces the run;
// - the re-recorded run's stats JSON parses.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_support.hpp"
#include "fuzz/output_readers.hpp"
#include "interactive/exploration.hpp"
#include "interactive/script.hpp"
#include "report/outputs.hpp"
#include "scenario/load.hpp"
#include "scenario/save.hpp"

using namespace kafkasim;

namespace {

constexpr std::uint64_t events_max = 3000;
constexpr std::size_t commands_max = 16;  // each one re-records the run

const ScenarioSpec& base_scenario() {
    static const ScenarioSpec spec = *load_default_scenario().spec;
    return spec;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::input_size_max) return -1;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> errors;
    const std::vector<interactive::ScriptCommand> commands = interactive::parse_script(text, "fuzz.txt", base_scenario(), errors);
    fuzz::require(errors.empty() || commands.empty(), "commands returned with errors");
    if (commands.empty() || commands.size() > commands_max) return 0;

    RecordOptions options;
    options.max_events = events_max;
    options.keep_snapshots = false;
    interactive::Exploration exploration(base_scenario(), options);
    for (const interactive::ScriptCommand& command : commands) {
        // A save writes a file: the fuzzer checks what it would write instead.
        if (command.kind == interactive::ScriptCommand::Kind::save) continue;
        std::string error;
        (void)interactive::run_script_command(exploration, command, error);
    }
    const std::string saved = save_scenario_yaml(exploration.spec());
    const LoadResult reloaded = load_scenario_text(saved, "saved.yaml");
    if (!reloaded.spec) {
        std::string shown;
        for (const Diagnostic& diagnostic : reloaded.errors) shown += format_diagnostic(diagnostic) + "\n";
        fuzz::fail("the script saves a scenario that the loader rejects", shown + "--- saved:\n" + saved);
    }
    fuzz::require_json(stats_json(exploration.run()).dump(2), "stats JSON of the exploration");
    return 0;
}
