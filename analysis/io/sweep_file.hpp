// A sweep file (variants x replicates of one scenario, written by `firestorm sweep`; schema
// in docs/hdf5-schema.md) read through Hdf5Reader:
//   root attributes format = "firestorm-sweep", format_version = 1
//   /provenance (scenario_name, seed, tick_seconds attributes; scenario_yaml dataset)
//   /labels/narrative_ids [N], /variants/name [V], /metrics/names [M]
//   /metrics/values f64 [V, R, M]; /summary/{mean, ci_low, ci_high} f64 [V, M]
//   /timeseries/time_seconds f64 [T], outrage_mean and trust_mean f64 [V, R, T],
//   spreaders u32 [V, R, T, N], reach u64 [V, R, T, N]
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/hdf5_reader.hpp"

namespace firestorm {

inline constexpr char kSweepFormat[] = "firestorm-sweep";
inline constexpr std::uint32_t kSweepFormatVersion = 1;

struct SweepFile {
  std::string path;
  std::string scenario_name, scenario_yaml;
  std::uint64_t seed = 0;
  double tick_seconds = 60;
  std::vector<std::string> narrative_ids, variants, variant_descriptions, metric_names;
  std::size_t replicates = 0, ticks = 0;
  std::vector<double> values;                // [V][R][M]
  std::vector<double> mean, ci_low, ci_high;  // [V][M]
  std::vector<double> time_seconds;          // [T]
  std::vector<double> outrage_mean, trust_mean;  // [V][R][T]
  std::vector<std::uint32_t> spreaders;      // [V][R][T][N]
  std::vector<std::uint64_t> reach;          // [V][R][T][N]

  std::size_t num_variants() const { return variants.size(); }
  std::size_t num_metrics() const { return metric_names.size(); }
  std::size_t num_narratives() const { return narrative_ids.size(); }
  double Value(std::size_t v, std::size_t r, std::size_t m) const { return values[(v * replicates + r) * num_metrics() + m]; }
};

// True when the file's root attribute format is "firestorm-sweep".
bool IsSweepFile(const Hdf5Reader& file);

// Throws InputError when the file is not a sweep file of a known version or its shapes disagree.
SweepFile LoadSweepFile(const Hdf5Reader& file);

}  // namespace firestorm
