// `firestorm sweep FILE`: variants x replicates of one scenario, in parallel, into one file.
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>

#include "analysis/ensemble/sweep.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/compare_table.hpp"
#include "sim/core/duration.hpp"
#include "sim/core/error.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm::cli {

void AddSweepCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string file, output, vary, csv, by = "12h";
    SweepOptions options;
    std::vector<std::string> strategies;
    int threads = 0;
    Tick ticks = 0;
    std::uint64_t agents = 0;
    bool force = false, independent = false, quiet = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("sweep", "Run variants x replicates of a scenario and summarise them");
  cmd->add_option("FILE", args->file, "Scenario YAML file")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "Sweep HDF5 file (default: <scenario>-sweep.h5)");
  cmd->add_option("--replicates", args->options.replicates, "Replicates per variant (default 10)")
      ->check(CLI::Range(1u, 100000u));
  cmd->add_option("--strategies", args->strategies, "Playbooks to compare, comma separated")->delimiter(',');
  cmd->add_option("--vary", args->vary, "KEY=V1,V2,...: values of one scenario key (YAML path)");
  cmd->add_option("--threads", args->threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 4096));
  cmd->add_option("--ticks", args->ticks, "Ticks per run (overrides run.duration)")->check(CLI::Range(1u, 100000000u));
  cmd->add_option("--agents", args->agents, "Agents per run (generated graphs)")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{4'000'000'000}));
  cmd->add_option("--threshold", args->options.outrage_threshold,
                  "Outrage level for p_outrage_above_threshold (default 0.3)")->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--by", args->by, "Time limit for p_outrage_above_threshold (default 12h)");
  cmd->add_option("--csv", args->csv, "Also write the summary table as CSV (default: <output>.csv)");
  cmd->add_flag("--independent", args->independent, "Independent seeds per variant (default: common random numbers)");
  cmd->add_flag("--force", args->force, "Overwrite existing outputs");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress output");
  cmd->footer(
      "Examples:\n"
      "  firestorm sweep scenarios/airline_defensive_reply.yaml --replicates 30 --strategies ack_0m,ack_1h,silence\n"
      "  firestorm sweep scenarios/default.yaml --agents 20000 --replicates 20 --vary dynamics.statement_reach=0.1,0.25,0.5\n"
      "  firestorm compare default-sweep.h5");
  registry.Add(cmd, [args, cmd] {
    SweepOptions o = args->options;
    o.strategies = args->strategies;
    o.common_random_numbers = !args->independent;
    if (cmd->count("--ticks")) o.ticks = args->ticks;
    if (cmd->count("--agents")) o.agents = args->agents;
    const auto by = ParseDurationSeconds(args->by);
    if (!by) throw InputError({"--by", 0, 0}, "'" + args->by + "' is not a duration", "e.g. --by 12h");
    o.threshold_by_hours = *by / 3600.0;
    if (!args->vary.empty()) {
      const auto eq = args->vary.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == args->vary.size())
        throw InputError({"--vary", 0, 0}, "'" + args->vary + "' is not KEY=V1,V2,...",
                         "e.g. --vary dynamics.statement_reach=0.1,0.3");
      o.vary_key = args->vary.substr(0, eq);
      std::string rest = args->vary.substr(eq + 1);
      for (std::size_t start = 0;;) {
        const auto comma = rest.find(',', start);
        o.vary_values.push_back(rest.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    const Scenario scenario = LoadScenario(args->file);
    std::string output = args->output;
    if (output.empty()) output = std::filesystem::path(args->file).stem().string() + "-sweep.h5";
    if (std::filesystem::exists(output) && !args->force)
      throw OutputError("refusing to overwrite " + output + " (use --force)");
    const int threads = args->threads > 0 ? args->threads : tbb::info::default_concurrency();
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    const bool terminal = !args->quiet && isatty(STDERR_FILENO);
    const auto start = std::chrono::steady_clock::now();
    std::mutex print;
    int last_decile = -1;
    const SweepTable table = RunSweep(scenario, o, [&](std::size_t done, std::size_t total) {
      if (args->quiet) return;
      std::lock_guard lock(print);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double eta = done > 0 ? seconds / done * (total - done) : 0;
      if (terminal) {
        fmt::print(stderr, "\r{}/{} runs  {:.1f} runs/s  ETA {}   ", done, total, done / seconds, FormatDuration(eta));
      } else if (static_cast<int>(10 * done / total) != last_decile) {
        last_decile = static_cast<int>(10 * done / total);
        fmt::print(stderr, "progress: {}/{} runs, ETA {}\n", done, total, FormatDuration(eta));
      }
    });
    if (terminal) fmt::print(stderr, "\n");
    WriteSweepFile(output, table, args->force);
    const std::string csv = args->csv.empty() ? output + ".csv" : args->csv;
    WriteSweepCsv(csv, table);
    PrintCompareTable(table, "peak_outrage");
    fmt::print("\nSweep written to {} (summary table: {})\n", output, csv);
    return 0;
  });
}

}  // namespace firestorm::cli
