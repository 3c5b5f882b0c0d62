// SEIZ (Jin, Dougherty, Saraf, Cao & Ramakrishnan, "Epidemiological modeling of news and
// rumors on Twitter", SNAKDD 2013) on a network, in discrete time. States: susceptible S,
// exposed E (has heard, undecided), infected I (spreads the rumor), skeptic Z. I and Z are
// absorbing. In tick t, with k_I spreading and k_Z skeptic accounts among those an agent
// follows (at the start of the tick):
//   S: contact with a spreader with probability 1 - (1 - beta)^k_I; then I with probability p,
//      else E. Otherwise, contact with a skeptic with probability 1 - (1 - b)^k_Z; then Z with
//      probability l, else E.
//   E: -> I with probability 1 - (1 - rho)^k_I (1 - epsilon)  (contact, or self-adoption).
// The continuous-time model of Jin et al. has rates beta, b, rho, epsilon over a mixed
// population; this is its per-tick, per-neighbour network form (the same construction as SIR's
// 1 - (1 - beta)^k). Parameters: beta, adopt_probability (p), skeptic_contact (b),
// skeptic_probability (l), exposed_contact (rho), self_adoption (epsilon).
//
// Approach: since I and Z are absorbing, each agent's k_I and k_Z only grow, so they are kept
// as counters that an agent's followers receive once, when it turns I or Z (a push of relaxed
// atomic adds, after the update, for use from the next tick). The update is a parallel pass over
// all agents with one keyed word block (v, tick) each, writing only v's own state.
#include <oneapi/tbb/enumerable_thread_specific.h>

#include <atomic>
#include <cmath>

#include "sim/classic/classic_common.hpp"

namespace firestorm {

ClassicRunResult RunSeiz(const GraphView& graph, const ClassicModelSpec& spec, std::uint64_t seed,
                         const ClassicRunOptions& options) {
  using classic::ClassicDraw;
  enum : std::uint8_t { kS = 0, kE = 1, kI = 2, kZ = 3 };
  const AgentId n = graph.num_agents;
  HugeArray<std::uint8_t> state(n);
  HugeArray<std::uint32_t> spreading(n), skeptic(n);  // k_I, k_Z
  HugeArray<Tick> changed_at(n);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t v) { changed_at[v] = kNever; });
  const std::vector<AgentId> spreaders =
      classic::InitialAgents(n, spec, seed, options);
  const std::vector<AgentId> skeptics =
      classic::PickSeeds(n, spec.initial_skeptics, seed, ClassicDraw::kSkepticSeeds, spreaders);
  for (AgentId v : spreaders) state[v] = kI, changed_at[v] = 0;
  for (AgentId v : skeptics) state[v] = kZ, changed_at[v] = 0;

  struct Local {
    std::vector<AgentId> to_spreading, to_skeptic;
    std::uint64_t live = 0;  // agents whose state can still change
  };
  tbb::enumerable_thread_specific<Local> locals;
  ClassicRunResult result;
  result.model = std::string(ClassicModelName(spec.kind));
  const auto push = [&](std::span<const AgentId> from, HugeArray<std::uint32_t>& counter) {
    std::vector<EdgeIndex> row_begin, degree;
    classic::FrontierRows(graph, from, row_begin, degree);
    result.edge_visits += classic::ForEachFrontierEdge(
        graph.targets, row_begin, degree, [&](std::size_t, EdgeIndex first, EdgeIndex last) {
          for (EdgeIndex e = first; e < last; ++e)
            std::atomic_ref<std::uint32_t>(counter[graph.targets[e]])
                .fetch_add(1, std::memory_order_relaxed);
        });
  };
  push(spreaders, spreading);
  push(skeptics, skeptic);

  classic::CountTable table({"S", "E", "I", "Z"});
  table.AddRow(classic::CountStates<4>(std::span<const std::uint8_t>(state.data(), n)));
  const double log_beta = std::log1p(-spec.beta), log_b = std::log1p(-spec.skeptic_contact);
  const double log_rho = std::log1p(-spec.exposed_contact);
  const auto chance = [](double log_keep, std::uint32_t k) { return 1.0 - std::exp(log_keep * k); };
  Tick t = 0;
  bool stopped = false, live = true;
  while (live && t < spec.max_ticks) {
    ++t;
    tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, classic::kAgentGrain),
                      [&](const tbb::blocked_range<AgentId>& r) {
      Local& local = locals.local();
      for (AgentId v = r.begin(); v != r.end(); ++v) {
        const std::uint8_t s = state[v];
        if (s >= kI) continue;
        const std::uint32_t k_i = spreading[v], k_z = skeptic[v];
        if (s == kS && k_i == 0 && k_z == 0) continue;  // nothing reaches v yet
        const classic::Words w = classic::Draw(seed, ClassicDraw::kStepAgent, v, 0, t);
        std::uint8_t next = s;
        if (s == kS) {
          if (classic::Open01(w[0]) < chance(log_beta, k_i)) {
            next = classic::Coin(w[1], spec.adopt_probability) ? kI : kE;
          } else if (classic::Open01(w[2]) < chance(log_b, k_z)) {
            next = classic::Coin(w[3], spec.skeptic_probability) ? kZ : kE;
          }
        } else {  // exposed
          const double stay = std::exp(log_rho * k_i) * (1.0 - spec.self_adoption);
          if (classic::Open01(w[0]) >= stay) next = kI;
        }
        if (next != s) {
          state[v] = next;
          changed_at[v] = s == kS ? t : changed_at[v];
          if (next == kI) local.to_spreading.push_back(v);
          if (next == kZ) local.to_skeptic.push_back(v);
        }
        const bool can_change =
            next == kE   ? spec.self_adoption > 0 || (k_i > 0 && spec.exposed_contact > 0)
            : next == kS ? (k_i > 0 && spec.beta > 0) || (k_z > 0 && spec.skeptic_contact > 0)
                         : false;
        local.live += can_change ? 1 : 0;
      }
    });
    std::vector<AgentId> to_spreading, to_skeptic;
    std::uint64_t live_agents = 0;
    for (Local& local : locals) {
      to_spreading.insert(to_spreading.end(), local.to_spreading.begin(), local.to_spreading.end());
      to_skeptic.insert(to_skeptic.end(), local.to_skeptic.begin(), local.to_skeptic.end());
      live_agents += local.live;
      local = Local{};
    }
    push(to_spreading, spreading);
    push(to_skeptic, skeptic);
    table.AddRow(classic::CountStates<4>(std::span<const std::uint8_t>(state.data(), n)));
    // Absorbed when no agent can move any more: none was live in this tick, and nobody new
    // turned I or Z (whose pushes may have just made some agents live).
    live = live_agents > 0 || !to_spreading.empty() || !to_skeptic.empty();
    if (options.progress) options.progress(t);
    if (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) {
      stopped = true;
      break;
    }
  }
  if (!stopped && !live && table.DropRepeatedLastRow()) --t;
  result.ticks = t;
  result.finished = !live && !stopped;
  table.MoveInto(result);
  if (options.keep_agent_state) {
    result.final_state.assign(state.begin(), state.end());
    result.event_tick.assign(changed_at.begin(), changed_at.end());
  }
  return result;
}

}  // namespace firestorm
