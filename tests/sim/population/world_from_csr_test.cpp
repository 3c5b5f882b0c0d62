// BuildWorld from a CSR (StoredGraph): the special accounts' and bots' follows are merged into
// the graph without an edge list, the world is the same for any thread count, and a graph that
// comes through the graph cache gives the same world as one generated on the spot.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

#include "sim/graph/graph_cache.hpp"
#include "sim/graph/graph_test_util.hpp"
#include "sim/graph/stored_graph.hpp"
#include "sim/population/population_builder.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::TestDir;
using ::firestorm::testing::WithThreads;

PopulationSpec Spec() {
  PopulationSpec s;
  s.bots = {0.02, true};
  s.influencers = {40, false};
  s.media = {8, {0.02, true}};
  s.fact_checkers = {3, {300, false}};
  s.organization = {1, {0.1, true}};
  return s;
}

GraphSpec Graph() {
  GraphSpec g;
  g.generator = GraphGenerator::kEchoChambers;
  g.agents = 30'000;
  g.mean_followers = 12;
  g.communities = 5;
  return g;
}

World Build(const GraphSpec& graph, std::uint64_t seed = 9) {
  return BuildWorld(GenerateStoredGraph(graph, seed), Spec(), 3, seed);
}

void ExpectSameWorld(const World& a, const World& b, const std::string& what) {
  EXPECT_EQ(a.graph.offsets(), b.graph.offsets()) << what;
  EXPECT_EQ(a.graph.targets(), b.graph.targets()) << what;
  const PopulationState& p = a.population;
  const PopulationState& q = b.population;
  EXPECT_EQ(p.kind, q.kind) << what;
  EXPECT_EQ(p.community, q.community) << what;
  EXPECT_EQ(p.opinion, q.opinion) << what;
  EXPECT_EQ(p.trust, q.trust) << what;
  EXPECT_EQ(p.literacy, q.literacy) << what;
  EXPECT_EQ(p.activity_per_hour, q.activity_per_hour) << what;
  EXPECT_EQ(a.organization_accounts, b.organization_accounts) << what;
  EXPECT_EQ(a.media_accounts, b.media_accounts) << what;
  EXPECT_EQ(a.fact_checker_accounts, b.fact_checker_accounts) << what;
  EXPECT_EQ(a.influencers, b.influencers) << what;
  EXPECT_EQ(a.bots, b.bots) << what;
}

TEST(WorldFromCsr, IsIdenticalFor1And2And4Threads) {
  const World one = WithThreads(1, [] { return Build(Graph()); });
  for (int threads : {2, 4})
    ExpectSameWorld(WithThreads(threads, [] { return Build(Graph()); }), one,
                    std::to_string(threads) + " threads");
}

TEST(WorldFromCsr, KeepsEveryBaseFollowAndAddsOnlyTheSpecialAccountsRows) {
  const GraphSpec spec = Graph();
  const StoredGraph base = GenerateStoredGraph(spec, 9);
  const World w = BuildWorld(base, Spec(), 3, 9);  // a shared StoredGraph: copied, not moved
  ASSERT_EQ(base.num_agents(), w.graph.num_agents());
  std::set<AgentId> wired(w.bots.begin(), w.bots.end());
  for (const auto* list : {&w.organization_accounts, &w.media_accounts, &w.fact_checker_accounts})
    wired.insert(list->begin(), list->end());
  EdgeIndex added = 0;
  for (AgentId u = 0; u < base.num_agents(); ++u) {
    const auto before = base.followers_of(u);
    const auto after = w.graph.followers_of(u);
    ASSERT_TRUE(std::is_sorted(after.begin(), after.end())) << u;
    ASSERT_TRUE(std::adjacent_find(after.begin(), after.end()) == after.end()) << u;
    ASSERT_TRUE(std::find(after.begin(), after.end(), u) == after.end()) << u;
    ASSERT_TRUE(std::includes(after.begin(), after.end(), before.begin(), before.end())) << u;
    if (!wired.contains(u)) {
      ASSERT_EQ(after.size(), before.size()) << u;
    }
    added += after.size() - before.size();
  }
  // The organization alone gets about 10% of the agents as followers.
  EXPECT_GT(added, spec.agents / 10 - spec.agents / 50);
  EXPECT_EQ(w.graph.num_edges(), base.num_edges() + added);
  // Influencers are the users most followed in the base graph.
  const EdgeIndex least = base.view().follower_count(w.influencers.back());
  for (AgentId v = 0; v < base.num_agents(); ++v)
    if (w.population.kind[v] == AgentKind::kUser) {
      ASSERT_LE(base.view().follower_count(v), least) << v;
    }
}

TEST(WorldFromCsr, TheEdgeListEntryPointGivesTheSameWorld) {
  const GraphSpec spec = Graph();
  const StoredGraph base = GenerateStoredGraph(spec, 9);
  ExpectSameWorld(BuildWorld(base.ToEdgeList(), Spec(), 3, 9), Build(spec), "edge list");
}

TEST(WorldFromCsr, TheGraphCacheGivesTheSameWorldOnAMissAndAHit) {
  GraphSpec cached = Graph();
  cached.cache = (TestDir() / "cache").string();
  const World plain = Build(Graph());
  ExpectSameWorld(Build(cached), plain, "cache miss");
  ASSERT_TRUE(LoadOrGenerateGraph(cached, 9).hit);
  ExpectSameWorld(Build(cached), plain, "cache hit");
}

}  // namespace
}  // namespace firestorm
