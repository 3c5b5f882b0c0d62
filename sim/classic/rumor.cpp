// Rumor models with ignorants, spreaders and stiflers, in discrete time.
//
// Maki–Thompson (Maki & Thompson 1973): in each tick, each spreader u, with probability
// c = contact_probability, contacts one follower v chosen uniformly. If v is an ignorant, v
// becomes a spreader; otherwise (spreader or stifler) u stops spreading: it becomes a stifler.
// Daley–Kendall (Daley & Kendall 1964, 1965): meetings are between pairs. A spreader meeting an
// ignorant makes a spreader; a spreader meeting a stifler becomes a stifler; two spreaders
// that meet both become stiflers. Here contacts are started by spreaders, so a pair of
// spreaders is contacted twice as often as a spreader-ignorant pair; a spreader-spreader contact
// therefore counts as a meeting with probability 1/2, which gives every pair the same meeting
// rate, as in DK.
// On a complete graph of n agents with one spreader, as n -> infinity and c -> 0 (the
// continuous-time limit), both leave a share s of never-informed agents solving
// s = exp(-2 (1 - s)), s = 0.2032 (Sudbury 1985). With c = 1 (everybody talks every tick) the
// synchronous updates shift it (0.17 for MT, 0.15 for DK: docs/models.md).
//
// Approach: the spreaders form a list. Each tick every spreader draws its keyed word
// (u, tick): contact coin, follower index and DK's 1/2 coin; effects are flags (relaxed
// exchanges) read against the states at the start of the tick, so the new states are the same
// for any schedule. Stops when no spreader is left.
#include <oneapi/tbb/enumerable_thread_specific.h>

#include <atomic>

#include "sim/classic/classic_common.hpp"

namespace firestorm {

ClassicRunResult RunRumor(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                          const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  enum : std::uint8_t { kIgnorant = 0, kSpreader = 1, kStifler = 2 };
  enum : std::uint8_t { kHeard = 1, kStifled = 2 };  // flags set during a tick
  const bool daley_kendall = spec.kind == ClassicModelKind::kDaleyKendall;
  const AgentId n = graph.num_agents;
  HugeArray<std::uint8_t> state(n), flag(n);
  HugeArray<Tick> heard_at(n);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t v) { heard_at[v] = kNever; });
  std::vector<AgentId> spreaders = classic::InitialAgents(n, spec, seed, options);
  for (AgentId v : spreaders) {
    state[v] = kSpreader;
    heard_at[v] = 0;
  }
  std::uint64_t stiflers = 0, ever = spreaders.size();
  classic::CountTable table({"ignorant", "spreader", "stifler"});
  table.AddRow(std::array<std::uint64_t, 3>{n - ever, spreaders.size(), 0});
  struct Local {
    std::vector<AgentId> heard, stifled;
  };
  tbb::enumerable_thread_specific<Local> locals;
  const auto mark = [&](AgentId v, std::uint8_t bit, std::vector<AgentId>& list) {
    const std::uint8_t before =
        std::atomic_ref<std::uint8_t>(flag[v]).fetch_or(bit, std::memory_order_relaxed);
    if ((before & bit) == 0) list.push_back(v);
  };

  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  Tick t = 0;
  bool stopped = false;
  while (!spreaders.empty() && t < spec.max_ticks) {
    ++t;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, spreaders.size(), 256),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      Local& local = locals.local();
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        const AgentId u = spreaders[i];
        const EdgeIndex followers = graph.follower_count(u);
        const classic::Words w = classic::Draw(seed, ClassicDraw::kStepAgent, u, 0, t);
        if (followers == 0 || !classic::Coin(w[0], spec.contact_probability)) continue;
        const AgentId v = graph.targets[graph.offsets[u] + classic::Below(w[1], w[2], followers)];
        switch (state[v]) {  // read-only during the tick
          case kIgnorant:
            mark(v, kHeard, local.heard);
            break;
          case kStifler:
            mark(u, kStifled, local.stifled);
            break;
          default:  // another spreader
            if (!daley_kendall) {
              mark(u, kStifled, local.stifled);
            } else if (classic::Coin(w[3], 0.5)) {
              mark(u, kStifled, local.stifled);
              mark(v, kStifled, local.stifled);
            }
        }
      }
    });
    result.edge_visits += spreaders.size();
    std::vector<AgentId> next;
    for (Local& local : locals) {
      for (AgentId v : local.stifled) {
        state[v] = kStifler;
        flag[v] = 0;
        ++stiflers;
      }
      for (AgentId v : local.heard) {
        state[v] = kSpreader;
        flag[v] = 0;
        heard_at[v] = t;
        ++ever;
        next.push_back(v);
      }
      local.heard.clear();
      local.stifled.clear();
    }
    for (AgentId u : spreaders)
      if (state[u] == kSpreader) next.push_back(u);
    spreaders.swap(next);
    table.AddRow(std::array<std::uint64_t, 3>{n - ever, spreaders.size(), stiflers});
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  result.ticks = t;
  result.finished = spreaders.empty() && !stopped;
  table.MoveInto(result);
  if (options.keep_agent_state) {
    result.final_state.assign(state.begin(), state.end());
    result.event_tick.assign(heard_at.begin(), heard_at.end());
  }
  return result;
}

}  // namespace firestorm
