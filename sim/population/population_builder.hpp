// Turns a generated or loaded graph into a populated platform: assigns account kinds,
// wires the special accounts (organization, media, fact-checkers, bots) into the graph,
// builds the follower CSR and draws every agent's traits.
#pragma once

#include <cstdint>

#include "sim/graph/csr_graph.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/population/population_spec.hpp"
#include "sim/population/population_state.hpp"

namespace firestorm {

struct World {
  CsrGraph graph;
  PopulationState population;
  std::vector<AgentId> organization_accounts, media_accounts, fact_checker_accounts,
      influencers, bots;  // each sorted by decreasing followers
};

// Deterministic for a given seed, whatever the thread count. `base` is consumed.
World BuildWorld(EdgeList base, const PopulationSpec& spec, std::size_t num_narratives,
                 std::uint64_t seed);

}  // namespace firestorm
