// Calibration of the cascade model against real cascades (Twitter15): simulate many
// single-seed cascades, compare the distributions of their size, depth and structural
// virality with the real ones by the two-sample Kolmogorov–Smirnov distance, and search a few
// named parameters to bring the distributions close. Results: docs/validation.md.
//
// What is compared. A Twitter15 tree holds the tweets of a cascade: the source and its
// retweets and replies, each attached to the post it came from. The simulated counterpart is
// the adoption tree: agents who shared the narrative (final state spreader or stifler), each
// attached to the agent whose post first exposed it; agents exposed who never shared are left
// out, as Twitter15 has no record of readers. Twitter15 kept only large cascades (56 nodes or
// more), so both sides are compared above the same minimum size (`min_size`), and the share of
// simulated cascades that reach it is reported too.
//
// The search: coordinate descent. For each parameter in turn, try the current value times a
// few factors, keep the best (a lower mean KS distance), and repeat for `rounds` rounds.
// Every simulation uses the scenario's seed, so the objective is a deterministic function of
// the parameters (common random numbers) and the search is reproducible.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/calibration/twitter15.hpp"
#include "sim/dynamics/scenario.hpp"

namespace firestorm {

// The parameters the search may move. Each is read from and written to the scenario.
struct CalibrationParameter {
  std::string name;  // one of CalibrationParameterNames()
  double value = 0;
};
std::vector<std::string> CalibrationParameterNames();
double GetParameter(const Scenario& s, const std::string& name);  // throws InputError if unknown
void SetParameter(Scenario& s, const std::string& name, double value);

struct CascadeSample {
  std::vector<double> size, depth, virality;  // one entry per tree kept
  std::size_t trees = 0;                      // all trees, kept or not
};
CascadeSample SampleOf(const std::vector<TreeStats>& trees, std::uint64_t min_size);

struct Fit {
  double ks_size = 1, ks_depth = 1, ks_virality = 1;
  double objective = 1;  // mean of the three; 1 when fewer than kMinTrees simulated trees are kept
};
inline constexpr std::size_t kMinTrees = 10;
Fit CompareSamples(const CascadeSample& simulated, const CascadeSample& real);

// Plays `scenario` with its first narrative cloned into `cascades` narratives (each with its
// own single seed) and returns the adoption trees of all of them.
std::vector<TreeStats> SimulateAdoptionTrees(const Scenario& scenario, std::uint32_t cascades);

struct CalibrationOptions {
  std::string scenario_path;  // default: scenarios/calibration/twitter15.yaml
  std::string data_dir;       // default: analysis/calibration/data
  std::vector<std::string> parameters = {"share_probability", "attention", "forgetting_per_hour"};
  std::vector<double> factors = {0.5, 0.7, 1.4, 2.0};  // tried around the current value
  int rounds = 2;
  std::uint32_t cascades = 120;
  std::uint64_t agents = 0;       // 0 = the scenario's
  std::uint64_t min_size = 50;    // trees smaller than this are not compared
  int max_evaluations = 40;       // the search stops after this many simulations
  std::uint64_t check_seed = 0;   // != 0: evaluate before and after again with this seed
};

struct Evaluation {
  std::vector<CalibrationParameter> parameters;
  Fit fit;
  std::size_t kept = 0, simulated = 0;  // trees >= min_size, and all trees
};

struct CalibrationResult {
  std::size_t real_trees = 0;
  CascadeSample real;
  Evaluation before, after;
  CascadeSample before_sample, after_sample;
  std::vector<Evaluation> history;  // every simulation, in order
  // With options.check_seed: the same two parameter sets on another seed (a held-out check
  // that the improvement is not an artefact of the search seed's noise).
  std::optional<Evaluation> before_check, after_check;
};

// `progress` is told about each evaluation as it finishes.
CalibrationResult Calibrate(const CalibrationOptions& options,
                            const std::function<void(const Evaluation&)>& progress = {});

std::string DefaultCalibrationScenario();
std::string DefaultCalibrationDataDir();

// CSV of the three samples: sample,size,depth,structural_virality (sample = twitter15,
// before, after), for plots (analysis/python/plot_calibration.py).
std::string CalibrationSamplesCsv(const CalibrationResult& result);

}  // namespace firestorm
