// Seed picking, the followee graph, clusters and moments for the classic models.
#include "sim/classic/classic_common.hpp"

#include <oneapi/tbb/parallel_sort.h>

#include <atomic>
#include <cmath>
#include <cstdio>

#include "sim/core/prefetch.hpp"
#include "sim/graph/csr_build_steps.hpp"

namespace firestorm {

std::uint64_t ClassicRunResult::EverLeftFirst() const {
  if (compartments.empty() || counts.empty()) return 0;
  std::uint64_t total = 0;
  for (std::size_t k = 0; k < compartments.size(); ++k) total += Count(0, k);
  return total - Count(ticks, 0);
}

namespace classic {

std::vector<AgentId> PickSeeds(AgentId n, std::uint64_t count, std::uint64_t seed,
                               ClassicDraw draw, std::span<const AgentId> exclude) {
  std::vector<AgentId> picked;
  const std::uint64_t available = n - std::min<std::uint64_t>(n, exclude.size());
  count = std::min(count, available);
  picked.reserve(count);
  std::vector<bool> taken(n, false);
  for (AgentId v : exclude) taken[v] = true;
  // Rejection is fine while fewer than half are taken; past that, walk to the next free id
  // from the drawn one (still keyed, still deterministic).
  for (std::uint32_t j = 0; picked.size() < count; ++j) {
    const Words w = Draw(seed, draw, j, 0, 0);
    auto v = static_cast<AgentId>(Below(w[0], w[1], n));
    if (taken[v]) {
      if (picked.size() + exclude.size() < n / 2) continue;
      while (taken[v]) v = (v + 1 == n) ? 0 : v + 1;
    }
    taken[v] = true;
    picked.push_back(v);
  }
  return picked;
}

void FrontierRows(const GraphView& graph, std::span<const AgentId> frontier,
                  std::vector<EdgeIndex>& row_begin, std::vector<EdgeIndex>& degree) {
  row_begin.resize(frontier.size());
  degree.resize(frontier.size());
  const auto fill = [&](std::size_t begin, std::size_t end) {
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) RequestLine(&graph.offsets[frontier[i + kAhead]]);
      row_begin[i] = graph.offsets[frontier[i]];
      degree[i] = graph.offsets[frontier[i] + 1] - row_begin[i];
    }
  };
  if (frontier.size() < kAgentGrain) {
    fill(0, frontier.size());
  } else {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, frontier.size(), kAgentGrain),
                      [&](const tbb::blocked_range<std::size_t>& r) { fill(r.begin(), r.end()); });
  }
}

std::vector<AgentId> InitialAgents(AgentId n, const ClassicModelSpec& spec, std::uint64_t seed,
                                   const ClassicRunOptions& options) {
  if (options.initial_agents.empty())
    return PickSeeds(n, spec.initial_infected, seed, ClassicDraw::kSeeds);
  std::vector<AgentId> agents = options.initial_agents;
  std::sort(agents.begin(), agents.end());
  agents.erase(std::unique(agents.begin(), agents.end()), agents.end());
  return agents;
}

HugeArray<std::uint32_t> FolloweeCounts(const GraphView& graph) {
  HugeArray<std::uint32_t> count(graph.num_agents);
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, graph.num_edges, 1 << 16),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    for (EdgeIndex e = r.begin(); e != r.end(); ++e)
      std::atomic_ref<std::uint32_t>(count[graph.targets[e]]).fetch_add(1, std::memory_order_relaxed);
  });
  return count;
}

FolloweeGraph BuildFolloweeGraph(const GraphView& graph) {
  const AgentId n = graph.num_agents;
  FolloweeGraph out;
  out.offsets = HugeArray<EdgeIndex>(std::size_t{n} + 1);
  HugeArray<EdgeIndex> cursor(n);
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, graph.num_edges, 1 << 16),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    for (EdgeIndex e = r.begin(); e != r.end(); ++e)
      std::atomic_ref<EdgeIndex>(cursor[graph.targets[e]]).fetch_add(1, std::memory_order_relaxed);
  });
  const EdgeIndex total = ExclusivePrefixSum(cursor.span(), out.offsets.span());
  out.sources = HugeArray<AgentId>(total);
  tbb::parallel_for(std::size_t{0}, std::size_t{n}, [&](std::size_t v) { cursor[v] = out.offsets[v]; });
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, 1024), [&](const tbb::blocked_range<AgentId>& r) {
    for (AgentId u = r.begin(); u != r.end(); ++u)
      for (AgentId v : graph.followers_of(u)) {
        const EdgeIndex slot =
            std::atomic_ref<EdgeIndex>(cursor[v]).fetch_add(1, std::memory_order_relaxed);
        out.sources[slot] = u;
      }
  });
  // Rows are filled in a schedule-dependent order: sort them (no duplicates to drop).
  csr_build::SortAndPackRows(n, out.offsets.data(), out.sources.data(), cursor.data());
  return out;
}

std::uint32_t CountOpinionClusters(std::span<const float> opinion, double gap, double min_share) {
  if (opinion.empty()) return 0;
  std::vector<float> sorted(opinion.begin(), opinion.end());
  tbb::parallel_sort(sorted.begin(), sorted.end());
  const double min_size = min_share * static_cast<double>(sorted.size());
  std::uint32_t clusters = 0;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= sorted.size(); ++i) {
    if (i == sorted.size() || sorted[i] - sorted[i - 1] > gap) {
      if (static_cast<double>(i - start) >= min_size) ++clusters;
      start = i;
    }
  }
  return clusters;
}

void OpinionHistogram(std::span<const float> opinion, std::span<std::uint64_t> bins) {
  const std::size_t k = bins.size();
  std::vector<std::uint64_t> total = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, opinion.size(), kAgentGrain), std::vector<std::uint64_t>(k),
      [&](const tbb::blocked_range<std::size_t>& r, std::vector<std::uint64_t> c) {
        for (std::size_t v = r.begin(); v != r.end(); ++v) {
          const double x = std::clamp(static_cast<double>(opinion[v]), 0.0, 1.0);
          ++c[std::min(k - 1, static_cast<std::size_t>(x * static_cast<double>(k)))];
        }
        return c;
      },
      [](std::vector<std::uint64_t> a, const std::vector<std::uint64_t>& b) {
        for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
        return a;
      });
  std::copy(total.begin(), total.end(), bins.begin());
}

std::vector<std::string> OpinionBinNames(std::size_t bins) {
  std::vector<std::string> names;
  for (std::size_t b = 0; b < bins; ++b) {
    char name[48];
    std::snprintf(name, sizeof name, "[%.2g,%.2g%s", double(b) / double(bins),
                  double(b + 1) / double(bins), b + 1 == bins ? "]" : ")");
    names.emplace_back(name);
  }
  return names;
}

std::pair<double, double> OpinionMoments(std::span<const float> opinion) {
  // Fixed point with 2^-40 resolution: exact integer sums in any order.
  constexpr double kScale = 1099511627776.0;
  struct Sums {
    UInt128 x = 0, x2 = 0;
  };
  const Sums s = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, opinion.size(), kAgentGrain), Sums{},
      [&](const tbb::blocked_range<std::size_t>& r, Sums acc) {
        for (std::size_t v = r.begin(); v != r.end(); ++v) {
          const double x = std::clamp(static_cast<double>(opinion[v]), 0.0, 1.0);
          acc.x += static_cast<UInt128>(std::llround(x * kScale));
          acc.x2 += static_cast<UInt128>(std::llround(x * x * kScale));
        }
        return acc;
      },
      [](Sums a, const Sums& b) {
        a.x += b.x;
        a.x2 += b.x2;
        return a;
      });
  if (opinion.empty()) return {0, 0};
  const double n = static_cast<double>(opinion.size());
  const double mean = static_cast<double>(s.x) / kScale / n;
  const double var = std::max(0.0, static_cast<double>(s.x2) / kScale / n - mean * mean);
  return {mean, std::sqrt(var)};
}

}  // namespace classic
}  // namespace firestorm
