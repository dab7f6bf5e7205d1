// libFuzzer target: the scenario loader (YAML text -> diagnostics or a spec).
// Properties, beyond "no crash, no sanitizer report":
// - exactly one of spec / errors, and every error points into the text;
// - an accepted spec saves to YAML that loads again, and saving that gives
//   the same text (the writer and the loader agree on every value).
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.hpp"
#include "scenario/load.hpp"
#include "scenario/save.hpp"

using namespace kafkasim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::input_size_max) return -1;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const LoadResult loaded = load_scenario_text(text, "fuzz.yaml");
    fuzz::require(loaded.spec.has_value() != !loaded.errors.empty(), "a load result has both or neither of spec and errors");
    for (const Diagnostic& diagnostic : loaded.errors) fuzz::require_position_in_text(diagnostic, text);
    if (!loaded.spec) return 0;

    const std::string saved = save_scenario_yaml(*loaded.spec);
    const LoadResult reloaded = load_scenario_text(saved, "saved.yaml");
    if (!reloaded.spec) {
        std::string errors;
        for (const Diagnostic& diagnostic : reloaded.errors) errors += format_diagnostic(diagnostic) + "\n";
        fuzz::fail("an accepted scenario saved to YAML that the loader rejects", errors + "--- saved:\n" + saved);
    }
    const std::string saved_again = save_scenario_yaml(*reloaded.spec);
    fuzz::require(saved_again == saved, "save(load(save(spec))) differs from save(spec)", saved + "\n--- again:\n" + saved_again);
    return 0;
}
