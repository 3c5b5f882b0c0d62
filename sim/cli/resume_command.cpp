// `firestorm resume CHECKPOINT`: continue a run that `firestorm run --checkpoint-every` saved,
// after a crash, a kill or an interruption. The output is what the uninterrupted run would
// have written (docs/reliability.md).
#include <fmt/format.h>

#include <memory>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/core/duration.hpp"
#include "sim/io/run_scenario.hpp"

namespace firestorm::cli {

CLI::Validator DurationValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto seconds = ParseDurationSeconds(text);
        if (!seconds || *seconds <= 0) return "expected a duration such as 30m, 2h or 1d, found '" + text + "'";
        return {};
      },
      "DURATION");
}

void AddResumeCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string checkpoint;
    RunOptions options;
    std::string checkpoint_every;
    bool quiet = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "resume", "Continue a run from its checkpoint (written by run --checkpoint-every)");
  cmd->add_option("CHECKPOINT", args->checkpoint, "Checkpoint file")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->options.output,
                  "Output HDF5 file (default: the interrupted run's output)");
  cmd->add_option("--threads", args->options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--checkpoint-every", args->checkpoint_every,
                  "Checkpoint interval, simulated time (default: the interrupted run's)")
      ->check(DurationValidator());
  cmd->add_option("--checkpoint", args->options.checkpoint,
                  "Where to keep checkpointing (default: CHECKPOINT itself)");
  cmd->add_flag("--force", args->options.force,
                "Overwrite an existing output (one marked incomplete is replaced anyway)");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress bar");
  cmd->footer(
      "The scenario, seed, playbook and overrides are the interrupted run's; threads may differ.\n"
      "Examples:\n"
      "  firestorm run scenarios/default.yaml -o out/run.h5 --checkpoint-every 2h\n"
      "  firestorm resume out/run.h5.checkpoint\n"
      "  firestorm resume out/run.h5.checkpoint -o out/elsewhere.h5 --threads 2");
  registry.Add(cmd, [args] {
    if (!args->checkpoint_every.empty())
      args->options.checkpoint_every_seconds = *ParseDurationSeconds(args->checkpoint_every);
    ProgressBar bar(!args->quiet);
    args->options.stop = InstallStopHandlers();
    const RunResult result =
        ResumeRun(args->checkpoint, args->options, [&](const RunProgress& p) { bar.Update(p); });
    bar.Finish();
    return ReportRun(result);
  });
}

}  // namespace firestorm::cli
