// `firestorm validate FILE...`: parse and check scenarios without running them.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::cli {

void AddValidateCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::vector<std::string> files;
    bool print = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files without running them");
  cmd->add_option("FILE", args->files, "Scenario YAML files")->required();
  cmd->add_flag("--print", args->print, "Print the effective scenario (every key, presets resolved)");
  cmd->footer("Examples:\n  firestorm validate scenarios/*.yaml\n  firestorm validate my.yaml --print");
  registry.Add(cmd, [args] {
    int failures = 0;
    for (const std::string& file : args->files) {
      try {
        const Scenario s = LoadScenario(file);
        fmt::print("{}: ok ({}; {} agents, {} narratives, {} playbooks, {} ticks of {})\n", file,
                   s.name, s.graph.generator == GraphGenerator::kFile ? std::string("from file")
                                                                      : std::to_string(s.graph.agents),
                   s.narratives.size(), s.playbooks.size(), s.run.ticks,
                   FormatDuration(s.run.tick_seconds));
        if (args->print) fmt::print("{}\n", EmitScenarioYaml(s));
      } catch (const InputError& e) {
        std::cerr << e.what() << '\n';
        ++failures;
      }
    }
    return failures == 0 ? 0 : static_cast<int>(ExitCode::kInvalidInput);
  });
}

}  // namespace firestorm::cli
