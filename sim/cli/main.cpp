// `firestorm`: parse the command line, dispatch to a subcommand, map errors to exit codes.
#include <exception>
#include <iostream>

#include "git_revision.h"
#include "sim/cli/commands.hpp"
#include "sim/core/error.hpp"

int main(int argc, char** argv) {
  using firestorm::ExitCode;
  CLI::App app{"Firestorm: agent-based simulation of crises on social media.\n"};
  app.footer(
      "Examples:\n"
      "  firestorm run scenarios/default.yaml -o out/default.h5\n"
      "  firestorm run scenarios/default.yaml --threads 2 --seed 7 --ticks 120\n"
      "  firestorm validate scenarios/*.yaml\n"
      "  firestorm graph stats ../shared/data/karate_club/karate.gml\n"
      "\nExit codes: 0 ok, 1 internal failure, 2 usage, 3 invalid input, 4 output error,\n"
      "5 interrupted (SIGINT/SIGTERM: the output is written, marked incomplete).\n"
      "Documentation: docs/cli.md, docs/scenario-reference.md, docs/hdf5-schema.md");
  app.set_version_flag("--version", "firestorm " FIRESTORM_VERSION " (" FIRESTORM_GIT_REVISION ")");
  app.require_subcommand(1);
  firestorm::cli::Registry registry;
  firestorm::cli::AddRunCommand(app, registry);
  firestorm::cli::AddBenchCommand(app, registry);
  firestorm::cli::AddResumeCommand(app, registry);
  firestorm::cli::AddValidateCommand(app, registry);
  firestorm::cli::AddGraphCommand(app, registry);
  firestorm::cli::AddDrillCommand(app, registry);
  firestorm::cli::AddAnalyzeCommand(app, registry);
  firestorm::cli::AddReportCommand(app, registry);
  firestorm::cli::AddCalibrateCommand(app, registry);
  firestorm::cli::AddSweepCommand(app, registry);
  firestorm::cli::AddCompareCommand(app, registry);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }
  try {
    for (const auto& [subcommand, command] : registry.commands)
      if (subcommand->parsed()) return command();
  } catch (const firestorm::InputError& e) {
    std::cerr << e.what() << '\n';
    return static_cast<int>(ExitCode::kInvalidInput);
  } catch (const firestorm::OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kOutputError);
  } catch (const std::bad_alloc&) {
    std::cerr << "error: out of memory; try a smaller graph (graph.agents) or fewer snapshots\n";
    return static_cast<int>(ExitCode::kRuntimeFailure);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kRuntimeFailure);
  }
  return static_cast<int>(ExitCode::kUsage);
}
