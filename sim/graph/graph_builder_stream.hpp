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
// One exception: where one edge's source takes random table reads and its target only a
// Philox block (echo chambers), pass 1 keeps each source, 4 bytes per edge, and pass 2
// draws only the targets again (BuildKeepingSources).
// Internal to the graph module.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <cstdint>
#include <span>
#include <stdexcept>
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

// Offsets from the per-source counts in `cursor`, a target array of that size, and `cursor`
// reset to each row's first slot.
struct Rows {
  HugeArray<EdgeIndex> offsets;
  HugeArray<AgentId> targets;
};
inline Rows RowsFromCounts(AgentId n, HugeArray<EdgeIndex>& cursor) {
  Rows rows{HugeArray<EdgeIndex>(std::size_t{n} + 1), {}};
  const EdgeIndex total = ExclusivePrefixSum(cursor.span(), rows.offsets.span());
  rows.targets = HugeArray<AgentId>(total);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t u) { cursor[u] = rows.offsets[u]; });
  return rows;
}

// Sorts and packs the filled rows into the finished graph.
inline StoredGraph FinishRows(AgentId n, Rows rows, HugeArray<EdgeIndex>& cursor,
                              std::vector<CommunityId> community) {
  const EdgeIndex kept =
      csr_build::SortAndPackRows(n, rows.offsets.data(), rows.targets.data(), cursor.data());
  rows.targets.Shrink(kept);
  return StoredGraph::FromArrays(std::move(rows.offsets), std::move(rows.targets), std::move(community));
}

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
  Rows rows = RowsFromCounts(n, cursor);
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, items, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    EdgeBatch batch([&](std::span<const Edge> edges) {
      csr_build::ScatterEdges(edges, cursor.data(), rows.targets.data());
    });
    emit(r.begin(), r.end(), batch);
  });
  return FinishRows(n, std::move(rows), cursor, std::move(community));
}

// The same graph for emitters that emit exactly one edge per item, in item order, whose
// source is the costly draw and whose target is cheap to draw again (`emit.Target(i)`). The
// echo-chamber author takes two random table reads and a second Philox block, the follower
// one Philox block: pass 1 emits every edge once and keeps its source (4 bytes per edge,
// written in order, freed before the rows are sorted); pass 2 draws only the targets again.
// About a third less time than emitting twice, for 4 bytes per edge of peak memory; where that
// does not fit, the caller uses BuildFromEmitter (EchoChambersKeepAuthors, stored_graph.hpp).
template <typename Emitter>
StoredGraph BuildKeepingSources(AgentId n, const Emitter& emit, std::size_t grain,
                                std::vector<CommunityId> community) {
  const std::uint64_t items = emit.items();
  HugeArray<EdgeIndex> cursor(n);
  HugeArray<AgentId> sources(items);
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, items, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    EdgeBatch batch([&](std::span<const Edge> edges) {
      csr_build::CountSources(edges, cursor.data());
    });
    AgentId* next = sources.data() + r.begin();
    auto keep = [&](AgentId source, AgentId target) {
      *next++ = source;
      batch(source, target);
    };
    emit(r.begin(), r.end(), keep);
    if (next != sources.data() + r.end())
      throw std::logic_error("BuildKeepingSources: the emitter must emit one edge per item");
  });
  Rows rows = RowsFromCounts(n, cursor);
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, items, grain),
                    [&](const tbb::blocked_range<std::uint64_t>& r) {
    EdgeBatch batch([&](std::span<const Edge> edges) {
      csr_build::ScatterEdges(edges, cursor.data(), rows.targets.data());
    });
    for (std::uint64_t i = r.begin(); i != r.end(); ++i) batch(sources[i], emit.Target(i));
  });
  sources = HugeArray<AgentId>();
  return FinishRows(n, std::move(rows), cursor, std::move(community));
}

}  // namespace firestorm::graph_stream
