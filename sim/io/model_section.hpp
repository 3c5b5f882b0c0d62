// The `model:` section of a scenario: which classic model (SIR, rumors, voter, ...) runs
// instead of the crisis engine, and its parameters (sim/classic/classic_model_spec.hpp).
// Reading, checking and writing it back; hooked into the loader (config_yaml.cpp), the final
// checks (scenario_finalize.cpp) and the emitter (scenario_emitter.cpp). Keys and defaults:
// docs/scenario-reference.md, section "model". Internal to io.
#pragma once

#include <string>

#include "sim/classic/classic_model_spec.hpp"
#include "sim/io/scenario_draft.hpp"

namespace firestorm::scenario_draft {

// Applies the keys of a `model:` map over draft.scenario.model.
void ApplyModel(const yaml_reader::Value& section, ScenarioDraft& draft);

}  // namespace firestorm::scenario_draft

namespace firestorm {

// "model:\n  kind: sir\n  ..." with every key, or "" when no classic model is selected.
std::string EmitModelSection(const ClassicModelSpec& model);

}  // namespace firestorm
