// BuildFollowerGraph: exact rows on tiny graphs, dropping of duplicates and self-loops, the
// id check, and arrays that depend only on the edge set (not on thread count or edge order).
#include "sim/graph/csr_graph.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <utility>

#include "graph_test_util.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::MakeGraph;
using ::firestorm::testing::Rows;
using ::firestorm::testing::WithThreads;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(BuildFollowerGraph, RowsHoldEachAuthorsFollowersSorted) {
  //        ┌──▶ 1 ──┐
  //   0 ───┼──▶ 2 ◀─┘        (u ──▶ v: v follows u)
  //        └──▶ 3
  const CsrGraph g = MakeGraph(4, {{0, 3}, {1, 2}, {0, 1}, {0, 2}});
  EXPECT_EQ(g.num_agents(), 4u);
  EXPECT_EQ(g.num_edges(), 4u);
  EXPECT_THAT(g.offsets(), ElementsAre(0, 3, 4, 4, 4));
  EXPECT_THAT(Rows(g), ElementsAre(ElementsAre(1, 2, 3), ElementsAre(2), IsEmpty(), IsEmpty()));
  EXPECT_EQ(g.follower_count(0), 3u);
  EXPECT_EQ(g.first_edge(1), 3u);
}

TEST(BuildFollowerGraph, DropsDuplicatesAndSelfLoops) {
  //   0 ──▶ 1  (written three times)     1 ──▶ 1 (self-loop)     2 ──▶ 0
  const CsrGraph g = MakeGraph(3, {{0, 1}, {1, 1}, {0, 1}, {2, 0}, {0, 1}, {2, 2}});
  EXPECT_EQ(g.num_edges(), 2u);
  EXPECT_THAT(g.offsets(), ElementsAre(0, 1, 1, 2));
  EXPECT_THAT(Rows(g), ElementsAre(ElementsAre(1), IsEmpty(), ElementsAre(0)));
}

TEST(BuildFollowerGraph, NoEdgesGivesIsolatedAgents) {
  const CsrGraph g = MakeGraph(5, {});
  EXPECT_EQ(g.num_agents(), 5u);
  EXPECT_EQ(g.num_edges(), 0u);
  EXPECT_THAT(g.offsets(), ElementsAre(0, 0, 0, 0, 0, 0));
  EXPECT_EQ(CsrGraph().num_agents(), 0u);
}

TEST(BuildFollowerGraph, RejectsAnAgentIdOutOfRange) {
  const std::string message = InputErrorOf([] { MakeGraph(3, {{0, 1}, {1, 2}, {2, 3}, {7, 0}}); });
  EXPECT_THAT(message, HasSubstr("edge #2 (2 -> 3)"));  // the first bad edge, whatever the schedule
  EXPECT_THAT(message, HasSubstr("hint:"));
}

// Random multigraph with many duplicates and self-loops, plus one celebrity row long enough
// for the nested parallel sort, spread over many blocks of agents so rows slide on compaction.
std::vector<Edge> NoisyEdges(AgentId agents, std::size_t count, unsigned seed) {
  std::mt19937_64 engine(seed);
  std::uniform_int_distribution<AgentId> pick(0, agents - 1);
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < count; ++i) edges.push_back({pick(engine), pick(engine) % 50});
  for (std::size_t i = 0; i < 150'000; ++i) edges.push_back({7, pick(engine)});
  edges.insert(edges.end(), edges.begin(), edges.begin() + 1000);  // exact repeats
  std::shuffle(edges.begin(), edges.end(), engine);
  return edges;
}

TEST(BuildFollowerGraph, MatchesASerialReferenceForAnyThreadCountAndEdgeOrder) {
  constexpr AgentId kAgents = 20'000;
  std::vector<Edge> edges = NoisyEdges(kAgents, 200'000, 1);
  std::set<std::pair<AgentId, AgentId>> reference;
  for (const Edge& e : edges) {
    if (e.source != e.target) reference.insert({e.source, e.target});
  }
  const CsrGraph one = WithThreads(1, [&] { return MakeGraph(kAgents, edges); });
  ASSERT_EQ(one.num_edges(), reference.size());
  std::vector<EdgeIndex> offsets(kAgents + 1, 0);
  std::vector<AgentId> targets;
  for (const auto& [u, v] : reference) {
    ++offsets[u + 1];
    targets.push_back(v);
  }
  for (AgentId u = 0; u < kAgents; ++u) offsets[u + 1] += offsets[u];
  EXPECT_EQ(one.offsets(), offsets);
  EXPECT_EQ(one.targets(), targets);

  std::reverse(edges.begin(), edges.end());
  for (int threads : {2, 4}) {
    const CsrGraph g = WithThreads(threads, [&] { return MakeGraph(kAgents, edges); });
    EXPECT_EQ(g.offsets(), one.offsets()) << threads << " threads";
    EXPECT_EQ(g.targets(), one.targets()) << threads << " threads";
  }
}

}  // namespace
}  // namespace firestorm
