// Crisis metrics on a six-tick series built by hand (half-hour ticks, 100 agents).
#include "analysis/metrics/crisis_metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analysis/metrics/metric_info.hpp"
#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {
namespace {

constexpr double kTickSeconds = 1800;  // half an hour: the trailing-hour window is two ticks
constexpr AgentId kAgents = 100;

std::vector<NarrativeSpec> Narratives() {
  NarrativeSpec video, official;
  video.id = "video";
  video.kind = NarrativeKind::kOutrage;
  official.id = "official";
  official.kind = NarrativeKind::kOfficial;
  return {video, official};
}

// Narrative 0 is the crisis; narrative 1 (official) has big numbers that must be ignored.
RunRecord HandMadeRun() {
  RunRecord r;
  TimeSeries& s = r.series;
  s.narratives = 2;
  s.communities = 1;
  const std::size_t ticks = 6;
  for (Tick t = 0; t < ticks; ++t) s.tick.push_back(t);
  s.outrage_mean = {0.1, 0.4, 0.8, 0.5, 0.4, 0.3};
  s.trust_mean = {0.6, 0.5, 0.4, 0.45, 0.5, 0.6};
  s.state_counts.assign(ticks * 2 * kNumNarrativeStates * kNumAgentKinds, 0);
  const std::uint32_t spreaders[] = {5, 10, 30, 20, 10, 5};
  const auto spreader_slot = [&](std::size_t t, std::size_t n) {
    return ((t * 2 + n) * kNumNarrativeStates + static_cast<int>(NarrativeState::kSpreader)) * kNumAgentKinds;
  };
  for (std::size_t t = 0; t < ticks; ++t) {
    s.state_counts[spreader_slot(t, 0)] = spreaders[t];
    s.state_counts[spreader_slot(t, 1)] = 50;
  }
  const std::uint64_t reach[] = {5, 15, 45, 60, 65, 70};
  for (std::size_t t = 0; t < ticks; ++t) s.reach.insert(s.reach.end(), {reach[t], 90});
  s.posts.assign(ticks * 2 * kNumAgentKinds, 0);
  const auto post = [&](std::size_t t, std::size_t n, AgentKind kind) -> std::uint32_t& {
    return s.posts[(t * 2 + n) * kNumAgentKinds + static_cast<int>(kind)];
  };
  const std::uint32_t users[] = {1, 2, 10, 4, 0, 0}, bots[] = {0, 2, 4, 0, 0, 0};
  for (std::size_t t = 0; t < ticks; ++t) {
    post(t, 0, AgentKind::kUser) = users[t];
    post(t, 0, AgentKind::kBot) = bots[t];
  }
  post(0, 0, AgentKind::kInfluencer) = 1;
  post(3, 0, AgentKind::kMedia) = 2;
  post(0, 1, AgentKind::kOrganization) = 100;
  r.events = {{0, "seed", "user", "video", ""},
              {1, "inject", "media_pickup", "video", ""},
              {3, "detection", "negative_mentions", "", ""},
              {4, "action", "defend", "", ""},
              {5, "action", "apologize", "", ""}};
  return r;
}

TEST(CrisisMetrics, HandMadeRun) {
  const CrisisMetrics m = ComputeCrisisMetrics(HandMadeRun(), Narratives(), kAgents, kTickSeconds);
  EXPECT_DOUBLE_EQ(m.peak_outrage, 0.8);
  EXPECT_DOUBLE_EQ(m.time_to_peak_outrage_h, 1.5);      // end of tick 2
  EXPECT_DOUBLE_EQ(m.storm_duration_h, 2.0);            // 0.4, 0.8, 0.5, 0.4 are >= 0.4
  EXPECT_DOUBLE_EQ(m.outrage_half_life_h, 1.0);         // tick 2 -> tick 4
  EXPECT_DOUBLE_EQ(m.reach_share, 0.7);                 // official's 90 ignored
  EXPECT_DOUBLE_EQ(m.peak_spreaders_share, 0.3);
  EXPECT_DOUBLE_EQ(m.time_to_peak_spreaders_h, 1.5);
  EXPECT_DOUBLE_EQ(m.final_trust, 0.6);
  EXPECT_NEAR(m.trust_drop, 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(m.trust_recovery_h, 1.5);            // 0.58 reached 3 ticks after the minimum
  // Crisis posts per tick 2, 4, 14, 6, 0, 0; in the trailing hour: 2, 6, 18, 20, 6, 0.
  EXPECT_DOUBLE_EQ(m.peak_negative_posts_per_h, 20.0);
  EXPECT_DOUBLE_EQ(m.time_to_peak_negative_posts_h, 2.0);
  EXPECT_DOUBLE_EQ(m.time_to_detection_h, 1.5);         // start of tick 3
  EXPECT_DOUBLE_EQ(m.time_to_first_response_h, 2.0);    // start of tick 4
  // 26 crisis posts: 17 by users, 6 by bots, 1 by an influencer, 2 by media.
  EXPECT_DOUBLE_EQ(m.bot_post_share, 6.0 / 26);
  EXPECT_DOUBLE_EQ(m.influencer_post_share, 1.0 / 26);
  EXPECT_DOUBLE_EQ(m.user_post_share, 17.0 / 26);
}

TEST(CrisisMetrics, SeriesOnlyOverloadHasNoEventMetrics) {
  const CrisisMetrics m = ComputeCrisisMetrics(HandMadeRun().series, Narratives(), kAgents, kTickSeconds);
  EXPECT_TRUE(std::isnan(m.time_to_detection_h));
  EXPECT_TRUE(std::isnan(m.time_to_first_response_h));
  EXPECT_DOUBLE_EQ(m.peak_outrage, 0.8);
}

TEST(CrisisMetrics, WhatNeverHappensIsNaNOrInfinite) {
  RunRecord r = HandMadeRun();
  r.series.trust_mean = {0.6, 0.5, 0.4, 0.4, 0.4, 0.4};    // never recovers
  r.series.outrage_mean = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};  // peaks at the end
  r.events = {{1, "inject", "media_pickup", "video", ""}};  // no detection, no response
  r.series.posts.assign(r.series.posts.size(), 0);         // no posts
  const CrisisMetrics m = ComputeCrisisMetrics(r, Narratives(), kAgents, kTickSeconds);
  EXPECT_TRUE(std::isinf(m.trust_recovery_h));
  EXPECT_TRUE(std::isinf(m.outrage_half_life_h));
  EXPECT_TRUE(std::isnan(m.time_to_detection_h));
  EXPECT_TRUE(std::isnan(m.time_to_first_response_h));
  EXPECT_TRUE(std::isnan(m.bot_post_share));
  EXPECT_DOUBLE_EQ(m.peak_negative_posts_per_h, 0.0);
}

TEST(CrisisMetrics, AsArrayFollowsTheNamesAndEveryNameHasItsDescription) {
  CrisisMetrics m;
  m.peak_outrage = 1;
  m.user_post_share = 17;
  const auto values = AsArray(m);
  EXPECT_EQ(values.front(), 1);
  EXPECT_EQ(values.back(), 17);
  for (std::size_t i = 0; i < kCrisisMetricNames.size(); ++i)
    EXPECT_EQ(kCrisisMetricInfo[i].name, kCrisisMetricNames[i]);
}

}  // namespace
}  // namespace firestorm
