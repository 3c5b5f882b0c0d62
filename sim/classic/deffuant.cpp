// Deffuant–Weisbuch bounded confidence (Deffuant, Neau, Amblard & Weisbuch, "Mixing beliefs
// among interacting agents", Adv. Complex Syst. 3, 2000), synchronous form: opinions x in
// [0, 1] start uniform; in each tick every agent v meets one account w it follows, chosen
// uniformly, and if |x_w - x_v| < epsilon moves towards it: x_v += mu (x_w - x_v). (The
// original updates one random pair at a time, both ends; here all agents move at once, each
// only itself, which keeps the update a race-free pull.) On a complete graph the opinions
// settle into about floor(1 / (2 epsilon)) major clusters (Deffuant et al. 2000; Lorenz 2007).
// Parameters: confidence_bound (epsilon), convergence_rate (mu), tolerance.
//
// Approach: a pull over the followee graph, one keyed word block (v, tick) per agent, writing
// next[v] only: the same floats for any thread count.
#include <cmath>

#include "sim/classic/opinion_dynamics.hpp"

namespace firestorm {

ClassicRunResult RunDeffuant(const GraphView& graph, const ClassicModelSpec& spec,
                             std::uint64_t seed, const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  const classic::FolloweeGraph followees = classic::BuildFolloweeGraph(graph);
  const auto epsilon = static_cast<float>(spec.confidence_bound);
  const auto mu = static_cast<float>(spec.convergence_rate);
  return classic::RunOpinionModel(
      graph, spec, seed, options, classic::kQuietTicks,
      [&](std::span<const float> now, std::span<float> next, Tick t) {
        tbb::parallel_for(tbb::blocked_range<AgentId>(0, graph.num_agents, classic::kAgentGrain),
                          [&](const tbb::blocked_range<AgentId>& r) {
          for (AgentId v = r.begin(); v != r.end(); ++v) {
            next[v] = now[v];
            const EdgeIndex d = followees.followee_count(v);
            if (d == 0) continue;
            const classic::Words w = classic::Draw(seed, ClassicDraw::kStepAgent, v, 0, t);
            const float other = now[followees.sources[followees.offsets[v] + classic::Below(w[0], w[1], d)]];
            if (std::abs(other - now[v]) < epsilon) next[v] = now[v] + mu * (other - now[v]);
          }
        });
        return classic::MaxChange(now, next);
      });
}

}  // namespace firestorm
