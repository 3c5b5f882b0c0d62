// Parallel construction of the follower CSR from an unordered edge list.
//
// Approach (the classic counting-sort build of GAP's BuilderBase::MakeCSR and GBBS's
// sym_graph_from_edges, without their intermediate copies):
//   1. count each author's edges with relaxed atomic adds, checking ids on the way;
//   2. exclusive prefix sum -> row offsets (64-bit, so rows may hold > 2^32 edges in total);
//   3. scatter each follower into its author's row through an atomic cursor;
//   4. sort every row and drop duplicates, then slide rows left to close the gaps.
// The scatter order depends on the schedule, but step 4 sorts it away, so the arrays depend
// only on the set of edges. Peak memory is the caller's edges plus one target array and
// two n+1 arrays of offsets/cursors: 5e8 edges and 1e7 agents need about 2.2 GB here.
// Steps 1 (without the id check), 3 and 4 are also used by the streaming generators
// (csr_build_steps.hpp), which never hold an edge list.
#include "sim/graph/csr_graph.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "sim/core/error.hpp"
#include "sim/graph/csr_build_steps.hpp"
#include "sim/graph/prefix_sum.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kEdgeGrain = 1 << 16;
// Rows are deduplicated in fixed blocks of agents; each block packs its rows to the front
// of its own range, so blocks never write into each other and need no synchronisation.
constexpr AgentId kAgentsPerBlock = 2048;
// Rows longer than this (celebrity accounts) are sorted with a nested parallel sort.
constexpr EdgeIndex kParallelSortRow = 1 << 16;
constexpr EdgeIndex kNoEdge = std::numeric_limits<EdgeIndex>::max();
// Edges looked ahead when prefetching the per-author counters (random accesses).
constexpr std::size_t kPrefetchDistance = 32;

void AtomicMin(std::atomic<EdgeIndex>& target, EdgeIndex value) {
  EdgeIndex seen = target.load(std::memory_order_relaxed);
  while (value < seen && !target.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
  }
}

// Step 1 for an edge list: edges per author (self-loops not counted), checking ids. Throws on
// the first bad edge in index order, so the error message does not depend on the schedule.
void CountRows(AgentId num_agents, std::span<const Edge> edges, EdgeIndex* count) {
  std::atomic<EdgeIndex> first_bad{kNoEdge};
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, edges.size(), kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    for (EdgeIndex i = r.begin(); i != r.end(); ++i) {
      const Edge e = edges[i];
      if (i + kPrefetchDistance < r.end()) {
        const AgentId ahead = edges[i + kPrefetchDistance].source;
        if (ahead < num_agents) __builtin_prefetch(&count[ahead], 1);
      }
      if (e.source >= num_agents || e.target >= num_agents) {
        AtomicMin(first_bad, i);
      } else if (e.source != e.target) {
        std::atomic_ref<EdgeIndex>(count[e.source]).fetch_add(1, std::memory_order_relaxed);
      }
    }
  });
  const EdgeIndex bad = first_bad.load();
  if (bad != kNoEdge) {
    const Edge e = edges[bad];
    throw InputError({}, "edge #" + std::to_string(bad) + " (" + std::to_string(e.source) +
                             " -> " + std::to_string(e.target) + ") names an agent >= " +
                             std::to_string(num_agents) + ", the number of agents",
                     "agent ids must be in [0, number of agents)");
  }
}

// Step 4 for one block: sort and deduplicate each row, pack the rows to the start of the
// block's range, store each row's new length in `row_length`; returns the block's total.
EdgeIndex SortAndPackBlock(AgentId first, AgentId last, const EdgeIndex* offsets,
                           AgentId* targets, EdgeIndex* row_length) {
  EdgeIndex write = offsets[first];
  for (AgentId u = first; u != last; ++u) {
    AgentId* row = targets + offsets[u];
    AgentId* row_end = targets + offsets[u + 1];
    if (static_cast<EdgeIndex>(row_end - row) > kParallelSortRow) {
      tbb::parallel_sort(row, row_end);
    } else {
      std::sort(row, row_end);
    }
    row_end = std::unique(row, row_end);
    const auto kept = static_cast<EdgeIndex>(row_end - row);
    if (write != offsets[u]) std::memmove(targets + write, row, kept * sizeof(AgentId));
    row_length[u] = kept;
    write += kept;
  }
  return write - offsets[first];
}

}  // namespace

namespace csr_build {

void CountSources(std::span<const Edge> edges, EdgeIndex* count) {
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (i + kPrefetchDistance < edges.size())
      __builtin_prefetch(&count[edges[i + kPrefetchDistance].source], 1);
    const Edge e = edges[i];
    if (e.source != e.target)
      std::atomic_ref<EdgeIndex>(count[e.source]).fetch_add(1, std::memory_order_relaxed);
  }
}

// Both the cursor and the slot are random accesses into arrays far larger than the cache, so
// cursors are prefetched a few edges ahead and slots are claimed a batch at a time and
// prefetched before they are written, letting the misses overlap.
void ScatterEdges(std::span<const Edge> edges, EdgeIndex* cursor, AgentId* targets) {
  constexpr std::size_t kBatch = 16;
  EdgeIndex slot[kBatch];
  for (std::size_t first = 0; first < edges.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, edges.size() - first);
    for (std::size_t j = 0; j < count; ++j) {
      if (first + j + kPrefetchDistance < edges.size()) {
        __builtin_prefetch(&cursor[edges[first + j + kPrefetchDistance].source], 1);
      }
      const Edge e = edges[first + j];
      if (e.source == e.target) continue;
      slot[j] =
          std::atomic_ref<EdgeIndex>(cursor[e.source]).fetch_add(1, std::memory_order_relaxed);
      __builtin_prefetch(&targets[slot[j]], 1);
    }
    for (std::size_t j = 0; j < count; ++j) {
      const Edge e = edges[first + j];
      if (e.source != e.target) targets[slot[j]] = e.target;
    }
  }
}

EdgeIndex SortAndPackRows(AgentId n, EdgeIndex* offsets, AgentId* targets, EdgeIndex* scratch) {
  const EdgeIndex total = offsets[n];
  const std::size_t num_blocks = (std::size_t{n} + kAgentsPerBlock - 1) / kAgentsPerBlock;
  std::vector<EdgeIndex> block_kept(num_blocks);
  tbb::parallel_for(std::size_t{0}, num_blocks, [&](std::size_t b) {
    const auto first = static_cast<AgentId>(b * kAgentsPerBlock);
    const auto last = static_cast<AgentId>(std::min<std::size_t>(n, (b + 1) * kAgentsPerBlock));
    block_kept[b] = SortAndPackBlock(first, last, offsets, targets, scratch);
  });

  // Slide the packed blocks left. Each block moves towards lower addresses, so doing them in
  // order never overwrites data not yet moved. Serial, but a plain memmove per block.
  EdgeIndex write = 0;
  for (std::size_t b = 0; b < num_blocks; ++b) {
    const EdgeIndex read = offsets[b * kAgentsPerBlock];
    if (write != read && block_kept[b] > 0) {
      std::memmove(targets + write, targets + read, block_kept[b] * sizeof(AgentId));
    }
    write += block_kept[b];
  }
  if (write != total) {
    ExclusivePrefixSum(std::span<const EdgeIndex>(scratch, n), std::span<EdgeIndex>(offsets, n + 1));
  }
  return write;
}

}  // namespace csr_build

CsrGraph::CsrGraph(std::vector<EdgeIndex> offsets, std::vector<AgentId> targets)
    : offsets_(std::move(offsets)), targets_(std::move(targets)) {
  if (offsets_.empty()) offsets_.push_back(0);
}

CsrGraph BuildFollowerGraph(AgentId num_agents, std::span<const Edge> edges) {
  const std::size_t n = num_agents;
  std::vector<EdgeIndex> cursor(n, 0);  // row lengths, then scatter cursors, then new lengths
  CountRows(num_agents, edges, cursor.data());

  std::vector<EdgeIndex> offsets(n + 1);
  const EdgeIndex total = ExclusivePrefixSum(cursor, offsets);

  std::vector<AgentId> targets(total);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t u) { cursor[u] = offsets[u]; });
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, edges.size(), kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    csr_build::ScatterEdges(edges.subspan(r.begin(), r.size()), cursor.data(), targets.data());
  });

  const EdgeIndex kept = csr_build::SortAndPackRows(num_agents, offsets.data(), targets.data(),
                                                    cursor.data());
  if (kept != total) {
    targets.resize(kept);
    // Give memory back only when duplicates were a large share; shrinking copies the array.
    if (total - kept > total / 8) targets.shrink_to_fit();
  }
  return CsrGraph(std::move(offsets), std::move(targets));
}

}  // namespace firestorm
