// A hub's post is delivered in segments of followers that the threads share
// (delivery.cpp). Each follower must still see it independently with the see-probability,
// wherever it sits in the list: every segment at the right rate, no segment repeating
// another's draws, the followers at the seams neither favoured nor skipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "sim/dynamics/simulation.hpp"
#include "sim/dynamics/test_worlds.hpp"

namespace firestorm {
namespace {

using testing::CertainScenario;
using testing::MakeWorld;

constexpr std::size_t kSegment = Simulation::kDeliverySegment;
constexpr AgentId kFollowers = 3 * kSegment + 1000;
constexpr double kSee = 0.25;  // attention on a chronological feed
constexpr int kReplicates = 60;

// |observed - expected| within 4.5 standard deviations of a binomial count.
void ExpectBinomial(double observed, double trials, double p, const char* what) {
  const double sd = std::sqrt(trials * p * (1 - p));
  EXPECT_LE(std::fabs(observed - trials * p), 4.5 * sd)
      << what << ": observed " << observed << ", expected " << trials * p;
}

// seen[r][i]: whether the i-th follower in the hub's list saw its first post, replicate r.
std::vector<std::vector<bool>> PlayReplicates() {
  std::vector<Edge> star;
  for (AgentId v = 1; v <= kFollowers; ++v) star.push_back({0, v});
  std::vector<std::vector<bool>> seen;
  for (int r = 0; r < kReplicates; ++r) {
    Scenario s = CertainScenario(1);
    s.platform.attention = kSee;
    s.run.seed = 1000 + static_cast<std::uint64_t>(r);
    Simulation sim(s, MakeWorld(kFollowers + 1, star, {0}));
    sim.Step();
    const std::span<const AgentId> followers = sim.world().graph.followers_of(0);
    EXPECT_EQ(followers.size(), kFollowers);
    std::vector<bool>& row = seen.emplace_back(followers.size());
    std::uint64_t count = 0;
    for (std::size_t i = 0; i < followers.size(); ++i) {
      row[i] = sim.population().narratives[0].state[followers[i]] != NarrativeState::kUnaware;
      count += row[i];
    }
    EXPECT_EQ(sim.record().series.deliveries[0], count) << "replicate " << r;
  }
  return seen;
}

// Both tests read the same replicates.
const std::vector<std::vector<bool>>& Replicates() {
  static const std::vector<std::vector<bool>> seen = PlayReplicates();
  return seen;
}

TEST(LongPost, EveryFollowerSeesItWithTheSeeProbabilityWhereverItIsInTheList) {
  const std::vector<std::vector<bool>>& seen = Replicates();
  // Per segment (the last one partial).
  for (std::size_t begin = 0; begin < kFollowers; begin += kSegment) {
    const std::size_t end = std::min<std::size_t>(kFollowers, begin + kSegment);
    double count = 0;
    for (const auto& row : seen)
      for (std::size_t i = begin; i < end; ++i) count += row[i];
    ExpectBinomial(count, static_cast<double>(kReplicates) * static_cast<double>(end - begin), kSee,
                   "followers of one segment");
  }
  // The 16 followers on either side of each seam.
  double at_seams = 0;
  for (const auto& row : seen)
    for (std::size_t seam = kSegment; seam < kFollowers; seam += kSegment)
      for (std::size_t i = seam - 16; i < seam + 16; ++i) at_seams += row[i];
  ExpectBinomial(at_seams, kReplicates * 3.0 * 32, kSee, "followers at the seams");
}

TEST(LongPost, SegmentsDrawIndependently) {
  const std::vector<std::vector<bool>>& seen = Replicates();
  // Followers at the same offset of segments 0 and 1 both see the post with probability
  // p^2 if the segments draw independently; a segment repeating another's draws gives p.
  double both = 0;
  for (const auto& row : seen)
    for (std::size_t i = 0; i < kSegment; ++i) both += row[i] && row[kSegment + i];
  ExpectBinomial(both, static_cast<double>(kReplicates) * kSegment, kSee * kSee,
                 "same offset seen in two segments");
}

}  // namespace
}  // namespace firestorm
