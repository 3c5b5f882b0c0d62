// Community-circle layout of a sample of agents (see network_layout.hpp).
#include "analysis/report/network_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

double Uniform(std::uint64_t key) { return (static_cast<double>(SplitMix64::Mix(key) >> 11) + 0.5) * 0x1.0p-53; }

}  // namespace

NetworkPicture LayoutNetwork(const FollowerGraphView& graph, std::span<const CommunityId> community,
                             std::size_t max_agents, std::size_t max_edges, std::uint64_t seed) {
  NetworkPicture p;
  const AgentId n = std::min<AgentId>(graph.num_agents(), static_cast<AgentId>(community.size()));
  if (n == 0 || max_agents == 0) return p;

  // The sample: the agents with the smallest keyed hashes.
  std::vector<std::pair<std::uint64_t, AgentId>> keyed(n);
  for (AgentId v = 0; v < n; ++v) keyed[v] = {SplitMix64::Mix(seed ^ (std::uint64_t{v} * 0x2545f4914f6cdd1dULL)), v};
  const std::size_t k = std::min<std::size_t>(max_agents, n);
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(k - 1), keyed.end());
  for (std::size_t i = 0; i < k; ++i) p.agents.push_back(keyed[i].second);
  std::sort(p.agents.begin(), p.agents.end());
  std::vector<std::uint32_t> index(n, UINT32_MAX);
  for (std::uint32_t i = 0; i < p.agents.size(); ++i) index[p.agents[i]] = i;

  // Community centres on a circle (one community: the origin).
  const CommunityId communities = *std::max_element(community.begin(), community.begin() + n) + 1;
  std::vector<double> cx(communities, 0.0), cy(communities, 0.0);
  if (communities > 1)
    for (CommunityId c = 0; c < communities; ++c) {
      const double angle = 2 * std::numbers::pi * c / communities + std::numbers::pi / 2;
      cx[c] = std::cos(angle);
      cy[c] = std::sin(angle);
    }
  const double spread = communities > 1 ? std::min(0.35, 1.2 * std::sin(std::numbers::pi / communities) / 2) : 0.5;

  // Mean centre of the communities each sampled agent follows; and the edges in the sample.
  std::vector<double> fx(k, 0.0), fy(k, 0.0);
  std::vector<std::uint32_t> follows(k, 0);
  std::vector<std::pair<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>>> sampled_edges;
  for (AgentId u = 0; u < n; ++u)
    for (EdgeIndex e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
      const AgentId v = graph.followers[e];  // v follows u
      if (v >= n || index[v] == UINT32_MAX) continue;
      const std::uint32_t i = index[v];
      fx[i] += cx[community[u]];
      fy[i] += cy[community[u]];
      ++follows[i];
      if (index[u] != UINT32_MAX) sampled_edges.push_back({SplitMix64::Mix(seed + e), {index[u], i}});
    }
  if (sampled_edges.size() > max_edges) {
    std::nth_element(sampled_edges.begin(), sampled_edges.begin() + static_cast<std::ptrdiff_t>(max_edges),
                     sampled_edges.end());
    sampled_edges.resize(max_edges);
    std::sort(sampled_edges.begin(), sampled_edges.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  for (const auto& e : sampled_edges) p.edges.push_back(e.second);

  for (std::size_t i = 0; i < k; ++i) {
    const AgentId v = p.agents[i];
    double x = cx[community[v]], y = cy[community[v]];
    if (follows[i] > 0) {
      x = 0.5 * x + 0.5 * fx[i] / follows[i];
      y = 0.5 * y + 0.5 * fy[i] / follows[i];
    }
    // Box–Muller with two keyed uniforms.
    const double r = spread * std::sqrt(-2 * std::log(Uniform(seed ^ (2 * std::uint64_t{v} + 1))));
    const double angle = 2 * std::numbers::pi * Uniform(seed ^ (2 * std::uint64_t{v} + 2) ^ 0x5bd1e995ULL);
    p.x.push_back(static_cast<float>(std::clamp(x + r * std::cos(angle), -1.5, 1.5)));
    p.y.push_back(static_cast<float>(std::clamp(y + r * std::sin(angle), -1.5, 1.5)));
  }
  return p;
}

}  // namespace firestorm
