// A drill's decisions written down in advance (for tests, demos and replaying a trainee's
// choices), in the playbook syntax of docs/scenario-reference.md:
//
//   decisions:                      # the trainee's response actions, in any order
//     - { at: 45m, action: acknowledge, message: "We are aware and looking into it" }
//     - { at: 3h, action: apologize }
//     - { at: 5h, action: bot_takedown, recall: 0.6 }
//   injects:                        # optional: what the facilitator fires during the drill
//     - { at: 2h, event: bot_wave, size: 500, narrative: video }
//
// The file is read by the scenario parser itself, as a preset applied over the scenario
// (its `decisions:` become a playbook, its `injects:` the extra injects), so the keys, the
// checks, the error messages (with this file's lines) and the units are exactly those of a
// scenario. Times are since the start of the drill.
#pragma once

#include <string>
#include <vector>

#include "sim/dynamics/scenario.hpp"

namespace firestorm::viz {

struct DecisionScript {
  std::vector<ActionSpec> decisions;  // sorted by tick (stable: same-tick order kept)
  std::vector<InjectSpec> injects;    // facilitator injects, sorted by tick
};

// `text` is the decisions file's content, `name` what messages call it; `scenario_path` the
// drill's scenario. Throws InputError.
DecisionScript ParseDecisionScript(const std::string& text, const std::string& name,
                                   const std::string& scenario_path);
DecisionScript LoadDecisionScript(const std::string& path, const std::string& scenario_path);

}  // namespace firestorm::viz
