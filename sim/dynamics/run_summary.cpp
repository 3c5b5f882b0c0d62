#include "sim/dynamics/run_summary.hpp"

#include <numeric>

#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {

RunSummary Summarize(const RunRecord& record, const std::vector<NarrativeSpec>& narratives,
                     AgentId agents) {
  const TimeSeries& s = record.series;
  RunSummary out;
  out.agents = agents;
  out.ticks = static_cast<Tick>(s.num_ticks());
  const std::size_t num_narratives = s.narratives;
  const std::size_t per_state = std::size_t{kNumAgentKinds} * s.communities;
  const std::size_t per_narrative = kNumNarrativeStates * per_state;
  const std::size_t per_tick = num_narratives * per_narrative;
  for (std::size_t n = 0; n < num_narratives; ++n) {
    NarrativeSummary ns;
    ns.id = n < narratives.size() ? narratives[n].id : std::to_string(n);
    for (std::size_t t = 0; t < s.num_ticks(); ++t) {
      const auto* spreaders = &s.state_counts[t * per_tick + n * per_narrative +
                                              static_cast<int>(NarrativeState::kSpreader) * per_state];
      const std::uint64_t count = std::accumulate(spreaders, spreaders + per_state, std::uint64_t{0});
      if (count > ns.peak_spreaders) {
        ns.peak_spreaders = count;
        ns.peak_spreaders_tick = s.tick[t];
      }
      for (int k = 0; k < kNumAgentKinds; ++k) {
        const std::uint32_t p = s.posts[(t * num_narratives + n) * kNumAgentKinds + k];
        ns.posts += p;
        if (k == static_cast<int>(AgentKind::kBot)) ns.posts_by_bots += p;
      }
    }
    if (s.num_ticks() > 0) ns.reach = s.reach[(s.num_ticks() - 1) * num_narratives + n];
    ns.reach_share = agents > 0 ? static_cast<double>(ns.reach) / agents : 0.0;
    out.narratives.push_back(ns);
  }
  for (std::size_t t = 0; t < s.num_ticks(); ++t) {
    if (s.outrage_mean[t] > out.peak_outrage) {
      out.peak_outrage = s.outrage_mean[t];
      out.peak_outrage_tick = s.tick[t];
    }
    out.deliveries += s.deliveries[t];
  }
  for (const EventRecord& e : record.events) {
    if (e.category == "detection" && out.detected_tick == kNever) out.detected_tick = e.tick;
    if (e.category == "action" && out.first_response_tick == kNever) out.first_response_tick = e.tick;
  }
  if (s.num_ticks() > 0) {
    out.final_outrage = s.outrage_mean.back();
    out.initial_trust = s.trust_mean.front();
    out.final_trust = s.trust_mean.back();
  }
  return out;
}

}  // namespace firestorm
