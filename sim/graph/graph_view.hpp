// A read-only view of a follower CSR: raw pointers to row offsets and follower ids, wherever
// they live (a CsrGraph's vectors, huge-page arrays, a memory-mapped cache file). Kernels
// that only read the graph (sim/classic) take a GraphView, so they run on any of them
// without a copy.
#pragma once

#include <span>

#include "sim/core/types.hpp"
#include "sim/graph/csr_graph.hpp"

namespace firestorm {

struct GraphView {
  AgentId num_agents = 0;
  EdgeIndex num_edges = 0;
  const EdgeIndex* offsets = nullptr;  // num_agents + 1 entries
  const AgentId* targets = nullptr;    // num_edges entries; row u = u's followers, sorted

  std::span<const AgentId> followers_of(AgentId u) const {
    return {targets + offsets[u], targets + offsets[u + 1]};
  }
  EdgeIndex follower_count(AgentId u) const { return offsets[u + 1] - offsets[u]; }
};

inline GraphView ViewOf(const CsrGraph& g) {
  return {g.num_agents(), g.num_edges(), g.offsets().data(), g.targets().data()};
}

}  // namespace firestorm
