// Fuzz target: the scenario loader, ParseScenario, on arbitrary YAML text.
// Properties: bad input only ever gives an InputError; a scenario that parses emits YAML
// (EmitScenarioYaml) that parses again and emits the same text (the documented round trip
// that run files and checkpoints rely on).
// Relative paths (extends:, graph files) start from the shipped scenarios/ folder, so the seed
// scenarios' presets resolve and the fuzzer can reach the preset code.
#include <cstdint>
#include <string>

#include "sim/io/config_yaml.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#ifndef FIRESTORM_SOURCE_DIR
#error "FIRESTORM_SOURCE_DIR must name the source tree"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr const char* kTarget = "fuzz_scenario";
  static const std::string base_dir = std::string(FIRESTORM_SOURCE_DIR) + "/scenarios";
  const std::string text(reinterpret_cast<const char*>(data), size);
  firestorm::fuzz::ExpectOnlyInputErrors(kTarget, [&] {
    const firestorm::Scenario scenario = firestorm::ParseScenario(text, "fuzz.yaml", base_dir);
    const std::string emitted = firestorm::EmitScenarioYaml(scenario);
    firestorm::Scenario again;
    try {
      again = firestorm::ParseScenario(emitted, "emitted.yaml", base_dir);
    } catch (const firestorm::InputError& e) {
      firestorm::fuzz::Check(false, kTarget,
                             std::string("the emitted scenario does not parse: ") + e.what() +
                                 "\n--- emitted ---\n" + emitted);
    }
    const std::string emitted_again = firestorm::EmitScenarioYaml(again);
    firestorm::fuzz::Check(emitted == emitted_again, kTarget,
                           "emit -> parse -> emit changed the text:\n--- first ---\n" + emitted +
                               "\n--- second ---\n" + emitted_again);
  });
  return 0;
}
