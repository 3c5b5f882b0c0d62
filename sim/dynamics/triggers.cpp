// Triggers: actions and injects that fire on detection or on a watched condition rather than
// at a fixed time. Conditions are read at the start of a tick from the end of the previous
// one: monitored metrics from social listening, true-state metrics from the record.
#include <algorithm>
#include <numeric>

#include "sim/dynamics/simulation.hpp"

namespace firestorm {

bool Simulation::ConditionHolds(const Trigger& trigger) const {
  const TimeSeries& s = record_.series;
  if (s.num_ticks() == 0) return false;
  const std::size_t last = s.num_ticks() - 1;
  const double agents = std::max<double>(1, world_.population.num_agents());
  double value = 0;
  switch (trigger.metric) {
    case WatchedMetric::kNegativeMentionsPerHour: value = listening_.negative_per_hour(); break;
    case WatchedMetric::kMentionsPerHour: value = listening_.mentions_per_hour(); break;
    case WatchedMetric::kMeanOutrage: value = s.outrage_mean[last]; break;
    case WatchedMetric::kMeanTrust: value = s.trust_mean[last]; break;
    case WatchedMetric::kReachShare:
    case WatchedMetric::kSpreadersShare: {
      const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
      const std::size_t per_narrative = kNumNarrativeStates * per_state;
      for (std::size_t n = 0; n < narratives_.size(); ++n) {
        const bool crisis = narratives_[n].kind == NarrativeKind::kRumor ||
                            narratives_[n].kind == NarrativeKind::kOutrage;
        if (!crisis) continue;
        double share = 0;
        if (trigger.metric == WatchedMetric::kReachShare) {
          share = static_cast<double>(s.reach[last * s.narratives + n]) / agents;
        } else {
          const auto* first = &s.state_counts[(last * s.narratives + n) * per_narrative +
                                              static_cast<int>(NarrativeState::kSpreader) * per_state];
          share = static_cast<double>(std::accumulate(first, first + per_state, std::uint64_t{0})) / agents;
        }
        value = std::max(value, share);
      }
      break;
    }
  }
  return trigger.above ? value > trigger.threshold : value < trigger.threshold;
}

void Simulation::EvaluateTriggers() {
  auto watch = [&](const Trigger& trigger, TriggerWatch& w, auto schedule) {
    if (w.fired || trigger.kind != TriggerKind::kCondition) return;
    w.held = ConditionHolds(trigger) ? w.held + 1 : 0;
    if (w.held >= std::max<Tick>(1, trigger.hold)) {
      w.fired = true;
      schedule(tick_ + trigger.delay);
    }
  };
  for (std::uint32_t i = 0; i < actions_.size(); ++i) {
    const ActionSpec& a = actions_[i];
    watch(a.trigger, action_watch_[i], [&](Tick t) { schedule_.AddAction(i, t, a.every, a.until); });
  }
  for (std::uint32_t i = 0; i < scenario_.injects.size(); ++i)
    watch(scenario_.injects[i].trigger, inject_watch_[i], [&](Tick t) { schedule_.AddInject(i, t); });
}

// Social listening looks at this tick's posts; detection schedules the `when: detected` ones.
void Simulation::ObservePlatform() {
  std::uint64_t crisis = 0, other = 0;
  for (std::size_t n = 0; n < narratives_.size(); ++n) {
    const bool is_crisis = narratives_[n].kind == NarrativeKind::kRumor ||
                           narratives_[n].kind == NarrativeKind::kOutrage;
    for (int k = 0; k < kNumAgentKinds; ++k)
      (is_crisis ? crisis : other) += tick_posts_[n * kNumAgentKinds + k];
  }
  const bool detected_now = listening_.Observe(tick_, crisis, other);
  record_.series.monitored_negative_per_hour.push_back(listening_.negative_per_hour());
  if (!detected_now) return;
  AddEvent("detection", "crisis_detected", kAllNarratives,
           "monitoring estimates " + std::to_string(static_cast<long long>(listening_.negative_per_hour())) +
               " negative mentions per hour");
  for (std::uint32_t i = 0; i < actions_.size(); ++i) {
    const ActionSpec& a = actions_[i];
    if (a.trigger.kind != TriggerKind::kDetected || action_watch_[i].fired) continue;
    action_watch_[i].fired = true;
    schedule_.AddAction(i, tick_ + 1 + a.trigger.delay, a.every, a.until);
  }
  for (std::uint32_t i = 0; i < scenario_.injects.size(); ++i) {
    const InjectSpec& e = scenario_.injects[i];
    if (e.trigger.kind != TriggerKind::kDetected || inject_watch_[i].fired) continue;
    inject_watch_[i].fired = true;
    schedule_.AddInject(i, tick_ + 1 + e.trigger.delay);
  }
}

}  // namespace firestorm
