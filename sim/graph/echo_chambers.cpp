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
#include "sim/graph/alias_table.hpp"
#include "sim/graph/generators.hpp"
#include "sim/graph/graph_streams.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kEdgeGrain = 1 << 14;
// A follower drawn as its own author draws again, up to this many tries in all; in practice
// only a community with a single member exhausts them, and the CSR builder drops the loop.
constexpr int kSelfLoopTries = 8;
constexpr double kMaxPopularity = 1e200;

void Require(bool ok, const std::string& what, const std::string& hint) {
  if (!ok) throw InputError({}, what, hint);
}

// Alias tables for "an author in proportion to theta": one over everyone, and one per
// community stored back to back (community c's columns are [begin[c], begin[c + 1])).
struct AuthorSampler {
  std::vector<AliasColumn> anyone;
  std::vector<EdgeIndex> begin;  // size C + 1
  std::vector<AliasColumn> by_community;

  std::span<const AliasColumn> Table(bool in_community, CommunityId c) const {
    if (!in_community) return anyone;
    return {by_community.data() + begin[c], begin[c + 1] - begin[c]};
  }
};

AuthorSampler BuildSampler(const std::vector<CommunityId>& community,
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

  s.anyone.resize(n);
  s.by_community.resize(n);
  tbb::parallel_invoke(
      [&] {
        BuildAliasTable(
            n, [&](std::size_t i) { return theta[i]; },
            [](std::size_t i) { return static_cast<AgentId>(i); }, std::span(s.anyone));
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

// The draws of edge i, in this order: follower (Below n), homophily coin (one word), alias
// column (Below size), keep-or-alias (one word); a self-loop repeats all but the first.
// Edges go through in batches whose stages are interleaved, so that the cache misses of a
// batch (the follower's community, then the author's alias column) overlap instead of
// queueing: software pipelining. Each edge still makes exactly the draws listed above, so the
// result equals that of a one-edge-at-a-time loop.
struct EdgeDraws {
  std::uint64_t seed;
  AgentId n;
  std::uint64_t homophily_threshold;  // h * 2^32
  const std::vector<CommunityId>& community;
  const AuthorSampler& sampler;

  struct Pending {
    CounterRng rng;
    AgentId follower;
    const AliasColumn* column;
  };
  static constexpr EdgeIndex kBatch = 16;

  const AliasColumn& Column(CounterRng& rng, AgentId follower) const {
    const bool in_community = rng.NextU32() < homophily_threshold;
    return PickAliasColumn(rng, sampler.Table(in_community, community[follower]));
  }

  void Sample(EdgeIndex begin, EdgeIndex end, Edge* edges) const {
    std::vector<Pending> batch;
    batch.reserve(kBatch);
    for (EdgeIndex first = begin; first < end; first += kBatch) {
      batch.clear();
      for (EdgeIndex i = first; i < std::min(end, first + kBatch); ++i) {
        CounterRng rng = GraphRng(seed, i, GraphDraw::kEchoEdge);
        const auto follower = static_cast<AgentId>(rng.Below(n));
        __builtin_prefetch(&community[follower]);
        batch.push_back({rng, follower, nullptr});
      }
      for (Pending& p : batch) {
        p.column = &Column(p.rng, p.follower);
        __builtin_prefetch(p.column);
      }
      for (EdgeIndex j = 0; j < batch.size(); ++j) {
        Pending& p = batch[j];
        AgentId author = AliasOutcome(p.rng, *p.column);
        for (int retry = 1; retry < kSelfLoopTries && author == p.follower; ++retry) {
          author = AliasOutcome(p.rng, Column(p.rng, p.follower));
        }
        edges[first + j] = {author, p.follower};
      }
    }
  }
};

}  // namespace

EdgeList EchoChambers(AgentId n, double mean_followers, std::uint32_t communities,
                      double homophily, double degree_exponent, std::uint64_t seed) {
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
  EdgeList out;
  out.num_agents = n;
  if (n == 0) return out;

  out.community.resize(n);
  std::vector<double> theta(n);
  const double inverse_tail = -1.0 / (degree_exponent - 1.0);
  tbb::parallel_for(AgentId{0}, n, [&](AgentId v) {
    CounterRng rng = GraphRng(seed, v, GraphDraw::kEchoAgent);
    out.community[v] = static_cast<CommunityId>(rng.Below(communities));
    // Pareto with minimum 1; capped so that sums stay finite for exponents close to 1.
    theta[v] = std::min(kMaxPopularity, std::pow(1.0 - rng.UniformDouble(), inverse_tail));
  });
  const AuthorSampler sampler = BuildSampler(out.community, theta, communities);
  theta = {};

  const auto num_edges = static_cast<EdgeIndex>(std::llround(n * mean_followers));
  // The homophily coin compares a 32-bit word with h * 2^32 (exact for h = 0 and h = 1).
  const auto homophily_threshold =
      static_cast<std::uint64_t>(std::llround(homophily * 4294967296.0));
  out.edges.resize(num_edges);
  const EdgeDraws draws{seed, n, homophily_threshold, out.community, sampler};
  tbb::parallel_for(tbb::blocked_range<EdgeIndex>(0, num_edges, kEdgeGrain),
                    [&](const tbb::blocked_range<EdgeIndex>& r) {
    draws.Sample(r.begin(), r.end(), out.edges.data());
  });
  return out;
}

}  // namespace firestorm
