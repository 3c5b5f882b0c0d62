#include "viz/drill/drill_controller.hpp"

#include <algorithm>

namespace firestorm::viz {

namespace {

std::string Title(const InjectSpec& i, const Simulation& sim) {
  std::string t(kInjectTypeNames[static_cast<std::size_t>(i.type)]);
  if (i.narrative < sim.narratives().size()) t += " (" + sim.narratives()[i.narrative].id + ")";
  return t;
}

}  // namespace

DrillController::DrillController(DrillSession& session, double speed) : session_(session), speed_(speed) {}

void DrillController::PlayOneTick() {
  if (finished() || session_.ticks_done() >= hold_) return;
  const Tick t = session_.ticks_done();
  session_.Step();
  for (const InjectSpec* i : session_.ScenarioInjectsAt(t)) {
    news_.push_back({t, Title(*i, session_.simulation()), i->message});
    pending_ = news_.back();
    budget_ticks_ = 0;
  }
}

void DrillController::Advance(double real_seconds, int max_ticks) {
  if (paused() || finished()) {
    budget_ticks_ = 0;
    return;
  }
  budget_ticks_ += real_seconds * speed_ / session_.tick_seconds();
  budget_ticks_ = std::min(budget_ticks_, static_cast<double>(max_ticks));
  while (budget_ticks_ >= 1 && !paused() && !finished() && session_.ticks_done() < hold_) {
    budget_ticks_ -= 1;
    PlayOneTick();
  }
}

void DrillController::FireInject(InjectSpec inject) {
  news_.push_back({session_.ticks_done(), Title(inject, session_.simulation()) + " [facilitator]", inject.message});
  session_.FireInject(std::move(inject));
}

}  // namespace firestorm::viz
