// Ensembles: one crisis, several variants (playbooks, or values of one scenario key), many
// replicates each, run in parallel. Common random numbers: replicate r of every variant uses
// the same seed, so the same agents are drawn, the same posts are seen and the same coins
// are tossed wherever the variants have not yet diverged; differences between variants then
// come from the strategy rather than from the noise (Law & Kelton, ch. 11).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/dynamics/scenario.hpp"
#include "sim/io/sweep_writer.hpp"

namespace firestorm {

struct SweepOptions {
  std::uint32_t replicates = 10;
  std::vector<std::string> strategies;       // playbooks to compare ("" = the selected one)
  std::string vary_key;                      // a scenario key path ("" = none)
  std::vector<std::string> vary_values;
  bool common_random_numbers = true;         // false: each run gets its own seed
  std::optional<Tick> ticks;
  std::optional<std::uint64_t> agents;
  double outrage_threshold = 0.3;            // for P(mean outrage > threshold by a time)
  double threshold_by_hours = 12;
};

struct SweepVariant {
  std::string name;
  std::string description;
  Scenario scenario;
};

// The variants the options describe: strategies x vary values (their product).
std::vector<SweepVariant> MakeVariants(const Scenario& base, const SweepOptions& options);

// Runs every variant x replicate in parallel (TBB) and summarises them. `progress` gets
// (runs done, runs total). Deterministic for any thread count.
SweepTable RunSweep(const Scenario& base, const SweepOptions& options,
                    const std::function<void(std::size_t, std::size_t)>& progress = {});

// The 95% confidence interval of a mean from replicates (Student t), or, for a proportion
// (each value an outcome 0 or 1), the Wilson score interval.
struct Interval {
  double mean, low, high;
};
Interval MeanInterval(const std::vector<double>& values, bool proportion = false);

// Writes the summary table as CSV: variant, metric, mean, ci_low, ci_high.
void WriteSweepCsv(const std::string& path, const SweepTable& table);

}  // namespace firestorm
