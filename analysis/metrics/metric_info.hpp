// What each crisis metric means to a reader: a label, a unit, and which direction is better
// for the organization. Used by `firestorm analyze`, the report and its ranked table.
#pragma once

#include <array>
#include <string_view>

#include "analysis/metrics/crisis_metrics.hpp"

namespace firestorm {

enum class Better { kLower, kHigher, kNeither };

struct MetricInfo {
  std::string_view name;   // as in kCrisisMetricNames
  std::string_view label;  // for people
  std::string_view unit;   // "h", "share", "" ...
  Better better;
};

inline constexpr std::array<MetricInfo, kCrisisMetricNames.size()> kCrisisMetricInfo = {{
    {"peak_outrage", "Peak mean outrage", "0-1", Better::kLower},
    {"time_to_peak_outrage_h", "Time to outrage peak", "h", Better::kNeither},
    {"reach_share", "Reach (share of agents exposed)", "share", Better::kLower},
    {"peak_spreaders_share", "Peak spreaders", "share", Better::kLower},
    {"time_to_peak_spreaders_h", "Time to spreader peak", "h", Better::kNeither},
    {"storm_duration_h", "Storm duration (outrage >= half peak)", "h", Better::kLower},
    {"final_trust", "Final mean trust", "0-1", Better::kHigher},
    {"trust_drop", "Trust drop", "0-1", Better::kLower},
    {"trust_recovery_h", "Time to recover 90% of trust", "h", Better::kLower},
    {"peak_negative_posts_per_h", "Peak crisis posts", "posts/h", Better::kLower},
    {"time_to_peak_negative_posts_h", "Time to crisis-post peak", "h", Better::kNeither},
    {"outrage_half_life_h", "Outrage half-life after peak", "h", Better::kLower},
    {"time_to_detection_h", "Time to detection", "h", Better::kLower},
    {"time_to_first_response_h", "Time to first response", "h", Better::kLower},
    {"bot_post_share", "Crisis posts by bots", "share", Better::kNeither},
    {"influencer_post_share", "Crisis posts by influencers", "share", Better::kNeither},
    {"user_post_share", "Crisis posts by ordinary users", "share", Better::kNeither},
}};

// nullptr when `name` is not a crisis metric.
inline const MetricInfo* FindMetricInfo(std::string_view name) {
  for (const MetricInfo& m : kCrisisMetricInfo)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace firestorm
