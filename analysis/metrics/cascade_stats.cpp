// Cascade tree statistics in O(n) (see cascade_stats.hpp).
#include "analysis/metrics/cascade_stats.hpp"

#include <algorithm>

namespace firestorm {

std::vector<TreeStats> ComputeTreeStats(std::span<const std::uint32_t> parent) {
  const std::size_t n = parent.size();
  const auto is_root = [&](std::size_t v) { return parent[v] == kNoParent || parent[v] >= n || parent[v] == v; };

  // Children in CSR form: children of v are child[first[v] .. first[v + 1]).
  std::vector<std::uint64_t> first(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v)
    if (!is_root(v)) ++first[parent[v] + 1];
  for (std::size_t v = 0; v < n; ++v) first[v + 1] += first[v];
  std::vector<std::uint32_t> child(first[n]);
  std::vector<std::uint64_t> fill(first.begin(), first.end() - 1);
  for (std::size_t v = 0; v < n; ++v)
    if (!is_root(v)) child[fill[parent[v]]++] = static_cast<std::uint32_t>(v);

  std::vector<TreeStats> trees;
  std::vector<std::uint32_t> order;        // breadth-first order of the current tree
  std::vector<std::uint64_t> subtree(n, 1);
  for (std::size_t r = 0; r < n; ++r) {
    if (!is_root(r)) continue;
    TreeStats t;
    t.root = static_cast<std::uint32_t>(r);
    order.assign(1, static_cast<std::uint32_t>(r));
    // Level by level: [level_begin, level_end) of `order` is one depth.
    std::size_t level_begin = 0;
    std::uint32_t depth = 0;
    while (level_begin < order.size()) {
      const std::size_t level_end = order.size();
      t.max_breadth = std::max<std::uint64_t>(t.max_breadth, level_end - level_begin);
      for (std::size_t i = level_begin; i < level_end; ++i) {
        const std::uint32_t v = order[i];
        order.insert(order.end(), child.begin() + static_cast<std::ptrdiff_t>(first[v]),
                     child.begin() + static_cast<std::ptrdiff_t>(first[v + 1]));
      }
      if (order.size() > level_end) ++depth;
      level_begin = level_end;
    }
    t.depth = depth;
    t.size = order.size();
    // Subtree sizes, leaves first; each non-root node contributes s (n - s) to the Wiener index.
    double wiener = 0;
    const double size = static_cast<double>(t.size);
    for (std::size_t i = order.size(); i-- > 1;) {
      const std::uint32_t v = order[i];
      subtree[parent[v]] += subtree[v];
      const double s = static_cast<double>(subtree[v]);
      wiener += s * (size - s);
    }
    t.structural_virality = t.size > 1 ? wiener / (size * (size - 1) / 2) : 0.0;
    trees.push_back(t);
  }
  return trees;
}

std::vector<std::uint32_t> CascadeParentIndices(const CascadeRecord& cascade, NarrativeId narrative) {
  // (agent id, node index) sorted by agent id, to look parents up by binary search.
  std::vector<std::pair<AgentId, std::uint32_t>> node_of;
  for (std::size_t row = 0; row < cascade.child.size(); ++row)
    if (cascade.narrative[row] == narrative)
      node_of.emplace_back(cascade.child[row], static_cast<std::uint32_t>(node_of.size()));
  std::vector<std::uint32_t> parent_agent;
  parent_agent.reserve(node_of.size());
  for (std::size_t row = 0; row < cascade.child.size(); ++row)
    if (cascade.narrative[row] == narrative) parent_agent.push_back(cascade.parent[row]);
  std::sort(node_of.begin(), node_of.end());
  std::vector<std::uint32_t> parent(parent_agent.size(), kNoParent);
  for (std::size_t i = 0; i < parent.size(); ++i) {
    if (parent_agent[i] == kNoAgent) continue;
    const auto it = std::lower_bound(node_of.begin(), node_of.end(),
                                     std::pair<AgentId, std::uint32_t>{parent_agent[i], 0});
    if (it != node_of.end() && it->first == parent_agent[i]) parent[i] = it->second;
  }
  return parent;
}

std::vector<TreeStats> ComputeCascadeTrees(const CascadeRecord& cascade, NarrativeId narrative) {
  std::vector<AgentId> agent_of;
  for (std::size_t row = 0; row < cascade.child.size(); ++row)
    if (cascade.narrative[row] == narrative) agent_of.push_back(cascade.child[row]);
  std::vector<TreeStats> trees = ComputeTreeStats(CascadeParentIndices(cascade, narrative));
  for (TreeStats& t : trees) t.root = agent_of[t.root];
  return trees;
}

}  // namespace firestorm
