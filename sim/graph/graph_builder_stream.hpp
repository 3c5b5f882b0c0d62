// Builds a follower CSR straight from a generator's emitter (generator_kernels.hpp), without
// an edge list: the emitter runs twice over the same keyed draws.
//
//   pass 1: every emitted edge u -> v adds 1 to count[u] (relaxed atomic adds);
//   prefix sum: count -> row offsets, and one target array of exactly that size;
//   pass 2: every emitted edge claims the next slot of u's row (atomic cursor) and writes v;
//   finish: sort each row, drop duplicates and self-loops, close the gaps (csr_build_steps).
//
// Drawing twice costs less than storing: the draws are Philox calls on registers, while an
// edge list costs 8 bytes per edge of memory traffic and capacity. Emitted edges go through
// a small per-task buffer so that the count and scatter steps can prefetch their random
// targets as BuildFollowerGraph does. The result depends only on the set of edges.
// Internal to the graph module.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstdint>
#include <span>
#include <vector>

#include "sim/graph/csr_build_steps.hpp"
#include "sim/graph/huge_array.hpp"
#include "sim/graph/prefix_sum.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm::graph_stream {

// Collects emitted edges and hands them to `flush` a batch at a time.
template <typename FlushFn>
class EdgeBatch {
 public:
  explicit EdgeBatch(FlushFn flush) : flush_(flush) {}
  ~EdgeBatch() { Flush(); }
  EdgeBatch(const EdgeBatch&) = delete;
  EdgeBatch& operator=(const EdgeBatch&) = delete;
  void operator()(AgentId source, AgentId target) {
    edges_[size_++] = {source, target};
    if (size_ == kSize) Flush();
  }
  void Flush() {
    if (size_ > 0) flush_(std::span<const Edge>(edges_, size_));
    size_ = 0;
  }

 private:
  static constexpr std::size_t kSize = 1024;
  Edge edges_[kSize];
  std::size_t size_ = 0;
  FlushFn flush_;
};

template <typename Emitter>
StoredGraph BuildFromEmitter(AgentId n, const Emitter& emit, std::size_t grain,
                             std::vector<CommunityId> community) {
  const std::uint64_t items = emit.items();
  HugeArray<EdgeIndex> cursor(n);  // counts, then cursors, then packed row lengths
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, items, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    EdgeBatch batch([&](std::span<const Edge> edges) {
      csr_build::CountSources(edges, cursor.data());
    });
    emit(r.begin(), r.end(), batch);
  });
  HugeArray<EdgeIndex> offsets(std::size_t{n} + 1);
  const EdgeIndex total = ExclusivePrefixSum(cursor.span(), offsets.span());
  HugeArray<AgentId> targets(total);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t u) { cursor[u] = offsets[u]; });
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, items, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    EdgeBatch batch([&](std::span<const Edge> edges) {
      csr_build::ScatterEdges(edges, cursor.data(), targets.data());
    });
    emit(r.begin(), r.end(), batch);
  });
  const EdgeIndex kept =
      csr_build::SortAndPackRows(n, offsets.data(), targets.data(), cursor.data());
  targets.Shrink(kept);
  return StoredGraph::FromArrays(std::move(offsets), std::move(targets), std::move(community));
}

}  // namespace firestorm::graph_stream
