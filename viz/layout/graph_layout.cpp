#include "viz/layout/graph_layout.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>
#include <numeric>

#include "sim/core/rng.hpp"

namespace firestorm::viz {

namespace {

using UGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using Topology = boost::square_topology<boost::minstd_rand>;
using Point = Topology::point_type;
constexpr double kWorldHalf = 1000.0;
constexpr std::uint64_t kLayoutSeed = 0x6c61796f7574ULL;  // "layout": the layout's own key

std::uint64_t Hash(std::uint64_t a, std::uint64_t b) {
  return KeyedHash64(kLayoutSeed, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b),
                     Stream::kGraph, static_cast<std::uint32_t>(a >> 32));
}

// Fruchterman–Reingold on `num_vertices` vertices; returns positions in [-half, half]².
std::vector<Point> ForceDirected(std::size_t num_vertices,
                                 const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
                                 int iterations, double half) {
  UGraph g(num_vertices);
  for (const auto& [a, b] : edges) boost::add_edge(a, b, g);
  std::vector<Point> pos(num_vertices);
  auto map = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, g));
  boost::minstd_rand gen(42);
  Topology topology(gen, half);
  boost::random_graph_layout(g, map, topology);
  if (num_vertices > 1)
    boost::fruchterman_reingold_force_directed_layout(
        g, map, topology, boost::cooling(boost::linear_cooling<double>(iterations)));
  return pos;
}

// Undirected pairs (a < b) of the follower graph restricted to `index` (agent -> drawn index).
std::vector<std::pair<std::uint32_t, std::uint32_t>> DrawnEdges(const LayoutGraph& g,
                                                                const std::vector<AgentId>& agents,
                                                                const std::vector<std::uint32_t>& index) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::uint32_t i = 0; i < agents.size(); ++i) {
    const AgentId u = agents[i];
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
      const std::uint32_t j = index[g.followers[e]];
      if (j != kNoAgent && j != i) out.push_back({std::min(i, j), std::max(i, j)});
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void KeepAtMost(std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges, std::size_t max_edges) {
  if (edges.size() <= max_edges) return;
  std::vector<std::pair<std::uint64_t, std::size_t>> keyed(edges.size());
  for (std::size_t e = 0; e < edges.size(); ++e)
    keyed[e] = {Hash(edges[e].first, edges[e].second), e};
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(max_edges), keyed.end());
  std::vector<std::size_t> keep(max_edges);
  for (std::size_t i = 0; i < max_edges; ++i) keep[i] = keyed[i].second;
  std::sort(keep.begin(), keep.end());
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out(max_edges);
  for (std::size_t i = 0; i < max_edges; ++i) out[i] = edges[keep[i]];
  edges = std::move(out);
}

void SetEdges(Layout& layout, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges,
              std::size_t max_edges) {
  KeepAtMost(edges, max_edges);
  for (const auto& [a, b] : edges) {
    layout.edge_from.push_back(a);
    layout.edge_to.push_back(b);
  }
}

Layout ForceLayout(const LayoutGraph& g, const LayoutOptions& options) {
  Layout layout;
  layout.method = "force";
  layout.total_agents = g.agents;
  layout.agent.resize(g.agents);
  std::iota(layout.agent.begin(), layout.agent.end(), AgentId{0});
  std::vector<std::uint32_t> index(layout.agent.begin(), layout.agent.end());
  auto edges = DrawnEdges(g, layout.agent, index);
  const auto pos = ForceDirected(g.agents, edges, options.iterations, kWorldHalf);
  for (const Point& p : pos) {
    layout.x.push_back(static_cast<float>(p[0]));
    layout.y.push_back(static_cast<float>(p[1]));
  }
  SetEdges(layout, std::move(edges), options.max_edges);
  return layout;
}

// The drawn agents: must-show accounts, the most followed, then a stratified sample.
std::vector<AgentId> SampleAgents(const LayoutGraph& g, std::span<const CommunityId> community,
                                  std::uint32_t num_communities, AgentId budget) {
  const AgentId n = g.agents;
  std::vector<std::uint8_t> chosen(n, 0);
  std::vector<AgentId> out;
  const auto take = [&](AgentId v) {
    if (v < n && !chosen[v] && out.size() < budget) {
      chosen[v] = 1;
      out.push_back(v);
    }
  };
  for (AgentId v : g.must_show) take(v);
  std::vector<AgentId> by_followers(n);
  std::iota(by_followers.begin(), by_followers.end(), AgentId{0});
  const AgentId hubs = std::min<AgentId>(n, budget / 50);
  const auto followers = [&](AgentId v) { return g.offsets[v + 1] - g.offsets[v]; };
  std::partial_sort(by_followers.begin(), by_followers.begin() + hubs, by_followers.end(),
                    [&](AgentId a, AgentId b) {
                      return followers(a) != followers(b) ? followers(a) > followers(b) : a < b;
                    });
  for (AgentId i = 0; i < hubs; ++i) take(by_followers[i]);

  std::vector<std::uint64_t> size(num_communities, 0), quota(num_communities, 0);
  for (AgentId v = 0; v < n; ++v) ++size[community[v]];
  const double left = static_cast<double>(budget - std::min<AgentId>(budget, static_cast<AgentId>(out.size())));
  for (std::uint32_t c = 0; c < num_communities; ++c)
    quota[c] = static_cast<std::uint64_t>(std::floor(left * static_cast<double>(size[c]) / n));
  std::vector<std::pair<std::uint64_t, AgentId>> keyed;
  keyed.reserve(n);
  for (AgentId v = 0; v < n; ++v)
    if (!chosen[v]) keyed.push_back({(static_cast<std::uint64_t>(community[v]) << 40) |
                                         (Hash(v, 1) >> 24), v});
  std::sort(keyed.begin(), keyed.end());
  std::uint32_t current = ~0u;
  std::uint64_t taken = 0;
  for (const auto& [key, v] : keyed) {
    const auto c = static_cast<std::uint32_t>(key >> 40);
    if (c != current) current = c, taken = 0;
    if (taken < quota[c] && out.size() < budget) {
      take(v);
      ++taken;
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Layout CommunityLayout(const LayoutGraph& g, const LayoutOptions& options) {
  const AgentId n = g.agents;
  std::vector<CommunityId> single;
  std::span<const CommunityId> community = g.community;
  if (community.size() != n) {
    single.assign(n, 0);
    community = single;
  }
  const std::uint32_t num_communities = *std::max_element(community.begin(), community.end()) + 1;

  Layout layout;
  layout.method = "community";
  layout.total_agents = n;
  layout.agent = SampleAgents(g, community, num_communities, std::min(options.sample, n));
  std::vector<std::uint32_t> index(n, kNoAgent);
  for (std::uint32_t i = 0; i < layout.agent.size(); ++i) index[layout.agent[i]] = i;

  // Community graph: keep the pairs that follow each other more than average.
  std::vector<std::uint64_t> size(num_communities, 0);
  std::vector<std::uint64_t> between(static_cast<std::size_t>(num_communities) * num_communities, 0);
  for (AgentId u = 0; u < n; ++u) {
    ++size[community[u]];
    for (EdgeIndex e = g.offsets[u]; e < g.offsets[u + 1]; ++e) {
      const CommunityId a = community[u], b = community[g.followers[e]];
      if (a != b) ++between[static_cast<std::size_t>(std::min(a, b)) * num_communities + std::max(a, b)];
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> community_edges;
  std::uint64_t total = 0, pairs = 0;
  for (std::uint64_t w : between) total += w, pairs += w > 0;
  for (std::uint32_t a = 0; a < num_communities; ++a)
    for (std::uint32_t b = a + 1; b < num_communities; ++b)
      if (pairs > 0 && between[static_cast<std::size_t>(a) * num_communities + b] * pairs >= total)
        community_edges.push_back({a, b});
  auto centre = ForceDirected(num_communities, community_edges, 300, kWorldHalf);

  // Disc areas proportional to community sizes, then push overlapping discs apart.
  const std::uint64_t largest = *std::max_element(size.begin(), size.end());
  const double max_radius = kWorldHalf / std::max(1.0, std::sqrt(static_cast<double>(num_communities)));
  std::vector<double> radius(num_communities);
  for (std::uint32_t c = 0; c < num_communities; ++c)
    radius[c] = max_radius * std::sqrt(static_cast<double>(size[c]) / std::max<std::uint64_t>(1, largest));
  for (int round = 0; round < 200; ++round) {
    bool moved = false;
    for (std::uint32_t a = 0; a < num_communities; ++a)
      for (std::uint32_t b = a + 1; b < num_communities; ++b) {
        double dx = centre[b][0] - centre[a][0], dy = centre[b][1] - centre[a][1];
        double d = std::hypot(dx, dy);
        const double need = (radius[a] + radius[b]) * 1.08;
        if (d >= need) continue;
        if (d < 1e-6) dx = 1, dy = 0, d = 1;
        const double push = (need - d) / 2 / d;
        centre[a][0] -= dx * push, centre[a][1] -= dy * push;
        centre[b][0] += dx * push, centre[b][1] += dy * push;
        moved = true;
      }
    if (!moved) break;
  }
  for (std::uint32_t c = 0; c < num_communities; ++c) {
    layout.community_x.push_back(static_cast<float>(centre[c][0]));
    layout.community_y.push_back(static_cast<float>(centre[c][1]));
    layout.community_radius.push_back(static_cast<float>(radius[c]));
  }

  // Sunflower spiral inside each disc, most-followed first (at the centre).
  std::vector<std::vector<std::uint32_t>> members(num_communities);
  for (std::uint32_t i = 0; i < layout.agent.size(); ++i) members[community[layout.agent[i]]].push_back(i);
  layout.x.assign(layout.agent.size(), 0);
  layout.y.assign(layout.agent.size(), 0);
  constexpr double kGoldenAngle = 2.399963229728653;
  for (std::uint32_t c = 0; c < num_communities; ++c) {
    auto& m = members[c];
    std::stable_sort(m.begin(), m.end(), [&](std::uint32_t a, std::uint32_t b) {
      const AgentId u = layout.agent[a], v = layout.agent[b];
      return g.offsets[u + 1] - g.offsets[u] > g.offsets[v + 1] - g.offsets[v];
    });
    for (std::size_t k = 0; k < m.size(); ++k) {
      const double r = radius[c] * std::sqrt((static_cast<double>(k) + 0.5) / static_cast<double>(m.size()));
      const double angle = static_cast<double>(k) * kGoldenAngle;
      layout.x[m[k]] = static_cast<float>(centre[c][0] + r * std::cos(angle));
      layout.y[m[k]] = static_cast<float>(centre[c][1] + r * std::sin(angle));
    }
  }
  SetEdges(layout, DrawnEdges(g, layout.agent, index), options.max_edges);
  return layout;
}

}  // namespace

Layout ComputeLayout(const LayoutGraph& graph, const LayoutOptions& options) {
  if (graph.agents == 0) {
    Layout empty;
    empty.method = "force";
    return empty;
  }
  if (graph.agents <= options.force_max_agents) return ForceLayout(graph, options);
  return CommunityLayout(graph, options);
}

}  // namespace firestorm::viz
