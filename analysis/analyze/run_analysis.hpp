// Everything `firestorm analyze` computes from one run file: crisis metrics, cascade
// statistics per narrative, echo-chamber measures and polarization over the snapshots.
// The /analysis group it writes back is documented in docs/metrics.md.
#pragma once

#include <string>
#include <vector>

#include "analysis/io/run_file.hpp"
#include "analysis/metrics/cascade_stats.hpp"
#include "analysis/metrics/crisis_metrics.hpp"
#include "analysis/metrics/distribution.hpp"
#include "analysis/metrics/polarization.hpp"

namespace firestorm {

struct AnalysisOptions {
  double esteban_ray_alpha = 1.6;
  int opinion_bins = 20;
};

struct NarrativeCascades {
  std::string narrative;
  NarrativeKind kind = NarrativeKind::kRumor;
  std::uint64_t exposures = 0;  // rows of /cascade for the narrative
  std::vector<TreeStats> trees;
  SampleSummary size, depth, max_breadth, structural_virality;  // over the trees
  EiIndex ei;
};

struct PolarizationSeries {
  std::vector<Tick> tick;  // snapshot ticks
  std::vector<double> hours, opinion_mean, opinion_variance, bimodality, esteban_ray, neighbour_correlation;
};

struct RunAnalysis {
  AnalysisOptions options;
  CrisisMetrics crisis;
  std::vector<NarrativeCascades> cascades;  // one per narrative, in narrative order
  EiIndex crisis_ei;                        // over the cascades of every crisis narrative
  double community_assortativity = 0;       // NaN when undefined (one community)
  PolarizationSeries polarization;
};

// `graph` may be empty (offsets.empty()): it is then read from the file.
RunAnalysis AnalyzeRun(const Hdf5Reader& file, const RunFile& run, const FollowerGraph& graph,
                       const AnalysisOptions& options = {});
RunAnalysis AnalyzeRun(const Hdf5Reader& file, const RunFile& run, const AnalysisOptions& options = {});

// Writes the analysis under /analysis of the run file (replacing an earlier one) through a
// copy and an atomic rename (see Hdf5FileWriter).
void WriteAnalysisToRunFile(const std::string& path, const RunAnalysis& analysis);

// The names of the columns of /analysis/cascades/summary, in order.
std::vector<std::string> CascadeSummaryNames();
std::vector<double> CascadeSummaryRow(const NarrativeCascades& c);

std::string AnalysisJson(const RunFile& run, const RunAnalysis& analysis);
// Long format: section,key,metric,value (key = narrative id, snapshot tick, or empty).
std::string AnalysisCsv(const RunFile& run, const RunAnalysis& analysis);

}  // namespace firestorm
