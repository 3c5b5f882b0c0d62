// Turns a generated or loaded graph into a populated platform: assigns account kinds,
// wires the special accounts (organization, media, fact-checkers, bots) into the follower
// CSR and draws every agent's traits.
#pragma once

#include <cstdint>

#include "sim/graph/csr_graph.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/graph/stored_graph.hpp"
#include "sim/population/population_spec.hpp"
#include "sim/population/population_state.hpp"

namespace firestorm {

struct World {
  CsrGraph graph;
  PopulationState population;
  std::vector<AgentId> organization_accounts, media_accounts, fact_checker_accounts,
      influencers, bots;  // each sorted by decreasing followers
};

// Deterministic for a given seed, whatever the thread count. `base` is consumed: its CSR
// becomes the world's graph (moved when `base` owns it, copied from a mapped cache file) and
// the special accounts' and bots' follows are merged into it (MergeEdges), so the graph is
// never held as an edge list. Influencers are the users with the most followers in `base`.
World BuildWorld(StoredGraph base, const PopulationSpec& spec, std::size_t num_narratives,
                 std::uint64_t seed);
// For callers holding an edge list: builds its CSR (duplicates and self-loops dropped), frees
// the edges, then the above.
World BuildWorld(EdgeList base, const PopulationSpec& spec, std::size_t num_narratives,
                 std::uint64_t seed);

}  // namespace firestorm
