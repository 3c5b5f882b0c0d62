// Runs a scenario end to end: build the world, play every tick, write the HDF5 file.
// The command line and the tests both go through here.
#pragma once

#include <atomic>
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
  // Checked before every tick: once it reads true the run stops there, at a tick boundary,
  // and the output is still written, marked incomplete (/provenance/runtime complete = 0).
  // The CLI points it at a flag its SIGINT/SIGTERM handler sets.
  const std::atomic<bool>* stop = nullptr;
  // Checkpoints (docs/reliability.md): every this many seconds of simulated time (0 = none),
  // to `checkpoint` ("" = "<output>.checkpoint"), replaced atomically each time; also written
  // when the run is stopped early, and deleted when it completes.
  double checkpoint_every_seconds = 0;
  std::string checkpoint;
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
  Tick ticks_completed = 0;
  Tick ticks_requested = 0;
  bool complete = true;  // false when options.stop ended the run early
  std::string checkpoint;  // the checkpoint to resume from, when an incomplete run left one
  double tick_seconds = 60;
  std::string model_summary;  // a classic model's run (scenario `model:`): its summary text
};

// Applies the options' overrides to the scenario (the effective scenario records them).
void ApplyOverrides(Scenario& scenario, const RunOptions& options);
// Provenance and labels of a run file for this (overridden) scenario.
struct RunHeader;
RunHeader MakeRunHeader(const Scenario& scenario);

// Throws InputError, OutputError. An interrupted run (options.stop) returns normally with
// complete == false.
RunResult RunScenario(Scenario scenario, const RunOptions& options,
                      const std::function<void(const RunProgress&)>& progress = {});

// Continues the run saved in a checkpoint (`firestorm resume`): the output is what the
// uninterrupted run would have written, bit for bit outside /provenance/runtime. Of `options`
// only output (default: the saved one), force, threads, stop, checkpoint_every_seconds and
// checkpoint (default: the checkpoint resumed from) are used. An output marked incomplete is
// replaced without force. Throws InputError (bad checkpoint), OutputError.
RunResult ResumeRun(const std::string& checkpoint, const RunOptions& options,
                    const std::function<void(const RunProgress&)>& progress = {});

}  // namespace firestorm
