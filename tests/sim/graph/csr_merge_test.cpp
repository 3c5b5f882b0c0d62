// MergeEdges (extra follows merged into a CSR in place), HugeArray::Grow underneath it, and
// copies of the huge-page-backed CsrGraph.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "graph_test_util.hpp"
#include "sim/graph/csr_graph.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::MakeGraph;
using ::firestorm::testing::Rows;
using ::firestorm::testing::WithThreads;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// `count` random edges among `n` agents, with repeats and self-loops on purpose: sources
// come from `sources` when it is given (few rows, many edges each, as the special accounts).
std::vector<Edge> RandomEdges(AgentId n, std::size_t count, std::uint64_t seed,
                              const std::vector<AgentId>& sources = {}) {
  std::mt19937_64 rng(seed);
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < count; ++i) {
    const AgentId s = sources.empty() ? static_cast<AgentId>(rng() % n) : sources[rng() % sources.size()];
    const std::uint64_t kind = rng() % 10;
    const AgentId t = kind == 0 ? s : static_cast<AgentId>(rng() % n);  // 10% self-loops
    edges.push_back({s, t});
    if (kind == 1 && !edges.empty()) edges.push_back(edges[rng() % edges.size()]);  // a repeat
  }
  return edges;
}

void ExpectSameGraph(const CsrGraph& got, const CsrGraph& want, const std::string& what) {
  EXPECT_EQ(got.num_agents(), want.num_agents()) << what;
  EXPECT_EQ(got.offsets(), want.offsets()) << what;
  EXPECT_EQ(got.targets(), want.targets()) << what;
}

// MergeEdges(BuildFollowerGraph(base), extra) == BuildFollowerGraph(base + extra).
void CheckMerge(AgentId n, const std::vector<Edge>& base, const std::vector<Edge>& extra,
                const std::string& what) {
  CsrGraph merged = MakeGraph(n, base);
  MergeEdges(merged, extra);
  std::vector<Edge> all = base;
  all.insert(all.end(), extra.begin(), extra.end());
  ExpectSameGraph(merged, MakeGraph(n, all), what);
}

TEST(MergeEdges, EqualsBuildingTheCsrOfAllEdges) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    const auto n = static_cast<AgentId>(1 + rng() % 300);
    const std::vector<Edge> base = RandomEdges(n, rng() % 3000, seed);
    // Extra edges from many rows, then from a few rows (the special accounts' shape).
    CheckMerge(n, base, RandomEdges(n, rng() % 500, seed + 1000), "seed " + std::to_string(seed));
    std::vector<AgentId> few;
    for (int i = 0; i < 4; ++i) few.push_back(static_cast<AgentId>(rng() % n));
    CheckMerge(n, base, RandomEdges(n, rng() % 500, seed + 2000, few),
               "few rows, seed " + std::to_string(seed));
  }
}

TEST(MergeEdges, HandlesTheFirstAndLastRowsAndAnEmptyGraph) {
  const AgentId n = 50;
  const std::vector<Edge> base = RandomEdges(n, 400, 3);
  CheckMerge(n, base, {{0, 7}, {0, 7}, {0, 0}, {0, 49}}, "first row");
  CheckMerge(n, base, {{49, 0}, {49, 48}, {49, 49}}, "last row");
  CheckMerge(n, base, {{0, 1}, {49, 1}, {25, 3}}, "first, middle, last");
  CheckMerge(n, {}, {{3, 4}, {3, 2}, {10, 3}, {3, 4}}, "no base edges");
  CheckMerge(n, base, {{4, 4}, {9, 9}}, "self-loops only");
  CheckMerge(1, {}, {{0, 0}}, "one agent");
  // Extra edges already in the graph change nothing.
  const CsrGraph g = MakeGraph(n, base);
  std::vector<Edge> again;
  for (AgentId u = 0; u < n; ++u)
    for (AgentId v : g.followers_of(u)) again.push_back({u, v});
  CheckMerge(n, base, again, "edges already there");
}

TEST(MergeEdges, SmallExampleByHand) {
  CsrGraph g = MakeGraph(4, {{0, 3}, {1, 2}, {0, 1}, {3, 0}});
  MergeEdges(g, {{1, 0}, {0, 2}, {2, 2}, {1, 2}, {1, 3}, {0, 3}});
  EXPECT_THAT(g.offsets(), ElementsAre(0, 3, 6, 6, 7));
  EXPECT_THAT(Rows(g), ElementsAre(ElementsAre(1, 2, 3), ElementsAre(0, 2, 3), ElementsAre(),
                                   ElementsAre(0)));
}

TEST(MergeEdges, IsIdenticalForAnyThreadCount) {
  const AgentId n = 20'000;
  const std::vector<Edge> base = RandomEdges(n, 300'000, 11);
  std::vector<AgentId> specials;
  for (AgentId v = 0; v < n; v += 97) specials.push_back(v);
  const std::vector<Edge> extra = RandomEdges(n, 200'000, 12, specials);
  const CsrGraph one = WithThreads(1, [&] {
    CsrGraph g = MakeGraph(n, base);
    MergeEdges(g, extra);
    return g;
  });
  for (int threads : {2, 4}) {
    const CsrGraph g = WithThreads(threads, [&] {
      CsrGraph h = MakeGraph(n, base);
      MergeEdges(h, extra);
      return h;
    });
    ExpectSameGraph(g, one, std::to_string(threads) + " threads");
  }
}

TEST(MergeEdges, RefusesAnAgentOutOfRange) {
  CsrGraph g = MakeGraph(3, {{0, 1}});
  const std::string message = InputErrorOf([&] { MergeEdges(g, {{0, 2}, {1, 3}}); });
  EXPECT_THAT(message, HasSubstr("edge #1 (1 -> 3)"));
  EXPECT_THAT(g.targets(), ElementsAre(1));  // untouched
}

TEST(HugeArrayGrow, KeepsTheDataAndZeroesTheRest) {
  for (std::size_t first : {std::size_t{0}, std::size_t{10}, std::size_t{3} << 20}) {
    HugeArray<std::uint32_t> a(first);
    for (std::size_t i = 0; i < first; ++i) a[i] = static_cast<std::uint32_t>(i * 3 + 1);
    for (std::size_t size : {first + 5, first + 4096, first + (std::size_t{5} << 20)}) {
      const std::size_t before = a.size();
      a.Grow(size);
      ASSERT_EQ(a.size(), size);
      for (std::size_t i = 0; i < before; ++i)
        ASSERT_EQ(a[i], i < first ? i * 3 + 1 : 0u) << first << " -> " << size << " at " << i;
      for (std::size_t i = before; i < size; ++i) ASSERT_EQ(a[i], 0u) << i;
    }
  }
}

TEST(HugeArrayGrow, ZeroesWhatAShrinkLeftBehind) {
  HugeArray<std::uint64_t> a(1000);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = 7;
  a.Shrink(10);
  a.Grow(900);  // inside the old mapping: the stale sevens must not come back
  for (std::size_t i = 10; i < 900; ++i) ASSERT_EQ(a[i], 0u) << i;
  EXPECT_EQ(a[9], 7u);
}

TEST(CsrGraph, CopiesAreDeepAndEqual) {
  const CsrGraph g = MakeGraph(5, {{0, 1}, {0, 2}, {4, 3}, {2, 0}});
  CsrGraph copy(g);
  ExpectSameGraph(copy, g, "copy");
  EXPECT_NE(copy.targets().data(), g.targets().data());
  CsrGraph assigned;
  assigned = g;
  ExpectSameGraph(assigned, g, "assigned");
  MergeEdges(copy, {{1, 4}});
  EXPECT_EQ(g.num_edges(), 4u);
  EXPECT_EQ(copy.num_edges(), 5u);
  EXPECT_EQ(CsrGraph(std::vector<EdgeIndex>{0, 1, 1}, {1}).targets(), std::vector<AgentId>{1});
}

}  // namespace
}  // namespace firestorm
