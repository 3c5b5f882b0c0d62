#include "viz/drill/scripted_drill.hpp"

namespace firestorm::viz {

void ApplyDue(DrillSession& session, const DecisionScript& script, std::size_t& next_decision,
              std::size_t& next_inject) {
  const Tick now = session.ticks_done();
  // Anything scheduled before now (a script whose times fall between ticks) fires now.
  for (; next_decision < script.decisions.size() && script.decisions[next_decision].at <= now; ++next_decision)
    session.Decide(script.decisions[next_decision]);
  for (; next_inject < script.injects.size() && script.injects[next_inject].at <= now; ++next_inject)
    session.FireInject(script.injects[next_inject]);
}

void PlayScript(DrillSession& session, const DecisionScript& script) {
  std::size_t next_decision = 0, next_inject = 0;
  while (!session.done()) {
    ApplyDue(session, script, next_decision, next_inject);
    session.Step();
  }
}

DrillOutcome FinishDrill(DrillSession& session, int replicates, const std::function<void(int, int)>& progress) {
  const OutcomeStats trainee = TraineeOutcome(session.simulation());
  DrillOutcome outcome = ComputeDebrief(session.scenario(), session.ticks_done(), trainee, replicates, progress);
  session.Finish(outcome);
  return outcome;
}

}  // namespace firestorm::viz
