// Summary of a follower graph, for `firestorm graph stats`.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <span>
#include <vector>

#include "sim/graph/csr_graph.hpp"

namespace firestorm {

struct DegreeSummary {
  std::uint64_t min = 0, max = 0, median = 0, p99 = 0;
  double mean = 0;
};

struct GraphStats {
  AgentId agents = 0;
  EdgeIndex edges = 0;
  DegreeSummary followers;   // out-degree of the follower CSR
  DegreeSummary following;   // in-degree
  double reciprocity = 0;    // share of edges u->v whose v->u also exists
  std::uint32_t communities = 0;
  std::vector<std::uint64_t> community_sizes;
  double within_community_edge_share = 0;  // 0 when there are no communities
};

GraphStats ComputeGraphStats(const CsrGraph& graph, std::span<const CommunityId> community);
void PrintGraphStats(std::ostream& out, const GraphStats& stats);

}  // namespace firestorm
