// Runs a scenario end to end: build the world, play every tick, write the HDF5 file.
// The command line and the tests both go through here.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sim/dynamics/run_summary.hpp"
#include "sim/dynamics/scenario.hpp"

namespace firestorm {

struct RunOptions {
  std::string output;                 // "" = scenario.run.output, else "<name>.h5"
  bool force = false;                 // overwrite an existing output
  int threads = 0;                    // 0 = all cores
  std::optional<std::uint64_t> seed;  // overrides run.seed
  std::optional<Tick> ticks;          // overrides the run length
  std::optional<std::uint64_t> agents;  // overrides graph.agents (generated graphs only)
  std::optional<std::string> playbook;
};

struct RunProgress {
  std::string phase;  // "building", "running", "writing"
  Tick ticks_done = 0;
  Tick ticks_total = 0;
  double elapsed_seconds = 0;
};

struct RunResult {
  std::string output;
  RunSummary summary;
  EdgeIndex edges = 0;
  double build_seconds = 0;
  double simulate_seconds = 0;
  double wall_seconds = 0;
  int threads = 0;
};

// Applies the options' overrides to the scenario (the effective scenario records them).
void ApplyOverrides(Scenario& scenario, const RunOptions& options);
// Throws InputError, OutputError.
RunResult RunScenario(Scenario scenario, const RunOptions& options,
                      const std::function<void(const RunProgress&)>& progress = {});

}  // namespace firestorm
