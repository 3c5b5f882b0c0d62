// The subcommands of `firestorm`. Each registers its options on the CLI11 app and returns
// the function that runs it; main() maps exceptions to exit codes.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace firestorm::cli {

using Command = std::function<int()>;

Command AddRunCommand(CLI::App& app);
Command AddValidateCommand(CLI::App& app);
Command AddGraphCommand(CLI::App& app);

}  // namespace firestorm::cli
