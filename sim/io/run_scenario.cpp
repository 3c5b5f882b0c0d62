#include "sim/io/run_scenario.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <filesystem>

#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/hdf5_writer.hpp"

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

RunResult RunScenario(Scenario scenario, const RunOptions& options,
                      const std::function<void(const RunProgress&)>& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  ApplyOverrides(scenario, options);
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const auto report = [&](const char* phase, Tick done) {
    if (progress) progress({phase, done, scenario.run.ticks, elapsed()});
  };

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
  report("building", 0);
  Simulation sim(scenario, BuildScenarioWorld(scenario));
  header.communities = sim.num_communities();
  Hdf5RunWriter writer(scenario.run.output, header, options.force);
  writer.WriteWorld(sim.world());
  RunResult result;
  result.build_seconds = elapsed();

  const Tick every = scenario.run.snapshot_every;
  while (!sim.done()) {
    sim.Step();
    if (every > 0 && sim.ticks_done() % every == 0)
      writer.AppendSnapshot(sim.ticks_done() - 1, sim.population());
    report("running", sim.ticks_done());
  }
  result.simulate_seconds = elapsed() - result.build_seconds;

  report("writing", sim.ticks_done());
  RuntimeInfo runtime;
  runtime.threads = threads;
  runtime.ticks_completed = sim.ticks_done();
  runtime.complete = true;
  runtime.wall_seconds = elapsed();
  writer.Finish(sim.record(), ExtractCascade(sim.population()), runtime);

  result.output = writer.path();
  result.summary = Summarize(sim.record(), sim.narratives(), sim.population().num_agents());
  result.edges = sim.world().graph.num_edges();
  result.wall_seconds = elapsed();
  result.threads = threads;
  return result;
}

}  // namespace firestorm
