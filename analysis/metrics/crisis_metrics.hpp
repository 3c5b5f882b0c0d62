// The headline measures crisis planners compare strategies on, computed from a run's time
// series (and, for the timing of detection and response, its event log). Definitions, units
// and references are in docs/metrics.md.
//
// Conventions: times are hours since the start of the run; a time-series row t stands for
// the end of tick t, (t + 1) * tick_seconds, and an event of tick t for its start,
// t * tick_seconds. NaN means "not available" (nothing to measure: no detection event, no
// crisis post); +infinity means "not reached within the run" (trust never recovered).
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
  // Appended in format 1 of the metrics (names below, in this order).
  double peak_negative_posts_per_h = 0;      // max over ticks of crisis-narrative posts in the trailing hour
  double time_to_peak_negative_posts_h = 0;
  double outrage_half_life_h = 0;      // hours from the outrage peak until mean outrage <= half the peak (inf if never)
  double time_to_detection_h = 0;      // first event of category "detection" (NaN when the log has none)
  double time_to_first_response_h = 0; // first event of category "action" (NaN when none)
  double bot_post_share = 0;           // share of crisis-narrative posts written by bots (NaN when no posts)
  double influencer_post_share = 0;    // ... by influencers
  double user_post_share = 0;          // ... by ordinary users
};

inline constexpr std::array<std::string_view, 17> kCrisisMetricNames = {
    "peak_outrage", "time_to_peak_outrage_h", "reach_share", "peak_spreaders_share",
    "time_to_peak_spreaders_h", "storm_duration_h", "final_trust", "trust_drop",
    "trust_recovery_h", "peak_negative_posts_per_h", "time_to_peak_negative_posts_h",
    "outrage_half_life_h", "time_to_detection_h", "time_to_first_response_h",
    "bot_post_share", "influencer_post_share", "user_post_share"};

// `narratives` tells which narratives are crisis narratives (rumor or outrage). The event
// metrics (time_to_detection_h, time_to_first_response_h) need the event log: this overload
// sets them to NaN.
CrisisMetrics ComputeCrisisMetrics(const TimeSeries& series,
                                   const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds);
// Everything, event metrics included.
CrisisMetrics ComputeCrisisMetrics(const RunRecord& record,
                                   const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds);
std::array<double, kCrisisMetricNames.size()> AsArray(const CrisisMetrics& m);

// Hours from the start of the run to the first event of `category` ("action", "detection"),
// NaN when there is none.
double HoursToFirstEvent(const std::vector<EventRecord>& events, std::string_view category,
                         double tick_seconds);

}  // namespace firestorm
