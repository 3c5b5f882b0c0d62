// When each spreader may post next, filed by tick, so that a tick touches only the spreaders
// whose turn it is instead of drawing a coin for every spreader.
//
// Law kept: in tick t a spreader v of narrative n posts with probability
// p = 1 - exp(-rate_v(t)), independently across ticks, with rate_v(t) = a_v h (1 + w o_v(t))
// (activity a_v per hour, tick length h hours, outrage boost w, outrage o_v in [0, 1]).
// Discrete-time thinning (Lewis & Shedler 1979, on a lattice): the bound
// rate_max = a_v h (1 + max(w, 0)) >= rate_v(t) gives q = 1 - exp(-rate_max) >= p. Candidate
// ticks form an independent Bernoulli(q) sequence per (agent, narrative), so the gap to the
// next candidate is Geometric(q): one draw. At a candidate the spreader posts with
// probability p / q. Each tick thus posts with probability q (p / q) = p, independently,
// whatever the outrage did in between.
//
// The candidate sequence runs whether or not the agent is spreading; the engine only acts on
// candidates of spreaders. So an agent that stops and starts again keeps its pending
// candidate, and one whose candidate fell while it was not spreading draws afresh (the
// future of a Bernoulli sequence is independent of its past).
//
// State: next_[n][v], the tick of the next candidate (kNever: none pending). The buckets are
// derived from it (a checkpoint saves next_ and rebuilds them). A bucket's entry carries what
// the posting loop needs of the spreader that never changes (its kind and activity), so that
// deciding and posting read no population column for them (one random cache line fewer per
// candidate, and one per post; docs/performance.md). An entry whose tick no longer
// equals next_ is stale and skipped. Filings from parallel loops go to thread-local buckets,
// gathered when their tick is taken.
//
// The engine keeps the calendar in step with the agents: a spreader who stops spreading is
// paused (its pending candidate kept, marked by kPaused, so a restart keeps it), and a removed
// agent is dropped. So an entry that is due belongs to a spreader who was not removed, and the
// posting loop reads neither the state nor the removal flag (two random cache lines fewer per
// candidate; docs/performance.md).
#pragma once

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/core/prefetch.hpp"
#include "sim/core/types.hpp"
#include "sim/graph/huge_array.hpp"
#include "sim/population/agent_kind.hpp"

namespace firestorm {

class PostingCalendar {
 public:
  struct Law {
    double tick_hours = 1.0 / 60;  // h
    double outrage_boost = 0;      // w
  };

  // A filed candidate: the spreader, the narrative, and the spreader's constant traits.
  struct Candidate {
    AgentId agent;
    NarrativeId narrative;
    AgentKind kind;
    float activity_per_hour;
    friend auto operator<=>(const Candidate&, const Candidate&) = default;
  };

  PostingCalendar() = default;
  PostingCalendar(const PostingCalendar& other);
  PostingCalendar& operator=(const PostingCalendar& other);

  // Empty calendar for `narratives` x `agents`, over ticks [0, horizon).
  void Reset(std::size_t narratives, AgentId agents, Tick horizon, Law law, std::uint64_t seed);

  // Bound on the posting rate per tick of an agent with this activity (rate_max above).
  double MaxRate(float activity_per_hour) const {
    return static_cast<double>(activity_per_hour) * law_.tick_hours *
           (1.0 + std::max(law_.outrage_boost, 0.0));
  }
  // Probability of posting at a candidate: p / q, for the agent's current outrage.
  double AcceptProbability(float activity_per_hour, float outrage) const;
  // Whether a candidate with this uniform draw posts: exactly `uniform < AcceptProbability`,
  // without its two exponentials for all but the draws close to the threshold.
  bool Accepts(float activity_per_hour, float outrage, double uniform) const;

  // c.agent became a spreader of c.narrative and may post from tick `first` on: keeps a
  // pending candidate, else draws one at or after `first`. Safe from parallel loops when each
  // agent is handled by one thread.
  void Start(const Candidate& c, Tick first);
  // Ticks come in windows of kWindowTicks. Within the present window each tick has a bucket;
  // a later window has one bucket for all its ticks, split into them when the window begins.
  // Why: filing appends to the end of a bucket. With a bucket per tick of the horizon, those
  // ends are a thousand scattered cache lines that the update evicts every tick, and filing
  // missed the cache once per candidate; with windows it appends to a hundred or so lists,
  // and splitting a window reads and writes its entries in order (docs/performance.md).
  static constexpr Tick kWindowTicks = 64;
  // One thread's filings (Start, Next). Each thread files into buckets of its own, so filing
  // takes no lock and no serial pass; Due lists a tick's bucket of every thread.
  struct ThreadBuckets {
    struct Later {
      Candidate candidate;
      Tick at;
    };
    Tick window = 0;                                          // the window `ticks` belongs to
    std::array<std::vector<Candidate>, kWindowTicks> ticks;   // [tick % kWindowTicks]
    std::vector<std::vector<Later>> later;                    // [window], after `window`
  };
  // The calling thread's buckets: a loop looks them up once and passes them to Next.
  ThreadBuckets& LocalBuckets() {
    bool existed = true;
    ThreadBuckets& mine = thread_buckets_.local(existed);
    if (!existed) {
      mine.window = window_;
      mine.later.resize(horizon_ / kWindowTicks + 1);
    }
    return mine;
  }
  // After candidate tick t of c: the next candidate, drawn from `word` (32 random bits),
  // filed in this thread's buckets.
  void Next(const Candidate& c, Tick t, std::uint32_t word, ThreadBuckets& buckets);
  // Marks a pending candidate as belonging to an agent not spreading: never due, but kept
  // for a restart (Start). Ticks stay below kPaused (Reset checks the horizon).
  static constexpr Tick kPaused = Tick{1} << 31;
  // (v, n) stopped spreading.
  void Pause(NarrativeId n, AgentId v) {
    if (next_[n][v] != kNever) next_[n][v] |= kPaused;
  }
  // (v, n) will never post again (a removed account): nothing pending any more.
  void Drop(NarrativeId n, AgentId v) { next_[n][v] = kNever; }

  // Whether an entry (v, n) taken from tick t's bucket is current.
  bool IsDue(NarrativeId n, AgentId v, Tick t) const { return next_[n][v] == t; }
  // Asks the cache for the word IsDue reads.
  void Prefetch(NarrativeId n, AgentId v) const { RequestLine(next_[n].data() + v); }
  // The entries of tick t's buckets, every thread's, where they lie: valid until Release(t),
  // and filings in between never add to them (they are for later ticks). Call between
  // parallel phases.
  std::vector<std::span<const Candidate>> Due(Tick t);
  // Empties tick t's buckets after Due(t).
  void Release(Tick t);
  // Due(t) copied into one array, then Release(t).
  std::vector<Candidate> Take(Tick t);

  // The persistent state, for checkpoints: next_[narrative][agent].
  const std::vector<Column<Tick>>& next() const { return next_; }
  // Restores next_ (as saved at tick `now`) and refiles every candidate from `now` on,
  // paused ones included (a restart before their tick keeps them), with the agents' traits.
  void Restore(std::vector<Column<Tick>> next, Tick now, std::span<const AgentKind> kind,
               std::span<const float> activity_per_hour);
  // The candidate tick without the pause mark (kNever stays kNever).
  static Tick Unpaused(Tick at) { return at == kNever ? kNever : at & ~kPaused; }

 private:
  // The posting rate per tick at this outrage (rate_v(t) above).
  double Rate(float activity_per_hour, float outrage) const;
  // Ticks from a candidate to the next (>= 1), Geometric(q) from 32 random bits.
  Tick Gap(float activity_per_hour, std::uint32_t word) const;
  // The tick `gap` after `from`, or kNever when that is past the horizon.
  Tick After(Tick from, Tick gap) const;
  void Schedule(const Candidate& c, Tick at, ThreadBuckets& buckets);
  // Every pending entry in one array of buckets: the shared ones and each thread's.
  std::vector<std::vector<Candidate>> Gathered() const;
  // Moves a thread's buckets on to `window`, splitting that window's bucket into its ticks.
  static void Advance(ThreadBuckets& buckets, Tick window);

  Law law_;
  std::uint64_t seed_ = 0;
  Tick horizon_ = 0;
  std::vector<Column<Tick>> next_;
  std::vector<std::vector<Candidate>> bucket_;  // [tick], filed by Restore and copies
  Tick window_ = 0;                             // the window of the last tick taken
  tbb::enumerable_thread_specific<ThreadBuckets> thread_buckets_;
};

}  // namespace firestorm
