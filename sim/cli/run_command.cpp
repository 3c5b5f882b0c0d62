// `firestorm run FILE`: play a scenario and write its HDF5 file, then print a summary.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/core/duration.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/run_scenario.hpp"

namespace firestorm::cli {
namespace {

void PrintSummary(const RunResult& r, double tick_seconds) {
  const RunSummary& s = r.summary;
  const auto at = [&](Tick t) { return FormatDuration((t + 1) * tick_seconds); };
  fmt::print("\nSummary ({} agents, {} follower edges, {} ticks)\n", s.agents, r.edges, s.ticks);
  fmt::print("  {:<22}{:>14}{:>9}{:>16}{:>12}{:>12}\n", "narrative", "reach", "share",
             "peak spreaders", "at", "bot posts");
  for (const NarrativeSummary& n : s.narratives)
    fmt::print("  {:<22}{:>14}{:>8.1f}%{:>16}{:>12}{:>12}\n", n.id, n.reach, 100 * n.reach_share,
               n.peak_spreaders, n.peak_spreaders ? at(n.peak_spreaders_tick) : "-",
               n.posts_by_bots);
  fmt::print("  peak mean outrage   {:.3f} at {}   (final {:.3f})\n", s.peak_outrage,
             at(s.peak_outrage_tick), s.final_outrage);
  fmt::print("  mean trust          {:.3f} -> {:.3f}\n", s.initial_trust, s.final_trust);
  fmt::print("  posts seen          {}\n", s.deliveries);
  fmt::print("  time                build {:.1f}s, simulate {:.1f}s ({:.0f} agent-updates/s), {} threads\n",
             r.build_seconds, r.simulate_seconds,
             r.simulate_seconds > 0 ? double(s.agents) * s.ticks / r.simulate_seconds : 0.0,
             r.threads);
  fmt::print("\nOutput written to {}\n", r.output);
}

}  // namespace

void AddRunCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string file;
    RunOptions options;
    std::uint64_t seed = 0;
    Tick ticks = 0;
    std::uint64_t agents = 0;
    std::string playbook;
    bool quiet = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("run", "Play a scenario and write the run to an HDF5 file");
  cmd->add_option("FILE", args->file, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->options.output, "Output HDF5 file (default: run.output or <scenario>.h5)");
  cmd->add_option("--seed", args->seed, "Random seed (overrides run.seed)");
  cmd->add_option("--threads", args->options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--ticks", args->ticks, "Number of ticks to play (overrides run.duration)")
      ->check(CLI::Range(1u, 100000000u));
  cmd->add_option("--agents", args->agents, "Number of agents (overrides graph.agents of a generated graph)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{4'000'000'000}));
  cmd->add_option("--playbook", args->playbook, "Playbook to play (default: run.playbook or the first)");
  cmd->add_flag("--force", args->options.force, "Overwrite an existing output file");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar");
  cmd->footer(
      "Examples:\n"
      "  firestorm run scenarios/default.yaml\n"
      "  firestorm run scenarios/default.yaml -o out/run.h5 --threads 2 --seed 7 --force\n"
      "  firestorm run scenarios/misinformation_bots.yaml --playbook debunk_fast --ticks 240");
  registry.Add(cmd, [args, cmd] {
    if (cmd->count("--seed")) args->options.seed = args->seed;
    if (cmd->count("--ticks")) args->options.ticks = args->ticks;
    if (cmd->count("--agents")) args->options.agents = args->agents;
    if (cmd->count("--playbook")) args->options.playbook = args->playbook;
    const Scenario scenario = LoadScenario(args->file);
    ProgressBar bar(!args->quiet);
    const RunResult result =
        RunScenario(scenario, args->options, [&](const RunProgress& p) { bar.Update(p); });
    bar.Finish();
    PrintSummary(result, scenario.run.tick_seconds);
    return 0;
  });
}

}  // namespace firestorm::cli
