// ComputeGraphStats / PrintGraphStats on a graph small enough to check every number by hand.
#include "sim/graph/graph_stats.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "graph_test_util.hpp"

namespace firestorm {
namespace {

using ::firestorm::testing::MakeGraph;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

//   0 ◀──▶ 1        (u ──▶ v: v follows u)      communities: {0, 1, 2} = 0, {3} = 1
//   │ ╲
//   ▼  ▶ 3
//   2
// followers (out-degree): 0:3  1:1  2:0  3:0     following (in-degree): 0:1  1:1  2:1  3:1
CsrGraph SmallGraph() { return MakeGraph(4, {{0, 1}, {1, 0}, {0, 2}, {0, 3}}); }

TEST(ComputeGraphStats, DegreesReciprocityAndCommunities) {
  const std::vector<CommunityId> community = {0, 0, 0, 1};
  const GraphStats s = ComputeGraphStats(SmallGraph(), community);
  EXPECT_EQ(s.agents, 4u);
  EXPECT_EQ(s.edges, 4u);
  EXPECT_EQ(s.followers.min, 0u);
  EXPECT_EQ(s.followers.max, 3u);
  EXPECT_DOUBLE_EQ(s.followers.mean, 1.0);
  EXPECT_EQ(s.followers.median, 0u);  // nearest rank: 2nd smallest of {0, 0, 1, 3}
  EXPECT_EQ(s.followers.p99, 3u);
  EXPECT_EQ(s.following.min, 1u);
  EXPECT_EQ(s.following.max, 1u);
  EXPECT_EQ(s.following.median, 1u);
  EXPECT_DOUBLE_EQ(s.reciprocity, 0.5);  // 0 -> 1 and 1 -> 0
  EXPECT_EQ(s.communities, 2u);
  EXPECT_THAT(s.community_sizes, ElementsAre(3u, 1u));
  EXPECT_DOUBLE_EQ(s.within_community_edge_share, 0.75);  // all but 0 -> 3
}

TEST(ComputeGraphStats, WithoutCommunities) {
  const GraphStats s = ComputeGraphStats(SmallGraph(), {});
  EXPECT_EQ(s.communities, 0u);
  EXPECT_TRUE(s.community_sizes.empty());
  EXPECT_DOUBLE_EQ(s.within_community_edge_share, 0.0);
}

TEST(PrintGraphStats, AlignedTableWithTheLargestCommunities) {
  GraphStats s = ComputeGraphStats(SmallGraph(), std::vector<CommunityId>{0, 0, 0, 1});
  std::ostringstream out;
  PrintGraphStats(out, s);
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("agents                    4\n"));
  EXPECT_THAT(text, HasSubstr("reciprocity               50.0%\n"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "degree                            min       mean     median        p99        max\n"
          "followers (out-degree)              0       1.00          0          3          3\n"
          "following (in-degree)               1       1.00          1          1          1\n"));
  EXPECT_THAT(text, HasSubstr("within-community edges    75.0%\n"));
  EXPECT_THAT(text, HasSubstr("  #0                                3      75.0%\n"));

  s.communities = 12;  // only the ten largest are listed
  s.community_sizes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  out.str("");
  PrintGraphStats(out, s);
  EXPECT_THAT(out.str(), HasSubstr("largest communities\n  #11 "));
  EXPECT_THAT(out.str(), HasSubstr("  ... and 2 more\n"));
  EXPECT_THAT(out.str(), ::testing::Not(HasSubstr("#0 ")));
}

}  // namespace
}  // namespace firestorm
