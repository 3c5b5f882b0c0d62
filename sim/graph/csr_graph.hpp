// The follower graph in compressed sparse row form: for each agent u, the sorted list of
// agents who follow u (who see what u posts). 32-bit agent ids, 64-bit offsets, as in
// GAP (int32 NodeID / int64 SGOffset) and GBBS (uintE / size_t).
//
// Both arrays live in huge-page HugeArrays (huge_array.hpp): the streaming generators' arrays
// are adopted without a copy, the engine's random reads of follower rows miss the TLB less,
// and MergeEdges can grow the target array in place. Copying a CsrGraph (a Simulation is
// copied when a run forks) copies both arrays.
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "sim/core/prefetch.hpp"
#include "sim/core/types.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {

// A read-only array of a CsrGraph: a span that also compares equal, element by element, to
// another one or to a std::vector, so callers can use it as they used the vectors it replaced.
template <typename T>
class CsrArray : public std::span<const T> {
 public:
  using const_iterator = typename std::span<const T>::iterator;
  CsrArray(const T* data, std::size_t size) : std::span<const T>(data, size) {}
  friend bool operator==(CsrArray a, CsrArray b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator==(CsrArray a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
};

class CsrGraph {
 public:
  CsrGraph();  // no agents
  // offsets has num_agents + 1 entries; targets[offsets[u] .. offsets[u+1]) are u's followers.
  // The vectors are copied into huge pages.
  CsrGraph(std::vector<EdgeIndex> offsets, std::vector<AgentId> targets);
  // Takes the arrays as they are (no copy).
  static CsrGraph FromArrays(HugeArray<EdgeIndex> offsets, HugeArray<AgentId> targets);
  static CsrGraph CopyOf(std::span<const EdgeIndex> offsets, std::span<const AgentId> targets);

  CsrGraph(const CsrGraph& other);
  CsrGraph& operator=(const CsrGraph& other);
  CsrGraph(CsrGraph&&) noexcept = default;
  CsrGraph& operator=(CsrGraph&&) noexcept = default;
  ~CsrGraph() = default;

  AgentId num_agents() const { return static_cast<AgentId>(offsets_.size() - 1); }
  EdgeIndex num_edges() const { return targets_.size(); }
  std::span<const AgentId> followers_of(AgentId u) const {
    return {targets_.data() + offsets_[u], targets_.data() + offsets_[u + 1]};
  }
  EdgeIndex follower_count(AgentId u) const { return offsets_[u + 1] - offsets_[u]; }
  // Asks the cache for where u's followers start (before followers_of(u) is read).
  void PrefetchRow(AgentId u) const { RequestLine(offsets_.data() + u); }
  EdgeIndex first_edge(AgentId u) const { return offsets_[u]; }
  CsrArray<EdgeIndex> offsets() const { return {offsets_.data(), offsets_.size()}; }
  CsrArray<AgentId> targets() const { return {targets_.data(), targets_.size()}; }

 private:
  friend void MergeEdges(CsrGraph& graph, std::vector<Edge> extra);
  HugeArray<EdgeIndex> offsets_;
  HugeArray<AgentId> targets_;
};

// Builds the follower CSR in parallel. Self-loops and duplicate edges are dropped and each
// row is sorted, so the result depends only on the set of edges, never on thread count.
// Throws InputError if an edge names an agent >= num_agents.
CsrGraph BuildFollowerGraph(AgentId num_agents, std::span<const Edge> edges);

// Adds `extra` to the graph in place: every row becomes the sorted, duplicate-free union of
// its old followers and its new ones (self-loops dropped), so the result equals
// BuildFollowerGraph over the graph's edges plus `extra`, whatever the thread count. Meant for
// a few edges on a big graph (the population's special accounts and bots): the target array
// grows in place and rows move up inside it, so no second copy of the graph is made.
// Throws InputError if an edge names an agent >= num_agents().
void MergeEdges(CsrGraph& graph, std::vector<Edge> extra);

}  // namespace firestorm
