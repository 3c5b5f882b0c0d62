// `firestorm analyze RUN.h5`: crisis metrics, cascade statistics, echo chambers and
// polarization of a run; printed as a table, JSON or CSV, and written back under /analysis.
#include <fmt/format.h>

#include <cmath>
#include <iostream>
#include <memory>

#include "analysis/analyze/run_analysis.hpp"
#include "analysis/metrics/metric_info.hpp"
#include "sim/cli/commands.hpp"

namespace firestorm::cli {
namespace {

std::string Show(double v, std::string_view unit = {}) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return "not within the run";
  if (unit == "share") return fmt::format("{:.1f}%", 100 * v);
  if (unit == "h") return fmt::format("{:.2f} h", v);
  return fmt::format("{:.4g}{}{}", v, unit.empty() || unit == "0-1" ? "" : " ", unit == "0-1" ? "" : unit);
}

void PrintTable(const RunFile& run, const RunAnalysis& a) {
  fmt::print("{}  (playbook: {}, {} agents, {} ticks)\n\n", run.scenario_name,
             run.playbook.empty() ? "none" : run.playbook, run.agents, run.record.series.num_ticks());
  fmt::print("Crisis metrics\n");
  const auto values = AsArray(a.crisis);
  for (std::size_t i = 0; i < values.size(); ++i)
    fmt::print("  {:<40}{:>20}\n", kCrisisMetricInfo[i].label, Show(values[i], kCrisisMetricInfo[i].unit));
  fmt::print("\nCascades (trees rooted at seeds)\n");
  fmt::print("  {:<16}{:>9}{:>11}{:>11}{:>10}{:>10}{:>11}{:>11}{:>9}\n", "narrative", "trees", "exposed",
             "size max", "depth", "breadth", "virality", "vir. max", "E-I");
  for (const NarrativeCascades& c : a.cascades)
    fmt::print("  {:<16}{:>9}{:>11}{:>11}{:>10}{:>10}{:>11}{:>11}{:>9}\n", c.narrative, c.trees.size(),
               c.exposures, Show(c.size.max), Show(c.depth.max), Show(c.max_breadth.max),
               Show(c.structural_virality.mean), Show(c.structural_virality.max), Show(c.ei.index));
  fmt::print("\nEcho chambers\n  community assortativity of follows  {}\n  E-I index of crisis shares          {}\n",
             Show(a.community_assortativity), Show(a.crisis_ei.index));
  const PolarizationSeries& p = a.polarization;
  if (!p.tick.empty()) {
    fmt::print("\nPolarization over snapshots (first -> last)\n");
    const auto line = [&](std::string_view name, const std::vector<double>& v) {
      fmt::print("  {:<36}{:>10} -> {}\n", name, Show(v.front()), Show(v.back()));
    };
    line("opinion variance", p.opinion_variance);
    line("bimodality coefficient", p.bimodality);
    line(fmt::format("Esteban-Ray (alpha {})", a.options.esteban_ray_alpha), p.esteban_ray);
    line("neighbour-opinion correlation", p.neighbour_correlation);
  } else {
    fmt::print("\nPolarization: the run has no snapshots (run.snapshot_every: 0)\n");
  }
}

}  // namespace

void AddAnalyzeCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string file;
    bool json = false, csv = false, no_write = false, quiet = false;
    AnalysisOptions options;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("analyze", "Compute crisis, cascade and polarization metrics of a run");
  cmd->add_option("RUN", args->file, "Run file written by `firestorm run`")->required()->check(CLI::ExistingFile);
  auto* json = cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_flag("--csv", args->csv, "Print CSV (section,key,metric,value)")->excludes(json);
  cmd->add_flag("--no-write", args->no_write, "Do not write the results into the file's /analysis group");
  cmd->add_option("--alpha", args->options.esteban_ray_alpha, "Esteban-Ray polarization sensitivity (default 1.6)")
      ->check(CLI::Range(0.0, 1.6));
  cmd->add_option("--bins", args->options.opinion_bins, "Opinion histogram bins for Esteban-Ray (default 20)")
      ->check(CLI::Range(2, 1000));
  cmd->footer(
      "The results are also written into RUN under /analysis (docs/metrics.md), through a copy\n"
      "renamed onto RUN when complete; --no-write leaves the file untouched.\n\n"
      "Examples:\n"
      "  firestorm analyze out/default.h5\n"
      "  firestorm analyze out/default.h5 --json > metrics.json\n"
      "  firestorm analyze out/default.h5 --csv --no-write");
  registry.Add(cmd, [args] {
    RunAnalysis analysis;
    RunFile run;
    {
      const Hdf5Reader file = Hdf5Reader::OpenRun(args->file);
      run = LoadRunFile(file);
      analysis = AnalyzeRun(file, run, args->options);
    }
    if (args->json)
      std::cout << AnalysisJson(run, analysis);
    else if (args->csv)
      std::cout << AnalysisCsv(run, analysis);
    else
      PrintTable(run, analysis);
    if (!args->no_write) {
      WriteAnalysisToRunFile(args->file, analysis);
      if (!args->json && !args->csv) fmt::print("\nWritten to {} under /analysis\n", args->file);
    }
    return 0;
  });
}

}  // namespace firestorm::cli
