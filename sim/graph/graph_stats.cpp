// Degree, reciprocity and community summaries of a follower graph, and their printout.
//
// Everything is an integer count, so the parallel parts (in-degrees by relaxed atomic adds,
// reciprocity and within-community counts by parallel_reduce) are exact for any thread
// count. Reciprocity checks each edge u -> v by binary search in v's sorted follower row.
// Median and p99 use the nearest-rank definition: the ceil(q * n)-th smallest value.
#include "sim/graph/graph_stats.hpp"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace firestorm {
namespace {

constexpr std::size_t kAgentGrain = 1 << 12;

std::uint64_t NearestRank(std::vector<std::uint64_t>& values, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

DegreeSummary Summarize(std::vector<std::uint64_t> degree) {
  DegreeSummary s;
  if (degree.empty()) return s;
  const auto [lo, hi] = std::minmax_element(degree.begin(), degree.end());
  s.min = *lo;
  s.max = *hi;
  const std::uint64_t total = std::accumulate(degree.begin(), degree.end(), std::uint64_t{0});
  s.mean = static_cast<double>(total) / static_cast<double>(degree.size());
  s.median = NearestRank(degree, 0.5);
  s.p99 = NearestRank(degree, 0.99);
  return s;
}

// Sums f(u) over all agents in parallel (integer sums: any order gives the same result).
template <typename F>
std::uint64_t SumOverAgents(AgentId n, F&& f) {
  return tbb::parallel_reduce(
      tbb::blocked_range<AgentId>(0, n, kAgentGrain), std::uint64_t{0},
      [&](const tbb::blocked_range<AgentId>& r, std::uint64_t sum) {
        for (AgentId u = r.begin(); u != r.end(); ++u) sum += f(u);
        return sum;
      },
      std::plus<>());
}

std::string Percent(double share) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << 100.0 * share << "%";
  return s.str();
}

}  // namespace

GraphStats ComputeGraphStats(const CsrGraph& graph, std::span<const CommunityId> community) {
  const AgentId n = graph.num_agents();
  if (!community.empty() && community.size() != n) {
    throw std::invalid_argument("ComputeGraphStats: community has " +
                                std::to_string(community.size()) + " entries for " +
                                std::to_string(n) + " agents");
  }
  GraphStats s;
  s.agents = n;
  s.edges = graph.num_edges();

  std::vector<std::uint64_t> out_degree(n), in_degree(n, 0);
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, kAgentGrain),
                    [&](const tbb::blocked_range<AgentId>& r) {
    for (AgentId u = r.begin(); u != r.end(); ++u) {
      out_degree[u] = graph.follower_count(u);
      for (AgentId v : graph.followers_of(u)) {
        std::atomic_ref<std::uint64_t>(in_degree[v]).fetch_add(1, std::memory_order_relaxed);
      }
    }
  });
  s.followers = Summarize(std::move(out_degree));
  s.following = Summarize(std::move(in_degree));

  if (s.edges > 0) {
    const std::uint64_t reciprocal = SumOverAgents(n, [&](AgentId u) {
      std::uint64_t count = 0;
      for (AgentId v : graph.followers_of(u)) {
        const auto back = graph.followers_of(v);
        count += std::binary_search(back.begin(), back.end(), u);
      }
      return count;
    });
    s.reciprocity = static_cast<double>(reciprocal) / static_cast<double>(s.edges);
  }

  if (!community.empty()) {
    s.communities = *std::max_element(community.begin(), community.end()) + 1;
    s.community_sizes.assign(s.communities, 0);
    for (CommunityId c : community) ++s.community_sizes[c];
    if (s.edges > 0) {
      const std::uint64_t within = SumOverAgents(n, [&](AgentId u) {
        std::uint64_t count = 0;
        for (AgentId v : graph.followers_of(u)) count += community[v] == community[u];
        return count;
      });
      s.within_community_edge_share = static_cast<double>(within) / static_cast<double>(s.edges);
    }
  }
  return s;
}

void PrintGraphStats(std::ostream& out, const GraphStats& s) {
  constexpr int kLabel = 26, kColumn = 11;
  const std::ios_base::fmtflags flags = out.flags();
  const std::streamsize precision = out.precision();
  out << std::left << std::setw(kLabel) << "agents" << s.agents << '\n'
      << std::setw(kLabel) << "edges (follows)" << s.edges << '\n'
      << std::setw(kLabel) << "reciprocity" << Percent(s.reciprocity) << '\n'
      << '\n'
      << std::setw(kLabel) << "degree" << std::right;
  for (const char* h : {"min", "mean", "median", "p99", "max"}) out << std::setw(kColumn) << h;
  out << '\n';
  const auto row = [&](const char* name, const DegreeSummary& d) {
    out << std::left << std::setw(kLabel) << name << std::right << std::setw(kColumn) << d.min
        << std::setw(kColumn) << std::fixed << std::setprecision(2) << d.mean
        << std::setw(kColumn) << d.median << std::setw(kColumn) << d.p99 << std::setw(kColumn)
        << d.max << '\n';
  };
  row("followers (out-degree)", s.followers);
  row("following (in-degree)", s.following);

  out << '\n' << std::left << std::setw(kLabel) << "communities" << s.communities << '\n';
  if (s.communities > 0) {
    out << std::setw(kLabel) << "within-community edges" << Percent(s.within_community_edge_share)
        << '\n';
    std::vector<CommunityId> order(s.community_sizes.size());
    std::iota(order.begin(), order.end(), CommunityId{0});
    std::stable_sort(order.begin(), order.end(), [&](CommunityId a, CommunityId b) {
      return s.community_sizes[a] > s.community_sizes[b];
    });
    constexpr std::size_t kShown = 10;
    const std::size_t shown = std::min(kShown, order.size());
    out << (order.size() > kShown ? "largest communities" : "community sizes") << '\n';
    for (std::size_t i = 0; i < shown; ++i) {
      const CommunityId c = order[i];
      const double share = s.agents ? static_cast<double>(s.community_sizes[c]) / s.agents : 0.0;
      std::ostringstream name;
      name << "  #" << c;
      out << std::left << std::setw(kLabel) << name.str() << std::right << std::setw(kColumn)
          << s.community_sizes[c] << std::setw(kColumn) << Percent(share) << '\n';
    }
    if (order.size() > kShown) out << "  ... and " << order.size() - kShown << " more\n";
  }
  out.flags(flags);
  out.precision(precision);
}

}  // namespace firestorm
