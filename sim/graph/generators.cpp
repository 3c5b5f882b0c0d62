// Erdős–Rényi, Barabási–Albert and Watts–Strogatz generators, and the spec dispatcher.
//
// Every generator is a tbb::parallel_for whose body draws from CounterRng keyed by the item
// it produces (a source agent, an edge index), never from a per-thread engine, so the edge
// list is identical for any thread count (GAP's "reseed per block" idea taken to the limit).
// Edges are written to positions computed from the item index, so even their order is fixed.
//
// Barabási–Albert uses the edge-copying formulation of Batagelj & Brandes (Phys. Rev. E 71,
// 036113, 2005): slot 2e of the virtual endpoint array holds edge e's new agent, slot 2e+1 a
// copy of a uniformly random slot among the edges of older agents (so no self-loops); a slot
// is picked in proportion to degree because every agent appears once per link it has.
// Sanders & Schulz (Scalable generation of scale-free graphs, IPL 116(7), 2016) observe that
// the copy can be resolved independently per edge by following keyed random draws backwards;
// each step lands on an odd slot with probability about 1/2, so resolution takes two steps
// on average and the whole generator is O(n m).
#include "sim/graph/generators.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/graph_streams.hpp"
#include "sim/graph/prefix_sum.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kEdgeGrain = 1 << 14;

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, what, hint);
}

// ---- Erdős–Rényi --------------------------------------------------------------------------

// Calls emit(v) for every v that source u links to. Candidates are the other n - 1 agents
// (directed) or only the agents above u (mutual: each unordered pair is drawn once). Geometric
// skipping (Batagelj & Brandes 2005, Alg. 1) makes the cost proportional to the edges drawn.
template <typename Emit>
void ForEachErdosRenyiTarget(AgentId n, AgentId u, double p, bool mutual, std::uint64_t seed,
                             Emit&& emit) {
  const std::uint64_t candidates = mutual ? std::uint64_t{n} - 1 - u : std::uint64_t{n} - 1;
  auto agent_of = [&](std::uint64_t j) {
    return static_cast<AgentId>(mutual ? u + 1 + j : (j < u ? j : j + 1));
  };
  if (p >= 1.0) {
    for (std::uint64_t j = 0; j < candidates; ++j) emit(agent_of(j));
    return;
  }
  CounterRng rng = GraphRng(seed, u, GraphDraw::kErdosRenyiRow);
  const double log_q = std::log1p(-p);
  std::uint64_t j = 0;
  while (true) {
    const double skip = std::floor(std::log(1.0 - rng.UniformDouble()) / log_q);
    if (skip >= static_cast<double>(candidates - j)) break;
    j += static_cast<std::uint64_t>(skip);
    emit(agent_of(j));
    if (++j >= candidates) break;
  }
}

// ---- Barabási–Albert ----------------------------------------------------------------------

// The virtual endpoint array: the first `clique_edges` edges form a clique on agents
// [0, clique_size); after that agent v owns edges [FirstEdge(v), FirstEdge(v) + m).
class BaSlots {
 public:
  BaSlots(AgentId n, std::uint32_t m, std::uint64_t seed)
      : m_(m), seed_(seed), clique_size_(std::min<std::uint64_t>(n, std::uint64_t{m} + 1)) {
    for (AgentId b = 1; b < clique_size_; ++b) {
      for (AgentId a = 0; a < b; ++a) clique_.push_back({a, b});
    }
  }
  std::uint64_t clique_size() const { return clique_size_; }
  std::uint64_t clique_edges() const { return clique_.size(); }
  const Edge& clique_edge(std::uint64_t e) const { return clique_[e]; }
  std::uint64_t FirstEdge(AgentId v) const { return clique_.size() + (v - clique_size_) * m_; }
  AgentId Owner(std::uint64_t e) const {
    return static_cast<AgentId>(clique_size_ + (e - clique_.size()) / m_);
  }
  // Draw k of edge e's keyed sequence picks a slot among those of agents older than its owner.
  // Draw 0 defines the edge's virtual copy; later draws are only retries (see Attach).
  CounterRng EdgeRng(std::uint64_t e) const {
    return GraphRng(seed_, e, GraphDraw::kBarabasiAlbertEdge);
  }
  std::uint64_t DrawSlot(CounterRng& rng, AgentId owner) const {
    return rng.Below(2 * FirstEdge(owner));
  }
  // The agent stored in a slot, following copies back until an even (own) slot or the clique.
  AgentId Resolve(std::uint64_t slot) const {
    while (true) {
      const std::uint64_t e = slot >> 1;
      if (e < clique_.size()) return (slot & 1) ? clique_[e].target : clique_[e].source;
      const AgentId owner = Owner(e);
      if ((slot & 1) == 0) return owner;
      CounterRng rng = EdgeRng(e);
      slot = DrawSlot(rng, owner);
    }
  }

 private:
  std::uint64_t m_;
  std::uint64_t seed_;
  std::uint64_t clique_size_;
  std::vector<Edge> clique_;  // {a, b} with a < b
};

// Picks the m distinct agents that v attaches to. A repeat is redrawn from the same edge's
// keyed sequence; the virtual array keeps draw 0, so the preferential weights are those of
// the Batagelj–Brandes multigraph and each new agent still gets exactly m distinct links.
void Attach(const BaSlots& slots, AgentId v, std::uint32_t m, std::vector<AgentId>& chosen,
            std::vector<Edge>& edges) {
  const std::uint32_t max_draws = 16 + 4 * m;
  chosen.clear();
  for (std::uint32_t j = 0; j < m; ++j) {
    const std::uint64_t e = slots.FirstEdge(v) + j;
    CounterRng rng = slots.EdgeRng(e);
    AgentId t = slots.Resolve(slots.DrawSlot(rng, v));
    for (std::uint32_t draw = 1; std::binary_search(chosen.begin(), chosen.end(), t); ++draw) {
      // Only the first agents after a large clique can run out of draws (all candidates are
      // equally likely there); fall back to the lowest agent not chosen yet.
      if (draw == max_draws) {
        t = 0;
        for (AgentId c : chosen) t += (c == t);
        break;
      }
      t = slots.Resolve(slots.DrawSlot(rng, v));
    }
    chosen.insert(std::lower_bound(chosen.begin(), chosen.end(), t), t);
    edges[2 * e] = {v, t};
    edges[2 * e + 1] = {t, v};
  }
}

}  // namespace

EdgeList ErdosRenyi(AgentId n, double mean_degree, bool mutual, std::uint64_t seed) {
  Require(std::isfinite(mean_degree) && mean_degree >= 0,
          "Erdős–Rényi mean degree " + std::to_string(mean_degree) + " is not a number >= 0",
          "set graph.mean_followers to a non-negative number");
  EdgeList out;
  out.num_agents = n;
  if (n < 2 || mean_degree == 0) return out;
  const double p = std::min(1.0, mean_degree / (n - 1.0));
  const EdgeIndex per_draw = mutual ? 2 : 1;

  // Two passes over the same keyed draws: count, then write at fixed offsets. Drawing twice
  // is cheaper than buffering edges per thread and keeps the output order deterministic.
  std::vector<EdgeIndex> count(n);
  tbb::parallel_for(AgentId{0}, n, [&](AgentId u) {
    EdgeIndex c = 0;
    ForEachErdosRenyiTarget(n, u, p, mutual, seed, [&](AgentId) { c += per_draw; });
    count[u] = c;
  });
  std::vector<EdgeIndex> offsets(std::size_t{n} + 1);
  out.edges.resize(ExclusivePrefixSum(count, offsets));
  tbb::parallel_for(AgentId{0}, n, [&](AgentId u) {
    EdgeIndex pos = offsets[u];
    ForEachErdosRenyiTarget(n, u, p, mutual, seed, [&](AgentId v) {
      out.edges[pos++] = {u, v};
      if (mutual) out.edges[pos++] = {v, u};
    });
  });
  return out;
}

EdgeList BarabasiAlbert(AgentId n, std::uint32_t m, std::uint64_t seed) {
  EdgeList out;
  out.num_agents = n;
  if (n < 2 || m == 0) return out;
  const BaSlots slots(n, m, seed);
  const std::uint64_t attached = (n - slots.clique_size()) * std::uint64_t{m};
  out.edges.resize(2 * (slots.clique_edges() + attached));
  for (std::uint64_t e = 0; e < slots.clique_edges(); ++e) {
    const Edge c = slots.clique_edge(e);
    out.edges[2 * e] = c;
    out.edges[2 * e + 1] = {c.target, c.source};
  }
  tbb::parallel_for(
      tbb::blocked_range<AgentId>(static_cast<AgentId>(slots.clique_size()), n, 256),
      [&](const tbb::blocked_range<AgentId>& agents) {
        std::vector<AgentId> chosen;
        chosen.reserve(m);
        for (AgentId v = agents.begin(); v != agents.end(); ++v) {
          Attach(slots, v, m, chosen, out.edges);
        }
      });
  return out;
}

EdgeList WattsStrogatz(AgentId n, std::uint32_t k, double p, std::uint64_t seed) {
  Require(p >= 0 && p <= 1, "Watts–Strogatz rewiring probability " + std::to_string(p) +
                                " is outside [0, 1]",
          "set graph.rewire_probability between 0 and 1");
  EdgeList out;
  out.num_agents = n;
  if (n < 2) return out;
  // k/2 neighbours on each side; at most (n-1)/2 so that lattice edges are all distinct.
  const std::uint64_t half = std::min<std::uint64_t>(k / 2, (n - 1) / 2);
  const std::uint64_t lattice_edges = std::uint64_t{n} * half;
  out.edges.resize(2 * lattice_edges);
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, lattice_edges, kEdgeGrain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    for (std::uint64_t e = r.begin(); e != r.end(); ++e) {
      const auto u = static_cast<AgentId>(e / half);
      auto w = static_cast<AgentId>((u + e % half + 1) % n);
      CounterRng rng = GraphRng(seed, e, GraphDraw::kWattsStrogatzEdge);
      if (rng.UniformDouble() < p) {  // rewire the far end to any agent but u
        const auto r_agent = static_cast<AgentId>(rng.Below(n - 1));
        w = r_agent < u ? r_agent : r_agent + 1;
      }
      out.edges[2 * e] = {u, w};
      out.edges[2 * e + 1] = {w, u};
    }
  });
  return out;
}

EdgeList GenerateGraph(const GraphSpec& spec, std::uint64_t seed) {
  if (spec.generator == GraphGenerator::kFile) return ReadGraphFile(spec);
  Require(spec.agents >= 2 && spec.agents < kNoAgent,
          "graph.agents = " + std::to_string(spec.agents) + " is out of range",
          "a generated graph needs between 2 and " + std::to_string(kNoAgent - 1) + " agents");
  const auto n = static_cast<AgentId>(spec.agents);
  switch (spec.generator) {
    case GraphGenerator::kErdosRenyi:
      return ErdosRenyi(n, spec.mean_followers, spec.mutual, seed);
    case GraphGenerator::kBarabasiAlbert:
      return BarabasiAlbert(n, spec.attach_edges, seed);
    case GraphGenerator::kWattsStrogatz: {
      // Lattice degree: mean_followers rounded to the nearest even number, at least 2.
      const double half = std::max(1.0, std::round(spec.mean_followers / 2.0));
      Require(half < 1e9, "graph.mean_followers is too large for a lattice",
              "use a mean degree below the number of agents");
      return WattsStrogatz(n, 2 * static_cast<std::uint32_t>(half), spec.rewire_probability,
                           seed);
    }
    case GraphGenerator::kEchoChambers:
      return EchoChambers(n, spec.mean_followers, spec.communities, spec.homophily,
                          spec.degree_exponent, seed);
    case GraphGenerator::kFile:
      break;
  }
  return ReadGraphFile(spec);
}

}  // namespace firestorm
