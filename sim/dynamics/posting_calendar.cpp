// The posting calendar; the law and why it is kept are in posting_calendar.hpp.
#include "sim/dynamics/posting_calendar.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

#include "sim/core/rng.hpp"

namespace firestorm {

// A copy (a fork) files every pending entry in its shared buckets.
PostingCalendar::PostingCalendar(const PostingCalendar& other)
    : law_(other.law_), seed_(other.seed_), horizon_(other.horizon_), next_(other.next_),
      bucket_(other.Gathered()), window_(other.window_) {}

PostingCalendar& PostingCalendar::operator=(const PostingCalendar& other) {
  if (this != &other) {
    law_ = other.law_;
    seed_ = other.seed_;
    horizon_ = other.horizon_;
    next_ = other.next_;
    bucket_ = other.Gathered();
    window_ = other.window_;
    thread_buckets_.clear();
  }
  return *this;
}

void PostingCalendar::Reset(std::size_t narratives, AgentId agents, Tick horizon, Law law,
                            std::uint64_t seed) {
  if (horizon >= kPaused) throw std::invalid_argument("PostingCalendar: horizon past 2^31 ticks");
  law_ = law;
  seed_ = seed;
  horizon_ = horizon;
  next_.assign(narratives, Column<Tick>(agents, kNever));
  bucket_.assign(horizon, {});
  window_ = 0;
  thread_buckets_.clear();
}

double PostingCalendar::Rate(float activity_per_hour, float outrage) const {
  return static_cast<double>(activity_per_hour) * law_.tick_hours *
         (1.0 + law_.outrage_boost * static_cast<double>(outrage));
}

double PostingCalendar::AcceptProbability(float activity_per_hour, float outrage) const {
  const double rate = Rate(activity_per_hour, outrage);
  const double max_rate = MaxRate(activity_per_hour);
  if (rate <= 0 || max_rate <= 0) return 0;
  return std::expm1(-rate) / std::expm1(-max_rate);  // (1 - e^-rate) / (1 - e^-max)
}

bool PostingCalendar::Accepts(float activity_per_hour, float outrage, double uniform) const {
  // With r = rate and m = max_rate, 0 < r <= m < 1: (1 - e^-x) / x falls with x, so
  // p / q >= r / m; and 1 - e^-r <= r, 1 - e^-m >= m - m^2 / 2, so p / q <= (r / m) / (1 - m / 2).
  // A draw outside that band, by a relative margin far above the rounding of either side,
  // decides as the exact ratio would; one inside it (a share of about m / 2) takes the ratio.
  const double rate = Rate(activity_per_hour, outrage);
  const double max_rate = MaxRate(activity_per_hour);
  if (rate > 0 && rate <= max_rate && max_rate < 1) {
    constexpr double kMargin = 1e-9;
    const double ratio = rate / max_rate;
    if (uniform < ratio * (1 - kMargin)) return true;
    if (uniform > ratio / (1 - 0.5 * max_rate) * (1 + kMargin)) return false;
  }
  return uniform < AcceptProbability(activity_per_hour, outrage);
}

Tick PostingCalendar::Gap(float activity_per_hour, std::uint32_t word) const {
  const double max_rate = MaxRate(activity_per_hour);
  if (!(max_rate > 0)) return kNever;
  // P(G > k) = (1 - q)^k = exp(-max_rate k): G = 1 + floor(E / max_rate), E exponential.
  const double uniform = (static_cast<double>(word) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
  const double extra = std::floor(-std::log(uniform) / max_rate);
  return extra >= static_cast<double>(horizon_) ? kNever : static_cast<Tick>(extra) + 1;
}

void PostingCalendar::Schedule(const Candidate& c, Tick at, ThreadBuckets& buckets) {
  next_[c.narrative][c.agent] = at;
  if (at >= horizon_) return;
  // Filings are for ticks after the last one taken: never in a window before `buckets.window`.
  assert(at / kWindowTicks >= buckets.window);
  if (at / kWindowTicks == buckets.window) buckets.ticks[at % kWindowTicks].push_back(c);
  else buckets.later[at / kWindowTicks].push_back({c, at});
}

void PostingCalendar::Advance(ThreadBuckets& buckets, Tick window) {
  if (buckets.window == window) return;
  for (std::vector<Candidate>& tick : buckets.ticks) tick.clear();  // past ticks never taken
  buckets.window = window;
  if (window >= buckets.later.size()) return;
  for (const ThreadBuckets::Later& e : buckets.later[window])
    buckets.ticks[e.at % kWindowTicks].push_back(e.candidate);
  std::vector<ThreadBuckets::Later>().swap(buckets.later[window]);  // never filed again
}

void PostingCalendar::Start(const Candidate& c, Tick first) {
  Tick& next = next_[c.narrative][c.agent];
  const Tick pending = Unpaused(next);
  if (pending != kNever && pending >= first) {
    next = pending;  // a paused candidate is due again
    return;
  }
  CounterRng rng(seed_, first, c.agent, Stream::kPostingStart, c.narrative);
  // The first candidate is `first` itself with probability q: a gap of 1 from `first - 1`.
  const Tick gap = Gap(c.activity_per_hour, rng.NextU32());
  Schedule(c, gap == kNever ? kNever : After(first, gap - 1), LocalBuckets());
}

void PostingCalendar::Next(const Candidate& c, Tick t, std::uint32_t word, ThreadBuckets& buckets) {
  Schedule(c, After(t, Gap(c.activity_per_hour, word)), buckets);
}

Tick PostingCalendar::After(Tick from, Tick gap) const {
  const std::uint64_t at = std::uint64_t{from} + gap;
  return gap == kNever || at >= horizon_ ? kNever : static_cast<Tick>(at);
}

std::vector<std::vector<PostingCalendar::Candidate>> PostingCalendar::Gathered() const {
  std::vector<std::vector<Candidate>> all = bucket_;
  for (const ThreadBuckets& buckets : thread_buckets_) {
    for (Tick i = 0; i < kWindowTicks; ++i) {
      const std::size_t t = std::size_t{buckets.window} * kWindowTicks + i;
      if (t < all.size()) all[t].insert(all[t].end(), buckets.ticks[i].begin(), buckets.ticks[i].end());
    }
    for (std::size_t w = std::size_t{buckets.window} + 1; w < buckets.later.size(); ++w)
      for (const ThreadBuckets::Later& e : buckets.later[w]) all[e.at].push_back(e.candidate);
  }
  return all;
}

std::vector<std::span<const PostingCalendar::Candidate>> PostingCalendar::Due(Tick t) {
  std::vector<std::span<const Candidate>> due;
  if (t >= bucket_.size()) return due;
  due.push_back(bucket_[t]);
  window_ = t / kWindowTicks;
  for (ThreadBuckets& buckets : thread_buckets_) {
    Advance(buckets, window_);
    due.push_back(buckets.ticks[t % kWindowTicks]);
  }
  return due;
}

void PostingCalendar::Release(Tick t) {
  if (t >= bucket_.size()) return;
  std::vector<Candidate>().swap(bucket_[t]);  // never filed again
  for (ThreadBuckets& buckets : thread_buckets_)
    if (buckets.window == t / kWindowTicks) buckets.ticks[t % kWindowTicks].clear();  // kept for the next window
}

std::vector<PostingCalendar::Candidate> PostingCalendar::Take(Tick t) {
  std::vector<Candidate> all;
  for (const std::span<const Candidate> bucket : Due(t)) all.insert(all.end(), bucket.begin(), bucket.end());
  Release(t);
  return all;
}

void PostingCalendar::Restore(std::vector<Column<Tick>> next, Tick now,
                              std::span<const AgentKind> kind,
                              std::span<const float> activity_per_hour) {
  next_ = std::move(next);
  bucket_.assign(horizon_, {});
  window_ = now / kWindowTicks;
  thread_buckets_.clear();
  for (std::size_t n = 0; n < next_.size(); ++n)
    for (AgentId v = 0; v < next_[n].size(); ++v) {
      const Tick at = Unpaused(next_[n][v]);
      if (at >= now && at < horizon_)
        bucket_[at].push_back({v, static_cast<NarrativeId>(n), kind[v], activity_per_hour[v]});
    }
}

}  // namespace firestorm
