// Reads a sweep file (see sweep_file.hpp).
#include "analysis/io/sweep_file.hpp"

#include "sim/core/error.hpp"

namespace firestorm {

bool IsSweepFile(const Hdf5Reader& f) {
  return f.HasAttribute("/", "format") && f.AttributeTypeName("/", "format") == "string" &&
         f.ReadAttribute<std::string>("/", "format") == kSweepFormat;
}

SweepFile LoadSweepFile(const Hdf5Reader& f) {
  const auto fail = [&](const std::string& what) {
    throw InputError({f.path(), 0, 0}, what, "`h5dump -H " + f.path() + "` shows what the file holds");
  };
  if (!IsSweepFile(f)) fail("not a sweep file (root attribute format is not \"firestorm-sweep\")");
  if (f.ReadAttribute<std::uint32_t>("/", "format_version") > kSweepFormatVersion)
    fail("sweep format_version is newer than this Firestorm reads; update Firestorm");
  SweepFile s;
  s.path = f.path();
  s.scenario_name = f.ReadAttribute<std::string>("/provenance", "scenario_name");
  s.seed = f.ReadAttribute<std::uint64_t>("/provenance", "seed");
  s.tick_seconds = f.ReadAttribute<double>("/provenance", "tick_seconds");
  if (f.Exists("/provenance/scenario_yaml")) {
    const auto yaml = f.Read<std::string>("/provenance/scenario_yaml");
    if (!yaml.empty()) s.scenario_yaml = yaml.front();
  }
  s.narrative_ids = f.Read<std::string>("/labels/narrative_ids");
  s.variants = f.Read<std::string>("/variants/name");
  if (f.Exists("/variants/description")) s.variant_descriptions = f.Read<std::string>("/variants/description");
  s.variant_descriptions.resize(s.variants.size());
  s.metric_names = f.Read<std::string>("/metrics/names");
  const auto shape = f.Shape("/metrics/values");
  if (shape.size() != 3 || shape[0] != s.variants.size() || shape[2] != s.metric_names.size())
    fail("/metrics/values must have shape [variants, replicates, metrics]");
  s.replicates = shape[1];
  s.values = f.Read<double>("/metrics/values");
  s.mean = f.Read<double>("/summary/mean");
  s.ci_low = f.Read<double>("/summary/ci_low");
  s.ci_high = f.Read<double>("/summary/ci_high");
  const std::size_t vm = s.variants.size() * s.metric_names.size();
  if (s.mean.size() != vm || s.ci_low.size() != vm || s.ci_high.size() != vm)
    fail("/summary/mean, ci_low and ci_high must have shape [variants, metrics]");
  s.time_seconds = f.Read<double>("/timeseries/time_seconds");
  s.ticks = s.time_seconds.size();
  s.outrage_mean = f.Read<double>("/timeseries/outrage_mean");
  s.trust_mean = f.Read<double>("/timeseries/trust_mean");
  s.spreaders = f.Read<std::uint32_t>("/timeseries/spreaders");
  s.reach = f.Read<std::uint64_t>("/timeseries/reach");
  const std::size_t vrt = s.variants.size() * s.replicates * s.ticks;
  if (s.outrage_mean.size() != vrt || s.trust_mean.size() != vrt ||
      s.spreaders.size() != vrt * s.narrative_ids.size() || s.reach.size() != vrt * s.narrative_ids.size())
    fail("the /timeseries datasets must have shapes [variants, replicates, ticks(, narratives)]");
  return s;
}

}  // namespace firestorm
