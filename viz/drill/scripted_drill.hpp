// A drill played from a decisions script, without a window: the script's decisions and
// facilitator injects go through the same DrillSession calls as the live window's, at the
// same ticks, so the run file is bit-identical to a live drill with the same decisions.
#pragma once

#include <functional>

#include "viz/drill/debrief.hpp"
#include "viz/drill/decision_script.hpp"
#include "viz/drill/drill_session.hpp"

namespace firestorm::viz {

// Plays every tick, taking each decision and inject at its tick.
void PlayScript(DrillSession& session, const DecisionScript& script);
// Decisions and injects of `script` due at the session's current tick (before it is played).
void ApplyDue(DrillSession& session, const DecisionScript& script, std::size_t& next_decision,
              std::size_t& next_inject);
// Runs the baselines and writes the run file with its /drill record.
DrillOutcome FinishDrill(DrillSession& session, int replicates,
                         const std::function<void(int, int)>& progress = {});

}  // namespace firestorm::viz
