// Forks: a copy of a running simulation that switches to a playbook continues exactly as
// a run that had that playbook from the start would, for everything after the fork.
#include <gtest/gtest.h>

#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

Scenario Crisis() {
  Scenario s;
  s.name = "fork";
  s.graph.agents = 5'000;
  s.graph.mean_followers = 15;
  s.graph.communities = 3;
  NarrativeSpec video;
  video.id = "video";
  video.kind = NarrativeKind::kOutrage;
  video.share_probability = 0.15;
  video.seeds = {30, AgentKind::kUser, 0};
  s.narratives = {video};
  ActionSpec on_detection{.type = ActionType::kAcknowledge};
  on_detection.trigger = {.kind = TriggerKind::kDetected, .delay = 5};
  s.monitoring.detect_above = 20;
  Playbook calm{"calm", {on_detection, {.type = ActionType::kApologize, .at = 100},
                         {.type = ActionType::kTransparencyUpdate, .at = 40, .every = 30}}};
  Playbook deny{"deny", {{.type = ActionType::kDefend, .at = 60}}};
  s.playbooks = {calm, deny};
  s.run.ticks = 200;
  s.run.seed = 11;
  return s;
}

std::string State(const Simulation& sim) {
  std::string out;
  auto add = [&](const auto& v) { out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0])); };
  const PopulationState& p = sim.population();
  add(p.outrage); add(p.trust); add(p.opinion);
  for (const auto& c : p.narratives) { add(c.state); add(c.parent); add(c.exposed_at); }
  const TimeSeries& t = sim.record().series;
  add(t.state_counts); add(t.outrage_mean); add(t.trust_mean); add(t.monitored_negative_per_hour);
  return out;
}

TEST(Fork, SwitchingToTheSamePlaybookChangesNothing) {
  const Scenario s = Crisis();
  const World world = BuildScenarioWorld(s);
  Simulation straight(s, world);
  while (!straight.done()) straight.Step();

  Simulation trunk(s, world);
  for (int i = 0; i < 70; ++i) trunk.Step();  // past detection, the first update and more
  Simulation branch = trunk;
  branch.SwitchPlaybook(s.playbooks[0]);
  while (!branch.done()) branch.Step();
  EXPECT_EQ(State(straight), State(branch));
  std::size_t actions = 0;
  for (const EventRecord& e : straight.record().events) actions += e.category == "action";
  EXPECT_GE(actions, 5u);  // the detection-triggered acknowledgement, the apology, the updates
}

TEST(Fork, BranchesShareThePastAndDivergeAfter) {
  Scenario s = Crisis();
  Simulation trunk(s, BuildScenarioWorld(s));
  for (int i = 0; i < 50; ++i) trunk.Step();
  Simulation calm = trunk, deny = trunk;
  calm.SwitchPlaybook(s.playbooks[0]);
  deny.SwitchPlaybook(s.playbooks[1]);
  while (!calm.done()) calm.Step();
  while (!deny.done()) deny.Step();
  const auto& a = calm.record().series.outrage_mean;
  const auto& b = deny.record().series.outrage_mean;
  for (int t = 0; t < 50; ++t) EXPECT_EQ(a[t], b[t]) << t;
  EXPECT_GT(b.back(), a.back());  // denying at 60 leaves the crowd angrier than updates
}

}  // namespace
}  // namespace firestorm
