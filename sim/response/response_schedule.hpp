// When each action and inject of a scenario fires. Expands repeating actions
// (`every: 12h`) so the engine only asks "what fires at tick t?".
#pragma once

#include <span>
#include <vector>

#include "sim/response/action_spec.hpp"

namespace firestorm {

class ResponseSchedule {
 public:
  ResponseSchedule() = default;
  ResponseSchedule(std::span<const ActionSpec> actions, std::span<const InjectSpec> injects,
                   Tick num_ticks);

  // Time-triggered actions and injects are scheduled here; the others are added with
  // AddAction / AddInject when their trigger fires.
  // Indices into the actions / injects given to the constructor that fire at `tick`,
  // in declaration order.
  std::span<const std::uint32_t> ActionsAt(Tick tick) const;
  std::span<const std::uint32_t> InjectsAt(Tick tick) const;
  // Adds an action that fires at `first`, then every `every` ticks (0 = once) up to `until`
  // (drills add decisions as they are taken; triggers add actions when they fire).
  void AddAction(std::uint32_t index, Tick first, Tick every = 0, Tick until = kNever);
  void AddInject(std::uint32_t index, Tick tick);
  void ClearActions();  // unschedules every action (a fork switches playbooks)

 private:
  static void Add(std::vector<std::vector<std::uint32_t>>& by_tick, std::uint32_t index, Tick tick);
  static std::span<const std::uint32_t> Lookup(const std::vector<std::vector<std::uint32_t>>& by_tick,
                                               Tick tick);
  std::vector<std::vector<std::uint32_t>> actions_by_tick_, injects_by_tick_;
};

}  // namespace firestorm
