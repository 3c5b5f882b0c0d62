// Writes a sweep (variants x replicates of one scenario) to one HDF5 file: every run's
// headline metrics and time series, and the summary table (mean and 95% confidence interval
// per metric per variant). Schema: docs/hdf5-schema.md, "Sweep files".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

struct SweepTable {
  std::string scenario_name, scenario_yaml, version, git_revision;
  std::uint64_t seed = 0;
  double tick_seconds = 60;
  Tick ticks = 0;
  std::uint32_t replicates = 0;
  bool common_random_numbers = true;
  std::vector<std::string> narrative_ids;
  std::vector<std::string> variant_names, variant_descriptions;
  std::vector<std::string> metric_names;
  std::vector<double> values;                  // [variant][replicate][metric]
  std::vector<double> mean, ci_low, ci_high;   // [variant][metric]
  std::vector<double> outrage_mean, trust_mean;  // [variant][replicate][tick]
  std::vector<std::uint32_t> spreaders;        // [variant][replicate][tick][narrative]
  std::vector<std::uint64_t> reach;            // [variant][replicate][tick][narrative]
};

// Temp file + rename, like run files; refuses to overwrite unless `force`.
void WriteSweepFile(const std::string& path, const SweepTable& table, bool force);

}  // namespace firestorm
