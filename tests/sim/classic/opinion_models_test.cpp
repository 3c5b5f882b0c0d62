// Voter, Deffuant and Hegselmann–Krause: exact cases, consensus, the number of opinion clusters
// on a complete graph against floor(1 / (2 epsilon)), and thread-count invariance.
#include <algorithm>

#include "classic_test_util.hpp"

namespace firestorm {
namespace {

using namespace firestorm::testing;

TEST(Voter, CompleteGraphReachesConsensusAndConservesAgents) {
  const CsrGraph g = CompleteGraph(100);
  ClassicModelSpec spec = Model(ClassicModelKind::kVoter);
  spec.opinions = 3;
  const ClassicRunResult r = RunClassicModel(spec, ViewOf(g), 5);
  EXPECT_TRUE(r.finished);
  ExpectConserved(r, 100);
  EXPECT_EQ(r.num_compartments(), 3u);
  const auto last = std::max({r.Count(r.ticks, 0), r.Count(r.ticks, 1), r.Count(r.ticks, 2)});
  EXPECT_EQ(last, 100u);
}

TEST(Voter, AgentsFollowingNobodyKeepTheirOpinion) {
  const CsrGraph g = BuildFollowerGraph(10, std::vector<Edge>{});
  ClassicModelSpec spec = Model(ClassicModelKind::kVoter);
  spec.max_ticks = 5;
  const ClassicRunResult r = RunClassicModel(spec, ViewOf(g), 5);
  for (Tick t = 0; t <= r.ticks; ++t) EXPECT_EQ(r.Count(t, 0), r.Count(0, 0));
}

TEST(OpinionModels, SameRunForAnyThreadCount) {
  const StoredGraph g = BarabasiAlbertGraph(10'000, 4, 2);
  for (const ClassicModelKind kind :
       {ClassicModelKind::kVoter, ClassicModelKind::kDeffuant, ClassicModelKind::kHegselmannKrause}) {
    SCOPED_TRACE(std::string(ClassicModelName(kind)));
    ClassicModelSpec spec = Model(kind);
    spec.max_ticks = 200;
    const ClassicRunResult one = WithThreads(1, [&] { return RunClassicModel(spec, g.view(), 4); });
    ExpectConserved(one, g.num_agents());
    ExpectSameRun(one, WithThreads(3, [&] { return RunClassicModel(spec, g.view(), 4); }));
  }
}

TEST(Deffuant, TwoAgentsWithinTheBoundMeetHalfway) {
  //   0 ◀──▶ 1      mu = 0.5: after one tick both hold the average; they then stay there
  const CsrGraph g = Undirected(2, {{0, 1}});
  ClassicModelSpec spec = Model(ClassicModelKind::kDeffuant);
  spec.confidence_bound = 1;
  const ClassicRunResult r = RunClassicModel(spec, ViewOf(g), 1);
  ASSERT_EQ(r.final_opinion.size(), 2u);
  EXPECT_FLOAT_EQ(r.final_opinion[0], r.final_opinion[1]);
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(r.clusters, 1u);
}

// Median over replicates of the number of major clusters (>= 1% of agents).
std::uint32_t MedianClusters(ClassicModelKind kind, double epsilon, const CsrGraph& g) {
  ClassicModelSpec spec = Model(kind);
  spec.confidence_bound = epsilon;
  spec.max_ticks = 3000;
  std::vector<std::uint32_t> clusters;
  for (std::uint64_t seed = 1; seed <= 9; ++seed)
    clusters.push_back(RunClassicModel(spec, ViewOf(g), seed).clusters);
  std::nth_element(clusters.begin(), clusters.begin() + 4, clusters.end());
  return clusters[4];
}

// Deffuant et al. (2000): uniform opinions on a complete graph settle into about
// floor(1 / (2 epsilon)) major clusters. Single runs vary by one cluster (minor clusters near
// the edges merge or not), so we compare the median of 9 runs.
TEST(DeffuantClusters, CompleteGraphGivesAboutOneOverTwoEpsilon) {
  const CsrGraph g = CompleteGraph(1000);
  for (const double epsilon : {0.3, 0.2, 0.15}) {
    SCOPED_TRACE(epsilon);
    EXPECT_EQ(MedianClusters(ClassicModelKind::kDeffuant, epsilon, g),
              static_cast<std::uint32_t>(std::floor(1 / (2 * epsilon))));
  }
}

// Hegselmann–Krause on a complete graph (Hegselmann & Krause 2002; Lorenz 2007): the same
// rule of thumb holds for larger bounds.
TEST(HegselmannKrauseClusters, CompleteGraphGivesAboutOneOverTwoEpsilon) {
  const CsrGraph g = CompleteGraph(500);
  for (const double epsilon : {0.3, 0.2}) {
    SCOPED_TRACE(epsilon);
    EXPECT_EQ(MedianClusters(ClassicModelKind::kHegselmannKrause, epsilon, g),
              static_cast<std::uint32_t>(std::floor(1 / (2 * epsilon))));
  }
}

}  // namespace
}  // namespace firestorm
