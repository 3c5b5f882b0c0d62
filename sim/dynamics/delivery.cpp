// Posting and push delivery. Each spreader posts with probability
// 1 - exp(-activity dt (1 + omega outrage)) per tick, visited only at the candidate ticks its
// posting calendar gives; a post reaches each follower with the narrative's see-probability.
// Seen followers are found by geometric skipping, drawn from a stream keyed by
// (seed, tick, author, narrative), so the set seen is independent of scheduling.
// Two phases: posting appends one record per seen post to a thread-local list of the
// reader's block (delivery_buffers.hpp); then each block is applied by one thread with plain
// integer adds and minima, which commute, so the order of records does not matter.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "sim/core/rng.hpp"
#include "sim/dynamics/delivery_buffers.hpp"
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

struct Deliverer {
  const CsrGraph& graph;
  const PopulationState& pop;
  const TickConstants& k;
  Inboxes& inbox;
  std::uint64_t seed;
  float confidence_bound;
  bool opinion_dynamics;

  // One seen post lands in its reader's inbox. Called by the one thread that owns the
  // reader's block: plain adds and a minimum, whose result does not depend on the order.
  void Apply(const SeenPost& p) const {
    const AgentId w = p.reader;
    const auto n = static_cast<NarrativeId>(p.narrative_and_weight >> 24);
    std::uint32_t& exposure = inbox.exposure[n][w];
    if ((exposure >> 24) == static_cast<std::uint32_t>(NarrativeState::kUnaware)) {
      const std::uint64_t salt = Mix(seed ^ (std::uint64_t{k.tick} << 32 | p.author));
      std::uint64_t& parent = inbox.parent_key[n][w];
      parent = std::min<std::uint64_t>(parent, (Mix(salt ^ w) & 0xFFFFFFFF00000000ull) | p.author);
    }
    exposure += p.narrative_and_weight & kWeightMask;
    Inbox& in = inbox.agent[w];
    in.charge += k.narrative[n].charge_fixed;
    if (opinion_dynamics) {
      const float diff = p.author_opinion - in.opinion;
      if (std::fabs(diff) < confidence_bound) {
        in.pull += static_cast<std::int32_t>(std::lround(diff * kOpinionScale));
        ++in.pull_count;
      }
    }
  }

  void Prefetch(const SeenPost& p) const {
    const auto n = static_cast<NarrativeId>(p.narrative_and_weight >> 24);
    __builtin_prefetch(&inbox.exposure[n][p.reader], 1);
    __builtin_prefetch(&inbox.parent_key[n][p.reader], 1);
    __builtin_prefetch(&inbox.agent[p.reader], 1);
  }

  // Finds who sees one post of narrative n by author u and files them in `out` by block;
  // returns their number. `pushed` grows by the followers the post was pushed to (seen or not).
  std::uint64_t Deliver(AgentId u, NarrativeId n, bool forced, std::vector<std::vector<SeenPost>>& out,
                        std::uint64_t& pushed) const {
    const NarrativeTick& nt = k.narrative[n];
    const std::span<const AgentId> followers = graph.followers_of(u);
    const std::uint32_t tag = std::uint32_t{n} << 24 | k.kind_weight[static_cast<int>(pop.kind[u])];
    const float author_opinion = pop.opinion[u];
    // A forced post is a second post: it gets its own stream.
    CounterRng rng(seed, k.tick, u, Stream::kDelivery, n + (forced ? 0x10000u : 0u));
    const bool everyone = nt.see_probability >= 1.0;
    if (nt.see_probability <= 0.0) {
      pushed += followers.size();
      return 0;
    }
    auto gap = [&]() -> std::size_t {
      if (everyone) return 0;
      const double uniform = (static_cast<double>(rng.NextU32()) + 1.0) * (1.0 / 4294967296.0);
      const double g = std::floor(std::log(uniform) / nt.log_not_see);
      return g >= static_cast<double>(followers.size()) ? followers.size() : static_cast<std::size_t>(g);
    };
    std::uint64_t seen = 0;
    const std::uint64_t limit = k.forward_limit > 0 ? k.forward_limit : UINT64_MAX;
    std::size_t last = 0;
    for (std::size_t i = gap(); i < followers.size() && seen < limit; i += 1 + gap(), ++seen) {
      const AgentId w = followers[i];
      out[w >> DeliveryBuffers::kBlockShift].push_back({w, u, tag, author_opinion});
      last = i;
    }
    // A forward limit stops the push at the last follower who saw it.
    pushed += seen >= limit ? last + 1 : followers.size();
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
  const std::size_t blocks = DeliveryBuffers::Blocks(pop.num_agents());

  // Only the spreaders whose posting candidate falls in this tick are visited (see
  // posting_calendar.hpp): each posts with probability p / q, then draws its next candidate.
  calendar_.FileStaged();
  const std::vector<std::uint64_t> due = calendar_.Take(k.tick);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, due.size(), 64), [&](const auto& r) {
    std::vector<std::vector<SeenPost>>& out = delivery_buffers_.Local(blocks);
    std::vector<std::uint32_t> posts(num_narratives * kNumAgentKinds, 0);
    std::uint64_t seen = 0, pushed = 0;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const AgentId v = PostingCalendar::AgentOf(due[i]);
      const NarrativeId n = PostingCalendar::NarrativeOf(due[i]);
      if (!calendar_.IsDue(n, v, k.tick)) continue;  // stale: refiled or dropped since
      if (pop.removed[v] || pop.narratives[n].state[v] != NarrativeState::kSpreader) {
        calendar_.Drop(n, v);
        continue;
      }
      CounterRng rng(scenario_.run.seed, k.tick, v, Stream::kPosting, n);
      const float activity = pop.activity_per_hour[v];
      if (rng.Uniform01() < calendar_.AcceptProbability(activity, pop.outrage[v])) {
        seen += deliverer.Deliver(v, n, false, out, pushed);
        ++posts[n * kNumAgentKinds + static_cast<int>(pop.kind[v])];
      }
      calendar_.Next(n, v, k.tick, activity, rng.NextU32());
    }
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (posts[i]) AtomicAdd(tick_posts_[i], posts[i]);
    AtomicAdd(tick_deliveries_, seen);
    AtomicAdd(profile_.pushes, pushed);
  });

  // Posts forced by actions and injects (statements, media pickup) go out on top, once each.
  std::sort(forced_posts_.begin(), forced_posts_.end());
  forced_posts_.erase(std::unique(forced_posts_.begin(), forced_posts_.end()), forced_posts_.end());
  tbb::parallel_for(std::size_t{0}, forced_posts_.size(), [&](std::size_t i) {
    const auto [v, n] = forced_posts_[i];
    if (pop.removed[v]) return;
    std::uint64_t pushed = 0;
    AtomicAdd(tick_deliveries_, deliverer.Deliver(v, n, true, delivery_buffers_.Local(blocks), pushed));
    AtomicAdd(profile_.pushes, pushed);
    AtomicAdd(tick_posts_[n * kNumAgentKinds + static_cast<int>(pop.kind[v])], 1u);
  });

  // Each block's records, from every thread's lists, applied by one thread. The readers'
  // words are fetched a few records ahead so that their cache misses overlap.
  const auto lists = delivery_buffers_.All(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    for (std::vector<std::vector<SeenPost>>* thread_lists : lists) {
      std::vector<SeenPost>& records = (*thread_lists)[b];
      constexpr std::size_t kAhead = 16;
      for (std::size_t i = 0; i < records.size(); ++i) {
        if (i + kAhead < records.size()) deliverer.Prefetch(records[i + kAhead]);
        deliverer.Apply(records[i]);
      }
      records.clear();
    }
  });
}

}  // namespace firestorm
