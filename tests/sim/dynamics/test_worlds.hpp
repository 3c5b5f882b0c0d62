// Tiny hand-made worlds and scenarios for exact engine tests.
#pragma once

#include <vector>

#include "sim/dynamics/scenario.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm::testing {

// A world on `n` agents with the given edges (u -> v: v follows u). All agents are users
// except those listed as influencers (kept in world.influencers, in the given order).
inline World MakeWorld(AgentId n, const std::vector<Edge>& edges,
                       const std::vector<AgentId>& influencers = {}) {
  World w;
  w.graph = BuildFollowerGraph(n, edges);
  PopulationState& p = w.population;
  p.kind.assign(n, AgentKind::kUser);
  for (AgentId v : influencers) p.kind[v] = AgentKind::kInfluencer;
  w.influencers = influencers;
  p.community.assign(n, 0);
  p.opinion.assign(n, 0.0f);
  p.trust.assign(n, 0.5f);
  p.outrage.assign(n, 0.0f);
  p.literacy.assign(n, 0.0f);
  p.activity_per_hour.assign(n, 1e6f);  // posts every tick while spreading
  p.removed.assign(n, 0);
  return w;
}

// A scenario whose every probability is 0 or 1: one rumor seeded on influencer accounts,
// seen by every follower, believed on first sight, never forgotten.
inline Scenario CertainScenario(Tick ticks, double share_probability = 1.0) {
  Scenario s;
  s.name = "certain";
  s.platform.feed = FeedRanking::kChronological;
  s.platform.attention = 1.0;
  s.platform.attention_capacity = 1e9;
  DynamicsParams& d = s.dynamics;
  d.literacy_exponent = 1.0;
  d.confirmation_bias = 0.0;
  d.outrage_amplification = 0.0;
  d.skepticism_per_hour = 0.0;
  d.forgetting_per_hour = 0.0;
  d.stifling_per_exposure = 0.0;
  d.confidence_bound = 0.0;
  d.outrage_polarization = 0.0;
  NarrativeSpec rumor;
  rumor.id = "rumor";
  rumor.share_probability = share_probability;
  rumor.seeds = {1, AgentKind::kInfluencer, 0};
  s.narratives = {rumor};
  s.run.ticks = ticks;
  s.run.seed = 1;
  return s;
}

}  // namespace firestorm::testing
