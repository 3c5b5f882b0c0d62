// Building blocks shared by the classic models: seed picking, an edge-balanced parallel loop
// over a frontier, the followee (transposed) graph for models that pull, per-tick counts,
// and opinion clusters. Internal to sim/classic.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/classic/classic_models.hpp"
#include "sim/classic/classic_rng.hpp"
#include "sim/core/prefetch.hpp"
#include "sim/graph/huge_array.hpp"
#include "sim/graph/prefix_sum.hpp"

namespace firestorm::classic {

inline constexpr std::size_t kAgentGrain = 1 << 12;
inline constexpr EdgeIndex kEdgeGrain = 1 << 12;

// `count` distinct agents, uniformly without replacement: pick j is Below(n) keyed by j,
// repeats (and agents in `exclude`) skipped. Deterministic; O(count) for count << n.
std::vector<AgentId> PickSeeds(AgentId n, std::uint64_t count, std::uint64_t seed,
                               ClassicDraw draw, std::span<const AgentId> exclude = {});

// The agents infected, active or spreading at tick 0: options.initial_agents when given,
// else spec.initial_infected picks of PickSeeds.
std::vector<AgentId> InitialAgents(AgentId n, const ClassicModelSpec& spec, std::uint64_t seed,
                                   const ClassicRunOptions& options);

// Calls body(i, first_edge, last_edge) for pieces of the i-th row of a frontier, the edges
// [row_begin[i], row_begin[i] + degree[i]) of the follower CSR, with every edge covered exactly
// once, splitting the work by edges rather than by agents so that a hub's row is shared among
// threads (Ligra's edgeMap balancing). A degree of 0 skips a row. `end_of_piece_run()` is
// called after each contiguous run of pieces handled by one task, on the task's thread (to
// flush per-thread buffers). Rows of a frontier are scattered over memory, so the next rows'
// first lines are prefetched from `targets`. Returns the number of edges visited.
template <typename Body, typename Flush>
EdgeIndex ForEachFrontierEdge(const AgentId* targets, std::span<const EdgeIndex> row_begin,
                              std::span<const EdgeIndex> degree, Body&& body,
                              Flush&& end_of_piece_run);
template <typename Body>
EdgeIndex ForEachFrontierEdge(const AgentId* targets, std::span<const EdgeIndex> row_begin,
                              std::span<const EdgeIndex> degree, Body&& body) {
  return ForEachFrontierEdge(targets, row_begin, degree, body, [] {});
}
// row_begin and degree of each agent of `frontier`, for ForEachFrontierEdge.
void FrontierRows(const GraphView& graph, std::span<const AgentId> frontier,
                  std::vector<EdgeIndex>& row_begin, std::vector<EdgeIndex>& degree);

// The reverse graph: row v lists the agents v follows (whose state v reads), sorted.
struct FolloweeGraph {
  HugeArray<EdgeIndex> offsets;
  HugeArray<AgentId> sources;
  std::span<const AgentId> followees_of(AgentId v) const {
    return {sources.data() + offsets[v], sources.data() + offsets[v + 1]};
  }
  EdgeIndex followee_count(AgentId v) const { return offsets[v + 1] - offsets[v]; }
};
FolloweeGraph BuildFolloweeGraph(const GraphView& graph);
// Number of followees of each agent (in-degree), without building the reverse graph.
HugeArray<std::uint32_t> FolloweeCounts(const GraphView& graph);

// Per-tick counts of a fixed number of compartments, appended row by row.
class CountTable {
 public:
  explicit CountTable(std::vector<std::string> names) : names_(std::move(names)) {}
  void AddRow(std::span<const std::uint64_t> row) { rows_.insert(rows_.end(), row.begin(), row.end()); }
  std::size_t num_rows() const { return rows_.size() / names_.size(); }
  // A run that ends because nothing can change any more plays one tick in which nothing
  // changed; dropping it makes `ticks` the last tick with a change, as in SIR.
  bool DropRepeatedLastRow() {
    const std::size_t k = names_.size();
    if (rows_.size() < 2 * k || !std::equal(rows_.end() - static_cast<std::ptrdiff_t>(k), rows_.end(),
                                            rows_.end() - static_cast<std::ptrdiff_t>(2 * k)))
      return false;
    rows_.resize(rows_.size() - k);
    return true;
  }
  void MoveInto(ClassicRunResult& result) {
    result.compartments = std::move(names_);
    result.counts = std::move(rows_);
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::uint64_t> rows_;
};

// Counts agents per state value (states < K) in parallel: integer sums, any order.
template <std::size_t K, typename State>
std::array<std::uint64_t, K> CountStates(std::span<const State> state);

// Opinions in [0, 1]: number of clusters, where sorted opinions more than `gap` apart start a
// new cluster and clusters holding less than `min_share` of the agents are not counted
// (the major clusters of Deffuant et al. 2000).
std::uint32_t CountOpinionClusters(std::span<const float> opinion, double gap, double min_share);
// Histogram of opinions in [0, 1] into `bins` equal bins (1 in the last bin).
void OpinionHistogram(std::span<const float> opinion, std::span<std::uint64_t> bins);
std::vector<std::string> OpinionBinNames(std::size_t bins);
// Mean and standard deviation of opinions, summed in fixed point so that the result does not
// depend on the thread count.
std::pair<double, double> OpinionMoments(std::span<const float> opinion);

// ---- templates ----

template <typename Body, typename Flush>
EdgeIndex ForEachFrontierEdge(const AgentId* targets, std::span<const EdgeIndex> row_begin,
                              std::span<const EdgeIndex> degree, Body&& body,
                              Flush&& end_of_piece_run) {
  const std::size_t f = degree.size();
  std::vector<EdgeIndex> prefix(f + 1);
  EdgeIndex total = 0;
  if (f < kAgentGrain) {
    prefix[0] = 0;
    for (std::size_t i = 0; i < f; ++i) prefix[i + 1] = prefix[i] + degree[i];
    total = prefix[f];
  } else {
    total = ExclusivePrefixSum(degree, prefix);
  }
  auto run = [&](EdgeIndex begin, EdgeIndex end) {
    std::size_t i = static_cast<std::size_t>(std::upper_bound(prefix.begin(), prefix.end(), begin) -
                                             prefix.begin()) - 1;
    constexpr std::size_t kRowsAhead = 8;
    for (std::size_t j = i; j < std::min(f, i + kRowsAhead); ++j)
      if (degree[j] > 0) RequestLine(&targets[row_begin[j]]);
    for (EdgeIndex e = begin; e < end; ++i) {
      if (i + kRowsAhead < f && degree[i + kRowsAhead] > 0)
        RequestLine(&targets[row_begin[i + kRowsAhead]]);
      const EdgeIndex row_end = std::min(end, prefix[i + 1]);
      if (row_end > e) {
        const EdgeIndex first = row_begin[i] + (e - prefix[i]);
        body(i, first, first + (row_end - e));
        e = row_end;
      }
    }
    end_of_piece_run();
  };
  if (total <= kEdgeGrain) {
    if (total > 0) run(0, total);
  } else {
    tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, total, kEdgeGrain),
                      [&](const tbb::blocked_range<EdgeIndex>& r) { run(r.begin(), r.end()); });
  }
  return total;
}

template <std::size_t K, typename State>
std::array<std::uint64_t, K> CountStates(std::span<const State> state) {
  using Counts = std::array<std::uint64_t, K>;
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, state.size(), kAgentGrain), Counts{},
      [&](const tbb::blocked_range<std::size_t>& r, Counts c) {
        for (std::size_t v = r.begin(); v != r.end(); ++v) ++c[static_cast<std::size_t>(state[v])];
        return c;
      },
      [](Counts a, const Counts& b) {
        for (std::size_t k = 0; k < K; ++k) a[k] += b[k];
        return a;
      });
}

}  // namespace firestorm::classic
