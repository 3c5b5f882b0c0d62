// `firestorm report FILE -o report.html`: a self-contained HTML page about a run or a sweep.
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "analysis/report/report.hpp"
#include "sim/cli/commands.hpp"

namespace firestorm::cli {

void AddReportCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string file, output;
    bool force = false;
    ReportOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("report", "Write a self-contained HTML report of a run or a sweep");
  cmd->add_option("FILE", args->file, "Run file (firestorm run) or sweep file (firestorm sweep)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "HTML file to write (default: FILE with .html)");
  cmd->add_flag("--force", args->force, "Overwrite an existing output file");
  cmd->add_option("--rank-by", args->options.rank_by, "Sweep: the metric strategies are ranked by (default peak_outrage)");
  cmd->add_option("--network-agents", args->options.network_agents, "Agents drawn in the network picture (default 2000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{20000}));
  cmd->add_option("--alpha", args->options.analysis.esteban_ray_alpha, "Esteban-Ray polarization sensitivity (default 1.6)")
      ->check(CLI::Range(0.0, 1.6));
  cmd->footer(
      "The page inlines its charting library (Chart.js) and data: it opens offline and can be shared\n"
      "as one file. Sections: docs/report.md.\n\n"
      "Examples:\n"
      "  firestorm report out/default.h5 -o default.html\n"
      "  firestorm report out/sweep.h5 -o strategies.html --rank-by final_trust");
  registry.Add(cmd, [args] {
    std::string output = args->output;
    if (output.empty()) output = std::filesystem::path(args->file).replace_extension(".html").string();
    const std::string page = RenderReport(args->file, args->options);
    WriteReportFile(output, page, args->force);
    fmt::print("Report written to {} ({:.0f} KB)\n", output, static_cast<double>(page.size()) / 1024.0);
    return 0;
  });
}

}  // namespace firestorm::cli
