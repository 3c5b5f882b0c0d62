// The last step of reading a scenario, once every file is applied: required keys, checks that
// span several keys (tick against duration, graph file against generator, accounts against
// agents), times converted to ticks with rounding, and narrative and playbook names resolved.
#include <algorithm>
#include <cmath>

#include "sim/core/duration.hpp"
#include "sim/io/scenario_draft.hpp"

namespace firestorm::scenario_draft {

namespace {

std::string Number(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Times are rounded to the nearest tick; "never" and times past 2^32 ticks never fire.
Tick ToTicks(double seconds, double tick_seconds) {
  if (std::isinf(seconds)) return kNever;
  const double ticks = std::round(seconds / tick_seconds);
  return ticks >= static_cast<double>(kNever) ? kNever : static_cast<Tick>(ticks);
}

// The trigger of an action or inject with its hold and delay in ticks.
Trigger ToTrigger(const DraftTiming& timing, double tick_seconds) {
  Trigger trigger = timing.trigger;
  trigger.hold = ToTicks(timing.hold_seconds, tick_seconds);
  trigger.delay = ToTicks(timing.delay_seconds, tick_seconds);
  return trigger;
}

NarrativeId ResolveNarrative(const NameRef& ref, const std::vector<DraftNarrative>& narratives) {
  std::vector<std::string_view> ids;
  for (std::size_t i = 0; i < narratives.size(); ++i) {
    if (narratives[i].spec.id == ref.name) return static_cast<NarrativeId>(i);
    ids.push_back(narratives[i].spec.id);
  }
  const std::string closest = yaml_reader::ClosestName(ref.name, ids);
  FailAt(ref.site,
         "unknown narrative '" + ref.name + "'; the narratives are " + yaml_reader::JoinNames(ids),
         closest.empty() ? "use the id of a narrative declared under narratives:"
                         : "did you mean '" + closest + "'?");
}

void CheckGraph(const ScenarioDraft& d) {
  const GraphSpec& g = d.scenario.graph;
  if (g.generator == GraphGenerator::kFile) {
    if (g.file.empty())
      FailAt(d.generator_site, "the 'file' generator needs graph.file",
             "add file: <path to the edge list or GraphML file> under graph:");
    return;
  }
  if (!g.file.empty())
    FailAt(d.graph_file_site, "a graph file is given but graph.generator is not 'file'",
           "add generator: file under graph: to read the graph from this file");
  const auto agents = static_cast<double>(g.agents);
  if (g.mean_followers > agents - 1)
    FailAt(d.mean_followers_site,
           "mean_followers (" + Number(g.mean_followers) +
               ") must be below the number of agents (" + std::to_string(g.agents) + ")",
           "lower graph.mean_followers or raise graph.agents");
  if (g.generator == GraphGenerator::kEchoChambers && g.communities > g.agents)
    FailAt(d.communities_site,
           "more communities (" + std::to_string(g.communities) + ") than agents (" +
               std::to_string(g.agents) + ")",
           "lower graph.communities");
  const PopulationSpec& p = d.scenario.population;
  if (p.bots.Resolve(g.agents) + p.influencers.Resolve(g.agents) > g.agents)
    FailAt(d.bots_site,
           "bots and influencers together outnumber the agents (" + std::to_string(g.agents) + ")",
           "lower population.bots or population.influencers");
}

}  // namespace

Scenario Finalize(ScenarioDraft d) {
  Scenario& s = d.scenario;
  if (s.name.empty())
    FailAt(Site{d.root.where, "name"}, "required key is missing",
           "add it, e.g. name: Product recall rumor");
  if (d.narratives.empty() && !s.model.enabled())  // a classic model needs no narrative
    FailAt(Site{d.root.where, "narratives"}, "at least one narrative is required",
           "add e.g. narratives: [{id: fake_recall, kind: rumor}]");

  const double tick = d.tick_seconds;
  if (tick > d.duration_seconds)
    FailAt(d.tick_site,
           "the tick (" + FormatDuration(tick) + ") is longer than the run (" +
               FormatDuration(d.duration_seconds) + ")",
           "shorten run.tick or lengthen run.duration");
  const double ticks = std::round(d.duration_seconds / tick);
  if (ticks >= static_cast<double>(kNever))
    FailAt(d.duration_site, "the run would last " + Number(ticks) + " ticks, too many",
           "use a longer run.tick or a shorter run.duration");
  s.run.tick_seconds = tick;
  s.run.ticks = static_cast<Tick>(ticks);
  s.run.snapshot_every = d.snapshot_seconds == 0 ? 0 : ToTicks(d.snapshot_seconds, tick);
  if (d.snapshot_seconds > 0 && s.run.snapshot_every == 0)
    FailAt(d.snapshot_site, "is shorter than one tick (" + FormatDuration(tick) + ")",
           "write at least one tick, or never for no snapshots");
  s.monitoring.detect_hold = ToTicks(d.detect_for_seconds, tick);

  for (std::size_t i = 0; i < d.narratives.size(); ++i) {
    DraftNarrative& n = d.narratives[i];
    n.spec.seeds.at = ToTicks(n.seeds_at_seconds, tick);
    if (n.target) {
      const NarrativeId target = ResolveNarrative(*n.target, d.narratives);
      if (target == i)
        FailAt(n.target->site, "a debunk cannot target itself", "name the narrative it corrects");
      if (d.narratives[target].spec.kind == NarrativeKind::kDebunk)
        FailAt(n.target->site, "'" + n.target->name + "' is itself a debunk",
               "a debunk corrects a rumor or outrage narrative");
      n.spec.target = target;
    }
    s.narratives.push_back(n.spec);
  }

  for (const DraftPlaybook& draft_playbook : d.playbooks) {
    Playbook playbook{draft_playbook.name, {}};
    for (const DraftAction& a : draft_playbook.actions) {
      ActionSpec spec = a.spec;
      spec.at = ToTicks(a.timing.at_seconds, tick);
      spec.trigger = ToTrigger(a.timing, tick);
      spec.every = a.every_seconds == 0 ? 0 : ToTicks(a.every_seconds, tick);
      if (a.every_seconds > 0 && spec.every == 0)
        FailAt(a.every_site, "is shorter than one tick (" + FormatDuration(tick) + ")",
               "repeat at least once per tick, or remove every for a single action");
      spec.until = ToTicks(a.until_seconds, tick);
      spec.narrative = a.narrative ? ResolveNarrative(*a.narrative, d.narratives) : kAllNarratives;
      playbook.actions.push_back(std::move(spec));
    }
    s.playbooks.push_back(std::move(playbook));
  }

  for (const DraftInject& i : d.injects) {
    InjectSpec spec = i.spec;
    spec.at = ToTicks(i.timing.at_seconds, tick);
    spec.trigger = ToTrigger(i.timing, tick);
    spec.narrative = i.narrative ? ResolveNarrative(*i.narrative, d.narratives) : 0;
    s.injects.push_back(std::move(spec));
  }

  if (d.playbook && !d.playbook->name.empty()) {
    std::vector<std::string_view> names;
    for (const auto& p : s.playbooks) names.push_back(p.name);
    if (std::find(names.begin(), names.end(), d.playbook->name) == names.end()) {
      const std::string closest = yaml_reader::ClosestName(d.playbook->name, names);
      FailAt(d.playbook->site,
             "unknown playbook '" + d.playbook->name + "'" +
                 (names.empty() ? "; the scenario has no playbooks"
                                : "; the playbooks are " + yaml_reader::JoinNames(names)),
             !closest.empty() ? "did you mean '" + closest + "'?"
             : names.empty()  ? "define it under playbooks:"
                              : "name one of the playbooks");
    }
    s.run.playbook = d.playbook->name;
  } else {
    s.run.playbook = s.playbooks.empty() ? "" : s.playbooks.front().name;
  }

  CheckGraph(d);
  return std::move(d.scenario);
}

}  // namespace firestorm::scenario_draft
