// Simulation: construction, the tick loop and the per-tick constants.
#include "sim/dynamics/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "sim/core/error.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm {

std::vector<NarrativeSpec> EffectiveNarratives(const Scenario& scenario) {
  std::vector<NarrativeSpec> out = scenario.narratives;
  NarrativeSpec official;
  official.id = "official";
  official.kind = NarrativeKind::kOfficial;
  official.veracity = Veracity::kTrue;
  official.emotional_charge = 0.1;
  official.stance = 0.0;
  official.share_probability = 0.01;
  official.against_organization = false;
  official.seeds.count = 0;
  out.push_back(official);
  return out;
}

// The graph comes as a CSR (streamed from the generator, through the graph cache, or read from
// a file and built), never as an edge list; BuildWorld merges the special accounts into it.
World BuildScenarioWorld(const Scenario& scenario) {
  return BuildWorld(GenerateStoredGraph(scenario.graph, scenario.run.seed), scenario.population,
                    EffectiveNarratives(scenario).size(), scenario.run.seed);
}

Simulation::Simulation(const Scenario& scenario, World world)
    : scenario_(scenario), world_(std::move(world)), narratives_(EffectiveNarratives(scenario)) {
  const AgentId n = world_.population.num_agents();
  const std::size_t num_narratives = narratives_.size();
  official_ = static_cast<NarrativeId>(num_narratives - 1);
  if (world_.population.narratives.size() != num_narratives)
    world_.population.ResetNarratives(num_narratives);
  num_communities_ =
      n == 0 ? 1 : *std::max_element(world_.population.community.begin(),
                                     world_.population.community.end()) + 1;

  if (const Playbook* p = scenario_.SelectedPlaybook()) actions_ = p->actions;
  for (const ActionSpec& a : actions_) {
    if (a.type != ActionType::kDebunk) continue;
    for (NarrativeId t : CrisisNarratives(a.narrative)) {
      const bool has_debunk = std::any_of(narratives_.begin(), narratives_.end(), [&](const auto& d) {
        return d.kind == NarrativeKind::kDebunk && d.target == t;
      });
      if (!has_debunk)
        throw InputError({scenario_.source_file, 0, 0},
                         "playbook action 'debunk' targets narrative '" + narratives_[t].id +
                             "', which has no debunk narrative",
                         "add a narrative with kind: debunk and target: " + narratives_[t].id);
    }
  }
  schedule_ = ResponseSchedule(actions_, scenario_.injects, scenario_.run.ticks);
  action_watch_.assign(actions_.size(), {});
  inject_watch_.assign(scenario_.injects.size(), {});
  listening_ = SocialListening(scenario_.monitoring, scenario_.run.tick_seconds, scenario_.run.seed);
  global_.forward_limit = scenario_.platform.forward_limit;

  inbox_.agent.assign(n, Inbox{0, 0, 0, 0});
  for (AgentId v = 0; v < n; ++v) inbox_.agent[v].opinion = world_.population.opinion[v];
  inbox_.exposure.assign(num_narratives, Column<std::uint32_t>(n, 0));
  inbox_.last_statement_read.assign(n, 0);
  inbox_.news_due.assign(n, 0);
  for (std::size_t k = 0; k < num_narratives; ++k)
    for (AgentId v = 0; v < n; ++v)
      inbox_.exposure[k][v] = static_cast<std::uint32_t>(world_.population.narratives[k].state[v])
                              << 24;
  calendar_.Reset(num_narratives, n, scenario_.run.ticks,
                  {scenario_.run.tick_seconds / 3600.0, scenario_.dynamics.posting_outrage_boost},
                  scenario_.run.seed);
  hazards_.Reset(num_narratives, n);
  for (std::size_t k = 0; k < num_narratives; ++k)  // a world that comes with spreaders
    for (AgentId v = 0; v < n; ++v)
      if (world_.population.narratives[k].state[v] == NarrativeState::kSpreader)
        calendar_.Start(CandidateOf(v, static_cast<NarrativeId>(k)), 0);
  global_.labelled.assign(num_narratives, 0);
  global_.rank_factor.assign(num_narratives, 1.0);
  global_.debunk_boost.assign(num_narratives, 1.0);
  global_.broadcast_targets.assign(num_narratives, 0);
  global_.credibility.resize(num_narratives);
  for (std::size_t k = 0; k < num_narratives; ++k)
    global_.credibility[k] = narratives_[k].credibility;

  TimeSeries& s = record_.series;
  s.narratives = static_cast<std::uint32_t>(num_narratives);
  s.communities = num_communities_;
}

std::vector<NarrativeId> Simulation::CrisisNarratives(NarrativeId selector) const {
  std::vector<NarrativeId> out;
  for (std::size_t k = 0; k < narratives_.size(); ++k) {
    const bool crisis = narratives_[k].kind == NarrativeKind::kRumor ||
                        narratives_[k].kind == NarrativeKind::kOutrage;
    if (crisis && (selector == kAllNarratives || selector == k))
      out.push_back(static_cast<NarrativeId>(k));
  }
  return out;
}

TickConstants Simulation::ComputeTickConstants() const {
  const DynamicsParams& d = scenario_.dynamics;
  const PlatformParams& p = scenario_.platform;
  TickConstants k{};
  k.tick = tick_;
  k.hours = scenario_.run.tick_seconds / 3600.0;
  const auto per_tick = [&](double rate_per_hour) {
    return static_cast<float>(1.0 - std::exp(-rate_per_hour * k.hours));
  };
  k.outrage_decay = static_cast<float>(std::exp2(-k.hours / d.outrage_half_life_hours));
  k.forgetting = per_tick(d.forgetting_per_hour);
  k.skepticism = per_tick(d.skepticism_per_hour);
  k.adopt_later = per_tick(d.adopt_without_exposure_per_hour);
  k.trust_erosion = per_tick(d.trust_erosion_per_hour);
  k.trust_recovery =
      global_.trust_recovering
          ? static_cast<float>(1.0 - std::exp2(-k.hours / d.trust_recovery_half_life_hours))
          : 0.0f;
  k.polarization = static_cast<float>(d.outrage_polarization * k.hours);
  k.forward_limit = global_.forward_limit;
  k.broadcast_reach = static_cast<float>(global_.broadcast_reach);
  k.statement_news = !p.closed_groups;  // closed groups: no news channel into the chats
  k.statement_read_probability =
      static_cast<float>(1.0 - std::pow(1.0 - std::min(1.0, d.statement_reach), k.hours));
  k.statement = global_.statements;
  if (!global_.accommodated && global_.crisis_start != kNever && tick_ >= global_.crisis_start) {
    const double hours_visible = (tick_ - global_.crisis_start) * k.hours;
    const double ramp = d.silence_ramp_hours > 0 ? std::min(1.0, hours_visible / d.silence_ramp_hours) : 1.0;
    k.silence_anger = static_cast<float>(d.silence_anger_per_hour * k.hours * ramp);
  }
  for (int kind = 0; kind < kNumAgentKinds; ++kind)
    k.kind_weight[kind] = static_cast<std::uint32_t>(
        std::lround(scenario_.population.traits[kind].credibility * kWeightScale));

  k.narrative.resize(narratives_.size());
  for (std::size_t n = 0; n < narratives_.size(); ++n) {
    const NarrativeSpec& spec = narratives_[n];
    NarrativeTick& t = k.narrative[n];
    double charge = spec.emotional_charge;
    if (spec.kind == NarrativeKind::kOfficial &&
        (global_.tone == ActionType::kDefend || global_.tone == ActionType::kArgue))
      charge = 0.6;  // a defensive or combative statement is itself inflammatory content
    const double rank = p.feed == FeedRanking::kEngagement ? 1.0 + p.engagement_boost * charge : 1.0;
    const bool labelled = global_.labelled[n] != 0;
    t.see_probability = std::min(1.0, p.attention * rank * global_.rank_factor[n] *
                                          (labelled ? d.label_visibility : 1.0));
    if (t.see_probability > 0 && t.see_probability < 1) t.skip = GeometricSkip(t.see_probability);
    t.share_probability = static_cast<float>(spec.share_probability * (labelled ? d.label_belief : 1.0));
    t.credibility = static_cast<float>(global_.credibility[n]);
    t.charge = static_cast<float>(charge);
    t.charge_fixed = static_cast<std::uint32_t>(std::lround(charge * kChargeScale));
    t.stance = static_cast<float>(spec.stance);
    t.literacy_weight = spec.veracity == Veracity::kFalse ? 1.0f
                        : spec.veracity == Veracity::kUnknown ? 0.5f : 0.0f;
    t.against_organization = spec.against_organization;
    t.debunks = spec.kind == NarrativeKind::kDebunk ? spec.target : -1;
    t.debunked_by = -1;
    t.debunk_boost = static_cast<float>(global_.debunk_boost[n]);
    t.crisis = spec.kind == NarrativeKind::kRumor || spec.kind == NarrativeKind::kOutrage;
    t.broadcast_target = global_.broadcast_targets[n] != 0;
  }
  for (std::size_t n = 0; n < narratives_.size(); ++n)
    if (k.narrative[n].debunks >= 0 && k.narrative[k.narrative[n].debunks].debunked_by < 0)
      k.narrative[k.narrative[n].debunks].debunked_by = static_cast<int>(n);
  return k;
}

void Simulation::Step() {
  if (done()) return;
  using Clock = std::chrono::steady_clock;
  const auto seconds = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
  };
  const Clock::time_point start = Clock::now();
  warm_workers_.Hold();  // released when the posting loop starts
  global_.statement_this_tick = false;
  global_.broadcast_reach = 0;
  forced_posts_.clear();
  ActivateSeeds();
  EvaluateTriggers();
  FireScheduledEvents();
  ProcessTakedowns();
  const TickConstants k = ComputeTickConstants();
  const Clock::time_point deliver = Clock::now();
  PostAndDeliver(k);
  const Clock::time_point update = Clock::now();
  const double apply_share = UpdateAgents(k);
  warm_workers_.Hold();  // through the end of this tick and the start of the next
  const Clock::time_point observe = Clock::now();
  ObservePlatform();
  std::fill(global_.broadcast_targets.begin(), global_.broadcast_targets.end(), 0);
  ++tick_;
  const Clock::time_point end = Clock::now();
  const double apply = seconds(update, observe) * apply_share;
  profile_.deliver_seconds += seconds(deliver, update) + apply;
  profile_.apply_seconds += apply;
  profile_.update_seconds += seconds(update, observe) - apply;
  profile_.other_seconds += seconds(start, deliver) + seconds(observe, end);
  profile_.deliveries += tick_deliveries_;
  ++profile_.ticks;
}

void Simulation::QueueAction(ActionSpec action) {
  action.at = std::max(action.at, tick_);
  action.trigger.kind = TriggerKind::kTime;
  actions_.push_back(std::move(action));
  action_watch_.push_back({0, true});
  const ActionSpec& a = actions_.back();
  schedule_.AddAction(static_cast<std::uint32_t>(actions_.size() - 1), a.at, a.every, a.until);
}

void Simulation::AddEvent(std::string category, std::string_view type, NarrativeId n,
                          std::string detail) {
  record_.events.push_back({tick_, std::move(category), std::string(type),
                            n < narratives_.size() ? narratives_[n].id : std::string(),
                            std::move(detail)});
}

}  // namespace firestorm
