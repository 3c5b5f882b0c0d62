#include "sim/response/response_schedule.hpp"

namespace firestorm {

ResponseSchedule::ResponseSchedule(std::span<const ActionSpec> actions,
                                   std::span<const InjectSpec> injects, Tick num_ticks)
    : actions_by_tick_(num_ticks), injects_by_tick_(num_ticks) {
  for (std::uint32_t i = 0; i < actions.size(); ++i) {
    const ActionSpec& a = actions[i];
    if (a.type == ActionType::kNoResponse) continue;
    for (Tick t = a.at; t < num_ticks && t <= a.until; t += a.every) {
      actions_by_tick_[t].push_back(i);
      if (a.every == 0) break;
    }
  }
  for (std::uint32_t i = 0; i < injects.size(); ++i)
    if (injects[i].at < num_ticks) injects_by_tick_[injects[i].at].push_back(i);
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

void ResponseSchedule::AddAction(std::uint32_t index, Tick tick) {
  if (tick >= actions_by_tick_.size()) actions_by_tick_.resize(tick + 1);
  actions_by_tick_[tick].push_back(index);
}

}  // namespace firestorm
