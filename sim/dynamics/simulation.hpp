// The crisis engine: one tick = fire scheduled actions and injects, let spreaders post and
// push posts to followers, then update every agent from what it saw. See docs/model.md.
//
// Parallel and deterministic: only spreaders whose posting candidate is due post; their seen
// posts are filed by reader block and each block accumulates into per-agent integer counters
// on one thread (adds commute); the cascade parent is a min over a keyed random priority;
// the agent update writes only the agent's own
// slot; float statistics are summed in fixed point. Every random draw is keyed by
// (seed, tick, agent, purpose), so output is bit-identical for any thread count.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/dynamics/delivery_buffers.hpp"
#include "sim/dynamics/engine_state.hpp"
#include "sim/dynamics/exposure_hazards.hpp"
#include "sim/dynamics/posting_calendar.hpp"
#include "sim/dynamics/run_record.hpp"
#include "sim/dynamics/social_listening.hpp"
#include "sim/dynamics/scenario.hpp"
#include "sim/dynamics/warm_workers.hpp"
#include "sim/population/population_builder.hpp"
#include "sim/response/response_schedule.hpp"

namespace firestorm {

// The scenario's narratives plus the organization's official narrative, which the engine
// always appends last: statements travel as posts of it.
std::vector<NarrativeSpec> EffectiveNarratives(const Scenario& scenario);

// Builds the graph and population a scenario describes (deterministic in run.seed).
World BuildScenarioWorld(const Scenario& scenario);

// Where a tick's time goes, summed over the ticks played (for `firestorm bench`): posting and
// delivery, the agent update, and the rest (triggers, actions, monitoring). A measurement,
// not state: checkpoints do not save it. Seen posts are applied inside the agent update's
// loop, block by block; their part of that loop's wall time is its share of the loop's
// thread time, and it counts as delivery.
struct EngineProfile {
  double deliver_seconds = 0;    // posting and filing, plus applying seen posts
  double apply_seconds = 0;      // of which applying seen posts to the readers' inboxes
  double update_seconds = 0;
  double other_seconds = 0;
  std::uint64_t deliveries = 0;  // seen posts: one follower reached by one post
  std::uint64_t pushes = 0;      // followers posts were pushed to, seen or not (edges covered)
  std::uint64_t ticks = 0;
};

class Simulation {
 public:
  // Throws InputError when the playbook needs something the scenario lacks (a debunk
  // action without a debunk narrative).
  Simulation(const Scenario& scenario, World world);

  void Step();  // plays one tick
  Tick ticks_done() const { return tick_; }
  Tick num_ticks() const { return scenario_.run.ticks; }
  bool done() const { return tick_ >= scenario_.run.ticks; }

  const Scenario& scenario() const { return scenario_; }
  const World& world() const { return world_; }
  const PopulationState& population() const { return world_.population; }
  const std::vector<NarrativeSpec>& narratives() const { return narratives_; }
  const RunRecord& record() const { return record_; }
  std::uint32_t num_communities() const { return num_communities_; }

  // Adds an action that fires at max(action.at, ticks_done()); drills take decisions live.
  void QueueAction(ActionSpec action);

  // From now on, play `playbook` instead: actions already taken stay in the record, the old
  // playbook's future actions are dropped. Forks branch a copy of a running simulation.
  void SwitchPlaybook(const Playbook& playbook);

  // What the organization's social listening sees (drills show only this).
  const SocialListening& listening() const { return listening_; }

  const EngineProfile& profile() const { return profile_; }

  // A long follower list is delivered in segments of this many followers, each drawn from
  // its own seed, so that a hub's post is shared among the threads: posts of 4,096 followers
  // or more carry half the pushes of the default scenario, and delivered whole they left one
  // thread waiting for the other (delivery.cpp, docs/performance.md).
  static constexpr std::size_t kDeliverySegment = 4096;

 private:
  friend class SimulationStateIo;  // checkpoints: simulation_state_io.hpp saves every member below
  void FireScheduledEvents();
  void EvaluateTriggers();
  bool ConditionHolds(const Trigger& trigger) const;
  void ObservePlatform();
  void ProcessTakedowns();
  void RemoveWrongly(std::uint64_t count);
  // Takes account u down for good: it never posts again (its calendar entries are dropped).
  void Remove(AgentId u);
  void ActivateSeeds();
  void ApplyAction(const ActionSpec& action);
  void ApplyInject(const InjectSpec& inject);
  void MakeSpreader(AgentId v, NarrativeId n);
  // (v, n) as the posting calendar files it, with v's constant traits.
  PostingCalendar::Candidate CandidateOf(AgentId v, NarrativeId n) const {
    return {v, n, world_.population.kind[v], world_.population.activity_per_hour[v]};
  }
  std::vector<AgentId> PickAgentsOfKind(AgentKind kind, std::uint64_t count, std::uint32_t salt) const;
  void IssueStatement(ActionType tone);
  std::vector<AgentId> PickPartners(std::uint32_t partners, double alignment) const;
  TickConstants ComputeTickConstants() const;
  void PostAndDeliver(const TickConstants& k);
  // Applies the seen posts filed for one block of readers (delivery_buffers.hpp); those that
  // reached unaware readers are appended to `firsts`.
  void ApplyDeliveries(const TickConstants& k, std::size_t block, std::vector<FirstExposure>& firsts);
  // Asks the cache for the inbox words that one block's seen posts update.
  void RequestDeliveryTargets(std::size_t block) const;
  // Applies the tick's seen posts and updates every agent; returns the share of its thread
  // time spent applying the seen posts (for the profile).
  double UpdateAgents(const TickConstants& k);
  void AddEvent(std::string category, std::string_view type, NarrativeId n, std::string detail);
  std::vector<NarrativeId> CrisisNarratives(NarrativeId selector) const;

  Scenario scenario_;
  World world_;
  std::vector<NarrativeSpec> narratives_;
  std::uint32_t num_communities_ = 1;
  NarrativeId official_ = 0;
  std::vector<ActionSpec> actions_;
  ResponseSchedule schedule_;
  std::vector<TriggerWatch> action_watch_, inject_watch_;
  SocialListening listening_;
  Inboxes inbox_;
  GlobalState global_;
  PostingCalendar calendar_;  // each spreader's next posting candidate
  ExposureHazards hazards_;   // each exposed agent's next adoption or doubt without news
  std::vector<std::pair<AgentId, NarrativeId>> forced_posts_;
  std::vector<std::uint32_t> tick_posts_;  // [narrative][author kind], this tick
  std::uint64_t tick_deliveries_ = 0;
  RunRecord record_;
  Tick tick_ = 0;
  DeliveryBuffers delivery_buffers_;  // scratch of PostAndDeliver, not state
  WarmWorkers warm_workers_;          // not state: holds the threads awake before posting
  EngineProfile profile_;  // not state (see above)
};

}  // namespace firestorm
