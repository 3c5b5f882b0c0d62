// The headline measures crisis planners compare strategies on, computed from a run's time
// series. Definitions (and their references) are in docs/metrics.md.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "sim/dynamics/narrative_spec.hpp"
#include "sim/dynamics/run_record.hpp"

namespace firestorm {

struct CrisisMetrics {
  double peak_outrage = 0;             // max over ticks of mean outrage
  double time_to_peak_outrage_h = 0;   // hours from the start to that peak
  double reach_share = 0;              // agents ever exposed to a crisis narrative / agents (max over crisis narratives)
  double peak_spreaders_share = 0;     // max over ticks of spreaders of crisis narratives / agents
  double time_to_peak_spreaders_h = 0;
  double storm_duration_h = 0;         // hours with mean outrage >= half its peak
  double final_trust = 0;              // mean trust at the end
  double trust_drop = 0;               // initial mean trust - minimum mean trust
  double trust_recovery_h = 0;         // hours from the trust minimum until 90% of the drop is recovered (inf if never)
};

inline constexpr std::array<std::string_view, 9> kCrisisMetricNames = {
    "peak_outrage", "time_to_peak_outrage_h", "reach_share", "peak_spreaders_share",
    "time_to_peak_spreaders_h", "storm_duration_h", "final_trust", "trust_drop",
    "trust_recovery_h"};

// `narratives` tells which narratives are crisis narratives (rumor or outrage).
CrisisMetrics ComputeCrisisMetrics(const TimeSeries& series,
                                   const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds);
std::array<double, kCrisisMetricNames.size()> AsArray(const CrisisMetrics& m);

}  // namespace firestorm
