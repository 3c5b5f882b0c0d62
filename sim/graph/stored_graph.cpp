// StoredGraph's storage kinds and GenerateStoredGraph: each generator's emitter fed to the
// streaming CSR builder (graph_builder_stream.hpp), with the same parameter checks and the
// same defaults as GenerateGraph, so both give the same graph for the same spec and seed.
#include "sim/graph/stored_graph.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "sim/core/available_memory.hpp"
#include "sim/core/error.hpp"
#include "sim/graph/generator_kernels.hpp"
#include "sim/graph/generators.hpp"
#include "sim/graph/graph_builder_stream.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/graph_readers.hpp"

namespace firestorm {
namespace {

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, what, hint);
}

struct NoEdgesEmitter {
  std::uint64_t items() const { return 0; }
  template <typename Sink>
  void operator()(std::uint64_t, std::uint64_t, Sink&) const {}
};

// Items per task: agents for ER and BA, links for WS, edges for echo chambers.
constexpr std::size_t kAgentGrain = 1 << 10;
constexpr std::size_t kEdgeGrain = 1 << 15;

}  // namespace

StoredGraph::StoredGraph() {
  static const EdgeIndex kZero = 0;
  view_.offsets = &kZero;
}

struct StoredGraph::Owned {
  CsrGraph graph;
  std::vector<CommunityId> community;
};

StoredGraph StoredGraph::FromCsr(CsrGraph graph, std::vector<CommunityId> community) {
  auto storage = std::make_shared<Owned>(Owned{std::move(graph), std::move(community)});
  StoredGraph g;
  g.view_ = ViewOf(storage->graph);
  g.community_ = storage->community;
  g.owned_ = storage.get();
  g.owner_ = std::move(storage);
  return g;
}

StoredGraph StoredGraph::FromArrays(HugeArray<EdgeIndex> offsets, HugeArray<AgentId> targets,
                                    std::vector<CommunityId> community) {
  return FromCsr(CsrGraph::FromArrays(std::move(offsets), std::move(targets)),
                 std::move(community));
}

StoredGraph StoredGraph::FromShared(std::shared_ptr<const void> owner, GraphView view,
                                    std::span<const CommunityId> community) {
  StoredGraph g;
  g.view_ = view;
  g.community_ = community;
  g.owner_ = std::move(owner);
  return g;
}

CsrGraph StoredGraph::ToCsrGraph() const {
  return CsrGraph::CopyOf({view_.offsets, std::size_t{view_.num_agents} + 1},
                          {view_.targets, view_.num_edges});
}

StoredGraph::Parts StoredGraph::Release() && {
  Parts out;
  if (owned_ != nullptr && owner_.use_count() == 1) {
    out.graph = std::move(owned_->graph);
    out.community = std::move(owned_->community);
  } else {
    out.graph = ToCsrGraph();
    out.community.assign(community_.begin(), community_.end());
  }
  *this = StoredGraph();  // drops the storage (or the file mapping) now
  return out;
}

EdgeList StoredGraph::ToEdgeList() const {
  EdgeList out;
  out.num_agents = view_.num_agents;
  out.community.assign(community_.begin(), community_.end());
  out.edges.resize(view_.num_edges);
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, view_.num_agents, kAgentGrain),
                    [&](const tbb::blocked_range<AgentId>& r) {
    for (AgentId u = r.begin(); u != r.end(); ++u) {
      for (EdgeIndex e = view_.offsets[u]; e != view_.offsets[u + 1]; ++e)
        out.edges[e] = {u, view_.targets[e]};
    }
  });
  return out;
}

StoredGraph GenerateStoredGraph(const GraphSpec& spec, std::uint64_t seed) {
  using namespace generator_kernels;
  if (!spec.cache.empty()) return LoadOrGenerateGraph(spec, seed).graph;
  if (spec.generator == GraphGenerator::kFile) {
    if (spec.format == GraphFormat::kAuto && IsGraphCacheFile(spec.file) && !spec.mutual &&
        spec.community_file.empty() && spec.community_attribute.empty())
      return ReadGraphCache(spec.file);  // mapped, used in place
    EdgeList edges = GenerateGraph(spec, seed);
    CsrGraph graph = BuildFollowerGraph(edges.num_agents, edges.edges);
    return StoredGraph::FromCsr(std::move(graph), std::move(edges.community));
  }
  Require(spec.agents >= 2 && spec.agents < kNoAgent,
          "graph.agents = " + std::to_string(spec.agents) + " is out of range",
          "a generated graph needs between 2 and " + std::to_string(kNoAgent - 1) + " agents");
  const auto n = static_cast<AgentId>(spec.agents);
  switch (spec.generator) {
    case GraphGenerator::kErdosRenyi: {
      const double mean = spec.mean_followers;
      Require(std::isfinite(mean) && mean >= 0,
              "Erdős–Rényi mean degree " + std::to_string(mean) + " is not a number >= 0",
              "set graph.mean_followers to a non-negative number");
      const double p = std::min(1.0, mean / (n - 1.0));
      if (mean == 0) return graph_stream::BuildFromEmitter(n, NoEdgesEmitter{}, kAgentGrain, {});
      return graph_stream::BuildFromEmitter(n, ErdosRenyiEmitter{n, p, spec.mutual, seed},
                                            kAgentGrain, {});
    }
    case GraphGenerator::kBarabasiAlbert: {
      const std::uint32_t m = spec.attach_edges;
      if (m == 0) return graph_stream::BuildFromEmitter(n, NoEdgesEmitter{}, kAgentGrain, {});
      const BaSlots slots(n, m, seed);
      return graph_stream::BuildFromEmitter(n, BarabasiAlbertEmitter{slots, n, m}, kAgentGrain, {});
    }
    case GraphGenerator::kWattsStrogatz: {
      const double p = spec.rewire_probability;
      Require(p >= 0 && p <= 1,
              "Watts–Strogatz rewiring probability " + std::to_string(p) + " is outside [0, 1]",
              "set graph.rewire_probability between 0 and 1");
      const double half_degree = std::max(1.0, std::round(spec.mean_followers / 2.0));
      Require(half_degree < 1e9, "graph.mean_followers is too large for a lattice",
              "use a mean degree below the number of agents");
      const std::uint64_t k = 2 * static_cast<std::uint64_t>(half_degree);
      const std::uint64_t half = std::min<std::uint64_t>(k / 2, (n - 1) / 2);
      return graph_stream::BuildFromEmitter(n, WattsStrogatzEmitter{n, half, p, seed}, kEdgeGrain,
                                            {});
    }
    case GraphGenerator::kEchoChambers: {
      // Decided before the generator's tables take their share of the memory available.
      const bool keep_authors = EchoChambersKeepAuthors(
          n, static_cast<std::uint64_t>(std::max(0.0, std::round(n * spec.mean_followers))),
          AvailableMemoryBytes().bytes);
      EchoChamberModel model =
          PrepareEchoChambers(n, spec.mean_followers, spec.communities, spec.homophily,
                              spec.degree_exponent, seed);
      std::vector<CommunityId> community(model.community.begin(), model.community.end());
      const EchoChamberEmitter emitter{seed, n, model};
      if (keep_authors)
        return graph_stream::BuildKeepingSources(n, emitter, kEdgeGrain, std::move(community));
      return graph_stream::BuildFromEmitter(n, emitter, kEdgeGrain, std::move(community));
    }
    case GraphGenerator::kFile:
      break;
  }
  return StoredGraph();
}

bool EchoChambersKeepAuthors(std::uint64_t agents, std::uint64_t edges,
                             std::optional<std::uint64_t> available) {
  const std::uint64_t csr = 8 * (agents + 1) + 4 * edges + 4 * agents;
  return !available || csr + 64 * agents + 4 * edges <= *available;
}

}  // namespace firestorm
