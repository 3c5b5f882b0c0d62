// RunOpinionModel: see opinion_dynamics.hpp.
#include "sim/classic/opinion_dynamics.hpp"

#include <algorithm>

namespace firestorm::classic {

float MaxChange(std::span<const float> a, std::span<const float> b) {
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, a.size(), kAgentGrain), 0.0f,
      [&](const tbb::blocked_range<std::size_t>& r, float m) {
        for (std::size_t v = r.begin(); v != r.end(); ++v) m = std::max(m, std::abs(a[v] - b[v]));
        return m;
      },
      [](float x, float y) { return std::max(x, y); });
}

ClassicRunResult RunOpinionModel(
    const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
    const ClassicRunOptions& options, int quiet_ticks,
    const std::function<float(std::span<const float>, std::span<float>, Tick)>& update) {
  const AgentId n = graph.num_agents;
  HugeArray<float> now(n), next(n);
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, kAgentGrain),
                    [&](const tbb::blocked_range<AgentId>& r) {
    for (AgentId v = r.begin(); v != r.end(); ++v)
      now[v] = static_cast<float>(Open01(Draw(seed, ClassicDraw::kInitialState, v, 0, 0)[0]));
  });
  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  CountTable table(OpinionBinNames(kOpinionBins));
  const auto record = [&] {
    std::array<std::uint64_t, kOpinionBins> bins{};
    OpinionHistogram(now.span(), bins);
    table.AddRow(bins);
    const auto [mean, sd] = OpinionMoments(now.span());
    result.opinion_mean.push_back(mean);
    result.opinion_std.push_back(sd);
  };
  record();
  Tick t = 0;
  int quiet = 0;
  bool stopped = false;
  while (quiet < quiet_ticks && t < spec.max_ticks) {
    ++t;
    const float moved = update(now.span(), next.span(), t);
    std::swap(now, next);
    quiet = moved <= spec.tolerance ? quiet + 1 : 0;
    result.edge_visits += n;
    record();
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  result.ticks = t;
  result.finished = quiet >= quiet_ticks && !stopped;
  result.clusters = CountOpinionClusters(now.span(), spec.confidence_bound / 2, 0.01);
  table.MoveInto(result);
  if (options.keep_agent_state) {
    result.final_opinion.assign(now.begin(), now.end());
    result.final_state.resize(n);
    for (AgentId v = 0; v < n; ++v)
      result.final_state[v] = static_cast<std::uint8_t>(
          std::min<std::size_t>(kOpinionBins - 1, static_cast<std::size_t>(now[v] * kOpinionBins)));
  }
  return result;
}

}  // namespace firestorm::classic
