#include "analysis/ensemble/sweep.hpp"

#include <tbb/parallel_for.h>

#include <boost/math/distributions/students_t.hpp>
#include <atomic>
#include <cmath>
#include <fstream>
#include <numeric>

#include "analysis/metrics/crisis_metrics.hpp"
#include "sim/core/error.hpp"
#include "sim/core/usable_threads.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/memory_estimate.hpp"
#include "sim/io/run_scenario.hpp"
#include "sim/io/scenario_override.hpp"

namespace firestorm {
namespace {

// The sweep's extra metric: did mean outrage pass the threshold by the given time?
constexpr std::string_view kThresholdMetric = "p_outrage_above_threshold";

struct RunOutcome {
  std::vector<double> metrics;
  std::vector<double> outrage, trust;
  std::vector<std::uint32_t> spreaders;
  std::vector<std::uint64_t> reach;
};

RunOutcome PlayOne(const Scenario& s, const SweepOptions& o) {
  Simulation sim(s, BuildScenarioWorld(s));
  while (!sim.done()) sim.Step();
  const TimeSeries& ts = sim.record().series;
  RunOutcome out;
  const auto m = AsArray(ComputeCrisisMetrics(sim.record(), sim.narratives(), sim.population().num_agents(),
                                              s.run.tick_seconds));
  out.metrics.assign(m.begin(), m.end());
  const double by_ticks = o.threshold_by_hours * 3600.0 / s.run.tick_seconds;
  bool above = false;
  for (std::size_t t = 0; t < ts.num_ticks() && static_cast<double>(t) < by_ticks; ++t)
    above = above || ts.outrage_mean[t] > o.outrage_threshold;
  out.metrics.push_back(above ? 1.0 : 0.0);
  out.outrage = ts.outrage_mean;
  out.trust = ts.trust_mean;
  const std::size_t per_state = std::size_t{kNumAgentKinds} * ts.communities;
  const std::size_t per_narrative = kNumNarrativeStates * per_state;
  for (std::size_t t = 0; t < ts.num_ticks(); ++t)
    for (std::size_t n = 0; n < ts.narratives; ++n) {
      const auto* first = &ts.state_counts[(t * ts.narratives + n) * per_narrative +
                                           static_cast<int>(NarrativeState::kSpreader) * per_state];
      out.spreaders.push_back(static_cast<std::uint32_t>(std::accumulate(first, first + per_state, std::uint64_t{0})));
      out.reach.push_back(ts.reach[t * ts.narratives + n]);
    }
  return out;
}

}  // namespace

Interval MeanInterval(const std::vector<double>& x, bool proportion) {
  const double n = static_cast<double>(x.size());
  if (x.empty()) return {NAN, NAN, NAN};
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  if (proportion) {  // Wilson score interval: sensible at p = 0 or 1 and for few replicates
    const double z = 1.959963984540054, z2 = z * z;
    const double centre = (mean + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z / (1 + z2 / n) * std::sqrt(mean * (1 - mean) / n + z2 / (4 * n * n));
    return {mean, std::max(0.0, centre - half), std::min(1.0, centre + half)};
  }
  if (x.size() < 2 || !std::isfinite(mean)) return {mean, mean, mean};
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.975);
  return {mean, mean - t * se, mean + t * se};
}

std::vector<SweepVariant> MakeVariants(const Scenario& base, const SweepOptions& o) {
  Scenario start = base;
  RunOptions overrides;
  overrides.ticks = o.ticks;
  overrides.agents = o.agents;
  ApplyOverrides(start, overrides);
  std::vector<std::string> strategies = o.strategies;
  if (strategies.empty()) strategies.push_back(start.run.playbook);
  std::vector<SweepVariant> out;
  for (const std::string& strategy : strategies) {
    Scenario s = start;
    if (!strategy.empty()) {
      RunOptions pick;
      pick.playbook = strategy;
      ApplyOverrides(s, pick);
    }
    if (o.vary_key.empty()) {
      out.push_back({strategy.empty() ? "default" : strategy, "playbook " + strategy, s});
      continue;
    }
    for (const std::string& value : o.vary_values) {
      const std::string label = o.vary_key + "=" + value;
      out.push_back({strategies.size() > 1 ? strategy + " " + label : label,
                     "playbook " + strategy + ", " + label, WithOverride(s, o.vary_key, value)});
    }
  }
  return out;
}

SweepTable RunSweep(const Scenario& base, const SweepOptions& o,
                    const std::function<void(std::size_t, std::size_t)>& progress) {
  if (o.replicates == 0) throw InputError({}, "--replicates must be at least 1", "e.g. --replicates 20");
  const std::vector<SweepVariant> variants = MakeVariants(base, o);
  const std::size_t v_count = variants.size(), r_count = o.replicates;
  // Replicates run side by side, one per worker thread: each needs its own world.
  const auto workers = static_cast<std::uint64_t>(UsableThreads());
  const std::uint64_t at_once = std::min<std::uint64_t>(v_count * r_count, workers);
  for (const SweepVariant& v : variants) CheckMemory(v.scenario, at_once);
  std::vector<RunOutcome> outcomes(v_count * r_count);
  std::atomic<std::size_t> done{0};
  tbb::parallel_for(std::size_t{0}, outcomes.size(), [&](std::size_t i) {
    Scenario s = variants[i / r_count].scenario;
    const std::size_t r = i % r_count;
    // Common random numbers: the seed depends on the replicate only.
    s.run.seed = o.common_random_numbers ? base.run.seed + r : base.run.seed + r + 1'000'003 * (i / r_count + 1);
    outcomes[i] = PlayOne(s, o);
    if (progress) progress(++done, outcomes.size());
  });

  SweepTable t;
  const Scenario& first = variants.front().scenario;
  t.scenario_name = base.name;
  t.scenario_yaml = EmitScenarioYaml(first);
  t.seed = base.run.seed;
  t.tick_seconds = first.run.tick_seconds;
  t.ticks = first.run.ticks;
  t.replicates = o.replicates;
  t.common_random_numbers = o.common_random_numbers;
  for (const NarrativeSpec& n : EffectiveNarratives(first)) t.narrative_ids.push_back(n.id);
  for (const auto name : kCrisisMetricNames) t.metric_names.emplace_back(name);
  t.metric_names.emplace_back(kThresholdMetric);
  const std::size_t m_count = t.metric_names.size();
  for (const SweepVariant& v : variants) {
    t.variant_names.push_back(v.name);
    t.variant_descriptions.push_back(v.description);
  }
  for (const RunOutcome& run : outcomes) {
    t.values.insert(t.values.end(), run.metrics.begin(), run.metrics.end());
    t.outrage_mean.insert(t.outrage_mean.end(), run.outrage.begin(), run.outrage.end());
    t.trust_mean.insert(t.trust_mean.end(), run.trust.begin(), run.trust.end());
    t.spreaders.insert(t.spreaders.end(), run.spreaders.begin(), run.spreaders.end());
    t.reach.insert(t.reach.end(), run.reach.begin(), run.reach.end());
  }
  for (std::size_t v = 0; v < v_count; ++v)
    for (std::size_t m = 0; m < m_count; ++m) {
      std::vector<double> x;
      for (std::size_t r = 0; r < r_count; ++r) x.push_back(t.values[(v * r_count + r) * m_count + m]);
      const Interval ci = MeanInterval(x, t.metric_names[m] == kThresholdMetric);
      t.mean.push_back(ci.mean);
      t.ci_low.push_back(ci.low);
      t.ci_high.push_back(ci.high);
    }
  return t;
}

void WriteSweepCsv(const std::string& path, const SweepTable& t) {
  std::ofstream out(path);
  if (!out) throw OutputError("cannot write " + path);
  out << "variant,metric,mean,ci_low,ci_high,replicates\n";
  const std::size_t m_count = t.metric_names.size();
  for (std::size_t v = 0; v < t.variant_names.size(); ++v)
    for (std::size_t m = 0; m < m_count; ++m)
      out << '"' << t.variant_names[v] << "\"," << t.metric_names[m] << ',' << t.mean[v * m_count + m]
          << ',' << t.ci_low[v * m_count + m] << ',' << t.ci_high[v * m_count + m] << ','
          << t.replicates << '\n';
  if (!out) throw OutputError("cannot write " + path);
}

}  // namespace firestorm
