// Edge-list and community-file readers: exact results on small files, the real SNAP and
// congress data, gzip, and one test per class of broken input (message names file, line and
// column, and carries a hint).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
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

void WriteGzip(const std::string& path, const std::string& contents) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, contents.data(), static_cast<unsigned>(contents.size())),
            static_cast<int>(contents.size()));
  gzclose(f);
}

// Ids 10, 20, 30 become agents 0, 1, 2. Comments, blank lines, tabs, CRLF, extra columns.
const char* const kSmall =
    "# SNAP-style header\n"
    "% another comment style\n"
    "\n"
    "10 20\n"
    "  20\t30  0.25 extra\r\n"
    "30 10\n"
    "10 20\n";

TEST(ReadEdgeList, FollowsOrientationMeansTheSecondIdIsTheAuthor) {
  //   line "a b" = a follows b:   20 ──▶ 10,  30 ──▶ 20,  10 ──▶ 30   (author ──▶ follower)
  const std::string path = WriteFile(TestDir() / "small.txt", kSmall);
  const EdgeList g = ReadEdgeList(path, EdgeOrientation::kFollows, /*mutual=*/false);
  EXPECT_EQ(g.num_agents, 3u);
  EXPECT_THAT(g.edges, ElementsAre(Edge{1, 0}, Edge{2, 1}, Edge{0, 2}, Edge{1, 0}));
  EXPECT_THAT(g.community, IsEmpty());
}

TEST(ReadEdgeList, ReachesOrientationAndMutual) {
  const std::string path = WriteFile(TestDir() / "small.txt", kSmall);
  EXPECT_THAT(ReadEdgeList(path, EdgeOrientation::kReaches, false).edges,
              ElementsAre(Edge{0, 1}, Edge{1, 2}, Edge{2, 0}, Edge{0, 1}));
  const EdgeList mutual = ReadEdgeList(path, EdgeOrientation::kReaches, true);
  EXPECT_THAT(Rows(BuildFollowerGraph(mutual.num_agents, mutual.edges)),
              ElementsAre(ElementsAre(1, 2), ElementsAre(0, 2), ElementsAre(0, 1)));
}

TEST(ReadEdgeList, IgnoresAUtf8ByteOrderMark) {
  const std::string path = WriteFile(TestDir() / "bom.txt", "\xEF\xBB\xBF" "1 2\n");
  EXPECT_THAT(ReadEdgeList(path, EdgeOrientation::kReaches, false).edges, ElementsAre(Edge{0, 1}));
}

TEST(ReadEdgeList, RenumbersSparseHugeIdsInIncreasingOrder) {
  const std::string path =
      WriteFile(TestDir() / "sparse.txt", "18446744073709551615 5\n1000000000000 5\n");
  const NumberedEdgeList g = ReadNumberedEdgeList(path, EdgeOrientation::kReaches, false);
  EXPECT_THAT(g.original_ids, ElementsAre(5u, 1000000000000u, 18446744073709551615u));
  EXPECT_THAT(g.graph.edges, ElementsAre(Edge{2, 0}, Edge{1, 0}));
}

TEST(ReadEdgeList, ReadsGzipLikePlainText) {
  const auto dir = TestDir();
  WriteGzip((dir / "small.txt.gz").string(), kSmall);
  const EdgeList gz =
      ReadEdgeList((dir / "small.txt.gz").string(), EdgeOrientation::kFollows, false);
  const EdgeList plain =
      ReadEdgeList(WriteFile(dir / "small.txt", kSmall), EdgeOrientation::kFollows, false);
  EXPECT_EQ(gz.num_agents, plain.num_agents);
  EXPECT_TRUE(gz.edges == plain.edges);
}

TEST(ReadEdgeList, SnapEgoFacebook) {
  // 4039 agents, 88,234 undirected friendships (PROVENANCE.md), no self-loops or repeats.
  const EdgeList g = ReadEdgeList(DataFile("snap_ego_facebook/facebook_combined.txt"),
                                  EdgeOrientation::kFollows, /*mutual=*/true);
  EXPECT_EQ(g.num_agents, 4039u);
  const GraphStats s = ComputeGraphStats(BuildFollowerGraph(g.num_agents, g.edges), {});
  EXPECT_EQ(s.edges, 2u * 88'234u);
  EXPECT_DOUBLE_EQ(s.reciprocity, 1.0);
  EXPECT_EQ(s.followers.max, 1045u);
}

TEST(ReadEdgeList, CongressTwitterWithWeightColumn) {
  // "src dst weight": 475 members, 13,289 distinct directed edges.
  const EdgeList g = ReadEdgeList(DataFile("congress_twitter/congress.edgelist"),
                                  EdgeOrientation::kReaches, false);
  EXPECT_EQ(g.num_agents, 475u);
  EXPECT_EQ(BuildFollowerGraph(g.num_agents, g.edges).num_edges(), 13'289u);
}

// ---- broken files: each message names the file, the line (and column) and gives a hint ----

TEST(ReadEdgeList, MissingFile) {
  const std::string path = (TestDir() / "nope.txt").string();
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ": error: file does not exist"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, DirectoryInsteadOfFile) {
  const std::string path = TestDir().string();
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr("is a directory"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, NonNumericId) {
  const std::string path = WriteFile(TestDir() / "bad.txt", "1 2\n# ok\n3 alice\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ":3:3: error: expected a second agent id"),
                    HasSubstr("'alice'"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, DecimalIdAndCommaSeparatedColumns) {
  const auto dir = TestDir();
  const std::string decimal = WriteFile(dir / "decimal.txt", "1.5 2\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(decimal, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(decimal + ":1:1:"), HasSubstr("'1.5'")));
  const std::string csv = WriteFile(dir / "edges.csv", "1,2\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(csv, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(csv + ":1:1:"), HasSubstr("not commas")));
}

TEST(ReadEdgeList, NegativeId) {
  const std::string path = WriteFile(TestDir() / "bad.txt", "1 2\n2 -4\n");
  EXPECT_THAT(
      InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
      AllOf(HasSubstr(path + ":2:3: error: agent id '-4' is negative"), HasSubstr("non-negative")));
}

TEST(ReadEdgeList, IdTooLarge) {
  const std::string path = WriteFile(TestDir() / "bad.txt", "18446744073709551616 1\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ":1:1:"), HasSubstr("larger than 2^64"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, SingleColumn) {
  const std::string path = WriteFile(TestDir() / "bad.txt", "1 2\n\n7\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ":3:2: error: the line has one column"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, NoEdges) {
  const std::string path = WriteFile(TestDir() / "empty.txt", "# only a comment\n\n");
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ": error: the edge list has no edges"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, TruncatedGzip) {
  const auto dir = TestDir();
  std::string text;
  for (int i = 0; i < 20'000; ++i) text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
  const std::string full = (dir / "full.txt.gz").string();
  WriteGzip(full, text);
  const auto size = std::filesystem::file_size(full);
  std::ifstream in(full, std::ios::binary);
  std::string bytes(size / 2, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  const std::string cut = WriteFile(dir / "cut.txt.gz", bytes);
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(cut, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(cut + ":"), HasSubstr("cannot decompress gzip data"),
                    HasSubstr("truncated")));
}

TEST(ReadEdgeList, CorruptGzip) {
  const auto dir = TestDir();
  std::string text;
  for (int i = 0; i < 20'000; ++i) text += std::to_string(i) + " " + std::to_string(i + 1) + "\n";
  const std::string path = (dir / "bad.txt.gz").string();
  WriteGzip(path, text);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(path) / 2));
  f.write("\xff\x00\xff\x00\xff\x00\xff\x00", 8);
  f.close();
  EXPECT_THAT(
      InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
      AllOf(HasSubstr(path + ":"), HasSubstr("cannot decompress gzip data"), HasSubstr("hint:")));
}

TEST(ReadEdgeList, BinaryGarbage) {
  const std::string path = WriteFile(TestDir() / "garbage.bin", std::string("\x01\x02\x03 4\n", 6));
  EXPECT_THAT(InputErrorOf([&] { ReadEdgeList(path, EdgeOrientation::kFollows, false); }),
              AllOf(HasSubstr(path + ":1:1:"), HasSubstr("looks binary")));
}

// ---- community files ----

TEST(ReadCommunityFile, NumbersLabelsAndGivesUnlistedAgentsAnExtraCommunity) {
  const auto dir = TestDir();
  const NumberedEdgeList g = ReadNumberedEdgeList(WriteFile(dir / "e.txt", "10 20\n20 30\n30 40\n"),
                                                  EdgeOrientation::kFollows, false);
  // Labels R, D, R for ids 10, 20, 30 (D < R; extra columns ignored); 40 is not listed.
  const std::string path = WriteFile(dir / "c.txt", "# id party\n30 R\n10 R\n20\tD x\n");
  EXPECT_THAT(ReadCommunityFile(path, g.original_ids), ElementsAre(1, 0, 1, 2));
}

TEST(ReadCommunityFile, NumericLabelsSortNumerically) {
  const auto dir = TestDir();
  const NumberedEdgeList g = ReadNumberedEdgeList(WriteFile(dir / "e.txt", "1 2\n2 3\n"),
                                                  EdgeOrientation::kFollows, false);
  const std::string path = WriteFile(dir / "c.txt", "1 10\n2 9\n3 10\n");
  EXPECT_THAT(ReadCommunityFile(path, g.original_ids), ElementsAre(1, 0, 1));
}

TEST(ReadCommunityFile, Errors) {
  const auto dir = TestDir();
  const NumberedEdgeList g =
      ReadNumberedEdgeList(WriteFile(dir / "e.txt", "1 2\n"), EdgeOrientation::kFollows, false);
  const std::string unknown = WriteFile(dir / "unknown.txt", "1 a\n5 b\n");
  EXPECT_THAT(
      InputErrorOf([&] { ReadCommunityFile(unknown, g.original_ids); }),
      AllOf(HasSubstr(unknown + ":2:1: error: agent 5 does not appear"), HasSubstr("same ids")));
  const std::string twice = WriteFile(dir / "twice.txt", "1 a\n2 b\n1 b\n");
  EXPECT_THAT(InputErrorOf([&] { ReadCommunityFile(twice, g.original_ids); }),
              AllOf(HasSubstr(twice + ":3:3:"), HasSubstr("listed again"), HasSubstr("hint:")));
  const std::string lonely = WriteFile(dir / "lonely.txt", "1\n");
  EXPECT_THAT(InputErrorOf([&] { ReadCommunityFile(lonely, g.original_ids); }),
              AllOf(HasSubstr(lonely + ":1:2:"), HasSubstr("one column")));
  const std::string empty = WriteFile(dir / "empty.txt", "# nothing\n");
  EXPECT_THAT(InputErrorOf([&] { ReadCommunityFile(empty, g.original_ids); }),
              AllOf(HasSubstr(empty + ": error:"), HasSubstr("hint:")));
}

}  // namespace
}  // namespace firestorm
