// What actions, injects and narrative seeds do when they fire. These run once per event,
// between ticks, so they are sequential and simple; each draw is keyed so the result does
// not depend on anything but the seed.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/core/rng.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm {

namespace {
// Salts that keep the keyed draws of different pickers apart.
enum : std::uint32_t { kSeedPick = 1, kTakedownPick, kFalsePositivePick };

const std::vector<AgentId>* AccountList(const World& w, AgentKind kind) {
  switch (kind) {
    case AgentKind::kInfluencer: return &w.influencers;
    case AgentKind::kBot: return &w.bots;
    case AgentKind::kMedia: return &w.media_accounts;
    case AgentKind::kOrganization: return &w.organization_accounts;
    case AgentKind::kFactChecker: return &w.fact_checker_accounts;
    case AgentKind::kUser: return nullptr;
  }
  return nullptr;
}
}  // namespace

void Simulation::MakeSpreader(AgentId v, NarrativeId n) {
  NarrativeColumns& col = world_.population.narratives[n];
  if (world_.population.removed[v]) return;
  if (col.state[v] == NarrativeState::kUnaware) {
    col.exposed_at[v] = tick_;
    col.parent[v] = kNoAgent;
  }
  col.state[v] = NarrativeState::kSpreader;
  inbox_.exposure[n][v] = (inbox_.exposure[n][v] & kWeightMask) |
                          (static_cast<std::uint32_t>(NarrativeState::kSpreader) << 24);
}

// `count` distinct agents of `kind`, not removed, chosen by keyed random draws.
std::vector<AgentId> Simulation::PickAgentsOfKind(AgentKind kind, std::uint64_t count,
                                                  std::uint32_t salt) const {
  const PopulationState& pop = world_.population;
  std::vector<AgentId> out;
  if (const std::vector<AgentId>* list = AccountList(world_, kind)) {
    std::vector<std::pair<std::uint64_t, AgentId>> prio;
    for (AgentId v : *list)
      if (!pop.removed[v])
        prio.push_back({KeyedHash64(scenario_.run.seed, tick_, v, Stream::kInject, salt), v});
    std::sort(prio.begin(), prio.end());
    for (std::size_t i = 0; i < prio.size() && out.size() < count; ++i) out.push_back(prio[i].second);
    return out;
  }
  // Ordinary users: rejection sampling over all agents (users are the vast majority).
  CounterRng rng(scenario_.run.seed, tick_, salt, Stream::kInject, 0);
  const AgentId n = pop.num_agents();
  std::vector<std::uint8_t> taken;
  for (std::uint64_t attempt = 0; out.size() < count && attempt < 64 * count + 1024; ++attempt) {
    const auto v = static_cast<AgentId>(rng.Below(n));
    if (pop.kind[v] != kind || pop.removed[v]) continue;
    if (std::find(out.begin(), out.end(), v) != out.end()) continue;
    out.push_back(v);
  }
  return out;
}

void Simulation::ActivateSeeds() {
  for (std::size_t n = 0; n < narratives_.size(); ++n) {
    const NarrativeSpec& spec = narratives_[n];
    if (spec.seeds.count == 0 || spec.seeds.at != tick_) continue;
    const auto seeds = PickAgentsOfKind(spec.seeds.kind, spec.seeds.count,
                                        kSeedPick + (static_cast<std::uint32_t>(n) << 8));
    for (AgentId v : seeds) MakeSpreader(v, static_cast<NarrativeId>(n));
    if (spec.kind == NarrativeKind::kRumor || spec.kind == NarrativeKind::kOutrage)
      global_.crisis_start = std::min(global_.crisis_start, tick_);
    AddEvent("seed", std::string(AgentKindName(spec.seeds.kind)), static_cast<NarrativeId>(n),
             std::to_string(seeds.size()) + " accounts start spreading");
  }
}

void Simulation::FireScheduledEvents() {
  for (std::uint32_t i : schedule_.InjectsAt(tick_)) ApplyInject(scenario_.injects[i]);
  // Copy the indices: an action never queues another, but the span must stay valid.
  const auto due = schedule_.ActionsAt(tick_);
  const std::vector<std::uint32_t> indices(due.begin(), due.end());
  for (std::uint32_t i : indices) ApplyAction(actions_[i]);
}

void Simulation::IssueStatement(ActionType tone) {
  ++global_.statements;
  global_.tone = tone;
  global_.statement_this_tick = true;
  if (tone == ActionType::kApologize || tone == ActionType::kTransparencyUpdate)
    global_.trust_recovering = true;
  // A denial does not answer the public's demand for accountability (Coombs, SCCT), so
  // only accommodative statements end the "no answer yet" penalty.
  if (tone != ActionType::kDefend) global_.accommodated = true;
  for (AgentId v : world_.organization_accounts) {
    MakeSpreader(v, official_);
    forced_posts_.push_back({v, official_});
  }
}

void Simulation::ApplyAction(const ActionSpec& a) {
  const std::string_view name = kActionTypeNames[static_cast<int>(a.type)];
  PopulationState& pop = world_.population;
  switch (a.type) {
    case ActionType::kNoResponse:
      return;
    case ActionType::kAcknowledge:
    case ActionType::kApologize:
    case ActionType::kDefend:
    case ActionType::kTransparencyUpdate:
      IssueStatement(a.type);
      AddEvent("action", name, a.narrative, a.message);
      return;
    case ActionType::kDebunk: {
      for (NarrativeId target : CrisisNarratives(a.narrative)) {
        for (std::size_t d = 0; d < narratives_.size(); ++d) {
          if (narratives_[d].kind != NarrativeKind::kDebunk || narratives_[d].target != target) continue;
          for (const auto* list : {&world_.fact_checker_accounts, &world_.organization_accounts})
            for (AgentId v : *list) {
              MakeSpreader(v, static_cast<NarrativeId>(d));
              forced_posts_.push_back({v, static_cast<NarrativeId>(d)});
            }
        }
      }
      AddEvent("action", name, a.narrative, a.message);
      return;
    }
    case ActionType::kEngageInfluencers: {
      const std::size_t k = std::min<std::size_t>(a.partners, world_.influencers.size());
      for (std::size_t i = 0; i < k; ++i) {
        MakeSpreader(world_.influencers[i], official_);
        forced_posts_.push_back({world_.influencers[i], official_});
      }
      AddEvent("action", name, a.narrative,
               a.message.empty() ? std::to_string(k) + " partner influencers relay the official line"
                                 : a.message);
      return;
    }
    case ActionType::kBotTakedown: {
      std::size_t active = 0;
      for (AgentId b : world_.bots) active += pop.removed[b] == 0;
      const auto bots_removed = static_cast<std::uint64_t>(std::floor(a.recall * active + 0.5));
      const auto removed = PickAgentsOfKind(AgentKind::kBot, bots_removed, kTakedownPick);
      for (AgentId b : removed) pop.removed[b] = 1;
      // False positives: real users removed by mistake; their followers are angered.
      const double precision = std::clamp(a.precision, 1e-6, 1.0);
      const auto false_positives =
          static_cast<std::uint64_t>(std::floor(removed.size() * (1.0 - precision) / precision + 0.5));
      const auto wrongly = PickAgentsOfKind(AgentKind::kUser, false_positives, kFalsePositivePick);
      const float backlash = static_cast<float>(scenario_.dynamics.takedown_backlash);
      for (AgentId u : wrongly) {
        pop.removed[u] = 1;
        for (AgentId f : world_.graph.followers_of(u))
          pop.outrage[f] = std::min(1.0f, pop.outrage[f] + backlash * (1.0f - pop.outrage[f]));
      }
      AddEvent("action", name, a.narrative,
               "removed " + std::to_string(removed.size()) + " bots and " +
                   std::to_string(wrongly.size()) + " real users by mistake");
      return;
    }
    case ActionType::kLabel:
      for (NarrativeId n : CrisisNarratives(a.narrative)) global_.labelled[n] = 1;
      AddEvent("action", name, a.narrative, a.message);
      return;
  }
}

void Simulation::ApplyInject(const InjectSpec& e) {
  const std::string_view name = kInjectTypeNames[static_cast<int>(e.type)];
  const NarrativeId n = e.narrative;
  std::string detail = e.message;
  auto activate = [&](const std::vector<AgentId>& accounts, bool post_now) {
    for (AgentId v : accounts) {
      MakeSpreader(v, n);
      if (post_now) forced_posts_.push_back({v, n});
    }
    if (detail.empty()) detail = std::to_string(accounts.size()) + " accounts start spreading";
  };
  switch (e.type) {
    case InjectType::kMediaPickup:
      activate(e.size == 0 ? world_.media_accounts
                           : PickAgentsOfKind(AgentKind::kMedia, e.size, 0x100 + n), true);
      break;
    case InjectType::kBotWave:
      activate(PickAgentsOfKind(AgentKind::kBot, e.size == 0 ? world_.bots.size() : e.size, 0x200 + n),
               false);
      break;
    case InjectType::kInfluencerJoins: {
      const std::size_t k = std::min<std::size_t>(e.size == 0 ? 5 : e.size, world_.influencers.size());
      activate(std::vector<AgentId>(world_.influencers.begin(),
                                    world_.influencers.begin() + static_cast<std::ptrdiff_t>(k)),
               true);
      break;
    }
    case InjectType::kLeak:
      global_.credibility[n] = std::max(0.05, global_.credibility[n] + e.credibility);
      if (detail.empty()) detail = "credibility now " + std::to_string(global_.credibility[n]);
      break;
  }
  if (narratives_[n].kind == NarrativeKind::kRumor || narratives_[n].kind == NarrativeKind::kOutrage)
    global_.crisis_start = std::min(global_.crisis_start, tick_);
  AddEvent("inject", name, n, detail);
}

}  // namespace firestorm
