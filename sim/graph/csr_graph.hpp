// The follower graph in compressed sparse row form: for each agent u, the sorted list of
// agents who follow u (who see what u posts). 32-bit agent ids, 64-bit offsets, as in
// GAP (int32 NodeID / int64 SGOffset) and GBBS (uintE / size_t).
#pragma once

#include <span>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/graph/edge_list.hpp"

namespace firestorm {

class CsrGraph {
 public:
  CsrGraph() : offsets_(1, 0) {}
  // offsets has num_agents + 1 entries; targets[offsets[u] .. offsets[u+1]) are u's followers.
  CsrGraph(std::vector<EdgeIndex> offsets, std::vector<AgentId> targets);

  AgentId num_agents() const { return static_cast<AgentId>(offsets_.size() - 1); }
  EdgeIndex num_edges() const { return targets_.size(); }
  std::span<const AgentId> followers_of(AgentId u) const {
    return {targets_.data() + offsets_[u], targets_.data() + offsets_[u + 1]};
  }
  EdgeIndex follower_count(AgentId u) const { return offsets_[u + 1] - offsets_[u]; }
  EdgeIndex first_edge(AgentId u) const { return offsets_[u]; }
  const std::vector<EdgeIndex>& offsets() const { return offsets_; }
  const std::vector<AgentId>& targets() const { return targets_; }

 private:
  std::vector<EdgeIndex> offsets_;
  std::vector<AgentId> targets_;
};

// Builds the follower CSR in parallel. Self-loops and duplicate edges are dropped and each
// row is sorted, so the result depends only on the set of edges, never on thread count.
// Throws InputError if an edge names an agent >= num_agents.
CsrGraph BuildFollowerGraph(AgentId num_agents, std::span<const Edge> edges);

}  // namespace firestorm
