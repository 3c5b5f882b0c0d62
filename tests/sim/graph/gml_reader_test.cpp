// GML reader: the karate club and polblogs files, a small file exercising the grammar, and
// one test per class of broken input (message names file:line:column and gives a hint).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "graph_test_util.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/graph_stats.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::DataFile;
using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::Rows;
using ::firestorm::testing::TestDir;
using ::firestorm::testing::WriteFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ReadGml, KarateClub) {
  // 34 members, 78 undirected ties -> 156 follows, all reciprocated; no factions in the file.
  const EdgeList g = ReadGml(DataFile("karate_club/karate.gml"), "");
  EXPECT_EQ(g.num_agents, 34u);
  EXPECT_EQ(g.edges.size(), 156u);
  EXPECT_THAT(g.community, IsEmpty());
  const GraphStats s = ComputeGraphStats(BuildFollowerGraph(g.num_agents, g.edges), {});
  EXPECT_EQ(s.edges, 156u);
  EXPECT_DOUBLE_EQ(s.reciprocity, 1.0);
  EXPECT_EQ(s.followers.max, 17u);  // the instructor (node 34)
}

TEST(ReadGml, PolblogsWithPoliticalLeaningAsCommunity) {
  // PROVENANCE.md: 1490 blogs (758 liberal "value 0", 732 conservative "value 1"), 19,090 link
  // records, of which 19,022 are distinct and not self-links.
  const EdgeList g = ReadGml(DataFile("polblogs/polblogs.gml"), "value");
  EXPECT_EQ(g.num_agents, 1490u);
  EXPECT_EQ(g.edges.size(), 19'090u);
  const GraphStats s = ComputeGraphStats(BuildFollowerGraph(g.num_agents, g.edges), g.community);
  EXPECT_EQ(s.edges, 19'022u);
  EXPECT_EQ(s.communities, 2u);
  EXPECT_THAT(s.community_sizes, ElementsAre(758u, 732u));
}

TEST(ReadGml, GrammarCornersAndAgentsOrderedById) {
  //   node 5 ("b") ──▶ node -2 ("a")      directed; agents: -2 -> 0, 5 -> 1, 9 -> 2
  //   node 9 ──▶ node 5
  const std::string path = WriteFile(TestDir() / "g.gml", R"(# a comment line
Creator "someone [with brackets]"
Version 1
graph [
  directed 1
  name "multi
line string"
  node [ id 5 label "b" side "right" graphics [ x 1.5 y -2e3 fill "#ff0000" ] ]
  node [ id -2 label "a" side "left" ]
  node [ id 9 weight +INF ]   # 9 has no side
  edge [ source 5 target -2 value 1.0 ]
  edge [ source 9 target 5 ]
]
graph [ node [ id 1 ] ]
)");
  const EdgeList g = ReadGml(path, "side");
  EXPECT_EQ(g.num_agents, 3u);
  EXPECT_THAT(g.edges, ElementsAre(Edge{1, 0}, Edge{2, 1}));
  EXPECT_THAT(g.community, ElementsAre(0, 1, 2));  // left, right, then "no label"
}

TEST(ReadGml, UndirectedEdgesGoBothWays) {
  const std::string path = WriteFile(
      TestDir() / "u.gml", "graph [ node [ id 0 ] node [ id 1 ] edge [ source 0 target 1 ] ]");
  const EdgeList g = ReadGml(path, "");
  EXPECT_THAT(Rows(BuildFollowerGraph(g.num_agents, g.edges)),
              ElementsAre(ElementsAre(1), ElementsAre(0)));
}

// ---- broken files ----

std::string GmlError(const std::string& name, const std::string& text,
                     const std::string& attribute = "") {
  const std::string path = WriteFile(TestDir() / name, text);
  return InputErrorOf([&] { ReadGml(path, attribute); });
}

TEST(ReadGml, MissingFile) {
  const std::string path = (TestDir() / "none.gml").string();
  EXPECT_THAT(InputErrorOf([&] { ReadGml(path, ""); }),
              AllOf(HasSubstr(path + ": error: file does not exist"), HasSubstr("hint:")));
}

TEST(ReadGml, UnterminatedString) {
  EXPECT_THAT(GmlError("s.gml", "graph [\n  node [ id 1 label \"oops ]\n]\n"),
              AllOf(HasSubstr("s.gml:2:21: error: a string starts here but is never closed"),
                    HasSubstr("hint:")));
}

TEST(ReadGml, UnclosedList) {
  EXPECT_THAT(GmlError("l.gml", "graph [\n  node [ id 1 ]\n  edge [ source 1 target 1\n"),
              AllOf(HasSubstr("l.gml:3:8: error: this '[' is never closed"),
                    HasSubstr("add the matching ']'")));
}

TEST(ReadGml, UnmatchedClosingBracket) {
  EXPECT_THAT(GmlError("u.gml", "graph [ node [ id 1 ] ]\n]\n"),
              AllOf(HasSubstr("u.gml:2:1: error: unmatched ']'"), HasSubstr("hint:")));
}

TEST(ReadGml, EdgeToUndefinedNode) {
  EXPECT_THAT(GmlError("e.gml", "graph [\n node [ id 1 ]\n edge [ source 1\n target 4 ]\n]"),
              AllOf(HasSubstr("e.gml:4:9: error: edge refers to node 4, which is not defined"),
                    HasSubstr("hint:")));
}

TEST(ReadGml, NonIntegerId) {
  EXPECT_THAT(GmlError("i.gml", "graph [\n node [ id 1.5 ]\n]"),
              AllOf(HasSubstr("i.gml:2:12: error: 'id' must be an integer, found '1.5'"),
                    HasSubstr("hint:")));
  EXPECT_THAT(GmlError("q.gml", "graph [\n node [ id \"one\" ]\n]"),
              HasSubstr("q.gml:2:12: error: 'id' must be an integer"));
}

TEST(ReadGml, DuplicateNodeId) {
  EXPECT_THAT(
      GmlError("d.gml", "graph [\n node [ id 3 ]\n node [ id 3 ]\n edge [ source 3 target 3 ]\n]"),
      AllOf(HasSubstr("d.gml:3:12: error: node id 3 is used twice"),
            HasSubstr("first used on line 2")));
}

TEST(ReadGml, NodeWithoutIdAndEdgeWithoutTarget) {
  EXPECT_THAT(GmlError("n.gml", "graph [\n node [ label \"x\" ]\n]"),
              AllOf(HasSubstr("n.gml:2:7: error: this node has no id"), HasSubstr("hint:")));
  EXPECT_THAT(GmlError("t.gml", "graph [\n node [ id 1 ]\n edge [ source 1 ]\n]"),
              AllOf(HasSubstr("t.gml:3:7: error: this edge has no target"), HasSubstr("hint:")));
}

TEST(ReadGml, NotAGmlFile) {
  EXPECT_THAT(GmlError("x.gml", "1 2\n3 4\n"),
              AllOf(HasSubstr("x.gml:1:1: error: expected a key, found '1'"), HasSubstr("hint:")));
  EXPECT_THAT(GmlError("c.gml", "Creator \"me\"\n"),
              AllOf(HasSubstr("c.gml:1:1: error: the file has no 'graph [ ... ]' block"),
                    HasSubstr("hint:")));
  EXPECT_THAT(GmlError("b.gml", "graph [\n node { id 1 }\n]"),
              AllOf(HasSubstr("b.gml:2:7: error: unexpected character '{'"), HasSubstr("hint:")));
}

TEST(ReadGml, KeyWithoutValue) {
  EXPECT_THAT(GmlError("k.gml", "graph [\n node [ id ]\n]"),
              AllOf(HasSubstr("k.gml:2:12: error: key 'id' has no value"), HasSubstr("hint:")));
}

TEST(ReadGml, EmptyGraphs) {
  EXPECT_THAT(GmlError("none.gml", "graph [ directed 1 ]"),
              AllOf(HasSubstr("none.gml: error: the graph has no nodes"), HasSubstr("hint:")));
  EXPECT_THAT(GmlError("lonely.gml", "graph [ node [ id 1 ] ]"),
              AllOf(HasSubstr("lonely.gml: error: the graph has no edges"), HasSubstr("hint:")));
}

TEST(ReadGml, CommunityAttributeAbsent) {
  EXPECT_THAT(
      GmlError("a.gml", "graph [ node [ id 1 value 0 ] node [ id 2 ] edge [ source 1 target 2 ] ]",
               "party"),
      AllOf(HasSubstr("no node has the community attribute 'party'"),
            HasSubstr("node keys in this file: id, value")));
}

}  // namespace
}  // namespace firestorm
