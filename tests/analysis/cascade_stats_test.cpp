// Cascade tree statistics: hand-checked trees, and agreement with a brute-force all-pairs
// BFS on random trees and forests.
#include "analysis/metrics/cascade_stats.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <queue>
#include <random>

namespace firestorm {
namespace {

using ::testing::ElementsAre;
constexpr std::uint32_t kRoot = kNoParent;

TEST(ComputeTreeStats, LoneRoot) {
  const auto trees = ComputeTreeStats(std::vector<std::uint32_t>{kRoot});
  ASSERT_EQ(trees.size(), 1u);
  EXPECT_EQ(trees[0].size, 1u);
  EXPECT_EQ(trees[0].depth, 0u);
  EXPECT_EQ(trees[0].max_breadth, 1u);
  EXPECT_EQ(trees[0].structural_virality, 0.0);
}

TEST(ComputeTreeStats, StarOfFiveLeaves) {
  //      0
  //  / / | \ \        leaf-leaf pairs are 2 apart, root-leaf pairs 1:
  // 1 2  3  4 5       W = 5 * 1 + 10 * 2 = 25, pairs = 15, virality = 5/3
  const auto trees = ComputeTreeStats(std::vector<std::uint32_t>{kRoot, 0, 0, 0, 0, 0});
  ASSERT_EQ(trees.size(), 1u);
  EXPECT_EQ(trees[0].size, 6u);
  EXPECT_EQ(trees[0].depth, 1u);
  EXPECT_EQ(trees[0].max_breadth, 5u);
  EXPECT_DOUBLE_EQ(trees[0].structural_virality, 25.0 / 15.0);
}

TEST(ComputeTreeStats, ChainOfFive) {
  // 0 - 1 - 2 - 3 - 4: W = 4*1 + 3*2 + 2*3 + 1*4 = 20, pairs = 10, virality = 2 = (n + 1) / 3
  const auto trees = ComputeTreeStats(std::vector<std::uint32_t>{kRoot, 0, 1, 2, 3});
  ASSERT_EQ(trees.size(), 1u);
  EXPECT_EQ(trees[0].size, 5u);
  EXPECT_EQ(trees[0].depth, 4u);
  EXPECT_EQ(trees[0].max_breadth, 1u);
  EXPECT_DOUBLE_EQ(trees[0].structural_virality, 2.0);
}

TEST(ComputeTreeStats, ForestWithChildrenListedBeforeParents) {
  // Tree A: 4 -> {2, 0}, 0 -> 3.  Tree B: 1 alone. Nodes are numbered out of order.
  //   4            1
  //  / \      (tree A on the left)
  // 2   0
  //     |
  //     3
  const auto trees = ComputeTreeStats(std::vector<std::uint32_t>{4, kRoot, 4, 0, kRoot});
  ASSERT_EQ(trees.size(), 2u);
  EXPECT_EQ(trees[0].root, 1u);
  EXPECT_EQ(trees[0].size, 1u);
  EXPECT_EQ(trees[1].root, 4u);
  EXPECT_EQ(trees[1].size, 4u);
  EXPECT_EQ(trees[1].depth, 2u);
  EXPECT_EQ(trees[1].max_breadth, 2u);
  // Distances: 4-2 1, 4-0 1, 4-3 2, 2-0 2, 2-3 3, 0-3 1 -> W = 10, pairs 6.
  EXPECT_DOUBLE_EQ(trees[1].structural_virality, 10.0 / 6.0);
}

TEST(ComputeTreeStats, OutOfRangeParentsAreRootsAndCyclesAreSkipped) {
  // Node 0's parent does not exist (root); 1 and 2 point at each other (no root reaches them).
  const auto trees = ComputeTreeStats(std::vector<std::uint32_t>{99, 2, 1, 0});
  ASSERT_EQ(trees.size(), 1u);
  EXPECT_EQ(trees[0].root, 0u);
  EXPECT_EQ(trees[0].size, 2u);
}

// Reference: BFS from every node of a tree, summing the distances of all pairs.
struct BruteForce {
  std::uint64_t size = 0;
  std::uint32_t depth = 0;
  std::uint64_t max_breadth = 0;
  double virality = 0;
};

BruteForce BruteForceTree(const std::vector<std::uint32_t>& parent, std::uint32_t root) {
  const std::size_t n = parent.size();
  std::vector<std::vector<std::uint32_t>> adjacent(n);
  for (std::uint32_t v = 0; v < n; ++v)
    if (parent[v] != kRoot) {
      adjacent[v].push_back(parent[v]);
      adjacent[parent[v]].push_back(v);
    }
  const auto distances_from = [&](std::uint32_t s) {
    std::vector<int> d(n, -1);
    std::queue<std::uint32_t> q;
    d[s] = 0;
    q.push(s);
    while (!q.empty()) {
      const std::uint32_t v = q.front();
      q.pop();
      for (std::uint32_t w : adjacent[v])
        if (d[w] < 0) {
          d[w] = d[v] + 1;
          q.push(w);
        }
    }
    return d;
  };
  BruteForce b;
  const std::vector<int> from_root = distances_from(root);
  std::vector<std::uint32_t> members;
  std::vector<std::uint64_t> per_level(n + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v)
    if (from_root[v] >= 0) {
      members.push_back(v);
      b.depth = std::max<std::uint32_t>(b.depth, static_cast<std::uint32_t>(from_root[v]));
      b.max_breadth = std::max(b.max_breadth, ++per_level[static_cast<std::size_t>(from_root[v])]);
    }
  b.size = members.size();
  double total = 0;
  for (std::uint32_t s : members) {
    const std::vector<int> d = distances_from(s);
    for (std::uint32_t t : members) total += d[t];
  }
  const double m = static_cast<double>(b.size);
  b.virality = b.size > 1 ? total / (m * (m - 1)) : 0.0;  // ordered pairs: 2W / (n(n-1))
  return b;
}

TEST(ComputeTreeStats, AgreesWithAllPairsBfsOnRandomForests) {
  std::mt19937_64 rng(2024);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 1 + rng() % 300;
    // Random recursive forest with shuffled labels: each node attaches to an earlier one
    // (in a random order), or starts a new tree with probability 1/20. Shapes range from
    // stars (attach to the first node) to long chains (attach to the last).
    std::vector<std::uint32_t> label(n);
    for (std::uint32_t i = 0; i < n; ++i) label[i] = i;
    std::shuffle(label.begin(), label.end(), rng);
    std::vector<std::uint32_t> parent(n, kRoot);
    const int shape = trial % 3;  // 0: uniform, 1: star-like, 2: chain-like
    for (std::size_t i = 1; i < n; ++i) {
      if (rng() % 20 == 0) continue;
      std::size_t j = rng() % i;
      if (shape == 1) j = rng() % std::min<std::size_t>(i, 3);
      if (shape == 2) j = i - 1 - rng() % std::min<std::size_t>(i, 2);
      parent[label[i]] = label[j];
    }
    const auto trees = ComputeTreeStats(parent);
    std::size_t covered = 0;
    for (const TreeStats& t : trees) {
      const BruteForce b = BruteForceTree(parent, t.root);
      EXPECT_EQ(t.size, b.size) << "trial " << trial;
      EXPECT_EQ(t.depth, b.depth) << "trial " << trial;
      EXPECT_EQ(t.max_breadth, b.max_breadth) << "trial " << trial;
      EXPECT_NEAR(t.structural_virality, b.virality, 1e-9 * std::max(1.0, b.virality)) << "trial " << trial;
      covered += t.size;
    }
    EXPECT_EQ(covered, n);  // every node is in exactly one tree
  }
}

TEST(ComputeCascadeTrees, BuildsTreesPerNarrativeFromAgentIds) {
  // Narrative 0: seed 10 exposes 11 and 12; 12 exposes 13. Seed 20 alone.
  // Narrative 1: seed 11 exposes 10. Rows are in (narrative, tick, child) order.
  CascadeRecord c;
  const auto add = [&](NarrativeId n, AgentId child, AgentId parent, Tick tick) {
    c.narrative.push_back(n);
    c.child.push_back(child);
    c.parent.push_back(parent);
    c.tick.push_back(tick);
  };
  add(0, 10, kNoAgent, 0);
  add(0, 20, kNoAgent, 0);
  add(0, 11, 10, 1);
  add(0, 12, 10, 1);
  add(0, 13, 12, 2);
  add(1, 11, kNoAgent, 0);
  add(1, 10, 11, 3);
  const auto trees = ComputeCascadeTrees(c, 0);
  ASSERT_EQ(trees.size(), 2u);
  EXPECT_EQ(trees[0].root, 10u);
  EXPECT_EQ(trees[0].size, 4u);
  EXPECT_EQ(trees[0].depth, 2u);
  EXPECT_EQ(trees[0].max_breadth, 2u);
  EXPECT_EQ(trees[1].root, 20u);
  EXPECT_EQ(trees[1].size, 1u);
  const auto other = ComputeCascadeTrees(c, 1);
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].root, 11u);
  EXPECT_EQ(other[0].size, 2u);
  EXPECT_THAT(CascadeParentIndices(c, 0), ElementsAre(kRoot, kRoot, 0u, 0u, 3u));
}

}  // namespace
}  // namespace firestorm
