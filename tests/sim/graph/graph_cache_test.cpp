// The .fsg graph file and cache: round trip, keys that follow the spec, refusal of damaged
// files, the cache folder's hit and miss, and the crisis path's edge list through the cache.
#include "sim/graph/graph_cache.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "graph_test_util.hpp"
#include "sim/graph/generators.hpp"
#include "sim/graph/graph_readers.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::TestDir;
using ::testing::HasSubstr;

GraphSpec Echo(std::uint64_t agents) {
  GraphSpec s;
  s.generator = GraphGenerator::kEchoChambers;
  s.agents = agents;
  s.mean_followers = 6;
  s.communities = 4;
  return s;
}

void ExpectSameGraph(const StoredGraph& a, const StoredGraph& b) {
  ASSERT_EQ(a.num_agents(), b.num_agents());
  ASSERT_EQ(a.num_edges(), b.num_edges());
  EXPECT_TRUE(std::equal(a.view().offsets, a.view().offsets + a.num_agents() + 1, b.view().offsets));
  EXPECT_TRUE(std::equal(a.view().targets, a.view().targets + a.num_edges(), b.view().targets));
  EXPECT_TRUE(std::equal(a.community().begin(), a.community().end(), b.community().begin(),
                         b.community().end()));
}

TEST(GraphCache, RoundTripsGraphAndCommunities) {
  const StoredGraph g = GenerateStoredGraph(Echo(5000), 3);
  const std::string path = (TestDir() / "g.fsg").string();
  WriteGraphCache(path, g, 77, "test graph");
  ExpectSameGraph(g, ReadGraphCache(path));
  ExpectSameGraph(g, ReadGraphCache(path, 77));
  EXPECT_THAT(InputErrorOf([&] { ReadGraphCache(path, 78); }), HasSubstr("another graph spec"));
  // Arrays start on 4 KiB boundaries, so they can be used in place.
  EXPECT_EQ(std::filesystem::file_size(path) % 4, 0u);
}

TEST(GraphCache, RefusesDamagedFiles) {
  const StoredGraph g = GenerateStoredGraph(Echo(2000), 3);
  const std::string path = (TestDir() / "g.fsg").string();
  WriteGraphCache(path, g, 1, "x");
  const auto size = std::filesystem::file_size(path);
  {  // flip one byte of the follower ids
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size - 100));
    f.put('\x5a');
  }
  EXPECT_THAT(InputErrorOf([&] { ReadGraphCache(path); }), HasSubstr("checksum"));
  std::filesystem::resize_file(path, size / 2);
  EXPECT_THAT(InputErrorOf([&] { ReadGraphCache(path); }), HasSubstr("truncated"));
  const std::string text = testing::WriteFile(TestDir() / "t.fsg", std::string(5000, 'a'));
  EXPECT_THAT(InputErrorOf([&] { ReadGraphCache(text); }), HasSubstr("magic"));
}

TEST(GraphCache, KeyFollowsTheParametersOfTheGeneratorInUse) {
  const GraphSpec a = Echo(1000);
  GraphSpec b = a;
  b.homophily = 0.5;
  EXPECT_NE(GraphSpecKey(a, 1), GraphSpecKey(b, 1));
  EXPECT_NE(GraphSpecKey(a, 1), GraphSpecKey(a, 2));
  GraphSpec ba = a, ba2 = a;
  ba.generator = ba2.generator = GraphGenerator::kBarabasiAlbert;
  ba2.homophily = 0.1;  // not a BA parameter
  EXPECT_EQ(GraphSpecKey(ba, 1), GraphSpecKey(ba2, 1));
  EXPECT_THAT(DescribeGraphSpec(ba, 9), HasSubstr("barabasi_albert agents=1000 attach_edges=5 seed=9"));
}

TEST(GraphCache, MissWritesThenHitMapsTheSameGraph) {
  GraphSpec s = Echo(3000);
  s.cache = (TestDir() / "cache").string();
  const CachedGraph first = LoadOrGenerateGraph(s, 4);
  EXPECT_FALSE(first.hit);
  EXPECT_TRUE(std::filesystem::exists(first.path));
  const CachedGraph second = LoadOrGenerateGraph(s, 4);
  EXPECT_TRUE(second.hit);
  EXPECT_EQ(second.path, first.path);
  ExpectSameGraph(first.graph, second.graph);
  // A damaged cache file is regenerated, not used.
  std::filesystem::resize_file(first.path, 5000);
  const CachedGraph third = LoadOrGenerateGraph(s, 4);
  EXPECT_FALSE(third.hit);
  ExpectSameGraph(first.graph, third.graph);
  // Another seed is another file.
  EXPECT_NE(LoadOrGenerateGraph(s, 5).path, first.path);
}

TEST(GraphCache, EdgeListThroughTheCacheIsTheDeduplicatedGraph) {
  GraphSpec s = Echo(3000);
  const EdgeList plain = GenerateGraph(s, 4);
  s.cache = (TestDir() / "cache").string();
  for (int pass = 0; pass < 2; ++pass) {  // miss, then hit: the same edges
    const EdgeList cached = GenerateGraph(s, 4);
    const CsrGraph a = BuildFollowerGraph(plain.num_agents, plain.edges);
    EXPECT_EQ(cached.edges.size(), a.num_edges());
    EXPECT_EQ(BuildFollowerGraph(cached.num_agents, cached.edges).targets(), a.targets());
    EXPECT_EQ(cached.community, plain.community);
  }
}

TEST(GraphCache, FsgFileIsAGraphFile) {
  const StoredGraph g = GenerateStoredGraph(Echo(1000), 3);
  const std::string path = (TestDir() / "g.fsg").string();
  WriteGraphCache(path, g, 1, "x");
  GraphSpec file;
  file.generator = GraphGenerator::kFile;
  file.file = path;
  ExpectSameGraph(g, GenerateStoredGraph(file, 0));
  EXPECT_EQ(ReadGraphFile(file).edges.size(), g.num_edges());
}

}  // namespace
}  // namespace firestorm
