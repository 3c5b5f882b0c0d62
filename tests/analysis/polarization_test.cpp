// Polarization and echo-chamber measures on inputs whose answers are worked out by hand.
#include "analysis/metrics/polarization.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

namespace firestorm {
namespace {

// A follower graph in CSR form from (author, follower) edges: u -> v means v follows u.
struct Csr {
  std::vector<EdgeIndex> offsets;
  std::vector<AgentId> followers;
  FollowerGraphView view() const { return {offsets, followers}; }
};

Csr MakeGraph(AgentId n, std::vector<std::pair<AgentId, AgentId>> edges) {
  std::sort(edges.begin(), edges.end());
  Csr g;
  g.offsets.assign(n + 1, 0);
  for (const auto& [u, v] : edges) ++g.offsets[u + 1];
  for (AgentId u = 0; u < n; ++u) g.offsets[u + 1] += g.offsets[u];
  for (const auto& e : edges) g.followers.push_back(e.second);
  return g;
}

// Two cliques of three, every pair following each other both ways, no edge between them:
//   {0, 1, 2} (community 0)    {3, 4, 5} (community 1)
Csr TwoCliques() {
  std::vector<std::pair<AgentId, AgentId>> edges;
  for (AgentId base : {0u, 3u})
    for (AgentId a = base; a < base + 3; ++a)
      for (AgentId b = base; b < base + 3; ++b)
        if (a != b) edges.emplace_back(a, b);
  return MakeGraph(6, edges);
}

TEST(OpinionVariance, IsThePopulationVariance) {
  EXPECT_DOUBLE_EQ(OpinionVariance(std::vector<float>{-1, 1, -1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(OpinionVariance(std::vector<float>{0.5f, 0.5f}), 0.0);
  EXPECT_TRUE(std::isnan(OpinionVariance(std::vector<float>{})));
}

TEST(BimodalityCoefficient, SmallSamplesByHand) {
  // {-1, -1, 1, 1}: G1 = 0, g2 = -2, G2 = ((5)(-2) + 6) * 3 / (2 * 1) = -6,
  // correction 3 * 9 / 2 = 13.5, BC = 1 / 7.5.
  EXPECT_NEAR(BimodalityCoefficient(std::vector<float>{-1, -1, 1, 1}), 1.0 / 7.5, 1e-12);
  // 1..10: G1 = 0, G2 = -1.2, correction 243/56, BC = 280/879.
  std::vector<float> ten;
  for (int i = 1; i <= 10; ++i) ten.push_back(static_cast<float>(i));
  EXPECT_NEAR(BimodalityCoefficient(ten), 280.0 / 879.0, 1e-9);
  EXPECT_TRUE(std::isnan(BimodalityCoefficient(std::vector<float>{1, 2, 3})));
  EXPECT_TRUE(std::isnan(BimodalityCoefficient(std::vector<float>{2, 2, 2, 2})));
}

TEST(BimodalityCoefficient, TwoEqualCampsApproachOneAndAUniformFiveNinths) {
  std::vector<float> camps, uniform;
  for (int i = 0; i < 100000; ++i) {
    camps.push_back(i % 2 ? 1.0f : -1.0f);
    uniform.push_back(-1.0f + 2.0f * (static_cast<float>(i) + 0.5f) / 100000.0f);
  }
  EXPECT_NEAR(BimodalityCoefficient(camps), 1.0, 1e-3);
  EXPECT_NEAR(BimodalityCoefficient(uniform), 5.0 / 9.0, 1e-3);
}

TEST(EstebanRayPolarization, TwoEqualCampsAtTheExtremes) {
  // Bins of width 0.1: -1 falls in bin 0 (centre -0.95), +1 in bin 19 (centre 0.95).
  // P = 2 * 0.5^(1 + alpha) * 0.5 * 1.9 = 0.5^alpha * 0.95.
  const std::vector<float> camps = {-1, 1, -1, 1};
  EXPECT_NEAR(EstebanRayPolarization(camps, 1.6, 20), std::pow(0.5, 1.6) * 0.95, 1e-12);
  EXPECT_NEAR(EstebanRayPolarization(camps, 0.0, 20), 0.95, 1e-12);  // alpha 0: mean |difference|
  EXPECT_DOUBLE_EQ(EstebanRayPolarization(std::vector<float>{0.3f, 0.31f, 0.32f}, 1.6, 20), 0.0);
  // Three equal groups in bins 0, 10 and 19 (centres -0.95, 0.05, 0.95): pairs 1.0, 0.9 and
  // 1.9 apart, each counted both ways: P = (1/3)^(2 + alpha) * 2 * 3.8.
  EXPECT_NEAR(EstebanRayPolarization(std::vector<float>{-1, 0.01f, 1}, 1.6, 20),
              std::pow(1.0 / 3, 3.6) * 7.6, 1e-12);
}

TEST(NeighbourOpinionCorrelation, TwoCliquesByHand) {
  // Agent's own opinion x and the mean of the two others in its clique y:
  // x = .8, 1, .6, -.8, -1, -.6;  y = .8, .7, .9, -.8, -.7, -.9.
  // sxy = 3.76, sxx = 4, syy = 3.88, r = 3.76 / sqrt(15.52).
  const Csr g = TwoCliques();
  const std::vector<float> opinion = {0.8f, 1.0f, 0.6f, -0.8f, -1.0f, -0.6f};
  EXPECT_NEAR(NeighbourOpinionCorrelation(g.view(), opinion), 3.76 / std::sqrt(15.52), 1e-6);
}

TEST(NeighbourOpinionCorrelation, ChainLeavesOutAgentsWhoFollowNobody) {
  // 0 ──▶ 1 ──▶ 2   (1 follows 0, 2 follows 1; 0 follows nobody and is left out)
  // x = (o1, o2) = (1, 0.5), y = (o0, o1) = (0, 1): r = -1.
  const Csr g = MakeGraph(3, {{0, 1}, {1, 2}});
  EXPECT_NEAR(NeighbourOpinionCorrelation(g.view(), std::vector<float>{0, 1, 0.5f}), -1.0, 1e-12);
  EXPECT_TRUE(std::isnan(NeighbourOpinionCorrelation(g.view(), std::vector<float>{0.2f, 0.2f, 0.2f})));
}

TEST(CascadeEiIndex, CountsSharesInsideAndAcrossCommunities) {
  // Communities: agents 0-2 in 0, agents 3-4 in 1. Narrative 0 edges: 0->1, 1->2, 0->3
  // (one external, two internal; the seed row does not count). Narrative 1: 3->4, 4->0.
  CascadeRecord c;
  const auto add = [&](NarrativeId n, AgentId child, AgentId parent) {
    c.narrative.push_back(n);
    c.child.push_back(child);
    c.parent.push_back(parent);
    c.tick.push_back(0);
  };
  add(0, 0, kNoAgent);
  add(0, 1, 0);
  add(0, 2, 1);
  add(0, 3, 0);
  add(1, 3, kNoAgent);
  add(1, 4, 3);
  add(1, 0, 4);
  const std::vector<CommunityId> community = {0, 0, 0, 1, 1};
  const EiIndex zero = CascadeEiIndex(c, 0, community);
  EXPECT_EQ(zero.internal, 2u);
  EXPECT_EQ(zero.external, 1u);
  EXPECT_DOUBLE_EQ(zero.index, -1.0 / 3.0);
  EXPECT_DOUBLE_EQ(CascadeEiIndex(c, 1, community).index, 0.0);
  EXPECT_DOUBLE_EQ(CascadeEiIndex(c, community).index, -1.0 / 5.0);  // 2 external, 3 internal
  EXPECT_TRUE(std::isnan(CascadeEiIndex(c, 2, community).index));
}

TEST(CommunityAssortativity, TwoCliquesArePerfectlyAssortative) {
  EXPECT_DOUBLE_EQ(CommunityAssortativity(TwoCliques().view(), std::vector<CommunityId>{0, 0, 0, 1, 1, 1}), 1.0);
}

TEST(CommunityAssortativity, OnlyCrossEdgesArePerfectlyDisassortative) {
  // Every agent of community 0 follows every agent of community 1 and back.
  const Csr g = MakeGraph(4, {{0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 0}, {2, 1}, {3, 0}, {3, 1}});
  EXPECT_DOUBLE_EQ(CommunityAssortativity(g.view(), std::vector<CommunityId>{0, 0, 1, 1}), -1.0);
}

TEST(CommunityAssortativity, MixedCaseByHand) {
  // Edges A->A twice, A->B once, B->B once: e_AA = .5, e_BB = .25, a = (.75, .25),
  // b = (.5, .5): r = (.75 - .5) / (1 - .5) = .5.
  const Csr g = MakeGraph(4, {{0, 1}, {1, 0}, {0, 2}, {2, 3}});
  EXPECT_DOUBLE_EQ(CommunityAssortativity(g.view(), std::vector<CommunityId>{0, 0, 1, 1}), 0.5);
  // One community only: undefined.
  EXPECT_TRUE(std::isnan(CommunityAssortativity(g.view(), std::vector<CommunityId>{0, 0, 0, 0})));
}

}  // namespace
}  // namespace firestorm
