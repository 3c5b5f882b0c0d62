// The subcommands of `firestorm`. Each registers its options on the CLI11 app and returns
// the function that runs it; main() maps exceptions to exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <utility>
#include <vector>

namespace firestorm {
struct RunResult;
}

namespace firestorm::cli {

using Command = std::function<int()>;

// Exit code of a run stopped by SIGINT or SIGTERM (docs/cli.md); its output is written and
// marked incomplete. The others are firestorm::ExitCode (sim/core/error.hpp).
inline constexpr int kExitInterrupted = 5;

// Shared by `run` and `resume` (defined in run_command.cpp). The first SIGINT or SIGTERM sets
// the returned flag, which stops the run at the end of the tick; a second one kills.
const std::atomic<bool>* InstallStopHandlers();
// Prints the summary (and how to resume an interrupted run); returns the exit code.
int ReportRun(const RunResult& result);
// Accepts a duration such as "30m" or "2h" (firestorm::ParseDurationSeconds), longer than 0.
CLI::Validator DurationValidator();

// Each Add*Command registers a subcommand and the function that runs it once parsed.
struct Registry {
  std::vector<std::pair<CLI::App*, Command>> commands;
  void Add(CLI::App* app, Command command) { commands.emplace_back(app, std::move(command)); }
};

void AddRunCommand(CLI::App& app, Registry& registry);
void AddBenchCommand(CLI::App& app, Registry& registry);
void AddResumeCommand(CLI::App& app, Registry& registry);
void AddValidateCommand(CLI::App& app, Registry& registry);
void AddGraphCommand(CLI::App& app, Registry& registry);
void AddDrillCommand(CLI::App& app, Registry& registry);  // execs firestorm-view drill
void AddAnalyzeCommand(CLI::App& app, Registry& registry);
void AddReportCommand(CLI::App& app, Registry& registry);
void AddCalibrateCommand(CLI::App& app, Registry& registry);
void AddSweepCommand(CLI::App& app, Registry& registry);
void AddCompareCommand(CLI::App& app, Registry& registry);

}  // namespace firestorm::cli
