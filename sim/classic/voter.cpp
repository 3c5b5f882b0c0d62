// Voter model (Clifford & Sudbury 1973; Holley & Liggett 1975), synchronous: in each tick
// every agent copies the opinion of one account it follows, chosen uniformly (an agent that
// follows nobody keeps its opinion). Opinions start uniform over `opinions` values. On a
// connected graph the only absorbing states are consensus; on a complete graph the consensus
// is opinion k with probability equal to k's initial share (the opinion counts are a
// martingale).
//
// Approach: a pull over the followee graph (the transposed CSR), from `now` into `next`, with
// one keyed word block (v, tick) per agent: no atomics, the same result for any schedule.
#include <oneapi/tbb/parallel_for.h>

#include "sim/classic/classic_common.hpp"

namespace firestorm {

ClassicRunResult RunVoter(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                          const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  const AgentId n = graph.num_agents;
  const std::uint32_t k = spec.opinions;
  const classic::FolloweeGraph followees = classic::BuildFolloweeGraph(graph);
  HugeArray<std::uint16_t> now(n), next(n);
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, classic::kAgentGrain),
                    [&](const tbb::blocked_range<AgentId>& r) {
    for (AgentId v = r.begin(); v != r.end(); ++v) {
      const classic::Words w = classic::Draw(seed, ClassicDraw::kInitialState, v, 0, 0);
      now[v] = static_cast<std::uint16_t>(classic::Below(w[0], w[1], k));
    }
  });
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < k; ++i) names.push_back("opinion_" + std::to_string(i));
  classic::CountTable table(names);
  const auto count = [&] {
    std::vector<std::uint64_t> c = tbb::parallel_reduce(
        tbb::blocked_range<AgentId>(0, n, classic::kAgentGrain), std::vector<std::uint64_t>(k),
        [&](const tbb::blocked_range<AgentId>& r, std::vector<std::uint64_t> acc) {
          for (AgentId v = r.begin(); v != r.end(); ++v) ++acc[now[v]];
          return acc;
        },
        [](std::vector<std::uint64_t> a, const std::vector<std::uint64_t>& b) {
          for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
          return a;
        });
    table.AddRow(c);
    return std::find(c.begin(), c.end(), std::uint64_t{n}) != c.end();
  };
  bool consensus = count();
  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  Tick t = 0;
  bool stopped = false;
  while (!consensus && t < spec.max_ticks) {
    ++t;
    tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, classic::kAgentGrain),
                      [&](const tbb::blocked_range<AgentId>& r) {
      for (AgentId v = r.begin(); v != r.end(); ++v) {
        const EdgeIndex d = followees.followee_count(v);
        if (d == 0) {
          next[v] = now[v];
          continue;
        }
        const classic::Words w = classic::Draw(seed, ClassicDraw::kStepAgent, v, 0, t);
        next[v] = now[followees.sources[followees.offsets[v] + classic::Below(w[0], w[1], d)]];
      }
    });
    std::swap(now, next);
    result.edge_visits += n;
    consensus = count();
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  result.ticks = t;
  result.finished = consensus && !stopped;
  table.MoveInto(result);
  if (options.keep_agent_state) {
    result.final_opinion.assign(now.begin(), now.end());
    if (k <= 256) {
      result.final_state.resize(n);
      for (AgentId v = 0; v < n; ++v) result.final_state[v] = static_cast<std::uint8_t>(now[v]);
    }
  }
  return result;
}

}  // namespace firestorm
