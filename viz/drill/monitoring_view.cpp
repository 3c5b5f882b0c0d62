#include "viz/drill/monitoring_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/core/rng.hpp"

namespace firestorm::viz {

namespace {

constexpr std::uint64_t kMonitoringKey = 0x6d6f6e69746f72ULL;  // "monitor"

bool IsCrisis(const NarrativeSpec& n) {
  return n.kind == NarrativeKind::kRumor || n.kind == NarrativeKind::kOutrage;
}

// Binomial(n, p): exact for small n, normal approximation above.
std::uint64_t Binomial(CounterRng& rng, std::uint64_t n, double p) {
  if (n < 256) {
    std::uint64_t k = 0;
    for (std::uint64_t i = 0; i < n; ++i) k += rng.UniformDouble() < p;
    return k;
  }
  const double mean = static_cast<double>(n) * p, sd = std::sqrt(mean * (1 - p));
  return static_cast<std::uint64_t>(std::clamp(std::llround(mean + sd * rng.Normal()), 0LL,
                                               static_cast<long long>(n)));
}

}  // namespace

MonitoringView::MonitoringView(std::uint64_t seed, double tick_seconds, AgentId agents, MonitoringParams params)
    : key_(seed ^ kMonitoringKey), tick_hours_(tick_seconds / 3600.0), params_(params),
      alert_per_hour_(params.alert_per_hour > 0 ? params.alert_per_hour : 0.002 * agents) {}

void MonitoringView::Observe(const Simulation& sim) {
  const TimeSeries& series = sim.record().series;
  if (series.tick.empty()) return;
  const std::size_t row = series.tick.size() - 1;
  const Tick tick = series.tick[row];
  const auto& narratives = sim.narratives();
  const std::size_t num_narratives = narratives.size();
  std::uint64_t posts = 0;
  for (std::size_t n = 0; n < num_narratives; ++n)
    if (IsCrisis(narratives[n]))
      for (std::size_t k = 0; k < 6; ++k) posts += series.posts[(row * num_narratives + n) * 6 + k];

  CounterRng rng(key_, tick, 0, Stream::kResponse, 0x4d4f);
  MonitoringSample s;
  s.tick = tick;
  const std::uint64_t sampled = Binomial(rng, posts, params_.sample_rate);
  s.mentions_per_hour = static_cast<double>(sampled) / params_.sample_rate / tick_hours_;

  // Sentiment of the sampled posts: their authors are drawn among current spreaders.
  const PopulationState& pop = sim.population();
  const AgentId n = pop.num_agents();
  std::uint64_t classified = 0, negative = 0;
  const std::uint64_t want = std::min<std::uint64_t>(sampled, 200);
  for (std::uint64_t attempt = 0; attempt < 4000 && classified < want && n > 0; ++attempt) {
    const auto v = static_cast<AgentId>(rng.Below(n));
    bool spreading = false;
    for (std::size_t k = 0; k < num_narratives && !spreading; ++k)
      spreading = IsCrisis(narratives[k]) && pop.narratives[k].state[v] == NarrativeState::kSpreader;
    if (!spreading) continue;
    const bool angry = pop.outrage[v] > 0.25f || pop.trust[v] < 0.4f;
    const bool wrong = rng.UniformDouble() < params_.classifier_error;
    negative += angry != wrong;
    ++classified;
  }
  s.classified = static_cast<std::uint32_t>(classified);
  s.negative = static_cast<std::uint32_t>(negative);
  s.negative_share = classified > 0 ? static_cast<double>(negative) / static_cast<double>(classified)
                                    : std::numeric_limits<double>::quiet_NaN();

  // Hourly poll at the end of each hour.
  const double end_hours = static_cast<double>(tick + 1) * tick_hours_;
  const bool poll = std::floor(end_hours + 1e-9) > std::floor(end_hours - tick_hours_ + 1e-9);
  s.poll_trust = std::numeric_limits<double>::quiet_NaN();
  if (poll && n > 0) {
    double sum = 0;
    for (std::uint32_t i = 0; i < params_.poll_size; ++i) sum += pop.trust[static_cast<AgentId>(rng.Below(n))];
    s.poll_trust = sum / params_.poll_size;
  }
  samples_.push_back(s);
  const double share = SmoothedNegativeShare(samples_.size() - 1);
  const double negative_per_hour = SmoothedMentions(samples_.size() - 1) * (std::isnan(share) ? 0.0 : share);
  if (alert_tick_ == kNever && negative_per_hour > alert_per_hour_) alert_tick_ = tick;
}

double MonitoringView::SmoothedMentions(std::size_t index) const {
  const auto window = static_cast<std::size_t>(std::max(1.0, std::round(1.0 / tick_hours_)));
  const std::size_t first = index + 1 >= window ? index + 1 - window : 0;
  double sum = 0;
  for (std::size_t i = first; i <= index; ++i) sum += samples_[i].mentions_per_hour;
  return sum / static_cast<double>(index + 1 - first);
}

}  // namespace firestorm::viz

namespace firestorm::viz {

double MonitoringView::SmoothedNegativeShare(std::size_t index) const {
  const auto window = static_cast<std::size_t>(std::max(1.0, std::round(1.0 / tick_hours_)));
  const std::size_t first = index + 1 >= window ? index + 1 - window : 0;
  std::uint64_t classified = 0, negative = 0;
  for (std::size_t i = first; i <= index; ++i) classified += samples_[i].classified, negative += samples_[i].negative;
  return classified > 0 ? static_cast<double>(negative) / static_cast<double>(classified)
                        : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace firestorm::viz
