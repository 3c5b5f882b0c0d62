// The posting calendar must give every spreader, in every tick, an independent chance
// p = 1 - exp(-rate) to post, however the rate moves below its bound: checked by counting
// posts and pairs of posts in consecutive ticks against their binomial expectations.
#include "sim/dynamics/posting_calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <vector>

#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

constexpr std::uint64_t kSeed = 17;

PostingCalendar::Candidate User(AgentId v, NarrativeId n, float activity) {
  return {v, n, AgentKind::kUser, activity};
}

// Plays `ticks` ticks of `agents` spreaders of narrative 0 with the engine's loop (take the
// tick's bucket, skip stale entries, accept with p / q, draw the next candidate) and returns
// posted[t * agents + v].
std::vector<std::uint8_t> Play(PostingCalendar& calendar, AgentId agents, Tick ticks, float activity,
                               const std::function<float(Tick, AgentId)>& outrage,
                               const std::function<bool(Tick, AgentId)>& spreading) {
  std::vector<std::uint8_t> posted(std::size_t{ticks} * agents, 0);
  for (Tick t = 0; t < ticks; ++t) {
    for (const PostingCalendar::Candidate& c : calendar.Take(t)) {
      const AgentId v = c.agent;
      const NarrativeId n = c.narrative;
      EXPECT_EQ(c.activity_per_hour, activity);
      if (!calendar.IsDue(n, v, t)) continue;
      if (!spreading(t, v)) {
        calendar.Drop(n, v);
        continue;
      }
      CounterRng rng(kSeed, t, v, Stream::kPosting, n);
      if (rng.Uniform01() < calendar.AcceptProbability(activity, outrage(t, v)))
        posted[std::size_t{t} * agents + v] = 1;
      calendar.Next(c, t, rng.NextU32(), calendar.LocalBuckets());
    }
    // Agents that start spreading during tick t's update may post from t + 1 on.
    for (AgentId v = 0; v < agents; ++v)
      if (t + 1 < ticks && spreading(t + 1, v) && !spreading(t, v)) calendar.Start(User(v, 0, activity), t + 1);
  }
  return posted;
}

double PostProbability(double rate) { return -std::expm1(-rate); }

// |observed - expected| within 4.5 standard deviations of a sum of independent Bernoullis.
void ExpectBinomial(double observed, double expected, double variance, const char* what) {
  EXPECT_LE(std::fabs(observed - expected), 4.5 * std::sqrt(variance))
      << what << ": observed " << observed << ", expected " << expected;
}

TEST(PostingCalendar, PostsWithTheTickProbabilityAndIndependentlyAcrossTicks) {
  constexpr AgentId kAgents = 4000;
  constexpr Tick kTicks = 300;
  constexpr float kActivity = 3.0f;  // posts per hour
  PostingCalendar calendar;
  const PostingCalendar::Law law{1.0 / 60, 1.5};  // one-minute ticks, outrage boost 1.5
  calendar.Reset(1, kAgents, kTicks, law, kSeed);
  for (AgentId v = 0; v < kAgents; ++v) calendar.Start(User(v, 0, kActivity), 0);
  // Outrage moves with the tick and the agent, well below the bound for most of them.
  auto outrage = [](Tick t, AgentId v) { return static_cast<float>(((t * 7 + v * 13) % 11) / 10.0); };
  const std::vector<std::uint8_t> posted =
      Play(calendar, kAgents, kTicks, kActivity, outrage, [](Tick, AgentId) { return true; });

  double posts = 0, expected = 0, variance = 0, pairs = 0, expected_pairs = 0, pair_variance = 0;
  for (Tick t = 0; t < kTicks; ++t)
    for (AgentId v = 0; v < kAgents; ++v) {
      const double p = PostProbability(kActivity * law.tick_hours * (1 + law.outrage_boost * outrage(t, v)));
      posts += posted[std::size_t{t} * kAgents + v];
      expected += p;
      variance += p * (1 - p);
      if (t + 1 < kTicks) {
        const double p_next =
            PostProbability(kActivity * law.tick_hours * (1 + law.outrage_boost * outrage(t + 1, v)));
        pairs += posted[std::size_t{t} * kAgents + v] * posted[std::size_t{t + 1} * kAgents + v];
        expected_pairs += p * p_next;
        // Overlapping pairs are not independent; bound the variance by that of the count
        // with each pair counted twice (Cauchy-Schwarz on the sum of two interleaved sums).
        pair_variance += 2 * p * p_next * (1 - p * p_next);
      }
    }
  ExpectBinomial(posts, expected, variance, "posts");
  ExpectBinomial(pairs, expected_pairs, pair_variance, "posts in consecutive ticks");
}

TEST(PostingCalendar, ANewSpreaderPostsInItsFirstTickWithTheTickProbability) {
  // Start(first) must give a candidate at `first` itself with probability q, not from first + 1.
  constexpr AgentId kAgents = 200'000;
  constexpr float kActivity = 6.0f;
  const PostingCalendar::Law law{1.0 / 60, 0.0};
  PostingCalendar calendar;
  calendar.Reset(1, kAgents, 50, law, kSeed);
  for (AgentId v = 0; v < kAgents; ++v) calendar.Start(User(v, 0, kActivity), 5);
  for (Tick t = 0; t < 5; ++t) EXPECT_TRUE(calendar.Take(t).empty()) << "tick " << t;
  const double p = PostProbability(kActivity * law.tick_hours);  // = q: no outrage boost
  const auto first = static_cast<double>(calendar.Take(5).size());
  ExpectBinomial(first, kAgents * p, kAgents * p * (1 - p), "candidates in the first tick");
}

TEST(PostingCalendar, OnlySpreadersPostAndAPendingCandidateSurvivesAPause) {
  constexpr AgentId kAgents = 3000;
  constexpr Tick kTicks = 400;
  constexpr float kActivity = 2.0f;
  const PostingCalendar::Law law{1.0 / 60, 0.0};
  PostingCalendar calendar;
  calendar.Reset(1, kAgents, kTicks, law, kSeed);
  // Agents spread in ticks [0, 100) and [250, 400) only.
  auto spreading = [](Tick t, AgentId) { return t < 100 || t >= 250; };
  for (AgentId v = 0; v < kAgents; ++v) calendar.Start(User(v, 0, kActivity), 0);
  const std::vector<std::uint8_t> posted =
      Play(calendar, kAgents, kTicks, kActivity, [](Tick, AgentId) { return 0.0f; }, spreading);
  const double p = PostProbability(kActivity * law.tick_hours);
  double posts = 0;
  for (Tick t = 0; t < kTicks; ++t)
    for (AgentId v = 0; v < kAgents; ++v) {
      const bool post = posted[std::size_t{t} * kAgents + v] != 0;
      if (!spreading(t, v)) {
        ASSERT_FALSE(post) << "tick " << t << " agent " << v;
      }
      posts += post;
    }
  const double slots = 250.0 * kAgents;
  ExpectBinomial(posts, slots * p, slots * p * (1 - p), "posts while spreading");
}

// The refiled entries carry the same agents' traits as the live ones.
TEST(PostingCalendar, RestoredCalendarHoldsTheSameCandidates) {
  constexpr AgentId kAgents = 500;
  std::vector<AgentKind> kind(kAgents);
  std::vector<float> activity(kAgents);
  for (AgentId v = 0; v < kAgents; ++v) {
    kind[v] = static_cast<AgentKind>(v % kNumAgentKinds);
    activity[v] = 2.0f + static_cast<float>(v % 7);
  }
  PostingCalendar live;
  live.Reset(2, kAgents, 100, {1.0 / 60, 1.0}, kSeed);
  for (AgentId v = 0; v < kAgents; ++v) {
    live.Start({v, 0, kind[v], activity[v]}, 3);
    if (v % 3 == 0) live.Start({v, 1, kind[v], activity[v]}, 7);
  }
  PostingCalendar restored;
  restored.Reset(2, kAgents, 100, {1.0 / 60, 1.0}, kSeed);
  restored.Restore(live.next(), 3, kind, activity);
  for (Tick t = 3; t < 100; ++t) {
    std::vector<PostingCalendar::Candidate> a = live.Take(t), b = restored.Take(t);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << "tick " << t;
  }
}

TEST(PostingCalendar, APausedCandidateIsNotDueAndARestartBeforeItKeepsIt) {
  constexpr AgentId kAgents = 200;
  PostingCalendar calendar;
  calendar.Reset(1, kAgents, 1000, {1.0 / 60, 1.0}, kSeed);
  for (AgentId v = 0; v < kAgents; ++v) calendar.Start(User(v, 0, 6.0f), 1);
  int kept = 0, redrawn = 0;
  for (AgentId v = 0; v < kAgents; ++v) {
    const Tick pending = calendar.next()[0][v];
    if (pending == kNever || pending < 3) continue;
    calendar.Pause(0, v);
    EXPECT_FALSE(calendar.IsDue(0, v, pending)) << "agent " << v;
    EXPECT_EQ(PostingCalendar::Unpaused(calendar.next()[0][v]), pending);
    if (v % 2 == 0) {  // restarts before its candidate: the candidate is due again
      calendar.Start(User(v, 0, 6.0f), pending - 1);
      EXPECT_TRUE(calendar.IsDue(0, v, pending)) << "agent " << v;
      ++kept;
    } else {  // restarts after it: a fresh candidate, at or after the restart
      calendar.Start(User(v, 0, 6.0f), pending + 1);
      const Tick fresh = calendar.next()[0][v];
      EXPECT_TRUE(fresh == kNever || fresh >= pending + 1) << "agent " << v;
      EXPECT_EQ(PostingCalendar::Unpaused(fresh), fresh);
      ++redrawn;
    }
  }
  EXPECT_GT(kept, 10);
  EXPECT_GT(redrawn, 10);
  calendar.Drop(0, 0);
  EXPECT_EQ(calendar.next()[0][0], kNever);
  calendar.Pause(0, 0);  // nothing pending stays nothing pending
  EXPECT_EQ(calendar.next()[0][0], kNever);
}

// Accepts must decide every draw as `uniform < AcceptProbability` does, including the draws
// just either side of the threshold, where its shortcut bounds give way to the exact ratio.
TEST(PostingCalendar, AcceptsDecidesAsTheExactRatio) {
  for (const double boost : {0.0, 0.5, 3.0, -0.5}) {
    PostingCalendar calendar;
    calendar.Reset(1, 1, 10, {1.0 / 60, boost}, kSeed);
    CounterRng rng(kSeed, 0, 0, Stream::kPosting, 0);
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 20000; ++i) {
      // Activities from none to past the shortcut's range (a bound of 1 per tick and more).
      const float activity = i % 50 == 0 ? 0.0f : 0.01f * static_cast<float>(std::pow(2.0, 14.0 * rng.Uniform01()));
      const float outrage = rng.Uniform01();
      const double p = calendar.AcceptProbability(activity, outrage);
      for (const double u : {static_cast<double>(rng.Uniform01()), p, std::nextafter(p, 0.0), std::nextafter(p, 1.0),
                             p * (1 - 1e-6), p * (1 + 1e-6), 0.0, 1.0}) {
        const bool accepts = calendar.Accepts(activity, outrage, u);
        ASSERT_EQ(accepts, u < p)
            << "activity " << activity << " outrage " << outrage << " boost " << boost << " u " << u;
        (accepts ? accepted : rejected) += 1;
      }
    }
    // Both answers were compared, many times each.
    EXPECT_GT(accepted, 20000);
    EXPECT_GT(rejected, 20000);
  }
}

// Candidates filed for ticks in later windows come out of Take at their own tick, also through
// a copy taken mid-window (which gathers every thread's buckets), for a horizon that is not a
// whole number of windows; stale entries are returned for the engine to skip.
TEST(PostingCalendar, EveryFilingIsTakenAtItsTickAcrossWindows) {
  constexpr AgentId kAgents = 3000;
  constexpr Tick kHorizon = 5 * PostingCalendar::kWindowTicks + 17;
  PostingCalendar calendar;
  calendar.Reset(1, kAgents, kHorizon, {1.0 / 60, 0.0}, kSeed);
  std::vector<std::vector<AgentId>> expected(kHorizon);
  for (AgentId v = 0; v < kAgents; ++v) {
    calendar.Start(User(v, 0, 1.0f), 0);  // one per agent, over the whole horizon
    const Tick at = calendar.next()[0][v];
    if (at != kNever) expected[at].push_back(v);
  }
  PostingCalendar copy;
  for (Tick t = 0; t < kHorizon; ++t) {
    if (t == 2 * PostingCalendar::kWindowTicks + 5) copy = calendar;
    std::vector<AgentId> taken;
    for (const PostingCalendar::Candidate& c : calendar.Take(t)) taken.push_back(c.agent);
    std::sort(taken.begin(), taken.end());
    EXPECT_EQ(taken, expected[t]) << "tick " << t;
    if (t >= 2 * PostingCalendar::kWindowTicks + 5) {
      std::vector<AgentId> from_copy;
      for (const PostingCalendar::Candidate& c : copy.Take(t)) from_copy.push_back(c.agent);
      std::sort(from_copy.begin(), from_copy.end());
      EXPECT_EQ(from_copy, expected[t]) << "copy, tick " << t;
    }
  }
  std::size_t filed = 0;
  for (const std::vector<AgentId>& tick : expected) filed += tick.size();
  EXPECT_GT(filed, kAgents / 2);  // most agents' candidates fall within the horizon
}

// The engine reads a tick's buckets where they lie (Due) and files each due entry's next
// candidate before it releases them (Release): those filings must neither change the buckets
// being read nor go missing, within the window or across it. Each agent's pending tick is
// tracked from next(); every tick, the entries found due must be exactly the agents pending
// at that tick.
TEST(PostingCalendar, FilingWhileATickIsReadLeavesItAndFindsEveryLaterTick) {
  constexpr AgentId kAgents = 500;
  constexpr Tick kHorizon = 3 * PostingCalendar::kWindowTicks + 9;
  PostingCalendar calendar;
  // 6 posts an hour in one-minute ticks: gaps of a few to a few hundred ticks, so filings
  // land in the present window, in later ones and past the horizon.
  calendar.Reset(1, kAgents, kHorizon, {1.0 / 60, 0.0}, kSeed);
  std::vector<Tick> pending(kAgents);
  for (AgentId v = 0; v < kAgents; ++v) {
    calendar.Start(User(v, 0, 6.0f), 0);
    pending[v] = calendar.next()[0][v];
  }
  CounterRng rng(kSeed, 0, 0, Stream::kPosting, 1);
  std::size_t taken = 0;
  for (Tick t = 0; t < kHorizon; ++t) {
    const std::vector<std::span<const PostingCalendar::Candidate>> due = calendar.Due(t);
    std::vector<PostingCalendar::Candidate> before;
    for (const auto bucket : due) before.insert(before.end(), bucket.begin(), bucket.end());
    std::vector<AgentId> found;
    for (const auto bucket : due)
      for (const PostingCalendar::Candidate& c : bucket) {
        if (!calendar.IsDue(c.narrative, c.agent, t)) continue;
        found.push_back(c.agent);
        calendar.Next(c, t, rng.NextU32(), calendar.LocalBuckets());
      }
    std::vector<PostingCalendar::Candidate> after;
    for (const auto bucket : due) after.insert(after.end(), bucket.begin(), bucket.end());
    EXPECT_EQ(after, before) << "tick " << t;
    calendar.Release(t);
    std::vector<AgentId> expected;
    for (AgentId v = 0; v < kAgents; ++v)
      if (pending[v] == t) expected.push_back(v);
    std::sort(found.begin(), found.end());
    ASSERT_EQ(found, expected) << "tick " << t;
    for (const AgentId v : found) pending[v] = calendar.next()[0][v];
    taken += found.size();
  }
  EXPECT_GT(taken, std::size_t{kAgents} * kHorizon / 60);  // expected one per agent per 10 ticks
}

TEST(PostingCalendar, NoActivityNeverPosts) {
  PostingCalendar calendar;
  calendar.Reset(1, 10, 1000, {1.0 / 60, 1.0}, kSeed);
  for (AgentId v = 0; v < 10; ++v) calendar.Start(User(v, 0, 0.0f), 0);
  for (AgentId v = 0; v < 10; ++v) EXPECT_EQ(calendar.next()[0][v], kNever);
  EXPECT_EQ(calendar.AcceptProbability(0.0f, 1.0f), 0.0);
}

}  // namespace
}  // namespace firestorm
