// Posting and push delivery. Each spreader posts with probability
// 1 - exp(-activity dt (1 + omega outrage)) per tick, visited only at the candidate ticks its
// posting calendar gives; a post reaches each follower with the narrative's see-probability.
// Seen followers are found by geometric skipping, drawn from a SplitMix64 seeded by a stream
// keyed by (seed, tick, author, narrative, segment), so the set seen is independent of
// scheduling.
// Two halves: posting (PostAndDeliver) appends one record per seen post to a thread-local
// list of the reader's block (delivery_buffers.hpp); the agent update then applies each
// block's records just before it updates that block (ApplyDeliveries), on one thread, with
// plain integer adds, which commute, so the order of records does not matter; the cascade
// parent is a minimum over the posts that reached a reader still unaware, taken by the update.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <mutex>
#include <span>

#include "sim/core/prefetch.hpp"
#include "sim/core/rng.hpp"
#include "sim/dynamics/delivery_buffers.hpp"
#include "sim/dynamics/simulation.hpp"

namespace firestorm {
namespace {

template <typename T>
void AtomicAdd(T& target, T value) {
  std::atomic_ref<T>(target).fetch_add(value, std::memory_order_relaxed);
}

// Follower ids per cache line: a post's list is fetched this many at a time.
constexpr std::size_t kIdsPerLine = 64 / sizeof(AgentId);
// A list's lines are requested this many ahead of the reads, so that their misses overlap
// instead of following each other (a typical list is a handful of lines).
constexpr std::size_t kLinesAhead = 4;

// Asks the cache for the first lines of a follower list.
void RequestFirstLines(std::span<const AgentId> followers) {
  for (std::size_t j = 0; j < kLinesAhead * kIdsPerLine && j < followers.size(); j += kIdsPerLine)
    RequestLine(followers.data() + j);
}

constexpr std::size_t kSegment = Simulation::kDeliverySegment;

struct Deliverer {
  const CsrGraph& graph;
  const PopulationState& pop;
  const TickConstants& k;
  std::uint64_t seed;

  // The segments of u's follower list. A forward limit counts seen followers along the whole
  // list, so with one the list is a single segment.
  std::uint32_t Segments(AgentId u) const {
    const std::size_t followers = graph.followers_of(u).size();
    if (k.forward_limit > 0 || followers <= kSegment) return 1;
    return static_cast<std::uint32_t>((followers + kSegment - 1) / kSegment);
  }

  // Finds who sees one post of narrative n by author u (of the given kind) among the
  // followers of one segment, and files them in `out` by block; returns their number.
  // `pushed` grows by the followers the post was pushed to (seen or not). The caller has
  // requested the segment's first lines (RequestFirstLines).
  std::uint64_t Deliver(AgentId u, NarrativeId n, AgentKind kind, bool forced,
                        std::uint32_t segment, DeliveryBuffers::Lists& out,
                        std::uint64_t& pushed) const {
    const NarrativeTick& nt = k.narrative[n];
    const std::span<const AgentId> followers = SegmentOf(u, segment);
    const std::uint32_t tag = DeliveryBuffers::Tag(n, static_cast<int>(kind));
    const float author_opinion = pop.opinion[u];
    // A forced post is a second post: it gets its own stream. Block `segment` of the stream
    // seeds the segment's skips.
    CounterRng keyed(seed, k.tick, u, Stream::kDelivery, n + (forced ? 0x10000u : 0u));
    keyed.Seek(segment);
    SplitMix64 rng(keyed);
    const bool everyone = nt.see_probability >= 1.0;
    if (nt.see_probability <= 0.0) {
      pushed += followers.size();
      return 0;
    }
    auto gap = [&]() -> std::size_t {
      if (everyone) return 0;
      return std::min<std::uint64_t>(nt.skip.Skip(rng.NextU32()), followers.size());
    };
    std::uint64_t seen = 0;
    const std::uint64_t limit = k.forward_limit > 0 ? k.forward_limit : UINT64_MAX;
    std::size_t last = 0;
    for (std::size_t i = gap(); i < followers.size() && seen < limit; i += 1 + gap(), ++seen) {
      // One request per seen follower, kLinesAhead lines ahead, without a branch: whether a
      // new line is due varies from one seen follower to the next, and a loop here
      // mispredicted (docs/performance.md).
      RequestLine(followers.data() + std::min(i + kLinesAhead * kIdsPerLine, followers.size() - 1));
      const AgentId w = followers[i];
      out[w >> DeliveryBuffers::kBlockShift].push_back({DeliveryBuffers::Target(tag, w), u, author_opinion});
      last = i;
    }
    // A forward limit stops the push at the last follower who saw it.
    pushed += seen >= limit ? last + 1 : followers.size();
    return seen;
  }

  // The followers of one segment of u's list.
  std::span<const AgentId> SegmentOf(AgentId u, std::uint32_t segment) const {
    const std::span<const AgentId> all = graph.followers_of(u);
    if (Segments(u) == 1) return all;
    const std::size_t begin = std::size_t{segment} * kSegment;
    return all.subspan(begin, std::min(kSegment, all.size() - begin));
  }
};

// Asks the cache for the inbox words that seen post p, filed for `block`, updates.
void RequestInboxWords(const Inboxes& inbox, std::size_t block, const SeenPost& p) {
  const AgentId w = DeliveryBuffers::Reader(block, p);
  RequestLine(&inbox.exposure[DeliveryBuffers::Narrative(p)][w]);
  RequestLine(&inbox.agent[w]);
}

// Applies seen posts to their readers' inboxes.
struct InboxWriter {
  Inboxes& inbox;
  const TickConstants& k;
  std::uint64_t seed;
  float confidence_bound;
  bool opinion_dynamics;

  // One seen post lands in its reader's inbox. Called by the one thread that owns the
  // reader's block: plain adds, whose result does not depend on the order. A post that
  // reaches an unaware reader is also a candidate for the reader's cascade parent.
  void Apply(std::size_t block, const SeenPost& p, std::vector<FirstExposure>& firsts) const {
    const AgentId w = DeliveryBuffers::Reader(block, p);
    const NarrativeId n = DeliveryBuffers::Narrative(p);
    std::uint32_t& exposure = inbox.exposure[n][w];
    if ((exposure >> 24) == static_cast<std::uint32_t>(NarrativeState::kUnaware)) {
      const std::uint64_t salt = SplitMix64::Mix(seed ^ (std::uint64_t{k.tick} << 32 | p.author));
      firsts.push_back({w, n, (SplitMix64::Mix(salt ^ w) & 0xFFFFFFFF00000000ull) | p.author});
    }
    exposure += k.kind_weight[DeliveryBuffers::Kind(p)];
    Inbox& in = inbox.agent[w];
    in.charge += k.narrative[n].charge_fixed;
    if (opinion_dynamics) {
      // Without a branch: whether the author is within the bound varies from one record to
      // the next, and the branch waited on the reader's opinion to mispredict about half the
      // time.
      const float diff = p.author_opinion - in.opinion;
      const bool within = std::fabs(diff) < confidence_bound;
      const std::int32_t pull = OpinionPull(diff);
      in.pull += within ? pull : 0;
      in.pull_count += within;
    }
  }
};

}  // namespace

void Simulation::PostAndDeliver(const TickConstants& k) {
  const PopulationState& pop = world_.population;
  const std::size_t num_narratives = narratives_.size();
  tick_posts_.assign(num_narratives * kNumAgentKinds, 0);
  tick_deliveries_ = 0;
  const Deliverer deliverer{world_.graph, pop, k, scenario_.run.seed};
  delivery_buffers_.BeginRound(DeliveryBuffers::Blocks(pop.num_agents()));
  // Posts whose later segments are delivered in a second pass, shared among the threads.
  struct LongPost {
    AgentId author;
    NarrativeId narrative;
    AgentKind kind;
    bool forced;
    std::uint32_t first_segment;
  };
  std::vector<LongPost> long_posts;
  std::mutex long_posts_mutex;

  // Only the spreaders whose posting candidate falls in this tick are visited (see
  // posting_calendar.hpp): each posts with probability p / q, then draws its next candidate.
  // They are scattered over the agents, so candidates are taken in batches: first the words
  // that decide each candidate are requested, then the candidates are decided (and the
  // posters' words requested), then the first lines of each poster's follower list are
  // requested, then the posts' first segments are delivered. The cache misses of a batch thus
  // overlap instead of following each other. The tick's buckets are read where they lie, in
  // tasks of up to 64 candidates, not gathered into one array first (a copy of every candidate).
  constexpr std::size_t kTask = 64;
  std::vector<std::span<const PostingCalendar::Candidate>> tasks;
  for (const std::span<const PostingCalendar::Candidate> bucket : calendar_.Due(k.tick))
    for (std::size_t i = 0; i < bucket.size(); i += kTask)
      tasks.push_back(bucket.subspan(i, std::min(kTask, bucket.size() - i)));
  warm_workers_.Release();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size(), 1), [&](const auto& r) {
    DeliveryBuffers::Lists& out = delivery_buffers_.Local();
    PostingCalendar::ThreadBuckets& filings = calendar_.LocalBuckets();
    std::vector<std::uint32_t> posts(num_narratives * kNumAgentKinds, 0);
    std::uint64_t seen = 0, pushed = 0;
    constexpr std::size_t kBatch = 32;
    std::array<const PostingCalendar::Candidate*, kBatch> posting;
    for (std::size_t task = r.begin(); task != r.end(); ++task) {
      const std::span<const PostingCalendar::Candidate> due = tasks[task];
      for (std::size_t base = 0; base < due.size(); base += kBatch) {
        const std::size_t end = std::min(due.size(), base + kBatch);
        for (std::size_t i = base; i != end; ++i) {
          calendar_.Prefetch(due[i].narrative, due[i].agent);
          RequestLine(&pop.outrage[due[i].agent]);
        }
        std::size_t count = 0;
        for (std::size_t i = base; i != end; ++i) {
          const PostingCalendar::Candidate& c = due[i];
          const AgentId v = c.agent;
          // Stale: refiled, paused or dropped since. A due entry belongs to a spreader who was
          // not removed (posting_calendar.hpp).
          if (!calendar_.IsDue(c.narrative, v, k.tick)) continue;
          assert(!pop.removed[v] && pop.narratives[c.narrative].state[v] == NarrativeState::kSpreader);
          CounterRng rng(scenario_.run.seed, k.tick, v, Stream::kPosting, c.narrative);
          if (calendar_.Accepts(c.activity_per_hour, pop.outrage[v], rng.Uniform01())) {
            world_.graph.PrefetchRow(v);
            RequestLine(&pop.opinion[v]);
            posting[count++] = &c;
          }
          calendar_.Next(c, k.tick, rng.NextU32(), filings);
        }
        for (std::size_t j = 0; j < count; ++j) RequestFirstLines(world_.graph.followers_of(posting[j]->agent));
        for (std::size_t j = 0; j < count; ++j) {
          const PostingCalendar::Candidate& c = *posting[j];
          seen += deliverer.Deliver(c.agent, c.narrative, c.kind, false, 0, out, pushed);
          ++posts[c.narrative * kNumAgentKinds + static_cast<int>(c.kind)];
          if (deliverer.Segments(c.agent) > 1) {
            const std::lock_guard lock(long_posts_mutex);
            long_posts.push_back({c.agent, c.narrative, c.kind, false, 1});
          }
        }
      }
    }
    for (std::size_t i = 0; i < posts.size(); ++i)
      if (posts[i]) AtomicAdd(tick_posts_[i], posts[i]);
    AtomicAdd(tick_deliveries_, seen);
    AtomicAdd(profile_.pushes, pushed);
  });
  calendar_.Release(k.tick);

  // Posts forced by actions and injects (statements, media pickup) go out on top, once each,
  // whole in the second pass.
  std::sort(forced_posts_.begin(), forced_posts_.end());
  forced_posts_.erase(std::unique(forced_posts_.begin(), forced_posts_.end()), forced_posts_.end());
  for (const auto& [v, n] : forced_posts_) {
    if (pop.removed[v]) continue;
    long_posts.push_back({v, n, pop.kind[v], true, 0});
    ++tick_posts_[n * kNumAgentKinds + static_cast<int>(pop.kind[v])];
  }

  // The second pass: every remaining segment is a task of its own.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> segments;  // (long post, segment)
  for (std::uint32_t i = 0; i < long_posts.size(); ++i)
    for (std::uint32_t s = long_posts[i].first_segment; s < deliverer.Segments(long_posts[i].author); ++s)
      segments.push_back({i, s});
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, segments.size(), 1), [&](const auto& r) {
    DeliveryBuffers::Lists& out = delivery_buffers_.Local();
    std::uint64_t seen = 0, pushed = 0;
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const auto [post, segment] = segments[i];
      const LongPost& p = long_posts[post];
      RequestFirstLines(deliverer.SegmentOf(p.author, segment));
      seen += deliverer.Deliver(p.author, p.narrative, p.kind, p.forced, segment, out, pushed);
    }
    AtomicAdd(tick_deliveries_, seen);
    AtomicAdd(profile_.pushes, pushed);
  });
  delivery_buffers_.Seal();
}

void Simulation::ApplyDeliveries(const TickConstants& k, std::size_t block,
                                 std::vector<FirstExposure>& firsts) {
  const DynamicsParams& d = scenario_.dynamics;
  const InboxWriter writer{inbox_, k, scenario_.run.seed, static_cast<float>(d.confidence_bound),
                           d.confidence_bound > 0 && d.convergence_rate > 0};
  // The words a record updates are requested a few records ahead: they are in the level-2
  // cache when the update requested the block ahead, and in memory for the first block of a
  // thread's range, which nothing requested.
  constexpr std::size_t kAhead = 8;
  for (const std::span<const SeenPost> records : delivery_buffers_.Block(block))
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (i + kAhead < records.size()) RequestInboxWords(inbox_, block, records[i + kAhead]);
      writer.Apply(block, records[i], firsts);
    }
}

void Simulation::RequestDeliveryTargets(std::size_t block) const {
  for (const std::span<const SeenPost> records : delivery_buffers_.Block(block))
    for (const SeenPost& p : records) RequestInboxWords(inbox_, block, p);
}

}  // namespace firestorm
