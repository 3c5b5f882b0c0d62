#include "sim/dynamics/social_listening.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

// Binomial(n, p): exact for small n, normal approximation above (np(1-p) is then large
// enough that the error is far below the classifier's own noise).
std::uint64_t SampleBinomial(CounterRng& rng, std::uint64_t n, double p) {
  if (n == 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    std::uint64_t k = 0;
    for (std::uint64_t i = 0; i < n; ++i) k += rng.UniformDouble() < p;
    return k;
  }
  const double mean = static_cast<double>(n) * p;
  const double x = std::round(mean + std::sqrt(mean * (1 - p)) * rng.Normal());
  return static_cast<std::uint64_t>(std::clamp(x, 0.0, static_cast<double>(n)));
}

}  // namespace

SocialListening::SocialListening(const MonitoringSpec& spec, double tick_seconds, std::uint64_t seed)
    : spec_(spec),
      seed_(seed),
      window_ticks_(std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(3600.0 / tick_seconds)))) {}

bool SocialListening::Observe(Tick tick, std::uint64_t crisis_posts, std::uint64_t other_posts) {
  CounterRng rng(seed_, tick, 0, Stream::kResponse, 1);
  const double rate = spec_.sample_rate, accuracy = spec_.sentiment_accuracy;
  const std::uint64_t seen_crisis = SampleBinomial(rng, crisis_posts, rate);
  const std::uint64_t seen_other = SampleBinomial(rng, other_posts, rate);
  // Negative crisis posts classified right, plus other posts misclassified as negative.
  const std::uint64_t negative =
      SampleBinomial(rng, seen_crisis, accuracy) + SampleBinomial(rng, seen_other, 1 - accuracy);
  window_.push_back({negative, seen_crisis + seen_other});
  window_negative_ += negative;
  window_all_ += seen_crisis + seen_other;
  if (window_.size() > window_ticks_) {
    window_negative_ -= window_.front().first;
    window_all_ -= window_.front().second;
    window_.pop_front();
  }
  // Scale the sample back up to the platform, per hour.
  const double per_hour = rate > 0 ? static_cast<double>(window_ticks_) / window_.size() / rate : 0;
  negative_per_hour_ = window_negative_ * per_hour;
  mentions_per_hour_ = window_all_ * per_hour;
  if (detected()) return false;
  above_for_ = negative_per_hour_ > spec_.detect_above ? above_for_ + 1 : 0;
  if (above_for_ >= std::max<Tick>(1, spec_.detect_hold)) {
    detected_at_ = tick;
    return true;
  }
  return false;
}

}  // namespace firestorm
