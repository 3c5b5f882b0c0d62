// Random graph generators: sizes and degrees against closed forms (tolerances derived in each
// test), exact lattices where the randomness is switched off, and identical output for any
// thread count.
#include "sim/graph/generators.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "graph_test_util.hpp"
#include "sim/graph/graph_stats.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::Rows;
using ::firestorm::testing::WithThreads;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

GraphStats StatsOf(const EdgeList& g) {
  return ComputeGraphStats(BuildFollowerGraph(g.num_agents, g.edges), g.community);
}

// The same edges and communities for 1, 2 and 4 threads; different edges for another seed.
void ExpectThreadInvariantAndSeeded(const std::function<EdgeList(std::uint64_t seed)>& make) {
  const EdgeList one = WithThreads(1, [&] { return make(42); });
  ASSERT_FALSE(one.edges.empty());
  for (int threads : {2, 4}) {
    const EdgeList g = WithThreads(threads, [&] { return make(42); });
    EXPECT_EQ(g.num_agents, one.num_agents);
    EXPECT_TRUE(g.edges == one.edges) << threads << " threads";
    EXPECT_EQ(g.community, one.community) << threads << " threads";
  }
  EXPECT_FALSE(make(43).edges == one.edges);
}

// ---- Erdős–Rényi ----

TEST(ErdosRenyi, DirectedEdgeCountIsBinomial) {
  // Each of the n(n-1) ordered pairs is an edge with p = 10 / (n-1): mean 10 n edges,
  // sd sqrt(n(n-1) p (1-p)). Accept mean ± 5 sd.
  constexpr AgentId n = 20'000;
  const EdgeList g = ErdosRenyi(n, 10.0, /*mutual=*/false, 7);
  const double pairs = double{n} * (n - 1), p = 10.0 / (n - 1);
  const double mean = pairs * p, sd = std::sqrt(pairs * p * (1 - p));
  EXPECT_EQ(g.num_agents, n);
  EXPECT_NEAR(static_cast<double>(g.edges.size()), mean, 5 * sd);
  // Geometric skipping never repeats a pair or draws a self-loop.
  EXPECT_EQ(BuildFollowerGraph(n, g.edges).num_edges(), g.edges.size());
}

TEST(ErdosRenyi, MutualDrawsEachPairOnceAndAddsBothDirections) {
  // n(n-1)/2 unordered pairs with p = 8 / (n-1): 4n pairs on average, sd sqrt(pairs p (1-p)).
  constexpr AgentId n = 20'000;
  const EdgeList g = ErdosRenyi(n, 8.0, /*mutual=*/true, 7);
  const double pairs = double{n} * (n - 1) / 2, p = 8.0 / (n - 1);
  ASSERT_EQ(g.edges.size() % 2, 0u);
  EXPECT_NEAR(static_cast<double>(g.edges.size()) / 2, pairs * p,
              5 * std::sqrt(pairs * p * (1 - p)));
  const GraphStats s = StatsOf(g);
  EXPECT_EQ(s.edges, g.edges.size());
  EXPECT_DOUBLE_EQ(s.reciprocity, 1.0);
  EXPECT_NEAR(s.followers.mean, 8.0, 0.1);  // 5 sd of the mean degree is 0.05
}

TEST(ErdosRenyi, MeanDegreeNMinusOneIsTheCompleteGraph) {
  const EdgeList g = ErdosRenyi(50, 49.0, false, 1);
  EXPECT_EQ(g.edges.size(), 50u * 49u);
  EXPECT_EQ(BuildFollowerGraph(50, g.edges).num_edges(), 50u * 49u);
}

TEST(ErdosRenyi, SameForAnyThreadCount) {
  ExpectThreadInvariantAndSeeded(
      [](std::uint64_t seed) { return ErdosRenyi(5000, 6, false, seed); });
  ExpectThreadInvariantAndSeeded(
      [](std::uint64_t seed) { return ErdosRenyi(5000, 6, true, seed); });
}

// ---- Barabási–Albert ----

TEST(BarabasiAlbert, SizesDegreesAndHeavyTail) {
  constexpr AgentId n = 100'000;
  constexpr std::uint32_t m = 3;
  const EdgeList g = BarabasiAlbert(n, m, 11);
  // A clique on m+1 agents (6 links), then m distinct links for each later agent, both ways.
  const std::uint64_t links = 6 + std::uint64_t{n - (m + 1)} * m;
  ASSERT_EQ(g.edges.size(), 2 * links);
  const GraphStats s = StatsOf(g);
  EXPECT_EQ(s.edges, 2 * links);  // no duplicates, no self-loops
  EXPECT_DOUBLE_EQ(s.reciprocity, 1.0);
  EXPECT_GE(s.followers.min, m);
  EXPECT_NEAR(s.followers.mean, 2.0 * m, 0.01);  // degree sum = 2 * links
  // Preferential attachment: the oldest hubs reach ~ m sqrt(n) ~ 1000, far above the mean 6.
  EXPECT_GT(static_cast<double>(s.followers.max), 10 * s.followers.mean);
  EXPECT_LE(s.followers.median, 2 * m);  // most agents keep about m links
}

TEST(BarabasiAlbert, FewAgentsGiveAClique) {
  //   0 ── 1
  //   │ ╲  │      n = 3 <= m + 1: just the starting clique
  //   2 ───┘
  const EdgeList g = BarabasiAlbert(3, 5, 1);
  EXPECT_THAT(Rows(BuildFollowerGraph(3, g.edges)),
              ElementsAre(ElementsAre(1, 2), ElementsAre(0, 2), ElementsAre(0, 1)));
}

TEST(BarabasiAlbert, SameForAnyThreadCount) {
  ExpectThreadInvariantAndSeeded(
      [](std::uint64_t seed) { return BarabasiAlbert(20'000, 4, seed); });
}

// ---- Watts–Strogatz ----

TEST(WattsStrogatz, WithoutRewiringIsExactlyTheRingLattice) {
  //   each agent is linked to the k/2 = 2 nearest agents on each side of a ring of 8
  const EdgeList g = WattsStrogatz(8, 4, 0.0, 3);
  EXPECT_THAT(Rows(BuildFollowerGraph(8, g.edges)),
              ElementsAre(ElementsAre(1, 2, 6, 7), ElementsAre(0, 2, 3, 7), ElementsAre(0, 1, 3, 4),
                          ElementsAre(1, 2, 4, 5), ElementsAre(2, 3, 5, 6), ElementsAre(3, 4, 6, 7),
                          ElementsAre(0, 4, 5, 7), ElementsAre(0, 1, 5, 6)));
}

// Share of lattice links whose far end was moved (edges[2e] is link e's {near, far}).
double RewiredShare(const EdgeList& g, AgentId n, std::uint32_t half) {
  std::uint64_t moved = 0;
  for (std::uint64_t e = 0; e < g.edges.size() / 2; ++e) {
    const Edge link = g.edges[2 * e];
    moved += link.target != (link.source + e % half + 1) % n;
  }
  return static_cast<double>(moved) / static_cast<double>(g.edges.size() / 2);
}

TEST(WattsStrogatz, RewiresTheExpectedShareAndKeepsTheMeanDegree) {
  constexpr AgentId n = 10'000;
  constexpr std::uint32_t k = 10;
  const double links = double{n} * k / 2;
  // p = 0.1: moved links ~ Binomial(links, 0.1 (1 - 1/(n-1))); accept ± 5 sd.
  const EdgeList some = WattsStrogatz(n, k, 0.1, 5);
  EXPECT_NEAR(RewiredShare(some, n, k / 2), 0.1, 5 * std::sqrt(0.1 * 0.9 / links));
  // p = 1: every link moves (unless redrawn onto its old end: probability 1/(n-1)).
  const EdgeList all = WattsStrogatz(n, k, 1.0, 5);
  EXPECT_GT(RewiredShare(all, n, k / 2), 0.995);
  // The degree sum is fixed at n k; only duplicate links (each about k/n likely) are lost.
  ASSERT_EQ(all.edges.size(), std::size_t{n} * k);
  const GraphStats s = StatsOf(all);
  EXPECT_NEAR(s.followers.mean, k, 0.05);
  EXPECT_DOUBLE_EQ(s.reciprocity, 1.0);
}

TEST(WattsStrogatz, SameForAnyThreadCount) {
  ExpectThreadInvariantAndSeeded(
      [](std::uint64_t seed) { return WattsStrogatz(20'000, 6, 0.3, seed); });
}

// ---- Echo chambers ----

TEST(EchoChambers, SizesCommunitiesAndHomophily) {
  constexpr AgentId n = 100'000;
  constexpr std::uint32_t kCommunities = 10;
  constexpr double h = 0.8;
  const EdgeList g = EchoChambers(n, 20.0, kCommunities, h, 2.5, 9);
  ASSERT_EQ(g.edges.size(), 2'000'000u);  // round(n * mean_followers), exactly
  ASSERT_EQ(g.community.size(), n);
  std::vector<std::uint64_t> size(kCommunities, 0);
  for (CommunityId c : g.community) {
    ASSERT_LT(c, kCommunities);
    ++size[c];
  }
  for (std::uint64_t s : size) {  // Binomial(n, 1/C): 10000 ± 5 sd (sd = 95)
    EXPECT_NEAR(static_cast<double>(s), n / 10.0, 5 * std::sqrt(n * 0.1 * 0.9));
  }
  // Within-community share. Given the communities and popularities it is
  //   h + (1 - h) sum_c (n_c / n)(W_c / W)   (W_c: popularity mass of community c),
  // and with n_c/n = 1/C + a_c, W_c/W = 1/C + b_c the sum is 1/C + sum_c a_c b_c, where
  // |sum a_c b_c| <= max|a_c| * sum|b_c| <= 0.0047 * 2 (5 sd of a_c). Add 5 binomial sd of the
  // share over 2e6 edges (0.0014): tolerance 0.0014 + 0.2 * 0.0095 = 0.0033.
  std::uint64_t within = 0;
  for (const Edge& e : g.edges) within += g.community[e.source] == g.community[e.target];
  const double share = static_cast<double>(within) / static_cast<double>(g.edges.size());
  EXPECT_NEAR(share, h + (1 - h) / kCommunities, 0.0033);
}

TEST(EchoChambers, FollowerCountsAreHeavyTailedAndFollowingCountsAreNot) {
  constexpr AgentId n = 100'000;
  const GraphStats s = StatsOf(EchoChambers(n, 20.0, 10, 0.8, 2.5, 9));
  EXPECT_EQ(s.communities, 10u);
  // Popularity is Pareto with tail index 1.5 and mean 3: the top agent's weight is about
  // n^(1/1.5) ~ 2000, i.e. thousands of followers, while the mean is < 20.
  EXPECT_GT(static_cast<double>(s.followers.max), 20 * s.followers.mean);
  EXPECT_LT(s.followers.median, s.followers.mean);  // skewed: most agents have few followers
  // Each agent follows Binomial(2e6, 1/n) ~ 20 ± 4.5 accounts; the max of 1e5 such draws
  // stays below mean + 10 sd.
  EXPECT_LT(static_cast<double>(s.following.max), 20 + 10 * std::sqrt(20.0));
}

TEST(EchoChambers, FullHomophilyKeepsEveryFollowInsideTheCommunity) {
  const EdgeList g = EchoChambers(5000, 10.0, 7, 1.0, 2.5, 4);
  for (const Edge& e : g.edges) ASSERT_EQ(g.community[e.source], g.community[e.target]);
  EXPECT_DOUBLE_EQ(StatsOf(g).within_community_edge_share, 1.0);
}

TEST(EchoChambers, SameForAnyThreadCount) {
  ExpectThreadInvariantAndSeeded(
      [](std::uint64_t seed) { return EchoChambers(20'000, 15.0, 6, 0.7, 2.2, seed); });
}

TEST(EchoChambers, RejectsBadParameters) {
  EXPECT_THAT(InputErrorOf([] { EchoChambers(10, 5, 2, 1.5, 2.5, 1); }), HasSubstr("homophily"));
  EXPECT_THAT(InputErrorOf([] { EchoChambers(10, 5, 0, 0.5, 2.5, 1); }), HasSubstr("community"));
  EXPECT_THAT(InputErrorOf([] { EchoChambers(10, 5, 2, 0.5, 1.0, 1); }), HasSubstr("exponent"));
}

// ---- GenerateGraph ----

TEST(GenerateGraph, DispatchesOnTheGeneratorWithTheSpecsParameters) {
  GraphSpec spec;
  spec.agents = 1000;
  spec.mean_followers = 7;  // Watts–Strogatz: rounded to the even degree 8
  spec.generator = GraphGenerator::kWattsStrogatz;
  spec.rewire_probability = 0;
  EXPECT_EQ(GenerateGraph(spec, 1).edges.size(), 8000u);
  spec.generator = GraphGenerator::kBarabasiAlbert;
  spec.attach_edges = 2;
  EXPECT_EQ(GenerateGraph(spec, 1).edges.size(), 2u * (3 + 997 * 2));
  spec.generator = GraphGenerator::kErdosRenyi;
  spec.mutual = true;
  EXPECT_DOUBLE_EQ(StatsOf(GenerateGraph(spec, 1)).reciprocity, 1.0);
  spec.generator = GraphGenerator::kEchoChambers;
  spec.communities = 4;
  const EdgeList echo = GenerateGraph(spec, 1);
  EXPECT_EQ(echo.edges.size(), 7000u);
  EXPECT_EQ(echo.community.size(), 1000u);
  EXPECT_TRUE(echo.edges ==
              EchoChambers(1000, 7, 4, spec.homophily, spec.degree_exponent, 1).edges);
}

TEST(GenerateGraph, RejectsAnAgentCountOutOfRange) {
  GraphSpec spec;
  spec.agents = 1;
  EXPECT_THAT(InputErrorOf([&] { GenerateGraph(spec, 1); }), HasSubstr("graph.agents"));
  spec.agents = std::uint64_t{1} << 33;
  EXPECT_THAT(InputErrorOf([&] { GenerateGraph(spec, 1); }), HasSubstr("hint:"));
}

}  // namespace
}  // namespace firestorm
