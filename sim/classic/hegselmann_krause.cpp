// Hegselmann–Krause bounded confidence (Hegselmann & Krause, "Opinion dynamics and bounded
// confidence", JASSS 5(3), 2002): opinions x in [0, 1] start uniform; in each tick every agent
// moves to the average opinion of itself and the accounts it follows whose opinions are within
// epsilon of its own: x_v <- mean{x_w : w in followees(v) + {v}, |x_w - x_v| <= epsilon}. On a
// complete graph it reaches a fixed point of clusters more than epsilon apart in finitely many
// ticks. Parameters: confidence_bound (epsilon), tolerance (stop once nothing moves more).
//
// Approach: a pull over the followee graph (O(edges) per tick), summing in double in the fixed
// order of each sorted row: the same floats for any thread count. No randomness after tick 0.
#include <cmath>

#include "sim/classic/opinion_dynamics.hpp"

namespace firestorm {

ClassicRunResult RunHegselmannKrause(const GraphView& graph, const ClassicModelSpec& spec,
                                     std::uint64_t seed, const ClassicRunOptions& options) {
  const classic::FolloweeGraph followees = classic::BuildFolloweeGraph(graph);
  const double epsilon = spec.confidence_bound;
  EdgeIndex visits = 0;
  ClassicRunResult result = classic::RunOpinionModel(
      graph, spec, seed, options, /*quiet_ticks=*/1,
      [&](std::span<const float> now, std::span<float> next, Tick) {
        tbb::parallel_for(tbb::blocked_range<AgentId>(0, graph.num_agents, 256),
                          [&](const tbb::blocked_range<AgentId>& r) {
          for (AgentId v = r.begin(); v != r.end(); ++v) {
            const double x = now[v];
            double sum = x;
            std::uint64_t count = 1;
            for (AgentId w : followees.followees_of(v)) {
              if (std::abs(now[w] - x) <= epsilon) {
                sum += now[w];
                ++count;
              }
            }
            next[v] = static_cast<float>(sum / static_cast<double>(count));
          }
        });
        visits += graph.num_edges;
        return classic::MaxChange(now, next);
      });
  result.edge_visits = visits;
  return result;
}

}  // namespace firestorm
