// The subcommands of `firestorm`. Each registers its options on the CLI11 app and returns
// the function that runs it; main() maps exceptions to exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <utility>
#include <vector>

namespace firestorm::cli {

using Command = std::function<int()>;

// Each Add*Command registers a subcommand and the function that runs it once parsed.
struct Registry {
  std::vector<std::pair<CLI::App*, Command>> commands;
  void Add(CLI::App* app, Command command) { commands.emplace_back(app, std::move(command)); }
};

void AddRunCommand(CLI::App& app, Registry& registry);
void AddValidateCommand(CLI::App& app, Registry& registry);
void AddGraphCommand(CLI::App& app, Registry& registry);

}  // namespace firestorm::cli
