#include "sim/population/population_builder.hpp"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>

#include "sim/graph/generators.hpp"

namespace firestorm {
namespace {

PopulationSpec Spec() {
  PopulationSpec s;
  s.bots = {0.02, true};
  s.influencers = {50, false};
  s.media = {10, {0.01, true}};
  s.fact_checkers = {3, {500, false}};
  s.organization = {1, {0.05, true}};
  return s;
}

World Build(std::uint64_t seed = 5) {
  return BuildWorld(EchoChambers(20'000, 10, 4, 0.8, 2.5, seed), Spec(), 2, seed);
}

std::size_t CountKind(const PopulationState& p, AgentKind k) {
  return static_cast<std::size_t>(std::count(p.kind.begin(), p.kind.end(), k));
}

TEST(BuildWorld, AssignsEveryKindItsCount) {
  const World w = Build();
  const PopulationState& p = w.population;
  EXPECT_EQ(CountKind(p, AgentKind::kBot), 400u);
  EXPECT_EQ(CountKind(p, AgentKind::kInfluencer), 50u);
  EXPECT_EQ(CountKind(p, AgentKind::kMedia), 10u);
  EXPECT_EQ(CountKind(p, AgentKind::kFactChecker), 3u);
  EXPECT_EQ(CountKind(p, AgentKind::kOrganization), 1u);
  EXPECT_EQ(w.bots.size(), 400u);
  EXPECT_EQ(w.organization_accounts.size(), 1u);
  for (AgentId v : w.influencers) EXPECT_EQ(p.kind[v], AgentKind::kInfluencer);
}

TEST(BuildWorld, SpecialAccountsGetTheirFollowers) {
  const World w = Build();
  // 1000 draws with replacement among 20000 agents: duplicates are few (expected ~25),
  // plus the followers the account already had in the base graph.
  const EdgeIndex org = w.graph.follower_count(w.organization_accounts[0]);
  EXPECT_GE(org, 950u);
  EXPECT_LE(org, 1000u + 200u);
  for (AgentId fc : w.fact_checker_accounts) EXPECT_GE(w.graph.follower_count(fc), 470u);
}

TEST(BuildWorld, InfluencersAreTheMostFollowedUsers) {
  const World w = Build();
  EdgeIndex least_influencer = UINT64_MAX;
  for (AgentId v : w.influencers) least_influencer = std::min(least_influencer, w.graph.follower_count(v));
  // Influencers are ranked on the raw generated edges, before duplicate follows are merged
  // (a hub loses a few percent that way), so allow 10% slack against ordinary users.
  for (AgentId v = 0; v < w.population.num_agents(); ++v) {
    if (w.population.kind[v] != AgentKind::kUser) continue;
    EXPECT_LE(static_cast<double>(w.graph.follower_count(v)), 1.1 * least_influencer + 2) << v;
  }
}

TEST(BuildWorld, BotsAreFollowedByBots) {
  const World w = Build();
  std::size_t bot_to_bot = 0;
  for (AgentId b : w.bots)
    for (AgentId f : w.graph.followers_of(b)) bot_to_bot += w.population.kind[f] == AgentKind::kBot;
  // 10 draws per bot among 400 bots: a few duplicates and self-draws are dropped.
  EXPECT_GT(bot_to_bot, 400u * 9);
}

TEST(BuildWorld, TraitsStayInRangeAndFollowTheirKind) {
  const World w = Build();
  const PopulationState& p = w.population;
  double bot_literacy = 0;
  for (AgentId v = 0; v < p.num_agents(); ++v) {
    ASSERT_GE(p.literacy[v], 0.0f);
    ASSERT_LE(p.literacy[v], 1.0f);
    ASSERT_GE(p.trust[v], 0.0f);
    ASSERT_LE(p.trust[v], 1.0f);
    ASSERT_GE(p.opinion[v], -1.0f);
    ASSERT_LE(p.opinion[v], 1.0f);
    ASSERT_GT(p.activity_per_hour[v], 0.0f);
    if (p.kind[v] == AgentKind::kBot) bot_literacy += p.literacy[v];
  }
  EXPECT_EQ(bot_literacy, 0.0);  // bots: literacy mean 0, sd 0
  EXPECT_EQ(p.narratives.size(), 2u);
}

TEST(BuildWorld, CommunitiesSitAtDistinctOpinionCamps) {
  const World w = Build();
  const PopulationState& p = w.population;
  std::vector<double> sum(4, 0), count(4, 0);
  for (AgentId v = 0; v < p.num_agents(); ++v) {
    if (p.kind[v] != AgentKind::kUser) continue;
    sum[p.community[v]] += p.opinion[v];
    ++count[p.community[v]];
  }
  // Camps at -0.6, -0.2, 0.2, 0.6; each mean has standard error 0.25/sqrt(~5000) = 0.0035
  // (clamping at +-1 pulls the outer camps in slightly).
  const double camps[] = {-0.6, -0.2, 0.2, 0.6};
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(sum[c] / count[c], camps[c], 0.03) << c;
}

TEST(BuildWorld, IsIdenticalForAnyThreadCount) {
  auto build = [](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return Build();
  };
  const World a = build(1), b = build(4);
  EXPECT_EQ(a.graph.offsets(), b.graph.offsets());
  EXPECT_EQ(a.graph.targets(), b.graph.targets());
  EXPECT_EQ(a.population.kind, b.population.kind);
  EXPECT_EQ(a.population.opinion, b.population.opinion);
  EXPECT_EQ(a.population.activity_per_hour, b.population.activity_per_hour);
  EXPECT_EQ(a.bots, b.bots);
}

TEST(BuildWorld, RefusesMoreSpecialAccountsThanAgents) {
  PopulationSpec s;
  s.bots = {2000, false};
  EXPECT_THROW(BuildWorld(EchoChambers(1000, 5, 2, 0.5, 2.5, 1), s, 1, 1), std::exception);
}

}  // namespace
}  // namespace firestorm
