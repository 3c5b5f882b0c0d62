// Extracts the cascade forest (child, parent, tick) from the per-narrative columns.
#include <algorithm>
#include <numeric>

#include "sim/dynamics/run_record.hpp"

namespace firestorm {

CascadeRecord ExtractCascade(const PopulationState& population) {
  CascadeRecord out;
  const AgentId n = population.num_agents();
  for (std::size_t k = 0; k < population.narratives.size(); ++k) {
    const NarrativeColumns& col = population.narratives[k];
    std::vector<AgentId> exposed;
    for (AgentId v = 0; v < n; ++v)
      if (col.exposed_at[v] != kNever) exposed.push_back(v);
    // Agent ids ascend already; a stable sort by tick gives (tick, child) order.
    std::stable_sort(exposed.begin(), exposed.end(),
                     [&](AgentId a, AgentId b) { return col.exposed_at[a] < col.exposed_at[b]; });
    for (AgentId v : exposed) {
      out.narrative.push_back(static_cast<NarrativeId>(k));
      out.child.push_back(v);
      out.parent.push_back(col.parent[v]);
      out.tick.push_back(col.exposed_at[v]);
    }
  }
  return out;
}

}  // namespace firestorm
