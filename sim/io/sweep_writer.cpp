#include "sim/io/sweep_writer.hpp"

#include <cstdio>
#include <filesystem>

#include "sim/core/error.hpp"
#include "sim/io/hdf5_object_writer.hpp"

namespace firestorm {

void WriteSweepFile(const std::string& path, const SweepTable& t, bool force) {
  namespace fs = std::filesystem;
  if (fs::exists(path) && !force)
    throw OutputError("refusing to overwrite " + path + " (use --force)");
  const std::string temp = path + ".tmp";
  hdf5::ObjectWriter out(path);
  try {
    {
      hdf5::Handle file = out.CreateFile(temp);
      const hid_t f = file.get();
      out.WriteStringAttribute(f, "format", "firestorm-sweep");
      out.WriteAttribute<std::uint32_t>(f, "format_version", 1);
      {
        hdf5::Handle g = out.CreateGroup(f, "provenance");
        out.WriteStringAttribute(g.get(), "scenario_name", t.scenario_name);
        out.WriteStringAttribute(g.get(), "firestorm_version", t.version);
        out.WriteStringAttribute(g.get(), "git_revision", t.git_revision);
        out.WriteAttribute<std::uint64_t>(g.get(), "seed", t.seed);
        out.WriteAttribute<double>(g.get(), "tick_seconds", t.tick_seconds);
        out.WriteAttribute<std::uint32_t>(g.get(), "ticks_requested", t.ticks);
        out.WriteAttribute<std::uint32_t>(g.get(), "replicates", t.replicates);
        out.WriteAttribute<std::uint32_t>(g.get(), "common_random_numbers", t.common_random_numbers ? 1 : 0);
        out.WriteScalarString(g.get(), "scenario_yaml", t.scenario_yaml);
      }
      {
        hdf5::Handle g = out.CreateGroup(f, "labels");
        out.WriteStrings(g.get(), "narrative_ids", t.narrative_ids);
      }
      const hsize_t v = t.variant_names.size(), r = t.replicates, m = t.metric_names.size();
      const hsize_t n = t.narrative_ids.size();
      const hsize_t ticks = v * r > 0 ? t.outrage_mean.size() / (v * r) : 0;
      {
        hdf5::Handle g = out.CreateGroup(f, "variants");
        out.WriteStrings(g.get(), "name", t.variant_names);
        out.WriteStrings(g.get(), "description", t.variant_descriptions);
      }
      {
        hdf5::Handle g = out.CreateGroup(f, "metrics");
        out.WriteStrings(g.get(), "names", t.metric_names);
        out.WriteArray(g.get(), "values", t.values.data(), {v, r, m}, {"variant,replicate,metric", nullptr});
      }
      {
        hdf5::Handle g = out.CreateGroup(f, "summary");
        out.WriteArray(g.get(), "mean", t.mean.data(), {v, m}, {"variant,metric", nullptr});
        out.WriteArray(g.get(), "ci_low", t.ci_low.data(), {v, m}, {"variant,metric", "95% CI"});
        out.WriteArray(g.get(), "ci_high", t.ci_high.data(), {v, m}, {"variant,metric", "95% CI"});
      }
      {
        hdf5::Handle g = out.CreateGroup(f, "timeseries");
        std::vector<double> time_seconds(ticks);
        for (hsize_t i = 0; i < ticks; ++i) time_seconds[i] = (static_cast<double>(i) + 1) * t.tick_seconds;
        out.WriteVector(g.get(), "time_seconds", time_seconds, {"tick", "s"});
        out.WriteArray(g.get(), "outrage_mean", t.outrage_mean.data(), {v, r, ticks}, {"variant,replicate,tick", nullptr});
        out.WriteArray(g.get(), "trust_mean", t.trust_mean.data(), {v, r, ticks}, {"variant,replicate,tick", nullptr});
        out.WriteArray(g.get(), "spreaders", t.spreaders.data(), {v, r, ticks, n}, {"variant,replicate,tick,narrative", "agents"});
        out.WriteArray(g.get(), "reach", t.reach.data(), {v, r, ticks, n}, {"variant,replicate,tick,narrative", "agents"});
      }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0)
      throw OutputError("cannot write " + path + ": rename from " + temp + " failed");
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
}

}  // namespace firestorm
