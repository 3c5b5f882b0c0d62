// Runs every analysis of a run file and writes the results back or out (see run_analysis.hpp).
#include "analysis/analyze/run_analysis.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "analysis/io/hdf5_file_writer.hpp"
#include "analysis/io/json_writer.hpp"

namespace firestorm {
namespace {

bool IsCrisis(NarrativeKind k) { return k == NarrativeKind::kRumor || k == NarrativeKind::kOutrage; }

template <typename Field>
SampleSummary SummarizeTrees(const std::vector<TreeStats>& trees, Field field) {
  std::vector<double> values;
  values.reserve(trees.size());
  for (const TreeStats& t : trees) values.push_back(static_cast<double>(field(t)));
  return Summarize(values);
}

// Numbers as C's printf names the special values, so pandas and Python read them back.
std::string CsvNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return JsonWriter::Number(v, 10);
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

RunAnalysis AnalyzeRun(const Hdf5Reader& file, const RunFile& run, const FollowerGraph& preloaded,
                       const AnalysisOptions& options) {
  RunAnalysis a;
  a.options = options;
  a.crisis = ComputeCrisisMetrics(run.record, run.narratives, run.agents, run.tick_seconds);

  for (std::size_t k = 0; k < run.narratives.size(); ++k) {
    const auto id = static_cast<NarrativeId>(k);
    NarrativeCascades c;
    c.narrative = run.narratives[k].id;
    c.kind = run.narratives[k].kind;
    for (NarrativeId n : run.cascade.narrative) c.exposures += n == id;
    c.trees = ComputeCascadeTrees(run.cascade, id);
    c.size = SummarizeTrees(c.trees, [](const TreeStats& t) { return t.size; });
    c.depth = SummarizeTrees(c.trees, [](const TreeStats& t) { return t.depth; });
    c.max_breadth = SummarizeTrees(c.trees, [](const TreeStats& t) { return t.max_breadth; });
    c.structural_virality = SummarizeTrees(c.trees, [](const TreeStats& t) { return t.structural_virality; });
    c.ei = CascadeEiIndex(run.cascade, id, run.community);
    if (IsCrisis(c.kind)) {
      a.crisis_ei.internal += c.ei.internal;
      a.crisis_ei.external += c.ei.external;
    }
    a.cascades.push_back(std::move(c));
  }
  const double edges = static_cast<double>(a.crisis_ei.internal + a.crisis_ei.external);
  a.crisis_ei.index = edges > 0 ? (static_cast<double>(a.crisis_ei.external) -
                                   static_cast<double>(a.crisis_ei.internal)) / edges
                                : std::numeric_limits<double>::quiet_NaN();

  const FollowerGraph loaded = preloaded.offsets.empty() ? LoadFollowerGraph(file) : FollowerGraph{};
  const FollowerGraph& graph = preloaded.offsets.empty() ? loaded : preloaded;
  const FollowerGraphView view{graph.offsets, graph.followers};
  a.community_assortativity = CommunityAssortativity(view, run.community);

  PolarizationSeries& p = a.polarization;
  for (std::size_t s = 0; s < run.snapshot_ticks.size(); ++s) {
    const std::vector<float> opinion = ReadSnapshotColumn(file, "opinion", s);
    p.tick.push_back(run.snapshot_ticks[s]);
    p.hours.push_back((run.snapshot_ticks[s] + 1.0) * run.hours_per_tick());
    double sum = 0;
    for (float o : opinion) sum += o;
    p.opinion_mean.push_back(opinion.empty() ? 0.0 : sum / static_cast<double>(opinion.size()));
    p.opinion_variance.push_back(OpinionVariance(opinion));
    p.bimodality.push_back(BimodalityCoefficient(opinion));
    p.esteban_ray.push_back(EstebanRayPolarization(opinion, options.esteban_ray_alpha, options.opinion_bins));
    p.neighbour_correlation.push_back(NeighbourOpinionCorrelation(view, opinion));
  }
  return a;
}

RunAnalysis AnalyzeRun(const Hdf5Reader& file, const RunFile& run, const AnalysisOptions& options) {
  return AnalyzeRun(file, run, FollowerGraph{}, options);
}

std::vector<std::string> CascadeSummaryNames() {
  return {"trees", "exposures", "size_mean", "size_median", "size_p90", "size_max",
          "depth_mean", "depth_median", "depth_max", "max_breadth_mean", "max_breadth_max",
          "structural_virality_mean", "structural_virality_median", "structural_virality_max",
          "ei_internal", "ei_external", "ei_index"};
}

std::vector<double> CascadeSummaryRow(const NarrativeCascades& c) {
  return {static_cast<double>(c.trees.size()), static_cast<double>(c.exposures), c.size.mean, c.size.median,
          c.size.p90, c.size.max, c.depth.mean, c.depth.median, c.depth.max, c.max_breadth.mean,
          c.max_breadth.max, c.structural_virality.mean, c.structural_virality.median,
          c.structural_virality.max, static_cast<double>(c.ei.internal),
          static_cast<double>(c.ei.external), c.ei.index};
}

void WriteAnalysisToRunFile(const std::string& path, const RunAnalysis& a) {
  Hdf5FileWriter w = Hdf5FileWriter::Edit(path);
  w.Remove("/analysis");
  w.CreateGroup("/analysis");
  w.WriteAttribute<std::uint32_t>("/analysis", "format_version", 1);
  w.WriteAttribute("/analysis", "firestorm_version", FIRESTORM_VERSION);
  w.WriteAttribute("/analysis", "esteban_ray_alpha", a.options.esteban_ray_alpha);
  w.WriteAttribute<std::uint32_t>("/analysis", "opinion_bins", static_cast<std::uint32_t>(a.options.opinion_bins));

  const auto values = AsArray(a.crisis);
  w.WriteStrings("/analysis/crisis/names", {kCrisisMetricNames.begin(), kCrisisMetricNames.end()});
  w.Write("/analysis/crisis/values", std::vector<double>(values.begin(), values.end()));

  std::vector<std::uint32_t> narrative, root, depth;
  std::vector<std::uint64_t> size, breadth;
  std::vector<double> virality, summary;
  for (std::size_t k = 0; k < a.cascades.size(); ++k) {
    for (const TreeStats& t : a.cascades[k].trees) {
      narrative.push_back(static_cast<std::uint32_t>(k));
      root.push_back(t.root);
      size.push_back(t.size);
      depth.push_back(t.depth);
      breadth.push_back(t.max_breadth);
      virality.push_back(t.structural_virality);
    }
    const std::vector<double> row = CascadeSummaryRow(a.cascades[k]);
    summary.insert(summary.end(), row.begin(), row.end());
  }
  w.Write("/analysis/cascades/narrative", narrative);
  w.Write("/analysis/cascades/root", root);
  w.Write("/analysis/cascades/size", size);
  w.Write("/analysis/cascades/depth", depth);
  w.Write("/analysis/cascades/max_breadth", breadth);
  w.Write("/analysis/cascades/structural_virality", virality);
  const std::vector<std::string> names = CascadeSummaryNames();
  w.WriteStrings("/analysis/cascades/summary_names", names);
  w.Write("/analysis/cascades/summary", summary, {a.cascades.size(), names.size()});

  w.CreateGroup("/analysis/echo_chambers");
  w.WriteAttribute("/analysis/echo_chambers", "community_assortativity", a.community_assortativity);
  w.WriteAttribute("/analysis/echo_chambers", "crisis_ei_index", a.crisis_ei.index);

  const PolarizationSeries& p = a.polarization;
  w.Write("/analysis/polarization/tick", p.tick);
  w.Write("/analysis/polarization/opinion_mean", p.opinion_mean);
  w.Write("/analysis/polarization/opinion_variance", p.opinion_variance);
  w.Write("/analysis/polarization/bimodality", p.bimodality);
  w.Write("/analysis/polarization/esteban_ray", p.esteban_ray);
  w.Write("/analysis/polarization/neighbour_correlation", p.neighbour_correlation);
  w.Commit();
}

std::string AnalysisJson(const RunFile& run, const RunAnalysis& a) {
  JsonWriter j;
  j.BeginObject();
  j.Member("file", run.path).Member("scenario", run.scenario_name).Member("playbook", run.playbook);
  j.Member("agents", std::uint64_t{run.agents}).Member("ticks", std::uint64_t{run.record.series.num_ticks()});
  j.Key("crisis").BeginObject();
  const auto values = AsArray(a.crisis);
  for (std::size_t i = 0; i < values.size(); ++i) j.Member(kCrisisMetricNames[i], values[i]);
  j.EndObject();
  j.Key("cascades").BeginArray();
  const std::vector<std::string> names = CascadeSummaryNames();
  for (const NarrativeCascades& c : a.cascades) {
    j.BeginObject().Member("narrative", c.narrative).Member("kind", kNarrativeKindNames[static_cast<int>(c.kind)]);
    const std::vector<double> row = CascadeSummaryRow(c);
    for (std::size_t i = 0; i < names.size(); ++i) j.Member(names[i], row[i]);
    j.EndObject();
  }
  j.EndArray();
  j.Key("echo_chambers").BeginObject();
  j.Member("community_assortativity", a.community_assortativity).Member("crisis_ei_index", a.crisis_ei.index);
  j.EndObject();
  const PolarizationSeries& p = a.polarization;
  j.Key("polarization").BeginObject();
  j.Key("tick").IntArray(std::span<const Tick>(p.tick));
  j.Key("hours").Array(p.hours);
  j.Key("opinion_mean").Array(p.opinion_mean);
  j.Key("opinion_variance").Array(p.opinion_variance);
  j.Key("bimodality").Array(p.bimodality);
  j.Key("esteban_ray").Array(p.esteban_ray);
  j.Key("neighbour_correlation").Array(p.neighbour_correlation);
  j.EndObject();
  j.EndObject();
  return j.Take() + "\n";
}

std::string AnalysisCsv(const RunFile& run, const RunAnalysis& a) {
  (void)run;  // the run's own numbers are in the file; kept for symmetry with AnalysisJson
  std::string out = "section,key,metric,value\n";
  const auto row = [&](std::string_view section, std::string_view key, std::string_view metric, double v) {
    out += fmt::format("{},{},{},{}\n", section, CsvField(key), metric, CsvNumber(v));
  };
  const auto values = AsArray(a.crisis);
  for (std::size_t i = 0; i < values.size(); ++i) row("crisis", "", kCrisisMetricNames[i], values[i]);
  const std::vector<std::string> names = CascadeSummaryNames();
  for (const NarrativeCascades& c : a.cascades) {
    const std::vector<double> r = CascadeSummaryRow(c);
    for (std::size_t i = 0; i < names.size(); ++i) row("cascades", c.narrative, names[i], r[i]);
  }
  row("echo_chambers", "", "community_assortativity", a.community_assortativity);
  row("echo_chambers", "", "crisis_ei_index", a.crisis_ei.index);
  const PolarizationSeries& p = a.polarization;
  for (std::size_t s = 0; s < p.tick.size(); ++s) {
    const std::string tick = std::to_string(p.tick[s]);
    row("polarization", tick, "opinion_mean", p.opinion_mean[s]);
    row("polarization", tick, "opinion_variance", p.opinion_variance[s]);
    row("polarization", tick, "bimodality", p.bimodality[s]);
    row("polarization", tick, "esteban_ray", p.esteban_ray[s]);
    row("polarization", tick, "neighbour_correlation", p.neighbour_correlation[s]);
  }
  return out;
}

}  // namespace firestorm
