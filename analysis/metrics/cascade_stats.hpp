// Statistics of cascade trees: size, depth, maximum breadth and structural virality, the
// mean shortest-path distance between all pairs of nodes of a tree (Goel, Anderson, Hofman &
// Watts 2016, "The structural virality of online diffusion", Management Science 62(1)).
//
// Approach: a forest is given as one parent index per node. Children are gathered into a
// CSR array, each tree is walked breadth-first from its root (depth and breadth per level),
// and subtree sizes are summed in reverse breadth-first order. The Wiener index (sum of the
// distances over all unordered pairs) of a tree is then the sum over its edges of
// s (n - s), s the size of the subtree below the edge: each edge lies on the path of exactly
// the pairs it separates. So everything is O(n), where all-pairs BFS would be O(n^2).
// Definitions: docs/metrics.md.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/run_record.hpp"

namespace firestorm {

inline constexpr std::uint32_t kNoParent = std::numeric_limits<std::uint32_t>::max();

struct TreeStats {
  std::uint32_t root = 0;          // node index of the root (an agent id for run cascades)
  std::uint64_t size = 0;          // nodes, the root included
  std::uint32_t depth = 0;         // most edges from the root to a node (0 for a lone root)
  std::uint64_t max_breadth = 0;   // most nodes at one depth (the root's level counts: >= 1)
  double structural_virality = 0;  // Wiener index / (n (n - 1) / 2); 0 for a lone root
};

// One TreeStats per root (a node whose parent is kNoParent or out of range), in node order.
// Nodes that no root reaches (a parent cycle, impossible in a run file) are left out.
std::vector<TreeStats> ComputeTreeStats(std::span<const std::uint32_t> parent);

// The trees of one narrative of a run's cascade: rows of `narrative` give (child, parent)
// agent ids; every seed (parent = kNoAgent), and every row whose parent never appears as a
// child, roots a tree. TreeStats::root is then the root's agent id.
std::vector<TreeStats> ComputeCascadeTrees(const CascadeRecord& cascade, NarrativeId narrative);

// The same rows turned into node parent indices (node i = the i-th row of the narrative).
std::vector<std::uint32_t> CascadeParentIndices(const CascadeRecord& cascade, NarrativeId narrative);

}  // namespace firestorm
