#include "viz/drill/drill_controller.hpp"

#include <algorithm>

namespace firestorm::viz {

DrillController::DrillController(DrillSession& session, double speed) : session_(session), speed_(speed) {}

void DrillController::PlayOneTick() {
  if (finished() || session_.ticks_done() >= hold_) return;
  const std::size_t before = session_.news().size();
  session_.Step();
  if (session_.news().size() > before) {  // an inject fired: pause and show it
    pending_ = session_.news().back();
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
  session_.FireInject(std::move(inject));
}

}  // namespace firestorm::viz
