// The same scenario and seed give bit-identical results for any thread count.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cstring>

#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

Scenario SmallCrisis() {
  Scenario s;
  s.name = "small";
  s.graph.agents = 20'000;
  s.graph.mean_followers = 20;
  s.graph.communities = 6;
  s.population.media.followers = {0.05, true};
  NarrativeSpec rumor;
  rumor.id = "rumor";
  rumor.kind = NarrativeKind::kRumor;
  rumor.veracity = Veracity::kFalse;
  rumor.share_probability = 0.15;
  rumor.seeds = {20, AgentKind::kUser, 0};
  NarrativeSpec debunk;
  debunk.id = "rumor_debunk";
  debunk.kind = NarrativeKind::kDebunk;
  debunk.veracity = Veracity::kTrue;
  debunk.stance = -1.0;
  debunk.target = 0;
  debunk.seeds.count = 0;
  s.narratives = {rumor, debunk};
  Playbook p;
  p.name = "mixed";
  p.actions = {{.type = ActionType::kAcknowledge, .at = 30},
               {.type = ActionType::kDebunk, .at = 60},
               {.type = ActionType::kBotTakedown, .at = 90, .moderators_per_hour = 600},
               {.type = ActionType::kEngageInfluencers, .at = 100},
               {.type = ActionType::kTransparencyUpdate, .at = 120, .every = 60}};
  s.playbooks = {p};
  s.injects = {{.type = InjectType::kBotWave, .at = 20, .narrative = 0, .size = 50},
               {.type = InjectType::kMediaPickup, .at = 45, .narrative = 0}};
  // A triggered action exercises monitoring and triggers too.
  ActionSpec label{.type = ActionType::kLabel};
  label.trigger = {.kind = TriggerKind::kDetected, .delay = 10};
  s.playbooks[0].actions.push_back(label);
  s.monitoring.detect_above = 50;
  s.run.ticks = 240;
  s.run.seed = 99;
  return s;
}

// Every number the run produced, as bytes.
std::string Digest(const Simulation& sim) {
  std::string out;
  auto add = [&](const auto& vec) {
    out.append(reinterpret_cast<const char*>(vec.data()), vec.size() * sizeof(vec[0]));
  };
  const TimeSeries& t = sim.record().series;
  add(t.state_counts); add(t.posts); add(t.reach); add(t.deliveries);
  add(t.outrage_mean); add(t.outrage_std); add(t.trust_mean); add(t.trust_std);
  add(t.opinion_mean); add(t.opinion_std);
  const PopulationState& p = sim.population();
  add(p.outrage); add(p.trust); add(p.opinion); add(p.removed);
  for (const NarrativeColumns& c : p.narratives) {
    add(c.state); add(c.parent); add(c.exposed_at);
  }
  for (const EventRecord& e : sim.record().events) out += e.type + e.detail + std::to_string(e.tick);
  return out;
}

std::string RunWithThreads(const Scenario& s, std::size_t threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  Simulation sim(s, BuildScenarioWorld(s));
  while (!sim.done()) sim.Step();
  return Digest(sim);
}

TEST(Determinism, SameSeedIsBitIdenticalOnOneTwoAndFourThreads) {
  const Scenario s = SmallCrisis();
  const std::string one = RunWithThreads(s, 1);
  EXPECT_EQ(one, RunWithThreads(s, 2));
  EXPECT_EQ(one, RunWithThreads(s, 4));
  EXPECT_EQ(one, RunWithThreads(s, 8));
}

TEST(Determinism, DifferentSeedsDiffer) {
  Scenario s = SmallCrisis();
  const std::string a = RunWithThreads(s, 2);
  s.run.seed = 100;
  EXPECT_NE(a, RunWithThreads(s, 2));
}

TEST(Determinism, TheCrisisActuallySpreads) {
  // Guards the tests above against comparing two empty runs.
  const Scenario s = SmallCrisis();
  Simulation sim(s, BuildScenarioWorld(s));
  while (!sim.done()) sim.Step();
  const TimeSeries& t = sim.record().series;
  EXPECT_GT(t.reach[(t.num_ticks() - 1) * t.narratives], 1000u);
  const auto& events = sim.record().events;
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const EventRecord& e) { return e.category == "detection"; }));
  EXPECT_TRUE(std::any_of(events.begin(), events.end(), [](const EventRecord& e) { return e.type == "label"; }));
}

}  // namespace
}  // namespace firestorm
