#include "sim/response/response_schedule.hpp"

namespace firestorm {

ResponseSchedule::ResponseSchedule(std::span<const ActionSpec> actions,
                                   std::span<const InjectSpec> injects, Tick num_ticks)
    : actions_by_tick_(num_ticks), injects_by_tick_(num_ticks) {
  for (std::uint32_t i = 0; i < actions.size(); ++i) {
    const ActionSpec& a = actions[i];
    if (a.type == ActionType::kNoResponse || a.trigger.kind != TriggerKind::kTime) continue;
    AddAction(i, a.at, a.every, a.until);
  }
  for (std::uint32_t i = 0; i < injects.size(); ++i)
    if (injects[i].trigger.kind == TriggerKind::kTime) AddInject(i, injects[i].at);
}

void ResponseSchedule::Add(std::vector<std::vector<std::uint32_t>>& by_tick, std::uint32_t index,
                           Tick tick) {
  if (tick >= by_tick.size()) return;  // beyond the run: never fires
  by_tick[tick].push_back(index);
}

std::span<const std::uint32_t> ResponseSchedule::Lookup(
    const std::vector<std::vector<std::uint32_t>>& by_tick, Tick tick) {
  if (tick >= by_tick.size()) return {};
  return by_tick[tick];
}

std::span<const std::uint32_t> ResponseSchedule::ActionsAt(Tick tick) const {
  return Lookup(actions_by_tick_, tick);
}
std::span<const std::uint32_t> ResponseSchedule::InjectsAt(Tick tick) const {
  return Lookup(injects_by_tick_, tick);
}

void ResponseSchedule::AddAction(std::uint32_t index, Tick first, Tick every, Tick until) {
  for (Tick t = first; t < actions_by_tick_.size() && t <= until; t += every) {
    Add(actions_by_tick_, index, t);
    if (every == 0) break;
  }
}

void ResponseSchedule::ClearActions() {
  for (auto& at_tick : actions_by_tick_) at_tick.clear();
}

void ResponseSchedule::AddInject(std::uint32_t index, Tick tick) { Add(injects_by_tick_, index, tick); }

}  // namespace firestorm
