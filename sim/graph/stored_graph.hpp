// A follower graph and its communities, owned in whichever storage made it: a CsrGraph in
// huge pages (edge list loaders, the streaming generators) or a memory-mapped cache file
// (graph_cache.hpp). Everything reads it through a GraphView, so no path copies the edges.
//
// GenerateStoredGraph is the low-memory way to a big generated graph: it builds the CSR
// straight from the generator's keyed draws in two passes (count the rows, then fill them),
// never holding an edge list, so the peak is the CSR itself plus two per-agent arrays. For
// 10^7 agents and 5·10^8 follows that is about 2.2 GB instead of 6 GB with an edge list.
// Echo chambers also keep each edge's author between the passes, where memory allows
// (EchoChambersKeepAuthors): 4 bytes per edge more for a third less time.
// The graph equals BuildFollowerGraph(GenerateGraph(spec, seed)) edge for edge.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/graph/csr_graph.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/graph/graph_spec.hpp"
#include "sim/graph/graph_view.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {

class StoredGraph {
 public:
  StoredGraph();  // no agents
  static StoredGraph FromCsr(CsrGraph graph, std::vector<CommunityId> community);
  static StoredGraph FromArrays(HugeArray<EdgeIndex> offsets, HugeArray<AgentId> targets,
                                std::vector<CommunityId> community);
  // `owner` keeps the memory that `view` and `community` point into alive (a file mapping).
  static StoredGraph FromShared(std::shared_ptr<const void> owner, GraphView view,
                                std::span<const CommunityId> community);

  const GraphView& view() const { return view_; }
  AgentId num_agents() const { return view_.num_agents; }
  EdgeIndex num_edges() const { return view_.num_edges; }
  std::span<const AgentId> followers_of(AgentId u) const { return view_.followers_of(u); }
  // One community per agent, or empty when the graph has none.
  std::span<const CommunityId> community() const { return community_; }

  // Copies, for code that needs the owning types: every CSR entry u -> v becomes the edge {u, v}.
  CsrGraph ToCsrGraph() const;
  EdgeList ToEdgeList() const;

  // The CSR and the communities as owning types, for the crisis engine's BuildWorld, which
  // adds edges to the graph. Moved out, without a copy, when this StoredGraph alone owns them
  // (a generated graph, an edge list built into CSR); copied from a mapped cache file or a
  // graph shared with another StoredGraph. Leaves this StoredGraph empty.
  struct Parts {
    CsrGraph graph;
    std::vector<CommunityId> community;  // one per agent, or empty
  };
  Parts Release() &&;

 private:
  struct Owned;  // a CSR and communities held by this StoredGraph (FromCsr, FromArrays)

  GraphView view_;
  std::span<const CommunityId> community_;
  std::shared_ptr<const void> owner_;
  Owned* owned_ = nullptr;  // the object owner_ points to, when it is an Owned
};

// Generated graphs are built straight into CSR (see above); a file graph is read into an edge
// list and built with BuildFollowerGraph. Deterministic in (spec, seed) for any thread count.
StoredGraph GenerateStoredGraph(const GraphSpec& spec, std::uint64_t seed);

// Whether generating echo chambers keeps each edge's author between the two passes (a third
// faster) rather than drawing every edge twice: when the whole build fits in `available`
// bytes (nothing: unknown, assume it does) with the authors' 4 bytes per edge, that is the CSR
// (12 bytes per agent, 4 per edge), 64 bytes per agent of generator tables and cursors, and
// the authors. The memory estimate (sim/io/memory_estimate.hpp) asks the same question.
bool EchoChambersKeepAuthors(std::uint64_t agents, std::uint64_t edges,
                             std::optional<std::uint64_t> available);

}  // namespace firestorm
