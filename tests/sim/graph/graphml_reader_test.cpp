// GraphML reader (Boost.Graph underneath): directed and undirected fixtures with typed
// community attributes, and the errors Boost raises turned into InputError.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "graph_test_util.hpp"
#include "sim/graph/graph_readers.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::FixtureFile;
using ::firestorm::testing::InputErrorOf;
using ::firestorm::testing::Rows;
using ::firestorm::testing::TestDir;
using ::firestorm::testing::WriteFile;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(ReadGraphMl, DirectedFileWithIntCommunityAndDefault) {
  //   a ──▶ b ──▶ c ──▶ a      d isolated; side: a 1, b 0, c 1, d 7 (the key's default)
  const EdgeList g = ReadGraphMl(FixtureFile("follows_directed.graphml"), "side");
  EXPECT_EQ(g.num_agents, 4u);
  EXPECT_THAT(g.edges, ElementsAre(Edge{0, 1}, Edge{1, 2}, Edge{2, 0}));
  EXPECT_THAT(g.community, ElementsAre(1, 0, 1, 2));  // labels 0 < 1 < 7
  EXPECT_THAT(ReadGraphMl(FixtureFile("follows_directed.graphml"), "").community, IsEmpty());
}

TEST(ReadGraphMl, UndirectedFileGoesBothWays) {
  //   n0 ── n1 ── n2      party: left, left, right
  const EdgeList g = ReadGraphMl(FixtureFile("friends_undirected.graphml"), "party");
  EXPECT_THAT(Rows(BuildFollowerGraph(g.num_agents, g.edges)),
              ElementsAre(ElementsAre(1), ElementsAre(0, 2), ElementsAre(1)));
  EXPECT_THAT(g.community, ElementsAre(0, 0, 1));
}

const char* const kHead =
    "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";

TEST(ReadGraphMl, MissingFile) {
  const std::string path = (TestDir() / "none.graphml").string();
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(path, ""); }),
              AllOf(HasSubstr(path + ": error: file does not exist"), HasSubstr("hint:")));
}

TEST(ReadGraphMl, MalformedXmlReportsTheLine) {
  const std::string path =
      WriteFile(TestDir() / "bad.graphml", std::string(kHead) +
                                               "<graph edgedefault=\"directed\">\n"
                                               "<node id=a/>\n</graph>\n</graphml>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(path, ""); }),
              AllOf(HasSubstr(path + ":4: error: invalid XML"), HasSubstr("hint:")));
}

TEST(ReadGraphMl, NotGraphMl) {
  const std::string path = WriteFile(TestDir() / "other.xml", "<?xml version=\"1.0\"?>\n<svg/>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(path, ""); }),
              AllOf(HasSubstr(path + ": error: missing GraphML element"), HasSubstr("hint:")));
}

TEST(ReadGraphMl, MixedDirectedness) {
  const std::string path =
      WriteFile(TestDir() / "mixed.graphml",
                std::string(kHead) +
                    "<graph edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n"
                    "<edge source=\"a\" target=\"b\"/>\n"
                    "<edge source=\"b\" target=\"a\" directed=\"false\"/></graph></graphml>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(path, ""); }),
              AllOf(HasSubstr("mixes directed and undirected edges"), HasSubstr("hint:")));
}

TEST(ReadGraphMl, BadAttributeValue) {
  const std::string path =
      WriteFile(TestDir() / "value.graphml",
                std::string(kHead) +
                    "<key id=\"k\" for=\"node\" attr.name=\"side\" attr.type=\"int\"/>\n"
                    "<graph edgedefault=\"directed\"><node id=\"a\"><data key=\"k\">left</data>"
                    "</node><node id=\"b\"/><edge source=\"a\" target=\"b\"/></graph></graphml>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(path, "side"); }),
              AllOf(HasSubstr(path + ": error: cannot read GraphML"), HasSubstr("\"left\""),
                    HasSubstr("hint:")));
}

TEST(ReadGraphMl, EmptyGraphAndAbsentAttribute) {
  const auto dir = TestDir();
  const std::string empty = WriteFile(
      dir / "empty.graphml", std::string(kHead) + "<graph edgedefault=\"directed\"/></graphml>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(empty, ""); }),
              AllOf(HasSubstr(empty + ": error: the graph has no nodes"), HasSubstr("hint:")));
  const std::string lonely = WriteFile(
      dir / "lonely.graphml",
      std::string(kHead) + "<graph edgedefault=\"directed\"><node id=\"a\"/></graph></graphml>\n");
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(lonely, ""); }),
              HasSubstr(lonely + ": error: the graph has no edges"));
  EXPECT_THAT(InputErrorOf([&] { ReadGraphMl(FixtureFile("friends_undirected.graphml"), "side"); }),
              AllOf(HasSubstr("no node has the attribute 'side'"), HasSubstr("hint:")));
}

}  // namespace
}  // namespace firestorm
