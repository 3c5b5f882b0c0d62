// A picture of the platform for the report: a sample of agents placed by community.
//
// Approach: communities sit evenly on a circle; each sampled agent starts at its community's
// centre, is pulled halfway toward the mean centre of the communities of the accounts it
// follows (so agents who follow across chambers sit between them, and echo chambers show as
// tight clusters), then jittered by a Gaussian whose spread shrinks as communities multiply.
// Force-directed layouts (Fruchterman–Reingold) look similar on a community graph but cost
// O(n^2) per iteration and are not reproducible bit for bit; this is O(m + n) and every draw
// is keyed by the agent id, so the picture is the same on every machine.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/metrics/polarization.hpp"
#include "sim/core/types.hpp"

namespace firestorm {

struct NetworkPicture {
  std::vector<AgentId> agents;           // the sample, ascending
  std::vector<float> x, y;               // positions, in [-1.5, 1.5]
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // (author, follower) indices into `agents`
};

// Up to `max_agents` agents drawn uniformly (keyed by `seed`), and up to `max_edges` follower
// edges between them.
NetworkPicture LayoutNetwork(const FollowerGraphView& graph, std::span<const CommunityId> community,
                             std::size_t max_agents, std::size_t max_edges, std::uint64_t seed);

}  // namespace firestorm
