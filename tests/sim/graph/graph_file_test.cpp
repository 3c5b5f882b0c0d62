// ReadGraphFile and GenerateGraph(kFile): format by extension or by the spec, the spec's
// orientation, mutual flag and community file, and the option conflicts it rejects.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "graph_test_util.hpp"
#include "sim/graph/generators.hpp"
#include "sim/graph/graph_readers.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::DataFile;
using ::firestorm::testing::FixtureFile;
using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::TestDir;
using ::firestorm::testing::WriteFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

GraphSpec FileSpec(const std::string& path) {
  GraphSpec spec;
  spec.generator = GraphGenerator::kFile;
  spec.file = path;
  return spec;
}

TEST(ReadGraphFile, PicksTheReaderByExtension) {
  EXPECT_EQ(ReadGraphFile(FileSpec(DataFile("karate_club/karate.gml"))).edges.size(), 156u);
  EXPECT_EQ(ReadGraphFile(FileSpec(FixtureFile("follows_directed.graphml"))).edges.size(), 3u);
  EXPECT_EQ(ReadGraphFile(FileSpec(DataFile("congress_twitter/congress.edgelist"))).num_agents,
            475u);
  const std::string upper = WriteFile(TestDir() / "G.GML",
                                      "graph [ node [ id 0 ] node [ id 1 ] "
                                      "edge [ source 0 target 1 ] ]");
  EXPECT_EQ(ReadGraphFile(FileSpec(upper)).edges.size(), 2u);
}

TEST(ReadGraphFile, AnExplicitFormatOverridesTheExtension) {
  const std::string path = WriteFile(TestDir() / "graph.txt",
                                     "graph [ directed 1 node [ id 0 ] "
                                     "node [ id 1 ] edge [ source 0 target 1 ] ]");
  GraphSpec spec = FileSpec(path);
  spec.format = GraphFormat::kGml;
  EXPECT_THAT(ReadGraphFile(spec).edges, ElementsAre(Edge{0, 1}));
  spec.format = GraphFormat::kAuto;  // read as an edge list: "graph" is not an id
  EXPECT_THAT(InputErrorOf([&] { ReadGraphFile(spec); }), HasSubstr(path + ":1:1:"));
}

TEST(ReadGraphFile, EdgeListWithOrientationMutualAndCommunityFile) {
  const auto dir = TestDir();
  GraphSpec spec = FileSpec(WriteFile(dir / "follows.tsv", "1\t2\n3\t2\n"));
  spec.community_file = WriteFile(dir / "parties.txt", "1 D\n2 R\n3 D\n");
  const EdgeList follows = GenerateGraph(spec, 0);
  EXPECT_THAT(follows.edges, ElementsAre(Edge{1, 0}, Edge{1, 2}));  // 2 is followed by 1 and 3
  EXPECT_THAT(follows.community, ElementsAre(0, 1, 0));
  spec.orientation = EdgeOrientation::kReaches;
  spec.mutual = true;
  EXPECT_THAT(ReadGraphFile(spec).edges,
              ElementsAre(Edge{0, 1}, Edge{1, 0}, Edge{2, 1}, Edge{1, 2}));
}

TEST(ReadGraphFile, MutualAddsReverseEdgesToDirectedGml) {
  GraphSpec spec = FileSpec(DataFile("polblogs/polblogs.gml"));
  spec.community_attribute = "value";
  spec.mutual = true;
  const EdgeList g = ReadGraphFile(spec);
  EXPECT_EQ(g.edges.size(), 2u * 19'090u);
  // PROVENANCE.md: 16,715 undirected links once repeats and self-links are dropped.
  EXPECT_EQ(BuildFollowerGraph(g.num_agents, g.edges).num_edges(), 2u * 16'715u);
  EXPECT_EQ(g.community.size(), 1490u);
}

TEST(ReadGraphFile, RejectsConflictingOrMissingOptions) {
  GraphSpec spec = FileSpec("");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphFile(spec); }),
              AllOf(HasSubstr("no file"), HasSubstr("hint:")));
  spec = FileSpec(DataFile("karate_club/karate.gml"));
  spec.community_file = "parties.txt";
  EXPECT_THAT(InputErrorOf([&] { ReadGraphFile(spec); }),
              AllOf(HasSubstr("only read with edge lists"), HasSubstr("community_attribute")));
  spec = FileSpec(DataFile("congress_twitter/congress.edgelist"));
  spec.community_attribute = "party";
  EXPECT_THAT(InputErrorOf([&] { ReadGraphFile(spec); }),
              AllOf(HasSubstr("no node attributes"), HasSubstr("community_file")));
}

}  // namespace
}  // namespace firestorm
