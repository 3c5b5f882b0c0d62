// The posting calendar; the law and why it is kept are in posting_calendar.hpp.
#include "sim/dynamics/posting_calendar.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/core/rng.hpp"

namespace firestorm {

// A copy (a fork) files every pending entry in its shared buckets.
PostingCalendar::PostingCalendar(const PostingCalendar& other)
    : law_(other.law_), seed_(other.seed_), horizon_(other.horizon_), next_(other.next_),
      bucket_(other.Gathered()) {}

PostingCalendar& PostingCalendar::operator=(const PostingCalendar& other) {
  if (this != &other) {
    law_ = other.law_;
    seed_ = other.seed_;
    horizon_ = other.horizon_;
    next_ = other.next_;
    bucket_ = other.Gathered();
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
  thread_buckets_.clear();
}

double PostingCalendar::AcceptProbability(float activity_per_hour, float outrage) const {
  const double base = static_cast<double>(activity_per_hour) * law_.tick_hours;
  const double rate = base * (1.0 + law_.outrage_boost * static_cast<double>(outrage));
  const double max_rate = MaxRate(activity_per_hour);
  if (rate <= 0 || max_rate <= 0) return 0;
  return std::expm1(-rate) / std::expm1(-max_rate);  // (1 - e^-rate) / (1 - e^-max)
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
  if (at < horizon_) buckets[at].push_back(c);
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
  for (const ThreadBuckets& buckets : thread_buckets_)
    for (std::size_t t = 0; t < buckets.size(); ++t)
      all[t].insert(all[t].end(), buckets[t].begin(), buckets[t].end());
  return all;
}

std::vector<PostingCalendar::Candidate> PostingCalendar::Take(Tick t) {
  std::vector<Candidate> due;
  if (t >= bucket_.size()) return due;
  due.swap(bucket_[t]);
  for (ThreadBuckets& buckets : thread_buckets_) {
    if (t >= buckets.size() || buckets[t].empty()) continue;
    due.insert(due.end(), buckets[t].begin(), buckets[t].end());
    std::vector<Candidate>().swap(buckets[t]);  // a taken tick is never filed again
  }
  return due;
}

void PostingCalendar::Restore(std::vector<Column<Tick>> next, Tick now,
                              std::span<const AgentKind> kind,
                              std::span<const float> activity_per_hour) {
  next_ = std::move(next);
  bucket_.assign(horizon_, {});
  thread_buckets_.clear();
  for (std::size_t n = 0; n < next_.size(); ++n)
    for (AgentId v = 0; v < next_[n].size(); ++v) {
      const Tick at = Unpaused(next_[n][v]);
      if (at >= now && at < horizon_)
        bucket_[at].push_back({v, static_cast<NarrativeId>(n), kind[v], activity_per_hour[v]});
    }
}

}  // namespace firestorm
