#include "sim/population/population_state.hpp"

namespace firestorm {

void PopulationState::ResetNarratives(std::size_t count) {
  narratives.assign(count, {});
  for (NarrativeColumns& col : narratives) {
    col.state.assign(num_agents(), NarrativeState::kUnaware);
    col.parent.assign(num_agents(), kNoAgent);
    col.exposed_at.assign(num_agents(), kNever);
  }
}

}  // namespace firestorm
