#include "sim/io/fork_runner.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <chrono>
#include <filesystem>

#include "sim/core/error.hpp"
#include "sim/dynamics/simulation.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/io/memory_estimate.hpp"

namespace firestorm {
namespace {

const Playbook& FindPlaybook(const Scenario& s, const std::string& name) {
  std::string names;
  for (const Playbook& p : s.playbooks) {
    if (p.name == name) return p;
    names += (names.empty() ? "" : ", ") + p.name;
  }
  throw InputError({s.source_file, 0, 0}, "no playbook named '" + name + "'",
                   names.empty() ? "the scenario has no playbooks" : "choose among: " + names);
}

std::string BranchPath(const std::string& output, const std::string& strategy) {
  const std::filesystem::path p(output);
  return (p.parent_path() / (p.stem().string() + "-" + strategy + p.extension().string())).string();
}

}  // namespace

std::vector<RunResult> RunForks(Scenario scenario, const RunOptions& options, Tick fork_at,
                                const std::vector<std::string>& strategies,
                                const std::function<void(const RunProgress&)>& progress) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  ApplyOverrides(scenario, options);
  CheckMemory(scenario, 2);  // the trunk and one branch (plus the kept snapshots) at once
  if (strategies.empty())
    throw InputError({"--strategies", 0, 0}, "a fork needs at least one strategy", "e.g. --strategies a,b,c");
  if (fork_at >= scenario.run.ticks)
    throw InputError({"--fork-at", 0, 0}, "the fork is at or after the end of the run",
                     "fork earlier than run.duration");
  for (const std::string& name : strategies) {
    FindPlaybook(scenario, name);
    const std::string path = BranchPath(scenario.run.output, name);
    if (std::filesystem::exists(path) && !options.force)
      throw OutputError("refusing to overwrite " + path + " (use --force)");
  }
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const auto report = [&](const char* phase, Tick done) {
    if (progress) progress({phase, done, scenario.run.ticks, elapsed()});
  };

  // The common past: played once, its snapshots kept in memory for every branch's file.
  report("building", 0);
  World initial = BuildScenarioWorld(scenario);
  Simulation trunk(scenario, initial);
  const Tick every = scenario.run.snapshot_every;
  std::vector<std::pair<Tick, PopulationState>> past_snapshots;
  while (trunk.ticks_done() < fork_at) {
    trunk.Step();
    if (every > 0 && trunk.ticks_done() % every == 0)
      past_snapshots.push_back({trunk.ticks_done() - 1, trunk.population()});
    report("running", trunk.ticks_done());
  }

  std::vector<RunResult> results;
  for (const std::string& name : strategies) {
    Simulation branch = trunk;
    branch.SwitchPlaybook(FindPlaybook(scenario, name));
    Scenario recorded = scenario;
    recorded.run.playbook = name;
    RunHeader header = MakeRunHeader(recorded);
    header.playbook = name + " (forked at tick " + std::to_string(fork_at) + " from " + scenario.run.playbook + ")";
    header.communities = branch.num_communities();
    Hdf5RunWriter writer(BranchPath(scenario.run.output, name), header, options.force);
    writer.WriteWorld(initial);
    for (const auto& [tick, population] : past_snapshots) writer.AppendSnapshot(tick, population);
    const double branch_start = elapsed();
    while (!branch.done()) {
      branch.Step();
      if (every > 0 && branch.ticks_done() % every == 0)
        writer.AppendSnapshot(branch.ticks_done() - 1, branch.population());
      report("running", branch.ticks_done());
    }
    RuntimeInfo runtime;
    runtime.threads = threads;
    runtime.ticks_completed = branch.ticks_done();
    runtime.complete = true;
    runtime.wall_seconds = elapsed();
    writer.Finish(branch.record(), ExtractCascade(branch.population()), runtime);
    RunResult r;
    r.output = writer.path();
    r.summary = Summarize(branch.record(), branch.narratives(), branch.population().num_agents());
    r.edges = branch.world().graph.num_edges();
    r.simulate_seconds = elapsed() - branch_start;
    r.wall_seconds = elapsed();
    r.threads = threads;
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace firestorm
