// `firestorm drill SCENARIO [options]`: the crisis drill lives in the viewer (it needs a window,
// and the core and this CLI never link SFML), so this command runs `firestorm-view drill` with
// the same arguments: the firestorm-view next to this executable, else the one on PATH.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"

namespace firestorm::cli {

namespace {

std::string FindViewer() {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path next = self.parent_path() / "firestorm-view";
    if (std::filesystem::exists(next, ec)) return next.string();
  }
  return "firestorm-view";  // execvp searches PATH
}

}  // namespace

void AddDrillCommand(CLI::App& app, Registry& registry) {
  CLI::App* drill = app.add_subcommand(
      "drill", "Play a crisis drill live (runs firestorm-view drill; see firestorm-view drill --help)");
  drill->prefix_command();  // every argument goes to firestorm-view unparsed
  drill->allow_extras();
  drill->set_help_flag();   // --help too
  registry.Add(drill, [drill] {
    const std::string viewer = FindViewer();
    std::vector<std::string> args = {viewer, "drill"};
    for (const std::string& a : drill->remaining()) args.push_back(a);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(viewer.c_str(), argv.data());
    std::cerr << "error: cannot run " << viewer
              << ": the drill needs the viewer (build with -DFIRESTORM_BUILD_VIZ=ON, Debian package libsfml-dev)\n";
    return 2;
  });
}

}  // namespace firestorm::cli
