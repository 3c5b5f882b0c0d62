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
enum : std::uint32_t { kSeedPick = 1, kTakedownPick, kFalsePositivePick, kConsistency, kSecondWave };

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
  if (col.state[v] != NarrativeState::kSpreader)  // may post from this tick on
    calendar_.Start(CandidateOf(v, n), tick_);
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
  // Several spokespeople may contradict each other: each statement after the first is
  // inconsistent with probability 1 - consistency (a keyed draw per statement).
  const ResponseTeamSpec& team = scenario_.response_team;
  global_.statement_inconsistent =
      team.spokespeople > 1 && global_.statements > 1 &&
      CounterRng(scenario_.run.seed, tick_, global_.statements, Stream::kResponse, kConsistency)
              .UniformDouble() >= team.consistency;
  if (global_.statement_inconsistent) return;
  if (tone == ActionType::kApologize || tone == ActionType::kTransparencyUpdate ||
      tone == ActionType::kRemedialAction || tone == ActionType::kCompensation)
    global_.trust_recovering = true;
  // A denial or an argument does not answer the public's demand for accountability
  // (Coombs, SCCT), so only accommodative statements end the "no answer yet" penalty.
  if (IsAccommodative(tone)) global_.accommodated = true;
  for (AgentId v : world_.organization_accounts) {
    MakeSpreader(v, official_);
    forced_posts_.push_back({v, official_});
  }
}

// The `partners` most-followed influencers whose opinion is within 0.5 of `alignment`
// (the closest ones make up the number when too few are).
std::vector<AgentId> Simulation::PickPartners(std::uint32_t partners, double alignment) const {
  std::vector<AgentId> aligned, others;
  for (AgentId v : world_.influencers) {
    if (world_.population.removed[v]) continue;
    (std::fabs(world_.population.opinion[v] - alignment) <= 0.5 ? aligned : others).push_back(v);
  }
  std::stable_sort(others.begin(), others.end(), [&](AgentId a, AgentId b) {
    return std::fabs(world_.population.opinion[a] - alignment) <
           std::fabs(world_.population.opinion[b] - alignment);
  });
  aligned.insert(aligned.end(), others.begin(), others.end());
  if (aligned.size() > partners) aligned.resize(partners);
  return aligned;
}

void Simulation::Remove(AgentId u) {
  world_.population.removed[u] = 1;
  for (std::size_t n = 0; n < narratives_.size(); ++n) calendar_.Drop(static_cast<NarrativeId>(n), u);
}

void Simulation::RemoveWrongly(std::uint64_t count) {
  PopulationState& pop = world_.population;
  const auto wrongly = PickAgentsOfKind(AgentKind::kUser, count,
                                        kFalsePositivePick + static_cast<std::uint32_t>(global_.false_positive_salt++ << 8));
  const float backlash = static_cast<float>(scenario_.dynamics.takedown_backlash);
  for (AgentId u : wrongly) {
    Remove(u);
    for (AgentId f : world_.graph.followers_of(u))
      pop.outrage[f] = std::min(1.0f, pop.outrage[f] + backlash * (1.0f - pop.outrage[f]));
  }
}

// Moderators remove queued bots at their pace; each removal of a bot brings
// (1 - precision) / precision wrongful removals of real users with it, on average.
void Simulation::ProcessTakedowns() {
  GlobalState& g = global_;
  if (g.takedown_next >= g.takedown_queue.size()) return;
  std::size_t budget = g.takedown_queue.size() - g.takedown_next;
  if (g.takedown_per_tick > 0) {
    g.takedown_credit += g.takedown_per_tick;
    budget = std::min(budget, static_cast<std::size_t>(g.takedown_credit));
    g.takedown_credit -= static_cast<double>(budget);
  }
  for (std::size_t i = 0; i < budget; ++i) Remove(g.takedown_queue[g.takedown_next++]);
  const double precision = std::clamp(g.takedown_precision, 1e-6, 1.0);
  const double owed = static_cast<double>(g.takedown_next) * (1 - precision) / precision;
  const auto due = static_cast<std::uint64_t>(std::floor(owed + 0.5));
  if (due > g.takedown_wrongly_removed) {
    RemoveWrongly(due - g.takedown_wrongly_removed);
    g.takedown_wrongly_removed = due;
  }
}

void Simulation::ApplyAction(const ActionSpec& a) {
  const std::string_view name = kActionTypeNames[static_cast<int>(a.type)];
  switch (a.type) {
    case ActionType::kNoResponse:
      return;
    case ActionType::kAcknowledge:
    case ActionType::kApologize:
    case ActionType::kDefend:
    case ActionType::kTransparencyUpdate:
    case ActionType::kArgue:
    case ActionType::kRemedialAction:
    case ActionType::kCompensation:
      IssueStatement(a.type);
      AddEvent("action", name, a.narrative,
               global_.statement_inconsistent ? "inconsistent with an earlier statement: " + a.message
                                              : a.message);
      return;
    case ActionType::kDownrank:
      for (NarrativeId n : CrisisNarratives(a.narrative)) global_.rank_factor[n] = a.factor;
      AddEvent("action", name, a.narrative, a.message);
      return;
    case ActionType::kForwardLimit:
      global_.forward_limit = a.max_recipients;
      AddEvent("action", name, a.narrative,
               a.message.empty() ? "a post reaches at most " + std::to_string(a.max_recipients) + " contacts"
                                 : a.message);
      return;
    case ActionType::kEmergencyBroadcast:
      global_.broadcast_reach = a.reach;
      for (NarrativeId n : CrisisNarratives(a.narrative)) global_.broadcast_targets[n] = 1;
      AddEvent("action", name, a.narrative, a.message);
      return;
    case ActionType::kDebunk: {
      for (NarrativeId target : CrisisNarratives(a.narrative)) {
        for (std::size_t d = 0; d < narratives_.size(); ++d) {
          if (narratives_[d].kind != NarrativeKind::kDebunk || narratives_[d].target != target) continue;
          if (a.visual) global_.debunk_boost[d] = scenario_.dynamics.visual_debunk_boost;
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
      const std::vector<AgentId> partners = PickPartners(a.partners, a.alignment);
      for (AgentId v : partners) {
        MakeSpreader(v, official_);
        forced_posts_.push_back({v, official_});
      }
      AddEvent("action", name, a.narrative,
               a.message.empty() ? std::to_string(partners.size()) + " partner influencers relay the official line"
                                 : a.message);
      return;
    }
    case ActionType::kBotTakedown: {
      std::size_t active = 0;
      for (AgentId b : world_.bots) active += world_.population.removed[b] == 0;
      const auto bots_removed = static_cast<std::uint64_t>(std::floor(a.recall * active + 0.5));
      const auto targets = PickAgentsOfKind(AgentKind::kBot, bots_removed, kTakedownPick);
      // A new takedown replaces what is left of an earlier one.
      global_.takedown_queue = targets;
      global_.takedown_next = 0;
      global_.takedown_credit = 0;
      global_.takedown_precision = a.precision;
      global_.takedown_wrongly_removed = 0;
      global_.takedown_per_tick = a.moderators_per_hour * scenario_.run.tick_seconds / 3600.0;
      AddEvent("action", name, a.narrative,
               std::to_string(targets.size()) + " bots to remove" +
                   (a.moderators_per_hour > 0 ? " at " + std::to_string(static_cast<long long>(a.moderators_per_hour)) + " per hour" : "") +
                   ", precision " + std::to_string(a.precision));
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
    case InjectType::kSecondWave:
      activate(PickAgentsOfKind(AgentKind::kUser, e.size == 0 ? 20 : e.size, kSecondWave + (n << 8)), false);
      break;
    case InjectType::kOfflineEvent: {
      // A protest or a hearing: everyone aware of a crisis narrative gets angrier.
      PopulationState& pop = world_.population;
      const auto crisis = CrisisNarratives(kAllNarratives);
      const float add = static_cast<float>(e.outrage);
      tbb::parallel_for(AgentId{0}, pop.num_agents(), [&](AgentId v) {
        for (NarrativeId c : crisis)
          if (pop.narratives[c].state[v] != NarrativeState::kUnaware) {
            pop.outrage[v] = std::min(1.0f, pop.outrage[v] + add * (1.0f - pop.outrage[v]));
            break;
          }
      });
      if (detail.empty()) detail = "outrage rises among those aware of the crisis";
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
