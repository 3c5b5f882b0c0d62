#include "analysis/metrics/crisis_metrics.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {

CrisisMetrics ComputeCrisisMetrics(const TimeSeries& s, const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds) {
  CrisisMetrics m;
  const std::size_t ticks = s.num_ticks();
  if (ticks == 0 || agents == 0) return m;
  const double hours_per_tick = tick_seconds / 3600.0;
  const auto hours_at = [&](std::size_t row) { return (static_cast<double>(s.tick[row]) + 1) * hours_per_tick; };
  const double n = static_cast<double>(agents);

  // Outrage: peak, its time, and how long it stays at half the peak or more.
  const auto peak = std::max_element(s.outrage_mean.begin(), s.outrage_mean.end());
  m.peak_outrage = *peak;
  m.time_to_peak_outrage_h = hours_at(static_cast<std::size_t>(peak - s.outrage_mean.begin()));
  if (m.peak_outrage > 0)
    m.storm_duration_h = hours_per_tick * static_cast<double>(std::count_if(
        s.outrage_mean.begin(), s.outrage_mean.end(), [&](double a) { return a >= 0.5 * m.peak_outrage; }));

  // Crisis narratives: reach and spreaders.
  const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
  const std::size_t per_narrative = kNumNarrativeStates * per_state;
  for (std::size_t k = 0; k < s.narratives && k < narratives.size(); ++k) {
    if (narratives[k].kind != NarrativeKind::kRumor && narratives[k].kind != NarrativeKind::kOutrage) continue;
    m.reach_share = std::max(m.reach_share, static_cast<double>(s.reach[(ticks - 1) * s.narratives + k]) / n);
    for (std::size_t t = 0; t < ticks; ++t) {
      const auto* first = &s.state_counts[(t * s.narratives + k) * per_narrative +
                                          static_cast<int>(NarrativeState::kSpreader) * per_state];
      const double share = static_cast<double>(std::accumulate(first, first + per_state, std::uint64_t{0})) / n;
      if (share > m.peak_spreaders_share) {
        m.peak_spreaders_share = share;
        m.time_to_peak_spreaders_h = hours_at(t);
      }
    }
  }

  // Trust: the drop from the start to the minimum, and the time to win back 90% of it.
  m.final_trust = s.trust_mean.back();
  const auto low = std::min_element(s.trust_mean.begin(), s.trust_mean.end());
  m.trust_drop = std::max(0.0, s.trust_mean.front() - *low);
  m.trust_recovery_h = 0;
  if (m.trust_drop > 0) {
    const double target = *low + 0.9 * m.trust_drop;
    m.trust_recovery_h = std::numeric_limits<double>::infinity();
    for (auto it = low; it != s.trust_mean.end(); ++it)
      if (*it >= target) {
        m.trust_recovery_h = static_cast<double>(it - low) * hours_per_tick;
        break;
      }
  }
  return m;
}

std::array<double, kCrisisMetricNames.size()> AsArray(const CrisisMetrics& m) {
  return {m.peak_outrage, m.time_to_peak_outrage_h, m.reach_share, m.peak_spreaders_share,
          m.time_to_peak_spreaders_h, m.storm_duration_h, m.final_trust, m.trust_drop,
          m.trust_recovery_h};
}

}  // namespace firestorm
