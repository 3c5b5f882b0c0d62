// GenerateStoredGraph (the streaming CSR generators): the same graph as the edge-list path for
// every generator, for any thread count; huge-page arrays; conversions back to owning types.
#include "sim/graph/stored_graph.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "graph_test_util.hpp"
#include "sim/graph/generator_kernels.hpp"
#include "sim/graph/generators.hpp"
#include "sim/graph/graph_builder_stream.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::Rows;
using ::firestorm::testing::WithThreads;
using ::testing::ElementsAre;

std::vector<std::vector<AgentId>> RowsOf(const GraphView& v) {
  std::vector<std::vector<AgentId>> rows;
  for (AgentId u = 0; u < v.num_agents; ++u) {
    const auto f = v.followers_of(u);
    rows.emplace_back(f.begin(), f.end());
  }
  return rows;
}

GraphSpec Spec(GraphGenerator generator, std::uint64_t agents) {
  GraphSpec s;
  s.generator = generator;
  s.agents = agents;
  s.mean_followers = 8;
  s.attach_edges = 4;
  s.communities = 5;
  return s;
}

// The streamed CSR equals BuildFollowerGraph of the edge list, edge for edge.
void ExpectSameAsEdgeListPath(const GraphSpec& spec, std::uint64_t seed) {
  const EdgeList edges = GenerateGraph(spec, seed);
  const CsrGraph reference = BuildFollowerGraph(edges.num_agents, edges.edges);
  for (int threads : {1, 2, 4}) {
    SCOPED_TRACE(threads);
    const StoredGraph g = WithThreads(threads, [&] { return GenerateStoredGraph(spec, seed); });
    ASSERT_EQ(g.num_agents(), reference.num_agents());
    ASSERT_EQ(g.num_edges(), reference.num_edges());
    EXPECT_TRUE(std::equal(reference.offsets().begin(), reference.offsets().end(), g.view().offsets));
    EXPECT_TRUE(std::equal(reference.targets().begin(), reference.targets().end(), g.view().targets));
    EXPECT_TRUE(std::equal(edges.community.begin(), edges.community.end(), g.community().begin(),
                           g.community().end()));
  }
}

TEST(GenerateStoredGraph, EqualsTheEdgeListPathForEveryGenerator) {
  ExpectSameAsEdgeListPath(Spec(GraphGenerator::kErdosRenyi, 3000), 5);
  GraphSpec mutual = Spec(GraphGenerator::kErdosRenyi, 3000);
  mutual.mutual = true;
  ExpectSameAsEdgeListPath(mutual, 5);
  ExpectSameAsEdgeListPath(Spec(GraphGenerator::kBarabasiAlbert, 20'000), 6);
  ExpectSameAsEdgeListPath(Spec(GraphGenerator::kWattsStrogatz, 5000), 7);
  ExpectSameAsEdgeListPath(Spec(GraphGenerator::kEchoChambers, 20'000), 8);
}

// Echo chambers keep each edge's author between the passes and draw only the follower again:
// still the edge-list path's graph when many communities have a single member, so that
// followers run out of authors other than themselves and self-loops are dropped.
TEST(GenerateStoredGraph, EchoChambersWithSelfLoopsEqualTheEdgeListPath) {
  GraphSpec spec = Spec(GraphGenerator::kEchoChambers, 3000);
  spec.communities = 2000;
  spec.homophily = 1.0;
  const EdgeList edges = GenerateGraph(spec, 9);
  ASSERT_TRUE(std::any_of(edges.edges.begin(), edges.edges.end(),
                          [](const Edge& e) { return e.source == e.target; }));
  ExpectSameAsEdgeListPath(spec, 9);
}

// Where the kept authors would not fit, echo chambers are drawn twice: the same graph.
TEST(GenerateStoredGraph, EchoChambersDrawnTwiceWhereAuthorsDoNotFit) {
  // 1,000 agents, 10,000 edges: CSR 12,008 + 40,000 bytes, tables 64,000, authors 40,000.
  EXPECT_TRUE(EchoChambersKeepAuthors(1000, 10'000, std::nullopt));
  EXPECT_TRUE(EchoChambersKeepAuthors(1000, 10'000, 156'008));
  EXPECT_FALSE(EchoChambersKeepAuthors(1000, 10'000, 156'007));
  const AgentId n = 5000;
  const generator_kernels::EchoChamberModel model =
      generator_kernels::PrepareEchoChambers(n, 8, 5, 0.8, 2.5, 11);
  const generator_kernels::EchoChamberEmitter emitter{11, n, model};
  const StoredGraph kept = graph_stream::BuildKeepingSources(n, emitter, 1 << 10, {});
  const StoredGraph twice = graph_stream::BuildFromEmitter(n, emitter, 1 << 10, {});
  ASSERT_GT(kept.num_edges(), 30'000u);
  EXPECT_EQ(RowsOf(kept.view()), RowsOf(twice.view()));
}

TEST(GenerateStoredGraph, TinyBarabasiAlbertIsTheClique) {
  //   0 ── 1
  //   │ ╲  │      n = 3 <= m + 1: just the starting clique
  //   2 ───┘
  GraphSpec s = Spec(GraphGenerator::kBarabasiAlbert, 3);
  s.attach_edges = 5;
  EXPECT_THAT(RowsOf(GenerateStoredGraph(s, 1).view()),
              ElementsAre(ElementsAre(1, 2), ElementsAre(0, 2), ElementsAre(0, 1)));
}

TEST(GenerateStoredGraph, NoEdgesWhenTheMeanDegreeIsZero) {
  GraphSpec s = Spec(GraphGenerator::kErdosRenyi, 10);
  s.mean_followers = 0;
  const StoredGraph g = GenerateStoredGraph(s, 1);
  EXPECT_EQ(g.num_agents(), 10u);
  EXPECT_EQ(g.num_edges(), 0u);
}

TEST(StoredGraph, ConvertsBackToCsrAndEdgeList) {
  //   0 ──▶ 1 ──▶ 2        (u ──▶ v: v follows u)
  //   └───▶ 2
  StoredGraph g = StoredGraph::FromCsr(BuildFollowerGraph(3, std::vector<Edge>{{0, 1}, {1, 2}, {0, 2}}),
                                       {4, 5, 6});
  EXPECT_THAT(Rows(g.ToCsrGraph()), ElementsAre(ElementsAre(1, 2), ElementsAre(2), ElementsAre()));
  const EdgeList e = g.ToEdgeList();
  EXPECT_EQ(e.num_agents, 3u);
  EXPECT_THAT(e.edges, ElementsAre(Edge{0, 1}, Edge{0, 2}, Edge{1, 2}));
  EXPECT_THAT(e.community, ElementsAre(4, 5, 6));
  EXPECT_EQ(StoredGraph().num_agents(), 0u);
}

TEST(HugeArray, StartsZeroedAndShrinks) {
  HugeArray<std::uint32_t> big((std::size_t{3} << 20) + 5);  // over two huge pages
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % (std::size_t{2} << 20), 0u);
  EXPECT_EQ(big[0], 0u);
  EXPECT_EQ(big[big.size() - 1], 0u);
  big[12] = 7;
  big.Shrink(100);
  EXPECT_EQ(big.size(), 100u);
  EXPECT_EQ(big[12], 7u);
  EXPECT_LE(big.mapped_bytes(), std::size_t{2} << 20);
  HugeArray<std::uint64_t> small(3);
  small[2] = 9;
  HugeArray<std::uint64_t> moved = std::move(small);
  EXPECT_EQ(moved[2], 9u);
  EXPECT_TRUE(small.empty());
}

TEST(Column, BigBuffersStartOnAHugePageBoundaryAndBehaveAsVectors) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  Column<float> big(kHuge / sizeof(float) + 3, 1.5f);  // just over one huge page
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(big.data()) % kHuge, 0u);
  EXPECT_EQ(big.back(), 1.5f);
  big.resize(3 * kHuge / sizeof(float), 2.5f);  // reallocates: the old mapping is released
  EXPECT_EQ(big.front(), 1.5f);
  EXPECT_EQ(big.back(), 2.5f);
  Column<float> copy = big;
  EXPECT_EQ(copy, big);
  Column<std::uint8_t> small(100, 7);  // under a huge page: the ordinary heap
  small.push_back(8);
  EXPECT_EQ(small.size(), 101u);
  EXPECT_EQ(small.back(), 8);
  EXPECT_EQ(huge_pages::MappedBytes(kHuge + 1), 2 * kHuge);
}

}  // namespace
}  // namespace firestorm
