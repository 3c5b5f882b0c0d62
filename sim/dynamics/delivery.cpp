// Posting and push delivery. Each spreader posts with probability
// 1 - exp(-activity dt (1 + omega outrage)); a post reaches each follower with the
// narrative's see-probability. Seen followers are found by geometric skipping (one log per
// seen follower instead of one draw per edge), drawn from a stream keyed by
// (seed, tick, author, narrative), so the set seen is independent of scheduling.
// Receivers accumulate with relaxed atomic integer adds, which commute.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "sim/core/rng.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

// A cheap keyed mix (splitmix64 finalizer) for cascade-parent priorities.
std::uint64_t Mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

template <typename T>
void AtomicAdd(T& target, T value) {
  std::atomic_ref<T>(target).fetch_add(value, std::memory_order_relaxed);
}

void AtomicMin(std::uint64_t& target, std::uint64_t value) {
  std::atomic_ref<std::uint64_t> ref(target);
  std::uint64_t seen = ref.load(std::memory_order_relaxed);
  while (value < seen && !ref.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
  }
}

struct Deliverer {
  const CsrGraph& graph;
  const PopulationState& pop;
  const TickConstants& k;
  Inboxes& inbox;
  std::uint64_t seed;
  float confidence_bound;
  bool opinion_dynamics;

  // One seen post lands in follower w's inbox: integer adds only, so the order of
  // deliveries does not matter.
  void Receive(AgentId w, AgentId u, std::uint32_t weight, float author_opinion, std::uint64_t salt,
               const NarrativeTick& nt, std::vector<std::uint32_t>& exposure,
               std::vector<std::uint64_t>& parent_key) const {
    const std::uint32_t before =
        std::atomic_ref<std::uint32_t>(exposure[w]).fetch_add(weight, std::memory_order_relaxed);
    if ((before >> 24) == static_cast<std::uint32_t>(NarrativeState::kUnaware))
      AtomicMin(parent_key[w], (Mix(salt ^ w) & 0xFFFFFFFF00000000ull) | u);
    Inbox& in = inbox.agent[w];
    AtomicAdd(in.charge, nt.charge_fixed);
    if (opinion_dynamics) {
      const float diff = author_opinion - in.opinion;
      if (std::fabs(diff) < confidence_bound) {
        AtomicAdd(in.pull, static_cast<std::int32_t>(std::lround(diff * kOpinionScale)));
        AtomicAdd(in.pull_count, 1u);
      }
    }
  }

  // Delivers one post of narrative n by author u; returns the number of followers who saw it.
  std::uint64_t Deliver(AgentId u, NarrativeId n, bool forced) const {
    const NarrativeTick& nt = k.narrative[n];
    const std::span<const AgentId> followers = graph.followers_of(u);
    const std::uint32_t weight = k.kind_weight[static_cast<int>(pop.kind[u])];
    const float author_opinion = pop.opinion[u];
    const std::uint64_t salt = Mix(seed ^ (std::uint64_t{k.tick} << 32 | u));
    std::vector<std::uint32_t>& exposure = inbox.exposure[n];
    std::vector<std::uint64_t>& parent_key = inbox.parent_key[n];
    // A forced post is a second post: it gets its own stream.
    CounterRng rng(seed, k.tick, u, Stream::kDelivery, n + (forced ? 0x10000u : 0u));
    const bool everyone = nt.see_probability >= 1.0;
    if (nt.see_probability <= 0.0) return 0;
    auto gap = [&]() -> std::size_t {
      if (everyone) return 0;
      const double uniform = (static_cast<double>(rng.NextU32()) + 1.0) * (1.0 / 4294967296.0);
      const double g = std::floor(std::log(uniform) / nt.log_not_see);
      return g >= static_cast<double>(followers.size()) ? followers.size() : static_cast<std::size_t>(g);
    };
    // Seen followers are found in batches; each batch is prefetched before it is touched so
    // the random reads of different followers overlap instead of waiting one after another.
    constexpr std::size_t kBatch = 16;
    AgentId batch[kBatch];
    std::uint64_t seen = 0;
    const std::uint64_t limit = k.forward_limit > 0 ? k.forward_limit : UINT64_MAX;
    std::size_t i = gap();
    while (i < followers.size() && seen < limit) {
      std::size_t count = 0;
      for (; count < kBatch && i < followers.size() && seen + count < limit; i += 1 + gap()) {
        const AgentId w = followers[i];
        batch[count++] = w;
        __builtin_prefetch(&exposure[w], 1);
        __builtin_prefetch(&inbox.agent[w], 1);
      }
      for (std::size_t b = 0; b < count; ++b) Receive(batch[b], u, weight, author_opinion, salt, nt,
                                                     exposure, parent_key);
      seen += count;
    }
    return seen;
  }
};

}  // namespace

void Simulation::PostAndDeliver(const TickConstants& k) {
  const PopulationState& pop = world_.population;
  const std::size_t num_narratives = narratives_.size();
  const DynamicsParams& d = scenario_.dynamics;
  tick_posts_.assign(num_narratives * kNumAgentKinds, 0);
  tick_deliveries_ = 0;
  const Deliverer deliverer{world_.graph, pop, k, inbox_, scenario_.run.seed,
                            static_cast<float>(d.confidence_bound),
                            d.confidence_bound > 0 && d.convergence_rate > 0};
  const float post_scale = static_cast<float>(k.hours);
  const float omega = static_cast<float>(d.posting_outrage_boost);

  tbb::parallel_for(tbb::blocked_range<AgentId>(0, pop.num_agents(), 2048), [&](const auto& r) {
    std::vector<std::uint32_t> posts(num_narratives * kNumAgentKinds, 0);
    std::uint64_t seen = 0;
    for (AgentId v = r.begin(); v != r.end(); ++v) {
      if (pop.removed[v]) continue;
      for (std::size_t n = 0; n < num_narratives; ++n) {
        if (pop.narratives[n].state[v] != NarrativeState::kSpreader) continue;
        const float rate = pop.activity_per_hour[v] * post_scale * (1.0f + omega * pop.outrage[v]);
        CounterRng rng(scenario_.run.seed, k.tick, v, Stream::kPosting, static_cast<std::uint32_t>(n));
        if (rng.Uniform01() >= 1.0f - std::exp(-rate)) continue;
        seen += deliverer.Deliver(v, static_cast<NarrativeId>(n), false);
        ++posts[n * kNumAgentKinds + static_cast<int>(pop.kind[v])];
      }
    }
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (posts[i]) AtomicAdd(tick_posts_[i], posts[i]);
    AtomicAdd(tick_deliveries_, seen);
  });

  // Posts forced by actions and injects (statements, media pickup) go out on top, once each.
  std::sort(forced_posts_.begin(), forced_posts_.end());
  forced_posts_.erase(std::unique(forced_posts_.begin(), forced_posts_.end()), forced_posts_.end());
  tbb::parallel_for(std::size_t{0}, forced_posts_.size(), [&](std::size_t i) {
    const auto [v, n] = forced_posts_[i];
    if (pop.removed[v]) return;
    AtomicAdd(tick_deliveries_, deliverer.Deliver(v, n, true));
    AtomicAdd(tick_posts_[n * kNumAgentKinds + static_cast<int>(pop.kind[v])], 1u);
  });
}

}  // namespace firestorm
