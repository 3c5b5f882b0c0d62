#include "sim/io/run_scenario.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>

#include "git_revision.h"
#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/dynamics/simulation_state_io.hpp"
#include "sim/io/checkpoint.hpp"
#include "sim/io/classic_run.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/hdf5_reader.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/io/memory_estimate.hpp"

namespace firestorm {

void ApplyOverrides(Scenario& scenario, const RunOptions& options) {
  if (options.seed) scenario.run.seed = *options.seed;
  if (options.ticks) scenario.run.ticks = *options.ticks;
  if (options.agents) {
    if (scenario.graph.generator == GraphGenerator::kFile)
      throw InputError({scenario.source_file, 0, 0}, "--agents cannot resize a graph read from a file",
                       "drop --agents, or use a generated graph");
    scenario.graph.agents = *options.agents;
  }
  if (options.playbook) {
    bool found = scenario.playbooks.empty() && options.playbook->empty();
    std::string names;
    for (const Playbook& p : scenario.playbooks) {
      found = found || p.name == *options.playbook;
      names += (names.empty() ? "" : ", ") + p.name;
    }
    if (!found)
      throw InputError({scenario.source_file, 0, 0},
                       "no playbook named '" + *options.playbook + "'",
                       names.empty() ? "the scenario has no playbooks" : "choose one of: " + names);
    scenario.run.playbook = *options.playbook;
  }
  if (!options.output.empty()) scenario.run.output = options.output;
  if (scenario.run.output.empty()) {
    const std::string stem = std::filesystem::path(scenario.source_file).stem().string();
    scenario.run.output = (stem.empty() ? std::string("firestorm-run") : stem) + ".h5";
  }
  if (const Playbook* p = scenario.SelectedPlaybook()) scenario.run.playbook = p->name;
}

RunHeader MakeRunHeader(const Scenario& scenario) {
  RunHeader header;
  header.scenario_name = scenario.name;
  {
    // Where the file lives is not part of what it contains: leave the output path out, so
    // the same run written to two places compares equal.
    Scenario recorded = scenario;
    recorded.run.output.clear();
    header.scenario_yaml = EmitScenarioYaml(recorded);
  }
  header.playbook = scenario.run.playbook;
  header.version = FIRESTORM_VERSION;
  header.git_revision = FIRESTORM_GIT_REVISION;
  header.seed = scenario.run.seed;
  header.tick_seconds = scenario.run.tick_seconds;
  header.ticks = scenario.run.ticks;
  for (const NarrativeSpec& n : EffectiveNarratives(scenario)) {
    header.narrative_ids.push_back(n.id);
    header.narrative_kinds.push_back(std::string(kNarrativeKindNames[static_cast<int>(n.kind)]));
  }
  return header;
}

namespace {

using Clock = std::chrono::steady_clock;

// One run being played and written, fresh or resumed.
class RunLoop {
 public:
  RunLoop(const RunOptions& options, const std::function<void(const RunProgress&)>& progress)
      : options_(options), progress_(progress), start_(Clock::now()),
        threads_(options.threads > 0 ? options.threads : tbb::info::default_concurrency()),
        limit_(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads_)) {}

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
  void Report(const char* phase, Tick done, Tick total) const {
    if (progress_) progress_({phase, done, total, elapsed()});
  }

  // Plays the remaining ticks, writing snapshots and checkpoints as they fall due; then
  // finishes the file (marked incomplete when stopped early). `checkpoint` is null when the
  // run is not checkpointed.
  RunResult Play(Simulation& sim, const Scenario& scenario, Hdf5RunWriter& writer,
                 CheckpointRun* checkpoint) {
    RunResult result;
    result.build_seconds = elapsed();
    const Tick snapshot_every = scenario.run.snapshot_every;
    const auto stop_requested = [&] {
      return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed);
    };
    Tick saved_at = sim.ticks_done();  // the tick the latest checkpoint holds
    while (!sim.done() && !stop_requested()) {
      sim.Step();
      const Tick done = sim.ticks_done();
      if (snapshot_every > 0 && done % snapshot_every == 0) {
        writer.AppendSnapshot(done - 1, sim.population());
        if (checkpoint) checkpoint->snapshots.push_back(SnapshotCopy::Of(done - 1, sim.population()));
      }
      if (checkpoint && done % checkpoint->checkpoint_every == 0 && !sim.done()) {
        WriteCheckpoint(checkpoint->checkpoint, *checkpoint, sim);
        saved_at = done;
      }
      Report("running", done, sim.num_ticks());
    }
    result.simulate_seconds = elapsed() - result.build_seconds;
    // Stopped early: save exactly where it stopped, so that resume goes on from there.
    if (checkpoint && !sim.done() && saved_at != sim.ticks_done())
      WriteCheckpoint(checkpoint->checkpoint, *checkpoint, sim);

    Report("writing", sim.ticks_done(), sim.num_ticks());
    RuntimeInfo runtime;
    runtime.threads = threads_;
    runtime.ticks_completed = sim.ticks_done();
    runtime.complete = sim.done();
    runtime.wall_seconds = elapsed();
    writer.Finish(sim.record(), ExtractCascade(sim.population()), runtime);
    if (checkpoint) {
      if (runtime.complete) {
        // The output is complete: the checkpoint is no longer needed, nor the temporary file a
        // process killed while writing one may have left.
        std::remove(checkpoint->checkpoint.c_str());
        std::remove((checkpoint->checkpoint + ".tmp").c_str());
      } else {
        result.checkpoint = checkpoint->checkpoint;
      }
    }

    result.output = writer.path();
    result.summary = Summarize(sim.record(), sim.narratives(), sim.population().num_agents());
    result.edges = sim.world().graph.num_edges();
    result.wall_seconds = elapsed();
    result.threads = threads_;
    result.ticks_completed = sim.ticks_done();
    result.ticks_requested = sim.num_ticks();
    result.complete = runtime.complete;
    result.tick_seconds = scenario.run.tick_seconds;
    return result;
  }

 private:
  const RunOptions& options_;
  const std::function<void(const RunProgress&)>& progress_;
  Clock::time_point start_;
  int threads_;
  tbb::global_control limit_;
};

Tick CheckpointTicks(double seconds, double tick_seconds) {
  return static_cast<Tick>(std::clamp(std::round(seconds / tick_seconds), 1.0, 4294967295.0));
}

// The checkpoint path a run uses, checked before the run starts: a run that could not save
// its first checkpoint hours later would lose those hours.
std::string CheckpointPath(const std::string& chosen, const std::string& output) {
  namespace fs = std::filesystem;
  const std::string path = chosen.empty() ? output + ".checkpoint" : chosen;
  std::error_code ec;
  if (fs::weakly_canonical(path, ec) == fs::weakly_canonical(output, ec))
    throw OutputError("the checkpoint " + path + " would overwrite the output; choose another --checkpoint");
  fs::path folder = fs::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!fs::is_directory(folder, ec))
    throw OutputError("cannot write the checkpoint " + path + ": the folder " + folder.string() +
                      " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw OutputError("cannot write the checkpoint " + path + ": the folder " + folder.string() +
                      " is not writable (" + std::strerror(errno) + ")");
  if (fs::is_directory(path, ec)) throw OutputError("cannot write the checkpoint " + path + ": it is a folder");
  return path;
}

// True when `path` is a run file marked incomplete (an interrupted run), which resume may
// replace without --force.
bool IsIncompleteRun(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return false;
  try {
    const Hdf5Reader r = Hdf5Reader::OpenRun(path);
    return r.ReadAttribute<std::int32_t>("/provenance/runtime", "complete") == 0;
  } catch (const InputError&) {
    return false;
  }
}

}  // namespace

RunResult RunScenario(Scenario scenario, const RunOptions& options,
                      const std::function<void(const RunProgress&)>& progress) {
  ApplyOverrides(scenario, options);
  CheckMemory(scenario);  // refuses a run that would not fit, naming the estimate
  if (scenario.model.enabled()) return RunClassicScenario(scenario, options, progress);
  const std::string checkpoint_path = options.checkpoint_every_seconds > 0
                                          ? CheckpointPath(options.checkpoint, scenario.run.output)
                                          : std::string();
  RunLoop loop(options, progress);
  RunHeader header = MakeRunHeader(scenario);
  loop.Report("building", 0, scenario.run.ticks);
  Simulation sim(scenario, BuildScenarioWorld(scenario));
  header.communities = sim.num_communities();
  std::optional<CheckpointRun> checkpoint;
  if (options.checkpoint_every_seconds > 0) {
    checkpoint.emplace();
    checkpoint->scenario_yaml = EmitScenarioYaml(scenario);
    checkpoint->scenario_file = scenario.source_file;
    checkpoint->output = scenario.run.output;
    checkpoint->force = options.force;
    checkpoint->checkpoint = checkpoint_path;
    checkpoint->checkpoint_every =
        CheckpointTicks(options.checkpoint_every_seconds, scenario.run.tick_seconds);
    checkpoint->firestorm_version = FIRESTORM_VERSION;
    checkpoint->git_revision = FIRESTORM_GIT_REVISION;
    checkpoint->initial_opinion = sim.population().opinion;
    checkpoint->initial_trust = sim.population().trust;
    checkpoint->initial_outrage = sim.population().outrage;
  }
  Hdf5RunWriter writer(scenario.run.output, header, options.force);
  writer.WriteWorld(sim.world());
  return loop.Play(sim, scenario, writer, checkpoint ? &*checkpoint : nullptr);
}

RunResult ResumeRun(const std::string& checkpoint_path, const RunOptions& options,
                    const std::function<void(const RunProgress&)>& progress) {
  RunLoop loop(options, progress);
  loop.Report("loading", 0, 0);
  LoadedCheckpoint loaded = ReadCheckpoint(checkpoint_path);
  Scenario& scenario = loaded.scenario;
  Simulation& sim = *loaded.simulation;
  CheckpointRun& run = loaded.run;
  if (!options.output.empty()) run.output = options.output;
  run.checkpoint = CheckpointPath(options.checkpoint.empty() ? checkpoint_path : options.checkpoint,
                                  run.output);
  if (options.checkpoint_every_seconds > 0)
    run.checkpoint_every = CheckpointTicks(options.checkpoint_every_seconds, scenario.run.tick_seconds);
  run.force = run.force || options.force;

  RunHeader header = MakeRunHeader(scenario);
  header.communities = sim.num_communities();
  Hdf5RunWriter writer(run.output, header, run.force || IsIncompleteRun(run.output));
  // The file starts as the interrupted run's did: the world with its initial columns, then
  // the snapshots taken before the checkpoint.
  SimulationStateIo::SwapDynamicColumns(sim, run.initial_opinion, run.initial_trust,
                                        run.initial_outrage);
  writer.WriteWorld(sim.world());
  SimulationStateIo::SwapDynamicColumns(sim, run.initial_opinion, run.initial_trust,
                                        run.initial_outrage);
  PopulationState scratch;
  scratch.kind = sim.population().kind;
  for (const SnapshotCopy& s : run.snapshots) {
    s.CopyInto(scratch);
    writer.AppendSnapshot(s.tick, scratch);
  }
  return loop.Play(sim, scenario, writer, &run);
}

}  // namespace firestorm
