// Simulation state to and from a checkpoint stream; the approach is described in
// simulation_state_io.hpp. The layout, in order (version 3):
//   u32 version, u32 tick
//   world: graph offsets and followers; population columns (kind, community, opinion, trust,
//          outrage, literacy, activity_per_hour, removed, then per narrative state, parent,
//          exposed_at); the five account lists
//   u64 number of actions (the playbook's; live-queued actions are refused)
//   schedule: (tick, index) pairs still to fire, actions then injects, in firing order
//   trigger watches of actions and injects: (held, fired)
//   inbox: last statement read per agent, next tick the statement comes up in the news
//   global state, member by member
//   record: every time series, then the events
//   posting calendar: per narrative, each agent's next posting candidate tick
//   exposure hazards: per narrative, each agent's next event word (version 3)
#include "sim/dynamics/simulation_state_io.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/dynamics/simulation.hpp"

namespace firestorm {

namespace {

using state_io::Reader;
using state_io::Writer;

// Tripwires: a member added to one of these changes its size and stops the build here. Save
// and load the new member below (and bump kFormatVersion), then update the size. Checked only
// where the sizes were measured (x86-64, libstdc++); tests/robustness/checkpoint_test.cpp is
// the portable guard.
#if defined(__x86_64__) && defined(__GLIBCXX__)
// The scenario is not saved (the checkpoint re-parses its YAML), nor the profile (timings)
// or the delivery buffers (scratch: each tick indexes only its own records) and the warm
// workers (scratch), so their sizes are left out.
static_assert(sizeof(Simulation) - sizeof(Scenario) - sizeof(EngineProfile) -
                      sizeof(DeliveryBuffers) - sizeof(WarmWorkers) == 1624,
              "Simulation changed: save its new member in simulation_state_io.cpp");
// The calendar's window_ is not saved: Restore derives it from the tick.
static_assert(sizeof(PostingCalendar) == 192,
              "PostingCalendar changed: save its new state in simulation_state_io.cpp");
static_assert(sizeof(ExposureHazards) == 24,
              "ExposureHazards changed: save its new state in simulation_state_io.cpp");
static_assert(sizeof(GlobalState) == 224, "GlobalState changed: save it in simulation_state_io.cpp");
static_assert(sizeof(TriggerWatch) == 8, "TriggerWatch changed: save it in simulation_state_io.cpp");
static_assert(sizeof(TimeSeries) == 296, "TimeSeries changed: save it in simulation_state_io.cpp");
static_assert(sizeof(EventRecord) == 136, "EventRecord changed: save it in simulation_state_io.cpp");
static_assert(sizeof(PopulationState) == 216, "PopulationState changed: save it in simulation_state_io.cpp");
static_assert(sizeof(World) == 384, "World changed: save it in simulation_state_io.cpp");
#endif

void Fail(const std::string& what) { throw StateFormatError(what); }

void SaveWorld(const World& w, Writer& out) {
  // The graph's arrays are huge-page arrays, not vectors: laid out as Writer::Vector does.
  out.Value<std::uint64_t>(w.graph.offsets().size());
  out.Bytes(w.graph.offsets().data(), w.graph.offsets().size_bytes());
  out.Value<std::uint64_t>(w.graph.targets().size());
  out.Bytes(w.graph.targets().data(), w.graph.targets().size_bytes());
  const PopulationState& p = w.population;
  out.Vector(p.kind);
  out.Vector(p.community);
  out.Vector(p.opinion);
  out.Vector(p.trust);
  out.Vector(p.outrage);
  out.Vector(p.literacy);
  out.Vector(p.activity_per_hour);
  out.Vector(p.removed);
  out.Value<std::uint64_t>(p.narratives.size());
  for (const NarrativeColumns& c : p.narratives) {
    out.Vector(c.state);
    out.Vector(c.parent);
    out.Vector(c.exposed_at);
  }
  for (const auto* list : {&w.organization_accounts, &w.media_accounts, &w.fact_checker_accounts,
                           &w.influencers, &w.bots})
    out.Vector(*list);
}

// A list written by Writer::Vector, read straight into the huge-page array the graph keeps.
template <typename T>
HugeArray<T> ReadHugeArray(Reader& in) {
  const auto count = in.Value<std::uint64_t>();
  if (count > in.left() / sizeof(T))
    Fail("the checkpoint holds a list longer than the file (corrupt?)");
  HugeArray<T> values(static_cast<std::size_t>(count));
  in.Bytes(values.data(), values.size() * sizeof(T));
  return values;
}

World LoadWorld(Reader& in, std::size_t num_narratives) {
  World w;
  auto offsets = ReadHugeArray<EdgeIndex>(in);
  auto targets = ReadHugeArray<AgentId>(in);
  if (offsets.empty() || offsets[0] != 0 || offsets[offsets.size() - 1] != targets.size() ||
      !std::is_sorted(offsets.begin(), offsets.end()))
    Fail("the graph's offsets do not match its edges");
  const std::size_t n = offsets.size() - 1;
  if (std::any_of(targets.begin(), targets.end(), [&](AgentId v) { return v >= n; }))
    Fail("an edge names an agent past the population");
  w.graph = CsrGraph::FromArrays(std::move(offsets), std::move(targets));
  PopulationState& p = w.population;
  in.VectorInto(p.kind);
  in.VectorInto(p.community);
  in.VectorInto(p.opinion);
  in.VectorInto(p.trust);
  in.VectorInto(p.outrage);
  in.VectorInto(p.literacy);
  in.VectorInto(p.activity_per_hour);
  in.VectorInto(p.removed);
  const auto narratives = in.Value<std::uint64_t>();
  if (narratives != num_narratives)
    Fail("the checkpoint has " + std::to_string(narratives) + " narratives, the scenario " +
         std::to_string(num_narratives));
  p.narratives.resize(num_narratives);
  for (NarrativeColumns& c : p.narratives) {
    in.VectorInto(c.state);
    in.VectorInto(c.parent);
    in.VectorInto(c.exposed_at);
    if (c.state.size() != n || c.parent.size() != n || c.exposed_at.size() != n)
      Fail("a narrative column does not cover the population");
    if (std::any_of(c.state.begin(), c.state.end(),
                    [](NarrativeState s) { return static_cast<int>(s) >= kNumNarrativeStates; }))
      Fail("an agent is in an unknown narrative state");
  }
  for (const std::size_t size : {p.kind.size(), p.community.size(), p.opinion.size(),
                                 p.trust.size(), p.outrage.size(), p.literacy.size(),
                                 p.activity_per_hour.size(), p.removed.size()})
    if (size != n) Fail("a population column does not cover the graph");
  if (std::any_of(p.kind.begin(), p.kind.end(),
                  [](AgentKind k) { return static_cast<int>(k) >= kNumAgentKinds; }))
    Fail("an agent has an unknown kind");
  for (auto* list : {&w.organization_accounts, &w.media_accounts, &w.fact_checker_accounts,
                     &w.influencers, &w.bots}) {
    *list = in.Vector<AgentId>();
    if (std::any_of(list->begin(), list->end(), [&](AgentId v) { return v >= n; }))
      Fail("an account list names an agent past the population");
  }
  return w;
}

// What is scheduled at or after a tick, in firing order.
struct Scheduled {
  Tick tick;
  std::uint32_t index;
};
static_assert(sizeof(Scheduled) == 8, "no padding: the bytes are written as they are");

template <typename At>
std::vector<Scheduled> Pending(Tick from, Tick to, At at) {
  std::vector<Scheduled> out;
  for (Tick t = from; t < to; ++t)
    for (std::uint32_t i : at(t)) out.push_back({t, i});
  return out;
}

// Member by member: the struct has padding, whose bytes are not part of the state.
void SaveWatches(const std::vector<TriggerWatch>& watches, Writer& out) {
  out.Value<std::uint64_t>(watches.size());
  for (const TriggerWatch& w : watches) {
    out.Value(w.held);
    out.Value(w.fired);
  }
}

std::vector<TriggerWatch> LoadWatches(Reader& in, std::size_t expected) {
  if (in.Value<std::uint64_t>() != expected)
    Fail("the trigger watches do not match the scenario's actions and injects");
  std::vector<TriggerWatch> watches(expected);
  for (TriggerWatch& w : watches) {
    w.held = in.Value<Tick>();
    w.fired = in.Value<bool>();
  }
  return watches;
}

void SaveGlobal(const GlobalState& g, Writer& out) {
  out.Value(g.crisis_start);
  out.Value(g.statements);
  out.Value(g.tone);
  out.Value(g.statement_this_tick);
  out.Value(g.trust_recovering);
  out.Value(g.accommodated);
  out.Value(g.statement_inconsistent);
  out.Vector(g.labelled);
  out.Vector(g.credibility);
  out.Vector(g.rank_factor);
  out.Vector(g.debunk_boost);
  out.Value(g.forward_limit);
  out.Value(g.broadcast_reach);
  out.Vector(g.broadcast_targets);
  out.Vector(g.takedown_queue);
  out.Value<std::uint64_t>(g.takedown_next);
  out.Value(g.takedown_per_tick);
  out.Value(g.takedown_credit);
  out.Value(g.takedown_precision);
  out.Value(g.takedown_wrongly_removed);
  out.Value(g.false_positive_salt);
}

void LoadGlobal(Reader& in, GlobalState& g, std::size_t narratives, AgentId agents) {
  g.crisis_start = in.Value<Tick>();
  g.statements = in.Value<std::uint16_t>();
  g.tone = in.Value<ActionType>();
  g.statement_this_tick = in.Value<bool>();
  g.trust_recovering = in.Value<bool>();
  g.accommodated = in.Value<bool>();
  g.statement_inconsistent = in.Value<bool>();
  g.labelled = in.Vector<std::uint8_t>();
  g.credibility = in.Vector<double>();
  g.rank_factor = in.Vector<double>();
  g.debunk_boost = in.Vector<double>();
  g.forward_limit = in.Value<std::uint32_t>();
  g.broadcast_reach = in.Value<double>();
  g.broadcast_targets = in.Vector<std::uint8_t>();
  g.takedown_queue = in.Vector<AgentId>();
  g.takedown_next = static_cast<std::size_t>(in.Value<std::uint64_t>());
  g.takedown_per_tick = in.Value<double>();
  g.takedown_credit = in.Value<double>();
  g.takedown_precision = in.Value<double>();
  g.takedown_wrongly_removed = in.Value<std::uint64_t>();
  g.false_positive_salt = in.Value<std::uint64_t>();
  for (const std::size_t size : {g.labelled.size(), g.credibility.size(), g.rank_factor.size(),
                                 g.debunk_boost.size(), g.broadcast_targets.size()})
    if (size != narratives) Fail("a per-narrative setting does not cover the narratives");
  if (g.takedown_next > g.takedown_queue.size() ||
      std::any_of(g.takedown_queue.begin(), g.takedown_queue.end(),
                  [&](AgentId v) { return v >= agents; }))
    Fail("the takedown queue names an agent past the population");
}

void SaveRecord(const RunRecord& r, Writer& out) {
  const TimeSeries& s = r.series;
  out.Value(s.narratives);
  out.Value(s.communities);
  out.Vector(s.tick);
  out.Vector(s.state_counts);
  out.Vector(s.posts);
  out.Vector(s.reach);
  out.Vector(s.deliveries);
  for (const auto* v : {&s.outrage_mean, &s.outrage_std, &s.trust_mean, &s.trust_std,
                        &s.opinion_mean, &s.opinion_std, &s.monitored_negative_per_hour})
    out.Vector(*v);
  out.Value<std::uint64_t>(r.events.size());
  for (const EventRecord& e : r.events) {
    out.Value(e.tick);
    out.String(e.category);
    out.String(e.type);
    out.String(e.narrative);
    out.String(e.detail);
  }
}

void LoadRecord(Reader& in, RunRecord& r, Tick ticks_done) {
  TimeSeries& s = r.series;
  s.narratives = in.Value<std::uint32_t>();
  s.communities = in.Value<std::uint32_t>();
  s.tick = in.Vector<Tick>();
  s.state_counts = in.Vector<std::uint32_t>();
  s.posts = in.Vector<std::uint32_t>();
  s.reach = in.Vector<std::uint64_t>();
  s.deliveries = in.Vector<std::uint64_t>();
  for (auto* v : {&s.outrage_mean, &s.outrage_std, &s.trust_mean, &s.trust_std, &s.opinion_mean,
                  &s.opinion_std, &s.monitored_negative_per_hour})
    *v = in.Vector<double>();
  if (s.tick.size() != ticks_done ||
      s.posts.size() != std::size_t{ticks_done} * s.narratives * kNumAgentKinds)
    Fail("the recorded time series do not cover the ticks played");
  const auto events = in.Value<std::uint64_t>();
  if (events > in.left() / 40) Fail("the checkpoint holds more events than bytes (corrupt?)");
  r.events.resize(static_cast<std::size_t>(events));
  for (EventRecord& e : r.events) {
    e.tick = in.Value<Tick>();
    e.category = in.String();
    e.type = in.String();
    e.narrative = in.String();
    e.detail = in.String();
  }
}

}  // namespace

void SimulationStateIo::Save(const Simulation& sim, Writer& out) {
  const Playbook* playbook = sim.scenario_.SelectedPlaybook();
  const std::size_t planned = playbook != nullptr ? playbook->actions.size() : 0;
  if (sim.actions_.size() != planned)
    throw std::logic_error("a simulation with live-queued actions cannot be checkpointed");
  out.Value(kFormatVersion);
  out.Value(sim.tick_);
  SaveWorld(sim.world_, out);
  out.Value<std::uint64_t>(sim.actions_.size());
  const Tick end = sim.scenario_.run.ticks;
  for (const auto& pending :
       {Pending(sim.tick_, end, [&](Tick t) { return sim.schedule_.ActionsAt(t); }),
        Pending(sim.tick_, end, [&](Tick t) { return sim.schedule_.InjectsAt(t); })})
    out.Vector(pending);
  SaveWatches(sim.action_watch_, out);
  SaveWatches(sim.inject_watch_, out);
  out.Vector(sim.inbox_.last_statement_read);
  out.Vector(sim.inbox_.news_due);
  SaveGlobal(sim.global_, out);
  SaveRecord(sim.record_, out);
  for (const Column<Tick>& next : sim.calendar_.next()) out.Vector(next);
  for (const Column<Tick>& due : sim.hazards_.due()) out.Vector(due);
}

Simulation SimulationStateIo::Load(const Scenario& scenario, Reader& in) {
  const auto version = in.Value<std::uint32_t>();
  if (version != kFormatVersion)
    Fail("simulation state format " + std::to_string(version) + ", this build reads " +
         std::to_string(kFormatVersion));
  const auto tick = in.Value<Tick>();
  if (tick > scenario.run.ticks) Fail("the checkpoint is past the end of the run");
  const std::size_t narratives = EffectiveNarratives(scenario).size();
  Simulation sim(scenario, LoadWorld(in, narratives));
  const AgentId n = sim.world_.population.num_agents();

  if (in.Value<std::uint64_t>() != sim.actions_.size())
    Fail("the checkpoint's playbook has a different number of actions than the scenario's");
  sim.tick_ = tick;
  const Tick end = scenario.run.ticks;
  sim.schedule_ = ResponseSchedule({}, {}, end);
  for (const Scheduled& a : in.Vector<Scheduled>()) {
    if (a.tick < tick || a.tick >= end || a.index >= sim.actions_.size())
      Fail("a scheduled action is out of range");
    sim.schedule_.AddAction(a.index, a.tick);
  }
  for (const Scheduled& e : in.Vector<Scheduled>()) {
    if (e.tick < tick || e.tick >= end || e.index >= scenario.injects.size())
      Fail("a scheduled inject is out of range");
    sim.schedule_.AddInject(e.index, e.tick);
  }
  sim.action_watch_ = LoadWatches(in, sim.actions_.size());
  sim.inject_watch_ = LoadWatches(in, scenario.injects.size());
  in.VectorInto(sim.inbox_.last_statement_read);
  in.VectorInto(sim.inbox_.news_due);
  if (sim.inbox_.last_statement_read.size() != n || sim.inbox_.news_due.size() != n)
    Fail("the inbox does not cover the population");
  LoadGlobal(in, sim.global_, narratives, n);
  LoadRecord(in, sim.record_, tick);
  if (sim.record_.series.narratives != narratives ||
      sim.record_.series.communities != sim.num_communities_)
    Fail("the recorded time series do not match the scenario");
  const PopulationState& pop = sim.world_.population;
  std::vector<Column<Tick>> next_post(narratives);
  for (std::size_t k = 0; k < narratives; ++k) {
    Column<Tick>& next = next_post[k];
    in.VectorInto(next);
    if (next.size() != n) Fail("the posting calendar does not cover the population");
    for (AgentId v = 0; v < n; ++v) {
      Tick& at = next[v];
      if (at == kNever) continue;
      // A paused candidate may lie in the past: it then only means none pending.
      const Tick unpaused = PostingCalendar::Unpaused(at);
      if ((unpaused == at && unpaused < tick) || unpaused >= end) Fail("a posting candidate is out of range");
      // In step with the agents (posting_calendar.hpp), also for a checkpoint written before
      // the engine kept it so: a removed agent's candidate dropped, a non-spreader's paused.
      if (pop.removed[v]) at = kNever;
      else if (pop.narratives[k].state[v] != NarrativeState::kSpreader) at |= PostingCalendar::kPaused;
    }
  }
  sim.calendar_.Restore(std::move(next_post), tick, pop.kind, pop.activity_per_hour);
  std::vector<Column<Tick>> hazard_due(narratives);
  for (Column<Tick>& due : hazard_due) {
    in.VectorInto(due);
    if (due.size() != n) Fail("the exposure hazards do not cover the population");
  }
  sim.hazards_.Restore(std::move(hazard_due));

  // Social listening is a deterministic function of the post counts it was shown, which the
  // record holds: replay them rather than store its window.
  const TimeSeries& s = sim.record_.series;
  for (Tick t = 0; t < tick; ++t) {
    std::uint64_t crisis = 0, other = 0;
    for (std::size_t k = 0; k < narratives; ++k) {
      const bool is_crisis = sim.narratives_[k].kind == NarrativeKind::kRumor ||
                             sim.narratives_[k].kind == NarrativeKind::kOutrage;
      for (int kind = 0; kind < kNumAgentKinds; ++kind)
        (is_crisis ? crisis : other) += s.posts[(std::size_t{t} * narratives + k) * kNumAgentKinds +
                                                static_cast<std::size_t>(kind)];
    }
    sim.listening_.Observe(t, crisis, other);
  }
  return sim;
}

void SimulationStateIo::SwapDynamicColumns(Simulation& sim, Column<float>& opinion,
                                           Column<float>& trust, Column<float>& outrage) {
  PopulationState& p = sim.world_.population;
  if (opinion.size() != p.opinion.size() || trust.size() != p.trust.size() ||
      outrage.size() != p.outrage.size())
    throw std::logic_error("SwapDynamicColumns: columns of another size");
  p.opinion.swap(opinion);
  p.trust.swap(trust);
  p.outrage.swap(outrage);
}

}  // namespace firestorm
