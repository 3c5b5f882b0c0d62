// `firestorm run FILE`: play a scenario and write its HDF5 file, then print a summary.
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/core/duration.hpp"
#include "sim/io/config_yaml.hpp"
#include "sim/io/fork_runner.hpp"
#include "sim/io/memory_estimate.hpp"
#include "sim/io/run_scenario.hpp"
#include "sim/core/error.hpp"

namespace firestorm::cli {
namespace {

// Set by the first SIGINT or SIGTERM; the run loop reads it before every tick. A lock-free
// atomic store and write(2) are all the handler does: both are async-signal-safe.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void RequestStop(int) {
  stop_requested.store(true, std::memory_order_relaxed);
  static constexpr char kMessage[] =
      "\nfirestorm: stopping at the end of this tick and writing what was played "
      "(signal again to quit at once, leaving no output)\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

void PrintSummary(const RunResult& r, double tick_seconds) {
  if (!r.model_summary.empty()) {  // a classic model (scenario `model:`)
    fmt::print("{}\nOutput written to {}\n", r.model_summary, r.output);
    return;
  }
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
  const auto when = [&](Tick t) { return t == kNever ? std::string("never") : at(t); };
  fmt::print("  crisis detected     {}   first response {}\n", when(s.detected_tick),
             when(s.first_response_tick));
  fmt::print("  time                build {:.1f}s, simulate {:.1f}s ({:.0f} agent-updates/s), {} threads\n",
             r.build_seconds, r.simulate_seconds,
             r.simulate_seconds > 0 ? double(s.agents) * s.ticks / r.simulate_seconds : 0.0,
             r.threads);
  fmt::print("\nOutput written to {}\n", r.output);
}

}  // namespace

// The first signal asks for a clean stop; SA_RESETHAND restores the default action, so a
// second one ends the process at once.
const std::atomic<bool>* InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND | SA_RESTART;  // SA_RESTART: no EINTR in reads and writes
  for (const int signal : {SIGINT, SIGTERM}) sigaction(signal, &action, nullptr);
  return &stop_requested;
}

int ReportRun(const RunResult& result) {
  PrintSummary(result, result.tick_seconds);
  if (result.complete) return 0;
  fmt::print(stderr,
             "\nInterrupted after {} of {} ticks: {} holds those ticks and is marked "
             "incomplete (/provenance/runtime complete = 0)\n",
             result.ticks_completed, result.ticks_requested, result.output);
  if (!result.checkpoint.empty())
    fmt::print(stderr, "Resume with: firestorm resume {}\n", result.checkpoint);
  return kExitInterrupted;
}

namespace {
// --fork-at T --strategies a,b: one trunk up to T, then one file per strategy.
int RunForkCommand(const Scenario& scenario, const RunOptions& options, const std::string& fork_at,
                   const std::vector<std::string>& strategies, bool quiet) {
  const auto seconds = ParseDurationSeconds(fork_at);
  if (!seconds)
    throw InputError({"--fork-at", 0, 0}, "'" + fork_at + "' is not a duration",
                     "use --fork-at with --strategies, e.g. --fork-at 2h --strategies a,b");
  const auto tick = static_cast<Tick>(std::llround(*seconds / scenario.run.tick_seconds));
  ProgressBar bar(!quiet);
  const std::vector<RunResult> results =
      RunForks(scenario, options, tick, strategies, [&](const RunProgress& p) { bar.Update(p); });
  bar.Finish();
  fmt::print("\nForked at {} into {} branches:\n", FormatDuration(tick * scenario.run.tick_seconds),
             results.size());
  fmt::print("  {:<24}{:>14}{:>14}{:>14}  {}\n", "strategy", "peak outrage", "final trust", "reach", "file");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const RunSummary& s = results[i].summary;
    const double reach = s.narratives.empty() ? 0.0 : s.narratives.front().reach_share;
    fmt::print("  {:<24}{:>14.3f}{:>14.3f}{:>13.1f}%  {}\n", strategies[i], s.peak_outrage, s.final_trust,
               100 * reach, results[i].output);
  }
  return 0;
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
    std::string fork_at;
    std::vector<std::string> strategies;
    std::string checkpoint_every;
    bool quiet = false;
    bool dry_run = false;
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
  cmd->add_option("--fork-at", args->fork_at,
                  "Play until this time (e.g. 2h), then branch into each of --strategies");
  cmd->add_option("--strategies", args->strategies, "Playbooks to branch into at --fork-at, comma separated")
      ->delimiter(',');
  cmd->add_option("--checkpoint-every", args->checkpoint_every,
                  "Save the whole run every DURATION of simulated time (e.g. 1h), to resume it "
                  "after a crash with `firestorm resume`")
      ->check(DurationValidator());
  cmd->add_option("--checkpoint", args->options.checkpoint,
                  "Checkpoint file (default: OUT.checkpoint); deleted when the run completes")
      ->needs("--checkpoint-every");
  cmd->add_flag("--force", args->options.force, "Overwrite an existing output file");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar");
  cmd->add_flag("--dry-run", args->dry_run,
                "Print the memory estimate (graph, population, engine) and exit without running");
  cmd->footer(
      "Examples:\n"
      "  firestorm run scenarios/default.yaml\n"
      "  firestorm run scenarios/default.yaml -o out/run.h5 --checkpoint-every 2h\n"
      "  firestorm run scenarios/default.yaml -o out/run.h5 --threads 2 --seed 7 --force\n"
      "  firestorm run scenarios/health_misinformation.yaml --playbook debunk_fast --ticks 240\n"
      "  firestorm run scenarios/default.yaml --fork-at 2h --strategies fast_empathy,silence -o out/fork.h5");
  registry.Add(cmd, [args, cmd] {
    if (cmd->count("--seed")) args->options.seed = args->seed;
    if (cmd->count("--ticks")) args->options.ticks = args->ticks;
    if (cmd->count("--agents")) args->options.agents = args->agents;
    if (cmd->count("--playbook")) args->options.playbook = args->playbook;
    const Scenario scenario = LoadScenario(args->file);
    if (args->dry_run) {
      Scenario effective = scenario;
      ApplyOverrides(effective, args->options);
      fmt::print("{}", FormatMemoryEstimate(EstimateMemory(effective)));
      return 0;
    }
    if (!args->fork_at.empty() || !args->strategies.empty())
      return RunForkCommand(scenario, args->options, args->fork_at, args->strategies, args->quiet);
    if (!args->checkpoint_every.empty())
      args->options.checkpoint_every_seconds = *ParseDurationSeconds(args->checkpoint_every);
    ProgressBar bar(!args->quiet);
    args->options.stop = InstallStopHandlers();
    const RunResult result =
        RunScenario(scenario, args->options, [&](const RunProgress& p) { bar.Update(p); });
    bar.Finish();
    return ReportRun(result);
  });
}

}  // namespace firestorm::cli
