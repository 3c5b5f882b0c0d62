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
#include <vector>

#include "sim/core/error.hpp"
#include "sim/core/prefetch.hpp"
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

[[noreturn]] void ThrowBadEdge(AgentId num_agents, EdgeIndex index, Edge e) {
  throw InputError({}, "edge #" + std::to_string(index) + " (" + std::to_string(e.source) +
                           " -> " + std::to_string(e.target) + ") names an agent >= " +
                           std::to_string(num_agents) + ", the number of agents",
                   "agent ids must be in [0, number of agents)");
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
        if (ahead < num_agents) RequestLineForWrite(&count[ahead]);
      }
      if (e.source >= num_agents || e.target >= num_agents) {
        AtomicMin(first_bad, i);
      } else if (e.source != e.target) {
        std::atomic_ref<EdgeIndex>(count[e.source]).fetch_add(1, std::memory_order_relaxed);
      }
    }
  });
  const EdgeIndex bad = first_bad.load();
  if (bad != kNoEdge) ThrowBadEdge(num_agents, bad, edges[bad]);
}

// The index of the first edge naming an agent >= num_agents, or kNoEdge.
EdgeIndex FirstBadEdge(AgentId num_agents, std::span<const Edge> edges) {
  std::atomic<EdgeIndex> first_bad{kNoEdge};
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, edges.size(), kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    for (EdgeIndex i = r.begin(); i != r.end(); ++i) {
      if (edges[i].source >= num_agents || edges[i].target >= num_agents) {
        AtomicMin(first_bad, i);
        return;
      }
    }
  });
  return first_bad.load();
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
      RequestLineForWrite(&count[edges[i + kPrefetchDistance].source]);
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
        RequestLineForWrite(&cursor[edges[first + j + kPrefetchDistance].source]);
      }
      const Edge e = edges[first + j];
      if (e.source == e.target) continue;
      slot[j] =
          std::atomic_ref<EdgeIndex>(cursor[e.source]).fetch_add(1, std::memory_order_relaxed);
      RequestLineForWrite(&targets[slot[j]]);
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

namespace {

// A HugeArray holding a copy of `from`, copied in parallel blocks.
template <typename T>
HugeArray<T> CopyArray(std::span<const T> from) {
  HugeArray<T> out(from.size());
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  tbb::parallel_for(std::size_t{0}, (from.size() + kBlock - 1) / kBlock, [&](std::size_t b) {
    const std::size_t first = b * kBlock;
    const std::size_t count = std::min(kBlock, from.size() - first);
    std::memcpy(out.data() + first, from.data() + first, count * sizeof(T));
  });
  return out;
}

}  // namespace

CsrGraph::CsrGraph() : offsets_(1) {}  // a fresh HugeArray reads as zero: offsets {0}

CsrGraph::CsrGraph(std::vector<EdgeIndex> offsets, std::vector<AgentId> targets) {
  if (offsets.empty()) offsets.push_back(0);
  *this = CopyOf(offsets, targets);
}

CsrGraph CsrGraph::FromArrays(HugeArray<EdgeIndex> offsets, HugeArray<AgentId> targets) {
  CsrGraph g;
  if (!offsets.empty()) g.offsets_ = std::move(offsets);
  g.targets_ = std::move(targets);
  return g;
}

CsrGraph CsrGraph::CopyOf(std::span<const EdgeIndex> offsets, std::span<const AgentId> targets) {
  return FromArrays(CopyArray(offsets), CopyArray(targets));
}

CsrGraph::CsrGraph(const CsrGraph& other)
    : offsets_(CopyArray(other.offsets_.span())), targets_(CopyArray(other.targets_.span())) {}

CsrGraph& CsrGraph::operator=(const CsrGraph& other) {
  if (this != &other) *this = CsrGraph(other);
  return *this;
}

CsrGraph BuildFollowerGraph(AgentId num_agents, std::span<const Edge> edges) {
  const std::size_t n = num_agents;
  HugeArray<EdgeIndex> cursor(n);  // row lengths, then scatter cursors, then new lengths
  CountRows(num_agents, edges, cursor.data());

  HugeArray<EdgeIndex> offsets(n + 1);
  const EdgeIndex total = ExclusivePrefixSum(cursor.span(), offsets.span());

  HugeArray<AgentId> targets(total);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t u) { cursor[u] = offsets[u]; });
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, edges.size(), kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    csr_build::ScatterEdges(edges.subspan(r.begin(), r.size()), cursor.data(), targets.data());
  });

  const EdgeIndex kept = csr_build::SortAndPackRows(num_agents, offsets.data(), targets.data(),
                                                    cursor.data());
  targets.Shrink(kept);  // gives the pages of dropped duplicates back, without a copy
  return CsrGraph::FromArrays(std::move(offsets), std::move(targets));
}

// MergeEdges, in three steps:
//   1. sort the extra edges and drop self-loops and repeats; each row that gets edges (few:
//      the special accounts and bots) is merged with its new targets into a side buffer;
//   2. the target array grows by the edges added (HugeArray::Grow moves its pages, no copy)
//      and the rows between changed rows move up to their new places, last run first: every
//      row moves up, never down, so a run is written only over slots already moved away from
//      (the same backwards shift as inserting into a sorted array);
//   3. the merged rows are copied into their gaps and the offsets are shifted.
// Peak: the grown target array, the offsets, the extra edges (8 bytes each) and the merged
// rows (4 bytes per old and new target of the changed rows); for 5e8 edges, 1e7 agents and
// 6e6 extra edges about 2.0 + 0.08 + 0.05 + 0.03 GB. Step 2 is one serial memmove of the
// targets after the first changed row (about 0.2 s per GB).
void MergeEdges(CsrGraph& graph, std::vector<Edge> extra) {
  const AgentId n = graph.num_agents();
  const EdgeIndex bad = FirstBadEdge(n, extra);
  if (bad != kNoEdge) ThrowBadEdge(n, bad, extra[bad]);
  std::erase_if(extra, [](const Edge& e) { return e.source == e.target; });
  tbb::parallel_sort(extra.begin(), extra.end(), [](const Edge& a, const Edge& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
  if (extra.empty()) return;

  // Changed rows: row[g] gets the targets extra[first[g] .. first[g + 1]).
  std::vector<AgentId> row;
  std::vector<std::size_t> first;
  for (std::size_t i = 0; i < extra.size(); ++i) {
    if (i == 0 || extra[i].source != extra[i - 1].source) {
      row.push_back(extra[i].source);
      first.push_back(i);
    }
  }
  first.push_back(extra.size());
  const std::size_t groups = row.size();

  // Step 1: merged[slot[g] ..) holds row[g]'s new row, merged_length[g] long.
  const EdgeIndex* offsets = graph.offsets_.data();
  std::vector<EdgeIndex> slot(groups + 1, 0);
  for (std::size_t g = 0; g < groups; ++g)
    slot[g + 1] = slot[g] + graph.follower_count(row[g]) + (first[g + 1] - first[g]);
  std::vector<AgentId> merged(slot[groups]);
  std::vector<EdgeIndex> merged_length(groups);
  tbb::parallel_for(std::size_t{0}, groups, [&](std::size_t g) {
    const std::span<const AgentId> old = graph.followers_of(row[g]);
    const AgentId* a = old.data();
    const AgentId* const a_end = a + old.size();
    const Edge* b = extra.data() + first[g];
    const Edge* const b_end = extra.data() + first[g + 1];
    AgentId* const start = merged.data() + slot[g];
    AgentId* out = start;
    while (a != a_end && b != b_end) {
      if (*a < b->target) {
        *out++ = *a++;
      } else {
        if (b->target == *a) ++a;
        *out++ = (b++)->target;
      }
    }
    out = std::copy(a, a_end, out);
    for (; b != b_end; ++b) *out++ = b->target;
    merged_length[g] = static_cast<EdgeIndex>(out - start);
  });
  // shift[g]: how far row[g] and the rows up to row[g - 1] + 1 move up.
  std::vector<EdgeIndex> shift(groups + 1, 0);
  for (std::size_t g = 0; g < groups; ++g)
    shift[g + 1] = shift[g] + merged_length[g] - graph.follower_count(row[g]);
  const EdgeIndex old_total = graph.num_edges();

  // Step 2.
  graph.targets_.Grow(old_total + shift[groups]);
  AgentId* targets = graph.targets_.data();
  for (std::size_t g = groups; g >= 1; --g) {
    const EdgeIndex begin = offsets[row[g - 1] + 1];
    const EdgeIndex end = g == groups ? old_total : offsets[row[g]];
    if (end > begin && shift[g] > 0)
      std::memmove(targets + begin + shift[g], targets + begin, (end - begin) * sizeof(AgentId));
  }

  // Step 3. Offsets of agents in (row[g - 1], row[g]] move up by shift[g].
  tbb::parallel_for(std::size_t{0}, groups, [&](std::size_t g) {
    std::memcpy(targets + offsets[row[g]] + shift[g], merged.data() + slot[g],
                merged_length[g] * sizeof(AgentId));
  });
  EdgeIndex* new_offsets = graph.offsets_.data();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(std::size_t{row[0]} + 1, std::size_t{n} + 1,
                                                    1 << 14),
                    [&](const tbb::blocked_range<std::size_t>& r) {
    // The first changed row at or after r.begin(); agents past it get its shift and more.
    std::size_t g = static_cast<std::size_t>(
        std::lower_bound(row.begin(), row.end(), r.begin()) - row.begin());
    for (std::size_t u = r.begin(); u != r.end(); ++u) {
      while (g < groups && row[g] < u) ++g;
      new_offsets[u] += shift[g];
    }
  });
}

}  // namespace firestorm
