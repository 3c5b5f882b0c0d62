// The organization's social listening: it sees a sample of the posts, classifies their
// sentiment with limited accuracy, and estimates negative mentions per hour over the last
// hour. A crisis is detected when that estimate stays above a threshold for a while.
// Draws are keyed by (seed, tick), so the estimate is part of the deterministic run.
#pragma once

#include <cstdint>
#include <deque>

#include "sim/core/types.hpp"
#include "sim/response/response_team_spec.hpp"

namespace firestorm {

class SocialListening {
 public:
  SocialListening() = default;
  SocialListening(const MonitoringSpec& spec, double tick_seconds, std::uint64_t seed);

  // Feeds one tick's true post counts; returns true on the tick the crisis is detected.
  bool Observe(Tick tick, std::uint64_t crisis_posts, std::uint64_t other_posts);

  double negative_per_hour() const { return negative_per_hour_; }  // estimates, last hour
  double mentions_per_hour() const { return mentions_per_hour_; }
  bool detected() const { return detected_at_ != kNever; }
  Tick detected_at() const { return detected_at_; }

 private:
  MonitoringSpec spec_;
  std::uint64_t seed_ = 0;
  std::size_t window_ticks_ = 60;
  std::deque<std::pair<std::uint64_t, std::uint64_t>> window_;  // (negative, all) sampled
  std::uint64_t window_negative_ = 0, window_all_ = 0;
  double negative_per_hour_ = 0, mentions_per_hour_ = 0;
  Tick above_for_ = 0;
  Tick detected_at_ = kNever;
};

}  // namespace firestorm
