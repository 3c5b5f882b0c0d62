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
#include "sim/graph/generator_kernels.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/prefix_sum.hpp"

namespace firestorm {
namespace {

using generator_kernels::BaSlots;
using generator_kernels::BarabasiAlbertEmitter;
using generator_kernels::ErdosRenyiEmitter;
using generator_kernels::ForEachErdosRenyiTarget;
using generator_kernels::WattsStrogatzEmitter;

constexpr std::size_t kEdgeGrain = 1 << 14;

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, what, hint);
}

// An EdgeList sink: writes each emitted edge at the next position of the item's own range.
struct WriteAt {
  Edge* out;
  void operator()(AgentId source, AgentId target) { *out++ = {source, target}; }
};

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
  const ErdosRenyiEmitter emit{n, p, mutual, seed};
  tbb::parallel_for(AgentId{0}, n, [&](AgentId u) {
    WriteAt sink{out.edges.data() + offsets[u]};
    emit(u, u + std::uint64_t{1}, sink);
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
  // Agent v >= clique_size writes its m links at 2 * FirstEdge(v): {v, t}, then {t, v}.
  const BarabasiAlbertEmitter emit{slots, n, m};
  tbb::parallel_for(
      tbb::blocked_range<AgentId>(static_cast<AgentId>(slots.clique_size()), n, 256),
      [&](const tbb::blocked_range<AgentId>& agents) {
        WriteAt sink{out.edges.data() + 2 * slots.FirstEdge(agents.begin())};
        emit(agents.begin(), agents.end(), sink);
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
  const WattsStrogatzEmitter emit{n, half, p, seed};
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, lattice_edges, kEdgeGrain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    WriteAt sink{out.edges.data() + 2 * r.begin()};  // link e: {near, far}, then {far, near}
    emit(r.begin(), r.end(), sink);
  });
  return out;
}

EdgeList GenerateGraph(const GraphSpec& spec, std::uint64_t seed) {
  // Through the binary cache: the deduplicated CSR, expanded back into an edge list, whether
  // the cache hit or missed, so that a run gives the same world either way.
  if (!spec.cache.empty()) return LoadOrGenerateGraph(spec, seed).graph.ToEdgeList();
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
