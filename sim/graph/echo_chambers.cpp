// Echo chambers: a degree-corrected stochastic block model (Karrer & Newman, Phys. Rev. E 83,
// 016107, 2011) with a homophily knob, generated edge by edge in parallel.
//
// Each agent v draws a community uniformly and a popularity theta_v from a Pareto law with
// density ~ theta^-degree_exponent (tail index degree_exponent - 1, minimum 1). An author is
// chosen in proportion to theta, so follower counts inherit the power-law tail, while the
// number of accounts each agent follows stays binomial, as on real platforms where a few
// accounts are followed by millions but nobody follows millions.
// Edge i draws its follower v uniformly; with probability `homophily` the author comes from
// v's community, otherwise from everyone, both times in proportion to theta. The expected
// share of within-community edges is therefore homophily + (1 - homophily) * E[W_c / W]
// (W_c: popularity mass of v's community), close to homophily + (1 - homophily) / C.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/graph/generator_kernels.hpp"
#include "sim/graph/generators.hpp"

namespace firestorm {
namespace {

using generator_kernels::AuthorSampler;

constexpr std::size_t kEdgeGrain = 1 << 14;
constexpr double kMaxPopularity = 1e200;

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, what, hint);
}

AuthorSampler BuildSampler(std::span<const CommunityId> community,
                           const std::vector<double>& theta, std::uint32_t communities) {
  const std::size_t n = community.size();
  AuthorSampler s;
  // Members of each community in increasing id order (a counting sort).
  s.begin.assign(communities + 1, 0);
  for (CommunityId c : community) ++s.begin[c + 1];
  for (std::uint32_t c = 0; c < communities; ++c) s.begin[c + 1] += s.begin[c];
  std::vector<AgentId> members(n);
  std::vector<EdgeIndex> cursor(s.begin.begin(), s.begin.end() - 1);
  for (AgentId v = 0; v < n; ++v) members[cursor[community[v]]++] = v;

  s.anyone = HugeArray<AliasColumn>(n);
  s.by_community = HugeArray<AliasColumn>(n);
  tbb::parallel_invoke(
      [&] {
        BuildAliasTable(
            n, [&](std::size_t i) { return theta[i]; },
            [](std::size_t i) { return static_cast<AgentId>(i); }, s.anyone.span());
      },
      [&] {
        tbb::parallel_for(std::uint32_t{0}, communities, [&](std::uint32_t c) {
          const std::size_t first = s.begin[c], size = s.begin[c + 1] - first;
          BuildAliasTable(
              size, [&](std::size_t i) { return theta[members[first + i]]; },
              [&](std::size_t i) { return members[first + i]; },
              std::span(s.by_community.data() + first, size));
        });
      });
  return s;
}

}  // namespace

namespace generator_kernels {

EchoChamberModel PrepareEchoChambers(AgentId n, double mean_followers, std::uint32_t communities,
                                     double homophily, double degree_exponent,
                                     std::uint64_t seed) {
  Require(std::isfinite(mean_followers) && mean_followers >= 0,
          "echo-chamber mean followers " + std::to_string(mean_followers) + " is not >= 0",
          "set graph.mean_followers to a non-negative number");
  Require(communities >= 1, "echo chambers need at least one community",
          "set graph.communities to 1 or more");
  Require(homophily >= 0 && homophily <= 1,
          "homophily " + std::to_string(homophily) + " is outside [0, 1]",
          "graph.homophily is the share of follows kept inside the follower's community");
  Require(degree_exponent > 1 && std::isfinite(degree_exponent),
          "degree exponent " + std::to_string(degree_exponent) + " must be greater than 1",
          "typical social networks have exponents between 2 and 3");
  EchoChamberModel model;
  if (n == 0) return model;
  model.community = HugeArray<CommunityId>(n);
  std::vector<double> theta(n);
  const double inverse_tail = -1.0 / (degree_exponent - 1.0);
  tbb::parallel_for(AgentId{0}, n, [&](AgentId v) {
    CounterRng rng = GraphRng(seed, v, GraphDraw::kEchoAgent);
    model.community[v] = static_cast<CommunityId>(rng.Below(communities));
    // Pareto with minimum 1; capped so that sums stay finite for exponents close to 1.
    theta[v] = std::min(kMaxPopularity, std::pow(1.0 - rng.UniformDouble(), inverse_tail));
  });
  model.sampler = BuildSampler(model.community.span(), theta, communities);
  model.num_edges = static_cast<EdgeIndex>(std::llround(n * mean_followers));
  // The homophily coin compares a 32-bit word with h * 2^32 (exact for h = 0 and h = 1).
  model.homophily_threshold = static_cast<std::uint64_t>(std::llround(homophily * 4294967296.0));
  return model;
}

}  // namespace generator_kernels

EdgeList EchoChambers(AgentId n, double mean_followers, std::uint32_t communities,
                      double homophily, double degree_exponent, std::uint64_t seed) {
  generator_kernels::EchoChamberModel model = generator_kernels::PrepareEchoChambers(
      n, mean_followers, communities, homophily, degree_exponent, seed);
  EdgeList out;
  out.num_agents = n;
  if (n == 0) return out;
  out.edges.resize(model.num_edges);
  const generator_kernels::EchoChamberEmitter emit{seed, n, model};
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, model.num_edges, kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    Edge* next = out.edges.data() + r.begin();  // edge i is written at position i
    auto sink = [&](AgentId author, AgentId follower) { *next++ = {author, follower}; };
    emit(r.begin(), r.end(), sink);
  });
  out.community.assign(model.community.begin(), model.community.end());
  return out;
}

}  // namespace firestorm
