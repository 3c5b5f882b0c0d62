// Polarization of opinions and echo-chamber structure. Formulas and references in
// docs/metrics.md:
// - opinion variance and Sarle's bimodality coefficient (SAS Institute 1990; Pfister et al.
//   2013, "Good things peak in pairs", Frontiers in Psychology 4:700);
// - Esteban & Ray (1994) polarization, "On the measurement of polarization", Econometrica 62;
// - the neighbour-opinion correlation of Cinelli et al. (2021), "The echo chamber effect on
//   social media", PNAS 118(9): opinion of an agent vs. mean opinion of the accounts it follows;
// - the E-I index of Krackhardt & Stern (1988) over cascade edges across communities;
// - Newman's (2003) attribute assortativity of the follower graph by community,
//   "Mixing patterns in networks", Phys. Rev. E 67, 026126.
// Every function returns NaN where the quantity is undefined (too few values, no variance).
#pragma once

#include <cstdint>
#include <span>

#include "sim/core/types.hpp"
#include "sim/dynamics/run_record.hpp"

namespace firestorm {

// The follower graph as stored in a run file: followers of u are
// followers[offsets[u] .. offsets[u + 1]) (edge u -> v: v follows u, v sees u's posts).
struct FollowerGraphView {
  std::span<const EdgeIndex> offsets;   // n + 1
  std::span<const AgentId> followers;   // m
  AgentId num_agents() const { return offsets.empty() ? 0 : static_cast<AgentId>(offsets.size() - 1); }
};

// Population variance: mean of (x - mean)^2.
double OpinionVariance(std::span<const float> opinion);

// (G1^2 + 1) / (G2 + 3 (n-1)^2 / ((n-2)(n-3))), with G1 and G2 the sample skewness and
// excess kurtosis adjusted for sample size. Above 5/9 (a uniform) suggests bimodality. n >= 4.
double BimodalityCoefficient(std::span<const float> opinion);

// P = sum_i sum_j pi_i^(1 + alpha) pi_j |y_i - y_j| over `bins` equal bins of [lo, hi]
// (pi = share of agents in the bin, y = the bin centre), with K = 1. Values outside the
// range fall into the end bins.
double EstebanRayPolarization(std::span<const float> opinion, double alpha = 1.6, int bins = 20,
                              double lo = -1.0, double hi = 1.0);

// Pearson correlation, over the agents that follow at least one account, between the
// agent's opinion and the mean opinion of the accounts it follows.
double NeighbourOpinionCorrelation(const FollowerGraphView& graph, std::span<const float> opinion);

// Counts of cascade edges (parent -> child rows with a parent) inside and across communities,
// and the E-I index (external - internal) / (external + internal): -1 when every share stays
// inside a community, +1 when every share crosses one.
struct EiIndex {
  std::uint64_t internal = 0;
  std::uint64_t external = 0;
  double index = 0;  // NaN when there is no edge
};
EiIndex CascadeEiIndex(const CascadeRecord& cascade, NarrativeId narrative,
                       std::span<const CommunityId> community);
EiIndex CascadeEiIndex(const CascadeRecord& cascade, std::span<const CommunityId> community);  // all narratives

// r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i), e_ij the share of follower edges
// from an author in community i to a follower in community j, a and b its row and column sums.
// 1: edges stay inside communities; 0: as random; negative: edges prefer other communities.
double CommunityAssortativity(const FollowerGraphView& graph, std::span<const CommunityId> community);

}  // namespace firestorm
