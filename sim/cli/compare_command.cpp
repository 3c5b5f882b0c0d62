// `firestorm compare SWEEP.h5`: the ranked table of a sweep file.
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/compare_table.hpp"
#include "sim/core/error.hpp"
#include "sim/io/hdf5_reader.hpp"

namespace firestorm::cli {

void AddCompareCommand(CLI::App& app, Registry& registry) {
  struct Args {
    std::string file, rank_by = "peak_outrage";
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("compare", "Rank the variants of a sweep file");
  cmd->add_option("SWEEP", args->file, "Sweep HDF5 file written by `firestorm sweep`")->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--rank-by", args->rank_by, "Metric to rank by (default peak_outrage)");
  cmd->footer("Examples:\n  firestorm compare default-sweep.h5\n  firestorm compare default-sweep.h5 --rank-by final_trust");
  registry.Add(cmd, [args] {
    const Hdf5Reader f(args->file);
    if (!f.HasAttribute("/", "format") || f.ReadAttribute<std::string>("/", "format") != "firestorm-sweep")
      throw InputError({args->file, 0, 0}, "not a sweep file", "make one with `firestorm sweep SCENARIO`");
    SweepTable t;
    t.variant_names = f.Read<std::string>("/variants/name");
    t.metric_names = f.Read<std::string>("/metrics/names");
    t.mean = f.Read<double>("/summary/mean");
    t.ci_low = f.Read<double>("/summary/ci_low");
    t.ci_high = f.Read<double>("/summary/ci_high");
    t.replicates = f.ReadAttribute<std::uint32_t>("/provenance", "replicates");
    t.common_random_numbers = f.ReadAttribute<std::uint32_t>("/provenance", "common_random_numbers") != 0;
    PrintCompareTable(t, args->rank_by);
    return 0;
  });
}

}  // namespace firestorm::cli
