// SIS in discrete time (graph-tool's SISState with iterate_sync; Pastor-Satorras &
// Vespignani 2001 for the network epidemic threshold): in tick t a susceptible agent with k
// infected followees becomes infected with probability 1 - (1 - beta)^k, and an agent infected
// at the start of tick t becomes susceptible again at its end with probability gamma (it
// still transmits during that tick). There is no absorbing state other than "nobody
// infected", so the run lasts max_ticks unless the infection dies out.
//
// Approach: push from the list of infected agents. Each edge u -> v flips its own beta-coin,
// keyed (u, rank of v in u's row / 4, t) with one Philox block per 4 edges; a success on a
// susceptible v sets v's hit flag (relaxed exchange: the first setter lists v as newly
// infected, so the list holds each agent once). Independent per-edge coins give exactly
// 1 - (1 - beta)^k. Recoveries are keyed (u, t). States change only after the push, so every
// decision reads the state at the start of the tick, and the new infected list is the same
// set for any schedule (its order may differ; nothing depends on it).
#include <oneapi/tbb/enumerable_thread_specific.h>

#include <atomic>

#include "sim/classic/classic_common.hpp"

namespace firestorm {

ClassicRunResult RunSis(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                        const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  const AgentId n = graph.num_agents;
  HugeArray<std::uint8_t> infected(n);  // 0 susceptible, 1 infected
  HugeArray<std::uint8_t> hit(n);       // infected this tick
  std::vector<AgentId> list = classic::InitialAgents(n, spec, seed, options);
  for (AgentId v : list) infected[v] = 1;

  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  classic::CountTable table({"S", "I"});
  table.AddRow(std::array<std::uint64_t, 2>{n - list.size(), list.size()});
  struct Local {
    std::vector<AgentId> newly, staying;
  };
  tbb::enumerable_thread_specific<Local> locals;
  std::vector<EdgeIndex> row_begin, degree;
  Tick t = 0;
  bool stopped = false;
  while (!list.empty() && t < spec.max_ticks) {
    ++t;
    classic::FrontierRows(graph, list, row_begin, degree);
    result.edge_visits += classic::ForEachFrontierEdge(
        graph.targets, row_begin, degree, [&](std::size_t i, EdgeIndex first, EdgeIndex last) {
          const AgentId u = list[i];
          const EdgeIndex row = row_begin[i];
          Local& local = locals.local();
          classic::Words words{};
          EdgeIndex block = ~EdgeIndex{0};
          for (EdgeIndex e = first; e < last; ++e) {
            const EdgeIndex rank = e - row;
            if ((rank >> 2) != block) {
              block = rank >> 2;
              words = classic::Draw(seed, ClassicDraw::kStepEdge, u,
                                    static_cast<std::uint32_t>(block), t);
            }
            if (!classic::Coin(words[rank & 3], spec.beta)) continue;
            const AgentId v = graph.targets[e];
            if (infected[v] != 0) continue;  // read-only during the push
            if (std::atomic_ref<std::uint8_t>(hit[v]).exchange(1, std::memory_order_relaxed) == 0)
              local.newly.push_back(v);
          }
        });
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, list.size(), classic::kAgentGrain),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      Local& local = locals.local();
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        const AgentId u = list[i];
        const classic::Words w = classic::Draw(seed, ClassicDraw::kStepAgent, u, 0, t);
        if (classic::Coin(w[0], spec.gamma)) {
          infected[u] = 0;
        } else {
          local.staying.push_back(u);
        }
      }
    });
    list.clear();
    for (Local& local : locals) {
      list.insert(list.end(), local.staying.begin(), local.staying.end());
      for (AgentId v : local.newly) {
        infected[v] = 1;
        hit[v] = 0;
        list.push_back(v);
      }
      local.newly.clear();
      local.staying.clear();
    }
    table.AddRow(std::array<std::uint64_t, 2>{n - list.size(), list.size()});
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  result.ticks = t;
  result.finished = list.empty() && !stopped;
  table.MoveInto(result);
  if (options.keep_agent_state) result.final_state.assign(infected.begin(), infected.end());
  return result;
}

}  // namespace firestorm
