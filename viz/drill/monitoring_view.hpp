// What the trainee sees of the crisis: the organization's monitoring, not the true state.
// A deliberately simple, self-contained model (the core's own social-listening model may
// replace it; only this file would change):
//
// - social listening reads a random `sample_rate` share (5%) of the posts about the crisis
//   narratives each tick and scales the count back up: mentions per hour, with the sampling
//   noise of a binomial draw;
// - a sentiment classifier labels each sampled post negative when its author is angry or
//   distrustful (outrage > 0.25 or trust < 0.4; authors drawn among the current spreaders),
//   wrong `classifier_error` (10%) of the time: the share of negative mentions;
// - an hourly opinion poll of `poll_size` (400) random agents: mean trust, with its sampling
//   error;
// - an alert when estimated negative mentions per hour first exceed `alert_per_hour`.
//
// Every draw is keyed by (seed, tick) with the monitoring's own key, so the dashboard is
// deterministic, and never touches the simulation's random streams.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/dynamics/simulation.hpp"

namespace firestorm::viz {

struct MonitoringSample {
  Tick tick = 0;
  double mentions_per_hour = 0;   // estimated crisis mentions per hour (this tick, scaled)
  double negative_share = 0;      // share of sampled mentions classified negative (NaN: none)
  std::uint32_t classified = 0;   // sampled mentions whose sentiment was classified
  std::uint32_t negative = 0;     // ... classified negative
  double poll_trust = 0;          // mean trust in the hourly poll (NaN between polls)
};

struct MonitoringParams {
  double sample_rate = 0.05;
  double classifier_error = 0.10;
  std::uint32_t poll_size = 400;
  double alert_per_hour = 0;      // 0 = 0.2% of the agents per hour
};

class MonitoringView {
 public:
  MonitoringView(std::uint64_t seed, double tick_seconds, AgentId agents, MonitoringParams params = {});

  // Reads the tick just played (public Simulation API only) and adds one sample.
  void Observe(const Simulation& sim);

  const std::vector<MonitoringSample>& samples() const { return samples_; }
  const MonitoringParams& params() const { return params_; }
  Tick alert_tick() const { return alert_tick_; }  // kNever until the alert
  double alert_threshold() const { return alert_per_hour_; }
  // Mentions per hour smoothed over the last hour of samples (what the dashboard plots).
  double SmoothedMentions(std::size_t index) const;
  // Share of negative mentions over the last hour of samples (NaN when none was classified).
  double SmoothedNegativeShare(std::size_t index) const;

 private:
  std::uint64_t key_;
  double tick_hours_;
  MonitoringParams params_;
  double alert_per_hour_;
  std::vector<MonitoringSample> samples_;
  Tick alert_tick_ = kNever;
};

}  // namespace firestorm::viz
