// `firestorm calibrate`: fit the cascade model to the Twitter15 retweet trees (size, depth,
// structural virality; two-sample KS distance) by a small coordinate search.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "analysis/calibration/calibrate.hpp"
#include "analysis/io/json_writer.hpp"
#include "analysis/metrics/distribution.hpp"
#include "sim/cli/commands.hpp"
#include "sim/core/error.hpp"

namespace firestorm::cli {
namespace {

std::string Parameters(const Evaluation& e) {
  std::string out;
  for (const CalibrationParameter& p : e.parameters) out += fmt::format("{}{}={:.4g}", out.empty() ? "" : " ", p.name, p.value);
  return out;
}

void PrintResult(const CalibrationResult& r, const CalibrationOptions& o) {
  fmt::print("\nTwitter15: {} trees, {} of at least {} nodes compared.\n", r.real_trees, r.real.size.size(), o.min_size);
  fmt::print("\n  {:<24}{:>14}{:>14}\n", "parameter", "before", "after");
  for (std::size_t i = 0; i < r.before.parameters.size(); ++i)
    fmt::print("  {:<24}{:>14.4g}{:>14.4g}\n", r.before.parameters[i].name, r.before.parameters[i].value,
               r.after.parameters[i].value);
  fmt::print("\n  {:<24}{:>14}{:>14}\n", "KS distance", "before", "after");
  fmt::print("  {:<24}{:>14.3f}{:>14.3f}\n", "size", r.before.fit.ks_size, r.after.fit.ks_size);
  fmt::print("  {:<24}{:>14.3f}{:>14.3f}\n", "depth", r.before.fit.ks_depth, r.after.fit.ks_depth);
  fmt::print("  {:<24}{:>14.3f}{:>14.3f}\n", "structural virality", r.before.fit.ks_virality, r.after.fit.ks_virality);
  fmt::print("  {:<24}{:>14.3f}{:>14.3f}\n", "mean of the three", r.before.fit.objective, r.after.fit.objective);
  if (r.before_check && r.after_check)
    fmt::print("  {:<24}{:>14.3f}{:>14.3f}\n", fmt::format("mean, seed {}", o.check_seed), r.before_check->fit.objective,
               r.after_check->fit.objective);
  fmt::print("  {:<24}{:>14}{:>14}\n", "cascades compared",
             fmt::format("{}/{}", r.before.kept, r.before.simulated), fmt::format("{}/{}", r.after.kept, r.after.simulated));
  fmt::print("\n  {:<24}{:>14}{:>14}{:>14}\n", "median", "Twitter15", "before", "after");
  const auto median = [](const std::vector<double>& v) { return Summarize(v).median; };
  fmt::print("  {:<24}{:>14.4g}{:>14.4g}{:>14.4g}\n", "size", median(r.real.size), median(r.before_sample.size),
             median(r.after_sample.size));
  fmt::print("  {:<24}{:>14.4g}{:>14.4g}{:>14.4g}\n", "depth", median(r.real.depth), median(r.before_sample.depth),
             median(r.after_sample.depth));
  fmt::print("  {:<24}{:>14.4g}{:>14.4g}{:>14.4g}\n", "structural virality", median(r.real.virality),
             median(r.before_sample.virality), median(r.after_sample.virality));
}

std::string ResultJson(const CalibrationResult& r) {
  JsonWriter j;
  const auto evaluation = [&](const Evaluation& e) {
    j.BeginObject().Key("parameters").BeginObject();
    for (const CalibrationParameter& p : e.parameters) j.Member(p.name, p.value);
    j.EndObject();
    j.Member("ks_size", e.fit.ks_size).Member("ks_depth", e.fit.ks_depth).Member("ks_virality", e.fit.ks_virality);
    j.Member("objective", e.fit.objective).Member("kept", std::uint64_t{e.kept}).Member("simulated", std::uint64_t{e.simulated});
    j.EndObject();
  };
  j.BeginObject().Member("real_trees", std::uint64_t{r.real_trees}).Member("real_compared", std::uint64_t{r.real.size.size()});
  j.Key("before");
  evaluation(r.before);
  j.Key("after");
  evaluation(r.after);
  if (r.before_check && r.after_check) {
    j.Key("before_check");
    evaluation(*r.before_check);
    j.Key("after_check");
    evaluation(*r.after_check);
  }
  j.Key("history").BeginArray();
  for (const Evaluation& e : r.history) evaluation(e);
  j.EndArray().EndObject();
  return j.Take() + "\n";
}

}  // namespace

void AddCalibrateCommand(CLI::App& app, Registry& registry) {
  struct Args {
    CalibrationOptions options;
    std::string samples_csv;
    bool json = false, quiet = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("calibrate", "Fit cascade shapes to the Twitter15 retweet trees");
  cmd->add_option("--data", args->options.data_dir, "Folder holding twitter15_trees.txt (default: analysis/calibration/data)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--scenario", args->options.scenario_path,
                  "Calibration scenario (default: scenarios/calibration/twitter15.yaml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--parameters", args->options.parameters,
                  "Parameters to search, comma-separated: share_probability, attention, forgetting_per_hour,\n"
                  "stifling_per_exposure, degree_exponent, mean_followers")
      ->delimiter(',');
  cmd->add_option("--cascades", args->options.cascades, "Simulated cascades per evaluation (default 120)")
      ->check(CLI::Range(1u, 250u));
  cmd->add_option("--agents", args->options.agents, "Agents in the calibration graph (default: the scenario's)")
      ->check(CLI::Range(std::uint64_t{100}, std::uint64_t{10'000'000}));
  cmd->add_option("--rounds", args->options.rounds, "Rounds of coordinate search (default 2)")->check(CLI::Range(0, 10));
  cmd->add_option("--max-evaluations", args->options.max_evaluations, "Most simulations (default 40)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--min-size", args->options.min_size, "Compare trees of at least this many nodes (default 50)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100000}));
  cmd->add_option("--check-seed", args->options.check_seed,
                  "Evaluate the parameters before and after again on this seed (a held-out check)");
  cmd->add_option("--samples-csv", args->samples_csv, "Write the compared samples (Twitter15, before, after) as CSV");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress lines");
  cmd->footer(
      "Method and results: docs/validation.md. Data provenance: analysis/calibration/data/PROVENANCE.md.\n\n"
      "Examples:\n"
      "  firestorm calibrate\n"
      "  firestorm calibrate --parameters share_probability,attention --rounds 1 --samples-csv fit.csv\n"
      "  firestorm calibrate --data ../shared/data/derived --cascades 60 --agents 10000");
  registry.Add(cmd, [args] {
    for (const std::string& p : args->options.parameters) {
      const auto names = CalibrationParameterNames();
      if (std::find(names.begin(), names.end(), p) == names.end())
        throw InputError({}, "unknown calibration parameter '" + p + "'",
                         fmt::format("use one of {}", fmt::join(names, ", ")));
    }
    const bool verbose = !args->quiet && !args->json;
    std::size_t done = 0;
    const CalibrationResult r = Calibrate(args->options, [&](const Evaluation& e) {
      if (verbose)
        fmt::print("  [{:>2}] {:<64} KS size {:.3f} depth {:.3f} virality {:.3f} -> {:.3f} ({} of {} trees)\n", ++done,
                   Parameters(e), e.fit.ks_size, e.fit.ks_depth, e.fit.ks_virality, e.fit.objective, e.kept, e.simulated);
      std::fflush(stdout);
    });
    if (args->json)
      std::cout << ResultJson(r);
    else
      PrintResult(r, args->options);
    if (!args->samples_csv.empty()) {
      std::ofstream out(args->samples_csv);
      out << CalibrationSamplesCsv(r);
      if (!out) throw OutputError("cannot write " + args->samples_csv);
      if (!args->json) fmt::print("\nSamples written to {}\n", args->samples_csv);
    }
    return 0;
  });
}

}  // namespace firestorm::cli
