// Scenario files: YAML in, validated plain structs out (and back, for the effective scenario).
// This is the only door between YAML and the engine: no other code sees a YAML node.
// Every key, type, default and unit is documented in docs/scenario-reference.md.
#pragma once

#include <string>

#include "sim/dynamics/scenario.hpp"

namespace firestorm {

// Reads and validates the scenario at `path`, following `extends:` presets. Relative paths in
// the file start from the file's folder. Throws InputError naming the file, line, column and
// key of the first problem, with a hint.
Scenario LoadScenario(const std::string& path);

// The same from text: `file_name_for_messages` is what errors print, and relative paths
// (extends, graph files) start from `base_dir` ("" = the working directory).
Scenario ParseScenario(const std::string& yaml_text, const std::string& file_name_for_messages,
                       const std::string& base_dir);

// The effective scenario as YAML: every key with its value, no presets, times as durations
// ("15m"). Parsing it again gives an equal Scenario (source_file aside).
std::string EmitScenarioYaml(const Scenario& scenario);

}  // namespace firestorm
