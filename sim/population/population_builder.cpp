// Populates a graph: picks special accounts by keyed random priority, influencers by
// follower count (CSR row lengths), draws the organization/media/fact-checker/bot edges into
// a small edge list, merges them into the CSR in place (MergeEdges) and draws traits. Every
// draw is keyed by (seed, agent, purpose), so the world is the same for any thread count.
//
// Memory: the graph's CSR (4 bytes per edge, 8 per agent), never an edge list beside it. The
// extra edges are about 0.6 per agent with the default population (8 bytes each while they
// are merged); the peak is the CSR grown by those edges plus the per-agent columns.
#include "sim/population/population_builder.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/error.hpp"
#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

// Sub-streams of Stream::kPopulation.
enum : std::uint32_t { kPickPriority = 1, kSpecialFollowers, kBotLinks, kTraits };

// The `count` agents with the smallest keyed priority, in priority order.
std::vector<AgentId> PickRandomAgents(AgentId n, std::uint64_t count, std::uint64_t seed) {
  count = std::min<std::uint64_t>(count, n);
  std::vector<std::pair<std::uint64_t, AgentId>> prio(n);
  tbb::parallel_for(AgentId{0}, n, [&](AgentId v) {
    prio[v] = {KeyedHash64(seed, v, 0, Stream::kPopulation, kPickPriority), v};
  });
  std::nth_element(prio.begin(), prio.begin() + static_cast<std::ptrdiff_t>(count), prio.end());
  prio.resize(count);
  std::sort(prio.begin(), prio.end());
  std::vector<AgentId> out(count);
  for (std::uint64_t i = 0; i < count; ++i) out[i] = prio[i].second;
  return out;
}

// Adds `followers` random followers to each account in `accounts`.
void AddFollowers(std::span<const AgentId> accounts, std::uint64_t followers, AgentId n,
                  std::uint64_t seed, std::vector<Edge>& edges) {
  for (AgentId a : accounts) {
    const std::size_t first = edges.size();
    edges.resize(first + followers);
    tbb::parallel_for(std::uint64_t{0}, followers, [&](std::uint64_t j) {
      CounterRng rng(seed, a, static_cast<std::uint32_t>(j), Stream::kPopulation,
                     kSpecialFollowers);
      edges[first + j] = {a, static_cast<AgentId>(rng.Below(n))};
    });
  }
}

float Clamp01(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

void DrawTraits(const PopulationSpec& spec, std::uint32_t num_communities, std::uint64_t seed,
                PopulationState& pop) {
  const AgentId n = pop.num_agents();
  pop.opinion.resize(n);
  pop.trust.resize(n);
  pop.outrage.assign(n, 0.0f);
  pop.literacy.resize(n);
  pop.activity_per_hour.resize(n);
  pop.removed.assign(n, 0);
  tbb::parallel_for(tbb::blocked_range<AgentId>(0, n, 4096), [&](const auto& r) {
    for (AgentId v = r.begin(); v != r.end(); ++v) {
      const KindTraits& t = spec.traits[static_cast<int>(pop.kind[v])];
      CounterRng rng(seed, v, 0, Stream::kPopulation, kTraits);
      pop.literacy[v] = Clamp01(t.literacy_mean + t.literacy_sd * rng.Normal());
      pop.trust[v] = Clamp01(t.trust_mean + t.trust_sd * rng.Normal());
      // Lognormal with the requested mean: heavy-tailed activity across agents.
      const double sigma = t.activity_spread;
      const double mu = std::log(std::max(t.activity_per_hour, 1e-9)) - 0.5 * sigma * sigma;
      pop.activity_per_hour[v] = static_cast<float>(std::exp(mu + sigma * rng.Normal()));
      // Communities sit at evenly spaced camps on [-polarization, polarization].
      const double camp =
          num_communities <= 1
              ? 0.0
              : spec.polarization * (-1.0 + 2.0 * pop.community[v] / (num_communities - 1.0));
      const bool neutral = pop.kind[v] == AgentKind::kOrganization ||
                           pop.kind[v] == AgentKind::kFactChecker;
      pop.opinion[v] = neutral ? 0.0f
                               : static_cast<float>(std::clamp(
                                     camp + spec.opinion_sd * rng.Normal(), -1.0, 1.0));
    }
  });
}

}  // namespace

World BuildWorld(EdgeList base, const PopulationSpec& spec, std::size_t num_narratives,
                 std::uint64_t seed) {
  if (base.num_agents == 0)
    throw InputError({}, "the graph has no agents", "check the graph section");
  CsrGraph graph = BuildFollowerGraph(base.num_agents, base.edges);
  std::vector<Edge>().swap(base.edges);
  return BuildWorld(StoredGraph::FromCsr(std::move(graph), std::move(base.community)), spec,
                    num_narratives, seed);
}

World BuildWorld(StoredGraph base, const PopulationSpec& spec, std::size_t num_narratives,
                 std::uint64_t seed) {
  const AgentId n = base.num_agents();
  if (n == 0) throw InputError({}, "the graph has no agents", "check the graph section");
  World world;
  StoredGraph::Parts parts = std::move(base).Release();
  world.graph = std::move(parts.graph);
  PopulationState& pop = world.population;
  pop.kind.assign(n, AgentKind::kUser);
  // Copied onto the column's huge pages; the graph's copy is freed at once.
  if (parts.community.empty()) pop.community.assign(n, 0);
  else pop.community.assign(parts.community.begin(), parts.community.end());
  std::vector<CommunityId>().swap(parts.community);

  // Special accounts and bots: disjoint random agents, in a fixed order of roles.
  const std::uint64_t num_bots = spec.bots.Resolve(n);
  const std::uint64_t specials = std::uint64_t{spec.organization.count} + spec.media.count +
                                 spec.fact_checkers.count;
  if (specials + num_bots > n)
    throw InputError({}, "the population asks for " + std::to_string(specials + num_bots) +
                             " special accounts and bots but the graph has only " +
                             std::to_string(n) + " agents",
                     "lower population.bots or the special account counts");
  const std::vector<AgentId> picked = PickRandomAgents(n, specials + num_bots, seed);
  auto take = [&, next = std::size_t{0}](std::uint64_t count, AgentKind kind) mutable {
    std::vector<AgentId> ids(picked.begin() + static_cast<std::ptrdiff_t>(next),
                             picked.begin() + static_cast<std::ptrdiff_t>(next + count));
    next += count;
    for (AgentId v : ids) pop.kind[v] = kind;
    return ids;
  };
  world.organization_accounts = take(spec.organization.count, AgentKind::kOrganization);
  world.media_accounts = take(spec.media.count, AgentKind::kMedia);
  world.fact_checker_accounts = take(spec.fact_checkers.count, AgentKind::kFactChecker);
  world.bots = take(num_bots, AgentKind::kBot);

  // Influencers: the most-followed ordinary users (ties by id).
  {
    const CsrGraph& graph = world.graph;  // the base graph: special follows are not in yet
    std::vector<AgentId> users;
    users.reserve(n);
    for (AgentId v = 0; v < n; ++v)
      if (pop.kind[v] == AgentKind::kUser) users.push_back(v);
    const std::size_t k = std::min<std::size_t>(spec.influencers.Resolve(n), users.size());
    auto more_followed = [&](AgentId a, AgentId b) {
      const EdgeIndex fa = graph.follower_count(a), fb = graph.follower_count(b);
      return fa != fb ? fa > fb : a < b;
    };
    std::partial_sort(users.begin(), users.begin() + static_cast<std::ptrdiff_t>(k), users.end(),
                      more_followed);
    world.influencers.assign(users.begin(), users.begin() + static_cast<std::ptrdiff_t>(k));
    for (AgentId v : world.influencers) pop.kind[v] = AgentKind::kInfluencer;
  }

  // Wire the special accounts: followers drawn uniformly; bots follow each other and
  // mention influencers so their posts reach hubs (Shao et al. 2018).
  std::vector<Edge> edges;
  const std::size_t per_bot =
      std::size_t{spec.bot_follows_bots} + (world.influencers.empty() ? 0 : spec.bot_hub_targets);
  edges.reserve(spec.organization.count * spec.organization.followers.Resolve(n) +
                spec.media.count * spec.media.followers.Resolve(n) +
                spec.fact_checkers.count * spec.fact_checkers.followers.Resolve(n) +
                world.bots.size() * per_bot);
  AddFollowers(world.organization_accounts, spec.organization.followers.Resolve(n), n, seed, edges);
  AddFollowers(world.media_accounts, spec.media.followers.Resolve(n), n, seed, edges);
  AddFollowers(world.fact_checker_accounts, spec.fact_checkers.followers.Resolve(n), n, seed, edges);
  if (!world.bots.empty()) {
    const std::size_t first = edges.size();
    edges.resize(first + world.bots.size() * per_bot);
    tbb::parallel_for(std::size_t{0}, world.bots.size(), [&](std::size_t b) {
      CounterRng rng(seed, world.bots[b], 0, Stream::kPopulation, kBotLinks);
      Edge* out = &edges[first + b * per_bot];
      for (std::uint32_t j = 0; j < spec.bot_follows_bots; ++j)
        *out++ = {world.bots[b], world.bots[rng.Below(world.bots.size())]};
      if (!world.influencers.empty())
        for (std::uint32_t j = 0; j < spec.bot_hub_targets; ++j)
          *out++ = {world.bots[b], world.influencers[rng.Below(world.influencers.size())]};
    });
  }

  MergeEdges(world.graph, std::move(edges));

  const std::uint32_t num_communities =
      n == 0 ? 0 : *std::max_element(pop.community.begin(), pop.community.end()) + 1;
  DrawTraits(spec, num_communities, seed, pop);
  pop.ResetNarratives(num_narratives);

  // Account lists sorted by decreasing followers (ties by id), as the header promises.
  auto by_followers = [&](std::vector<AgentId>& ids) {
    std::sort(ids.begin(), ids.end(), [&](AgentId a, AgentId b) {
      const auto fa = world.graph.follower_count(a), fb = world.graph.follower_count(b);
      return fa != fb ? fa > fb : a < b;
    });
  };
  by_followers(world.organization_accounts);
  by_followers(world.media_accounts);
  by_followers(world.fact_checker_accounts);
  by_followers(world.influencers);
  by_followers(world.bots);
  return world;
}

}  // namespace firestorm
