// Exact effects of response actions and injects on tiny worlds (probabilities 0 or 1).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/dynamics/simulation.hpp"
#include "sim/dynamics/test_worlds.hpp"

namespace firestorm {
namespace {

using testing::CertainScenario;
using testing::MakeWorld;

// 0 reaches 1..n (a star); 0 is the seed.
std::vector<Edge> Star(AgentId n) {
  std::vector<Edge> e;
  for (AgentId v = 1; v <= n; ++v) e.push_back({0, v});
  return e;
}

TEST(Actions, ForwardLimitCapsTheFollowersAPostReaches) {
  Scenario s = CertainScenario(1);
  s.playbooks = {{"limit", {{.type = ActionType::kForwardLimit, .at = 0, .max_recipients = 3}}}};
  Simulation sim(s, MakeWorld(11, Star(10), {0}));
  sim.Step();
  EXPECT_EQ(sim.record().series.deliveries[0], 3u);
  EXPECT_EQ(sim.record().series.reach[0], 4u);  // the seed and three followers
}

TEST(Actions, DownrankAndLabelCutWhatFollowersSee) {
  // Chronological feed, attention 1: downrank by 0 hides the narrative entirely.
  Scenario s = CertainScenario(2);
  s.playbooks = {{"hide", {{.type = ActionType::kDownrank, .at = 0, .factor = 0.0}}}};
  Simulation hidden(s, MakeWorld(11, Star(10), {0}));
  hidden.Step();
  EXPECT_EQ(hidden.record().series.deliveries[0], 0u);
  s.dynamics.label_visibility = 0.0;
  s.playbooks = {{"label", {{.type = ActionType::kLabel, .at = 0}}}};
  Simulation labelled(s, MakeWorld(11, Star(10), {0}));
  labelled.Step();
  EXPECT_EQ(labelled.record().series.deliveries[0], 0u);
}

TEST(Actions, EmergencyBroadcastTurnsExposedIntoSkepticsAndSpreadersIntoStiflers) {
  // Share probability 0: followers of the seed stay exposed until the broadcast at tick 1.
  Scenario s = CertainScenario(4, /*share_probability=*/0.0);
  s.dynamics.emergency_efficacy = 1.0;
  s.playbooks = {{"broadcast", {{.type = ActionType::kEmergencyBroadcast, .at = 1, .reach = 1.0}}}};
  World w = MakeWorld(4, Star(3), {0});
  std::fill(w.population.trust.begin(), w.population.trust.end(), 1.0f);
  Simulation sim(s, std::move(w));
  sim.Step();
  EXPECT_EQ(sim.population().narratives[0].state[1], NarrativeState::kExposed);
  sim.Step();
  const auto& state = sim.population().narratives[0].state;
  EXPECT_EQ(state[0], NarrativeState::kStifler);
  EXPECT_EQ(state[1], NarrativeState::kSkeptic);
  EXPECT_EQ(state[3], NarrativeState::kSkeptic);
  // The posting loop trusts the calendar to hold only spreaders (posting_calendar.hpp): the
  // seed, a stifler from tick 1 on, posts no more.
  sim.Step();
  sim.Step();
  EXPECT_THAT(sim.record().series.deliveries, ::testing::ElementsAre(3, 3, 0, 0));
}

// The posting loop trusts the calendar to hold no removed account (posting_calendar.hpp): a
// spreader taken down posts no more.
TEST(Actions, ARemovedSpreaderPostsNoMore) {
  Scenario s = CertainScenario(4, /*share_probability=*/0.0);
  s.run.tick_seconds = 60;
  s.playbooks = {{"takedown", {{.type = ActionType::kBotTakedown, .at = 1, .recall = 1.0,
                                .precision = 1.0, .moderators_per_hour = 60}}}};
  World w = MakeWorld(4, Star(3), {0});
  w.population.kind[0] = AgentKind::kBot;
  w.bots.push_back(0);
  Simulation sim(s, std::move(w));
  for (int t = 0; t < 4; ++t) sim.Step();
  EXPECT_EQ(sim.population().removed[0], 1);
  // Takedowns come first in a tick (Simulation::Step): the seed posts at tick 0 only.
  EXPECT_THAT(sim.record().series.deliveries, ::testing::ElementsAre(3, 0, 0, 0));
}

TEST(Actions, ModeratorsRemoveBotsAtTheirPaceWithFalsePositives) {
  Scenario s = CertainScenario(5, 0.0);
  s.run.tick_seconds = 60;
  // 60 per hour = one per one-minute tick; precision 0.5: one real user per bot.
  s.playbooks = {{"takedown", {{.type = ActionType::kBotTakedown, .at = 0, .recall = 1.0,
                                .precision = 0.5, .moderators_per_hour = 60}}}};
  World w = MakeWorld(40, Star(39), {0});
  for (AgentId b = 30; b < 40; ++b) {
    w.population.kind[b] = AgentKind::kBot;
    w.bots.push_back(b);
  }
  Simulation sim(s, std::move(w));
  for (int t = 0; t < 5; ++t) sim.Step();
  const auto& removed = sim.population().removed;
  std::size_t bots = 0, users = 0;
  for (AgentId v = 0; v < 40; ++v) {
    if (!removed[v]) continue;
    (sim.population().kind[v] == AgentKind::kBot ? bots : users) += 1;
  }
  EXPECT_EQ(bots, 5u);
  EXPECT_EQ(users, 5u);
}

TEST(Actions, InconsistentSpokespeopleCostTrustInsteadOfCalming) {
  Scenario s = CertainScenario(3);
  s.response_team = {2, 0.0};  // two voices that never agree
  s.dynamics.statement_reach = 1.0;
  s.dynamics.trust_erosion_per_hour = 0.0;
  s.playbooks = {{"two", {{.type = ActionType::kAcknowledge, .at = 1},
                          {.type = ActionType::kAcknowledge, .at = 2}}}};
  Simulation sim(s, MakeWorld(4, Star(3), {0}));
  for (int t = 0; t < 3; ++t) sim.Step();
  const auto& events = sim.record().events;
  const auto second = std::find_if(events.begin(), events.end(), [](const EventRecord& e) {
    return e.category == "action" && e.tick == 2;
  });
  ASSERT_NE(second, events.end());
  EXPECT_THAT(second->detail, ::testing::HasSubstr("inconsistent"));
  // Everyone aware read both: trust 0.5 -> 0.5 (acknowledge leaves trust) -> 0.5 * 0.9.
  EXPECT_FLOAT_EQ(sim.population().trust[1], 0.45f);
}

TEST(Injects, OfflineEventAngersOnlyThoseAwareOfTheCrisis) {
  Scenario s = CertainScenario(2, 0.0);
  s.injects = {{.type = InjectType::kOfflineEvent, .at = 1, .outrage = 0.5}};
  s.dynamics.outrage_per_exposure = 0.0;
  s.dynamics.silence_anger_per_hour = 0.0;
  s.dynamics.outrage_half_life_hours = 1e9;
  // 0 reaches 1 and 2; 3 is on its own.
  Simulation sim(s, MakeWorld(4, {{0, 1}, {0, 2}}, {0}));
  sim.Step();
  sim.Step();
  const auto& outrage = sim.population().outrage;
  EXPECT_NEAR(outrage[1], 0.5f, 1e-6);
  EXPECT_NEAR(outrage[2], 0.5f, 1e-6);
  EXPECT_EQ(outrage[3], 0.0f);
}

TEST(Triggers, ConditionOnTheTrueStateFiresOnceAfterItsDelay) {
  Scenario s = CertainScenario(6);
  ActionSpec label{.type = ActionType::kLabel};
  label.trigger = {.kind = TriggerKind::kCondition, .metric = WatchedMetric::kReachShare,
                   .above = true, .threshold = 0.5, .hold = 1, .delay = 2};
  s.playbooks = {{"watch", {label}}};
  // A chain: reach grows by one agent per tick: 2/6 after tick 0, 3/6, 4/6 after tick 2.
  Simulation sim(s, MakeWorld(6, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}}, {0}));
  for (int t = 0; t < 6; ++t) sim.Step();
  std::vector<Tick> labelled;
  for (const EventRecord& e : sim.record().events)
    if (e.type == "label") labelled.push_back(e.tick);
  // Reach 4/6 > 0.5 is first seen at the start of tick 3; fires at 3 + delay 2.
  EXPECT_THAT(labelled, ::testing::ElementsAre(5u));
}

}  // namespace
}  // namespace firestorm
