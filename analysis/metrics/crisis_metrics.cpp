// Crisis metrics from the per-tick series (see crisis_metrics.hpp and docs/metrics.md).
// One pass per series; nothing here allocates more than one vector of ticks.
#include "analysis/metrics/crisis_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool IsCrisis(const NarrativeSpec& n) {
  return n.kind == NarrativeKind::kRumor || n.kind == NarrativeKind::kOutrage;
}

// Posts about crisis narratives, per tick, summed over author kinds; and per author kind,
// summed over ticks.
struct CrisisPosts {
  std::vector<double> per_tick;
  std::array<double, kNumAgentKinds> per_kind{};
};

CrisisPosts CountCrisisPosts(const TimeSeries& s, const std::vector<NarrativeSpec>& narratives) {
  CrisisPosts out;
  out.per_tick.assign(s.num_ticks(), 0.0);
  if (s.posts.size() < s.num_ticks() * s.narratives * kNumAgentKinds) return out;
  for (std::size_t t = 0; t < s.num_ticks(); ++t)
    for (std::size_t k = 0; k < s.narratives && k < narratives.size(); ++k) {
      if (!IsCrisis(narratives[k])) continue;
      const std::uint32_t* row = &s.posts[(t * s.narratives + k) * kNumAgentKinds];
      for (int kind = 0; kind < kNumAgentKinds; ++kind) {
        out.per_tick[t] += row[kind];
        out.per_kind[static_cast<std::size_t>(kind)] += row[kind];
      }
    }
  return out;
}

}  // namespace

double HoursToFirstEvent(const std::vector<EventRecord>& events, std::string_view category,
                         double tick_seconds) {
  Tick first = kNever;
  for (const EventRecord& e : events)
    if (e.category == category) first = std::min(first, e.tick);
  return first == kNever ? kNaN : static_cast<double>(first) * tick_seconds / 3600.0;
}

CrisisMetrics ComputeCrisisMetrics(const TimeSeries& s, const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds) {
  CrisisMetrics m;
  m.time_to_detection_h = kNaN;
  m.time_to_first_response_h = kNaN;
  m.outrage_half_life_h = kNaN;
  m.bot_post_share = m.influencer_post_share = m.user_post_share = kNaN;
  const std::size_t ticks = s.num_ticks();
  if (ticks == 0 || agents == 0) return m;
  const double hours_per_tick = tick_seconds / 3600.0;
  const auto hours_at = [&](std::size_t row) { return (static_cast<double>(s.tick[row]) + 1) * hours_per_tick; };
  const double n = static_cast<double>(agents);

  // Outrage: peak, its time, how long it stays at half the peak or more, and how long it
  // takes to fall back to half the peak.
  const auto peak = std::max_element(s.outrage_mean.begin(), s.outrage_mean.end());
  m.peak_outrage = *peak;
  m.time_to_peak_outrage_h = hours_at(static_cast<std::size_t>(peak - s.outrage_mean.begin()));
  if (m.peak_outrage > 0) {
    m.storm_duration_h = hours_per_tick * static_cast<double>(std::count_if(
        s.outrage_mean.begin(), s.outrage_mean.end(), [&](double a) { return a >= 0.5 * m.peak_outrage; }));
    const auto half = std::find_if(peak, s.outrage_mean.end(),
                                   [&](double a) { return a <= 0.5 * m.peak_outrage; });
    m.outrage_half_life_h =
        half == s.outrage_mean.end() ? kInf : static_cast<double>(half - peak) * hours_per_tick;
  }

  // Crisis narratives: reach and spreaders.
  const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
  const std::size_t per_narrative = kNumNarrativeStates * per_state;
  for (std::size_t k = 0; k < s.narratives && k < narratives.size(); ++k) {
    if (!IsCrisis(narratives[k])) continue;
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

  // Crisis posts: the busiest trailing hour (a window of whole ticks; one tick when ticks
  // are an hour or longer), and who wrote them.
  const CrisisPosts posts = CountCrisisPosts(s, narratives);
  const std::size_t window = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(1.0 / hours_per_tick)));
  double in_window = 0;
  for (std::size_t t = 0; t < ticks; ++t) {
    in_window += posts.per_tick[t];
    if (t >= window) in_window -= posts.per_tick[t - window];
    const double per_hour = in_window / (static_cast<double>(window) * hours_per_tick);
    if (per_hour > m.peak_negative_posts_per_h) {
      m.peak_negative_posts_per_h = per_hour;
      m.time_to_peak_negative_posts_h = hours_at(t);
    }
  }
  const double total = std::accumulate(posts.per_kind.begin(), posts.per_kind.end(), 0.0);
  if (total > 0) {
    const auto share = [&](AgentKind kind) { return posts.per_kind[static_cast<std::size_t>(kind)] / total; };
    m.bot_post_share = share(AgentKind::kBot);
    m.influencer_post_share = share(AgentKind::kInfluencer);
    m.user_post_share = share(AgentKind::kUser);
  }

  // Trust: the drop from the start to the minimum, and the time to win back 90% of it.
  m.final_trust = s.trust_mean.back();
  const auto low = std::min_element(s.trust_mean.begin(), s.trust_mean.end());
  m.trust_drop = std::max(0.0, s.trust_mean.front() - *low);
  m.trust_recovery_h = 0;
  if (m.trust_drop > 0) {
    const double target = *low + 0.9 * m.trust_drop;
    m.trust_recovery_h = kInf;
    for (auto it = low; it != s.trust_mean.end(); ++it)
      if (*it >= target) {
        m.trust_recovery_h = static_cast<double>(it - low) * hours_per_tick;
        break;
      }
  }
  return m;
}

CrisisMetrics ComputeCrisisMetrics(const RunRecord& record, const std::vector<NarrativeSpec>& narratives,
                                   AgentId agents, double tick_seconds) {
  CrisisMetrics m = ComputeCrisisMetrics(record.series, narratives, agents, tick_seconds);
  m.time_to_detection_h = HoursToFirstEvent(record.events, "detection", tick_seconds);
  m.time_to_first_response_h = HoursToFirstEvent(record.events, "action", tick_seconds);
  return m;
}

std::array<double, kCrisisMetricNames.size()> AsArray(const CrisisMetrics& m) {
  return {m.peak_outrage, m.time_to_peak_outrage_h, m.reach_share, m.peak_spreaders_share,
          m.time_to_peak_spreaders_h, m.storm_duration_h, m.final_trust, m.trust_drop,
          m.trust_recovery_h, m.peak_negative_posts_per_h, m.time_to_peak_negative_posts_h,
          m.outrage_half_life_h, m.time_to_detection_h, m.time_to_first_response_h,
          m.bot_post_share, m.influencer_post_share, m.user_post_share};
}

}  // namespace firestorm
