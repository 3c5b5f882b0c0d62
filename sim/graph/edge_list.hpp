// A graph as generators and loaders produce it, before it becomes a CSR.
// Edge {source, target} means "target follows source": what source posts can reach target.
#pragma once

#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

struct Edge {
  AgentId source;  // the author
  AgentId target;  // the follower who may see it
  friend bool operator==(const Edge&, const Edge&) = default;
};

struct EdgeList {
  AgentId num_agents = 0;
  std::vector<Edge> edges;             // may hold duplicates and self-loops; the CSR builder drops them
  std::vector<CommunityId> community;  // one per agent, or empty when the source has none
};

}  // namespace firestorm
