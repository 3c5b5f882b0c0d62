// Changes one key of a scenario by its YAML path, for sweeps: "dynamics.statement_reach",
// "graph.agents", "playbooks.fast_empathy.0.at" (list items by index). The value is YAML
// text ("0.3", "15m", "never"); the result is validated exactly like a scenario file.
#pragma once

#include <string>

#include "sim/dynamics/scenario.hpp"

namespace firestorm {

// Throws InputError naming the key when the path does not exist or the value is invalid.
Scenario WithOverride(const Scenario& base, const std::string& key_path, const std::string& value);

}  // namespace firestorm
