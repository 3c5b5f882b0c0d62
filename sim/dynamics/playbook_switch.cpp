// Switching playbooks mid-run, for forks ("from where we are now, what should we do next?").
#include "sim/dynamics/simulation.hpp"

namespace firestorm {

void Simulation::SwitchPlaybook(const Playbook& playbook) {
  // The old actions stay in actions_ (events refer to what they did) but are unscheduled
  // and their triggers disarmed; injects are untouched.
  schedule_.ClearActions();
  for (TriggerWatch& w : action_watch_) w.fired = true;
  scenario_.run.playbook = playbook.name;
  for (ActionSpec a : playbook.actions) {
    const auto index = static_cast<std::uint32_t>(actions_.size());
    TriggerWatch watch;
    // When the action starts, if that is already known: a time, or a detection that happened.
    Tick first = kNever;
    if (a.trigger.kind == TriggerKind::kTime) first = a.at;
    if (a.trigger.kind == TriggerKind::kDetected && listening_.detected())
      first = listening_.detected_at() + 1 + a.trigger.delay;
    if (a.type != ActionType::kNoResponse && first != kNever) {
      watch.fired = true;
      if (first < tick_) {  // in the past: done, or a repeating action resumes at its next occurrence
        if (a.every == 0) continue;
        first += (tick_ - first + a.every - 1) / a.every * a.every;
      }
      schedule_.AddAction(index, first, a.every, a.until);
    }
    // Condition triggers of the new playbook are watched afresh from the fork on.
    actions_.push_back(std::move(a));
    action_watch_.push_back(watch);
  }
  AddEvent("fork", "playbook", kAllNarratives, "from here on: " + playbook.name);
}

}  // namespace firestorm
