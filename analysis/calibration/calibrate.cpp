// Calibration of cascade shapes against Twitter15 (see calibrate.hpp).
#include "analysis/calibration/calibrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "analysis/metrics/distribution.hpp"
#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {

std::string DefaultCalibrationScenario() { return FIRESTORM_SCENARIOS_DIR "/calibration/twitter15.yaml"; }
std::string DefaultCalibrationDataDir() { return FIRESTORM_CALIBRATION_DIR; }

std::vector<std::string> CalibrationParameterNames() {
  return {"share_probability", "attention", "forgetting_per_hour", "stifling_per_exposure", "degree_exponent",
          "mean_followers"};
}

double GetParameter(const Scenario& s, const std::string& name) {
  if (name == "share_probability") return s.narratives.empty() ? 0.0 : s.narratives.front().share_probability;
  if (name == "attention") return s.platform.attention;
  if (name == "forgetting_per_hour") return s.dynamics.forgetting_per_hour;
  if (name == "stifling_per_exposure") return s.dynamics.stifling_per_exposure;
  if (name == "degree_exponent") return s.graph.degree_exponent;
  if (name == "mean_followers") return s.graph.mean_followers;
  throw InputError({}, "unknown calibration parameter '" + name + "'",
                   "use one of " + fmt::format("{}", fmt::join(CalibrationParameterNames(), ", ")));
}

void SetParameter(Scenario& s, const std::string& name, double value) {
  // Probabilities stay probabilities however far the search multiplies them.
  const double p = std::clamp(value, 1e-6, 1.0);
  if (name == "share_probability") {
    for (NarrativeSpec& n : s.narratives) n.share_probability = p;
  } else if (name == "attention") {
    s.platform.attention = p;
  } else if (name == "forgetting_per_hour") {
    s.dynamics.forgetting_per_hour = std::max(value, 1e-6);
  } else if (name == "stifling_per_exposure") {
    s.dynamics.stifling_per_exposure = p;
  } else if (name == "degree_exponent") {
    s.graph.degree_exponent = std::clamp(value, 1.2, 6.0);  // a Pareto exponent above 1
  } else if (name == "mean_followers") {
    s.graph.mean_followers = std::clamp(value, 1.0, static_cast<double>(s.graph.agents - 1) / 2);
  } else {
    GetParameter(s, name);  // throws the message naming the valid parameters
  }
}

CascadeSample SampleOf(const std::vector<TreeStats>& trees, std::uint64_t min_size) {
  CascadeSample s;
  s.trees = trees.size();
  for (const TreeStats& t : trees) {
    if (t.size < min_size) continue;
    s.size.push_back(static_cast<double>(t.size));
    s.depth.push_back(t.depth);
    s.virality.push_back(t.structural_virality);
  }
  return s;
}

Fit CompareSamples(const CascadeSample& simulated, const CascadeSample& real) {
  Fit f;
  f.ks_size = KolmogorovSmirnovDistance(simulated.size, real.size);
  f.ks_depth = KolmogorovSmirnovDistance(simulated.depth, real.depth);
  f.ks_virality = KolmogorovSmirnovDistance(simulated.virality, real.virality);
  f.objective = simulated.size.size() < kMinTrees ? 1.0 : (f.ks_size + f.ks_depth + f.ks_virality) / 3;
  return f;
}

namespace {

Tick LastSeedTick(const Scenario& s) {
  Tick last = 0;
  for (const NarrativeSpec& n : s.narratives) last = std::max(last, n.seeds.at);
  for (const InjectSpec& e : s.injects) last = std::max(last, e.at);
  return last;
}

// True when the latest row of the series counts no spreader of the first `narratives`.
bool NoSpreaderLeft(const TimeSeries& s, std::uint32_t narratives) {
  if (s.num_ticks() == 0) return false;
  const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
  const std::size_t row = s.num_ticks() - 1;
  for (std::size_t k = 0; k < narratives && k < s.narratives; ++k) {
    const auto* first = &s.state_counts[((row * s.narratives + k) * kNumNarrativeStates +
                                         static_cast<int>(NarrativeState::kSpreader)) * per_state];
    for (std::size_t i = 0; i < per_state; ++i)
      if (first[i] != 0) return false;
  }
  return true;
}

}  // namespace

std::vector<TreeStats> SimulateAdoptionTrees(const Scenario& base, std::uint32_t cascades) {
  if (base.narratives.empty()) throw InputError({base.source_file, 0, 0}, "the calibration scenario needs a narrative");
  if (cascades == 0 || cascades > 250)
    throw InputError({}, "the number of cascades must be between 1 and 250 (one narrative each)");
  Scenario s = base;
  const NarrativeSpec cascade = base.narratives.front();
  s.narratives.clear();
  for (std::uint32_t c = 0; c < cascades; ++c) {
    NarrativeSpec n = cascade;
    n.id = fmt::format("cascade_{:03}", c);
    s.narratives.push_back(n);
  }
  Simulation sim(s, BuildScenarioWorld(s));
  // Once no cascade has a spreader left, no tree can grow (unless exposed agents may adopt
  // without a new exposure): stop there rather than play empty ticks.
  const bool can_stop_early = s.dynamics.adopt_without_exposure_per_hour == 0;
  while (!sim.done()) {
    sim.Step();
    if (can_stop_early && sim.ticks_done() > LastSeedTick(s) && NoSpreaderLeft(sim.record().series, cascades)) break;
  }

  // Keep the rows of agents who shared (spreader, or stifler: a former spreader).
  const PopulationState& pop = sim.population();
  const CascadeRecord all = ExtractCascade(pop);
  CascadeRecord shared;
  for (std::size_t r = 0; r < all.child.size(); ++r) {
    const NarrativeState state = pop.narratives[all.narrative[r]].state[all.child[r]];
    if (all.narrative[r] >= cascades || (state != NarrativeState::kSpreader && state != NarrativeState::kStifler)) continue;
    shared.narrative.push_back(all.narrative[r]);
    shared.child.push_back(all.child[r]);
    shared.parent.push_back(all.parent[r]);
    shared.tick.push_back(all.tick[r]);
  }
  std::vector<TreeStats> trees;
  for (std::uint32_t c = 0; c < cascades; ++c) {
    const auto one = ComputeCascadeTrees(shared, static_cast<NarrativeId>(c));
    trees.insert(trees.end(), one.begin(), one.end());
  }
  return trees;
}

namespace {

struct Evaluator {
  const Scenario& base;
  const CalibrationOptions& options;
  const CascadeSample& real;
  const std::function<void(const Evaluation&)>& progress;
  std::vector<Evaluation>& history;

  std::pair<Evaluation, CascadeSample> operator()(const std::vector<CalibrationParameter>& parameters) const {
    // The same parameters twice give the same answer (common random numbers): reuse it.
    for (const Evaluation& e : history) {
      bool same = true;
      for (std::size_t i = 0; i < parameters.size(); ++i) same = same && e.parameters[i].value == parameters[i].value;
      if (same && !parameters.empty()) return {e, {}};
    }
    Scenario s = base;
    for (const CalibrationParameter& p : parameters) SetParameter(s, p.name, p.value);
    const std::vector<TreeStats> trees = SimulateAdoptionTrees(s, options.cascades);
    CascadeSample sample = SampleOf(trees, options.min_size);
    Evaluation e{parameters, CompareSamples(sample, real), sample.size.size(), trees.size()};
    history.push_back(e);
    if (progress) progress(e);
    return {e, std::move(sample)};
  }
};

}  // namespace

CalibrationResult Calibrate(const CalibrationOptions& options, const std::function<void(const Evaluation&)>& progress) {
  Scenario base = LoadScenario(options.scenario_path.empty() ? DefaultCalibrationScenario() : options.scenario_path);
  if (options.agents) base.graph.agents = options.agents;
  const std::vector<LabelledTree> real_trees =
      LoadTwitter15Trees(Twitter15TreesPath(options.data_dir.empty() ? DefaultCalibrationDataDir() : options.data_dir));
  std::vector<TreeStats> real_stats;
  for (const LabelledTree& t : real_trees) real_stats.push_back(t.stats);

  CalibrationResult result;
  result.real_trees = real_trees.size();
  result.real = SampleOf(real_stats, options.min_size);
  std::vector<CalibrationParameter> current;
  for (const std::string& name : options.parameters) current.push_back({name, GetParameter(base, name)});

  Evaluator evaluate{base, options, result.real, progress, result.history};
  auto [before, before_sample] = evaluate(current);
  result.before = before;
  result.before_sample = std::move(before_sample);
  Evaluation best = before;
  for (int round = 0; round < options.rounds; ++round) {
    bool improved = false;
    for (std::size_t i = 0; i < current.size(); ++i) {
      const double centre = best.parameters[i].value;
      for (const double factor : options.factors) {
        if (static_cast<int>(result.history.size()) >= options.max_evaluations) break;
        std::vector<CalibrationParameter> trial = best.parameters;
        Scenario clamped = base;
        SetParameter(clamped, trial[i].name, centre * factor);
        trial[i].value = GetParameter(clamped, trial[i].name);
        const Evaluation e = evaluate(trial).first;
        if (e.fit.objective < best.fit.objective) {
          best = e;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  result.after = best;
  // The sample of the best parameters (simulated again: deterministic, so identical).
  Scenario s = base;
  for (const CalibrationParameter& p : best.parameters) SetParameter(s, p.name, p.value);
  result.after_sample = SampleOf(SimulateAdoptionTrees(s, options.cascades), options.min_size);
  if (options.check_seed != 0) {
    const auto check = [&](const Evaluation& e) {
      Scenario t = base;
      t.run.seed = options.check_seed;
      for (const CalibrationParameter& p : e.parameters) SetParameter(t, p.name, p.value);
      const std::vector<TreeStats> trees = SimulateAdoptionTrees(t, options.cascades);
      const CascadeSample sample = SampleOf(trees, options.min_size);
      return Evaluation{e.parameters, CompareSamples(sample, result.real), sample.size.size(), trees.size()};
    };
    result.before_check = check(result.before);
    result.after_check = check(result.after);
  }
  return result;
}

std::string CalibrationSamplesCsv(const CalibrationResult& r) {
  std::string out = "sample,size,depth,structural_virality\n";
  const auto rows = [&](std::string_view name, const CascadeSample& s) {
    for (std::size_t i = 0; i < s.size.size(); ++i)
      out += fmt::format("{},{},{},{:.6f}\n", name, s.size[i], s.depth[i], s.virality[i]);
  };
  rows("twitter15", r.real);
  rows("before", r.before_sample);
  rows("after", r.after_sample);
  return out;
}

}  // namespace firestorm
