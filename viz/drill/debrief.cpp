#include "viz/drill/debrief.hpp"

#include <algorithm>
#include <limits>

#include "analysis/metrics/crisis_metrics.hpp"

namespace firestorm::viz {

namespace {

struct RunOutcome {
  double peak_outrage, final_trust, reach_share;
  std::vector<double> outrage, trust;
};

RunOutcome Measure(const Simulation& sim) {
  const auto& s = sim.record().series;
  const CrisisMetrics m = ComputeCrisisMetrics(s, sim.narratives(), sim.population().num_agents(),
                                               sim.scenario().run.tick_seconds);
  return {m.peak_outrage, m.final_trust, m.reach_share, s.outrage_mean, s.trust_mean};
}

OutcomeStats Aggregate(std::string name, const std::vector<RunOutcome>& runs) {
  OutcomeStats o;
  o.name = std::move(name);
  o.runs = static_cast<int>(runs.size());
  if (runs.empty()) return o;
  const auto stat = [&](auto field, double& mean, double& lo, double& hi) {
    mean = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const RunOutcome& r : runs) {
      mean += r.*field;
      lo = std::min(lo, r.*field);
      hi = std::max(hi, r.*field);
    }
    mean /= static_cast<double>(runs.size());
  };
  stat(&RunOutcome::peak_outrage, o.peak_outrage, o.peak_outrage_min, o.peak_outrage_max);
  stat(&RunOutcome::final_trust, o.final_trust, o.final_trust_min, o.final_trust_max);
  stat(&RunOutcome::reach_share, o.reach_share, o.reach_share_min, o.reach_share_max);
  std::size_t ticks = runs.front().outrage.size();
  for (const RunOutcome& r : runs) ticks = std::min(ticks, r.outrage.size());
  o.outrage_curve.assign(ticks, 0);
  o.trust_curve.assign(ticks, 0);
  for (const RunOutcome& r : runs)
    for (std::size_t t = 0; t < ticks; ++t) {
      o.outrage_curve[t] += r.outrage[t] / static_cast<double>(runs.size());
      o.trust_curve[t] += r.trust[t] / static_cast<double>(runs.size());
    }
  return o;
}

}  // namespace

OutcomeStats TraineeOutcome(const Simulation& drill) { return Aggregate("trainee", {Measure(drill)}); }

DrillOutcome ComputeDebrief(const Scenario& scenario, Tick ticks, const OutcomeStats& trainee,
                            int replicates, const std::function<void(int, int)>& progress) {
  DrillOutcome out;
  out.trainee = trainee;
  out.replicates = std::max(1, replicates);
  std::vector<const Playbook*> shipped;
  for (const Playbook& p : scenario.playbooks)
    if (p.name != "drill") shipped.push_back(&p);
  const int total = out.replicates * static_cast<int>(shipped.size() + 1);
  int done = 0;
  const auto play = [&](const Playbook& playbook) {
    std::vector<RunOutcome> runs;
    for (int r = 0; r < out.replicates; ++r) {
      Scenario s = scenario;
      s.playbooks = {playbook};
      s.run.playbook = playbook.name;
      s.run.seed = scenario.run.seed + static_cast<std::uint64_t>(r);
      s.run.ticks = ticks;
      Simulation sim(s, BuildScenarioWorld(s));
      while (!sim.done()) sim.Step();
      runs.push_back(Measure(sim));
      if (progress) progress(++done, total);
    }
    return runs;
  };
  ActionSpec nothing;
  nothing.type = ActionType::kNoResponse;
  out.no_response = Aggregate("no response", play(Playbook{"no_response", {nothing}}));
  for (const Playbook* p : shipped) out.playbooks.push_back(Aggregate(p->name, play(*p)));
  for (std::size_t i = 0; i < out.playbooks.size(); ++i)
    if (out.best < 0 || out.playbooks[i].score() < out.playbooks[static_cast<std::size_t>(out.best)].score())
      out.best = static_cast<int>(i);
  return out;
}

}  // namespace firestorm::viz
