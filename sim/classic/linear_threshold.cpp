// Linear threshold model (Granovetter 1978; Kempe, Kleinberg & Tardos 2003): each agent v
// draws a threshold theta_v ~ Uniform(0, 1] once; every account it follows weighs
// 1 / (number of accounts v follows); v becomes active in tick t when the active accounts it
// follows at the start of tick t weigh at least theta_v. Active is absorbing.
//
// Approach: with equal weights the test is an integer one, active followees >= need_v =
// ceil(theta_v * followees_v), so the run is a push from the agents activated in the previous
// tick: each adds 1 to every follower's counter (relaxed fetch_add), and the add that takes a
// counter from need_v - 1 to need_v activates that follower, exactly once, whatever the order.
// The threshold is the keyed word (v), so need_v is recomputed where needed instead of stored.
#include <oneapi/tbb/enumerable_thread_specific.h>

#include <atomic>
#include <cmath>

#include "sim/classic/classic_common.hpp"

namespace firestorm {

ClassicRunResult RunLinearThreshold(const GraphView& graph, const ClassicModelSpec& spec,
                                    std::uint64_t seed, const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  const AgentId n = graph.num_agents;
  const HugeArray<std::uint32_t> followees = classic::FolloweeCounts(graph);
  HugeArray<std::uint32_t> active_followees(n);
  HugeArray<Tick> active_at(n);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t v) { active_at[v] = kNever; });
  const auto need = [&](AgentId v) {
    const classic::Words w = classic::Draw(seed, ClassicDraw::kThreshold, v, 0, 0);
    const double theta = classic::Open01(w[0]);
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(theta * followees[v])));
  };

  std::vector<AgentId> frontier = classic::InitialAgents(n, spec, seed, options);
  for (AgentId v : frontier) active_at[v] = 0;
  std::uint64_t active = frontier.size();
  classic::CountTable table({"inactive", "active"});
  table.AddRow(std::array<std::uint64_t, 2>{n - active, active});
  tbb::enumerable_thread_specific<std::vector<AgentId>> newly;
  std::vector<EdgeIndex> row_begin, degree;
  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  Tick t = 0;
  bool stopped = false;
  while (!frontier.empty() && t < spec.max_ticks) {
    ++t;
    classic::FrontierRows(graph, frontier, row_begin, degree);
    result.edge_visits += classic::ForEachFrontierEdge(
        graph.targets, row_begin, degree, [&](std::size_t, EdgeIndex first, EdgeIndex last) {
          std::vector<AgentId>& mine = newly.local();
          for (EdgeIndex e = first; e < last; ++e) {
            const AgentId v = graph.targets[e];
            if (std::atomic_ref<Tick>(active_at[v]).load(std::memory_order_relaxed) < t) continue;
            const std::uint32_t before = std::atomic_ref<std::uint32_t>(active_followees[v])
                                             .fetch_add(1, std::memory_order_relaxed);
            if (before + 1 == need(v)) {
              std::atomic_ref<Tick>(active_at[v]).store(t, std::memory_order_relaxed);
              mine.push_back(v);
            }
          }
        });
    frontier.clear();
    for (std::vector<AgentId>& mine : newly) {
      frontier.insert(frontier.end(), mine.begin(), mine.end());
      mine.clear();
    }
    active += frontier.size();
    table.AddRow(std::array<std::uint64_t, 2>{n - active, active});
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  if (!stopped && frontier.empty() && table.DropRepeatedLastRow()) --t;
  result.ticks = t;
  result.finished = frontier.empty() && !stopped;
  table.MoveInto(result);
  if (options.keep_agent_state) {
    result.event_tick.assign(active_at.begin(), active_at.end());
    result.final_state.resize(n);
    for (AgentId v = 0; v < n; ++v) result.final_state[v] = active_at[v] != kNever ? 1 : 0;
  }
  return result;
}

}  // namespace firestorm
