// Where to draw each agent. Two methods, chosen by size:
//
// - "force": every agent, placed by Boost.Graph's Fruchterman–Reingold force-directed layout
//   (Fruchterman & Reingold 1991, grid-accelerated repulsion) on the undirected follower graph.
//   Used up to LayoutOptions::force_max_agents agents (FR costs O(n + m) per iteration here).
// - "community": a representative sample of agents (never millions point by point). The
//   special accounts, cascade seeds and the most-followed agents are always in it; the rest is
//   a per-community stratified sample, chosen by a keyed hash so it is the same on every open.
//   Communities are placed by the same FR layout on the community graph (communities that
//   follow each other more are closer), drawn as discs of area proportional to their size
//   and pushed apart until they do not overlap; inside its disc each sampled agent sits on a
//   sunflower (Vogel) spiral in order of decreasing followers, so hubs are central.
//
// Positions are in world units (the layout fits in about [-1000, 1000]²). Deterministic.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm::viz {

inline constexpr std::uint32_t kLayoutVersion = 2;

struct LayoutOptions {
  AgentId force_max_agents = 2000;  // above this, the community layout
  AgentId sample = 50000;           // agents drawn by the community layout
  std::uint32_t max_edges = 60000;  // edges drawn (a keyed-hash sample above this)
  int iterations = 80;              // FR iterations
};

// The graph as the layout needs it, wherever it came from (a run file or a live world).
struct LayoutGraph {
  AgentId agents = 0;
  std::span<const EdgeIndex> offsets;     // CSR: followers of u are followers[offsets[u]..)
  std::span<const AgentId> followers;
  std::span<const CommunityId> community; // may be empty (one community)
  std::span<const AgentId> must_show;     // special accounts and seeds
};

struct Layout {
  std::string method;                    // "force" or "community"
  AgentId total_agents = 0;              // agents in the run
  std::vector<AgentId> agent;            // the drawn agents, sorted by id
  std::vector<float> x, y;               // their positions
  std::vector<std::uint32_t> edge_from, edge_to;  // indices into `agent` (u -> v: v follows u)
  std::vector<float> community_x, community_y, community_radius;  // community method

  std::size_t size() const { return agent.size(); }
};

Layout ComputeLayout(const LayoutGraph& graph, const LayoutOptions& options);

}  // namespace firestorm::viz
