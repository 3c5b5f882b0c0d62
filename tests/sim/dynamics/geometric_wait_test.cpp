// Where the engine waits geometrically instead of drawing every tick, each tick must still
// come up with its own constant chance, independently: checked on the gap itself and on the
// engine: exposed agents who see nothing new must adopt with probability a and doubt with
// probability (1 - a) s per tick (the exposed population decays as (1 - q)^t with
// q = a + (1 - a) s), and aware agents must come across the latest statement in the news with
// its per-tick chance; all within five binomial standard deviations.
#include "sim/dynamics/geometric_wait.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/dynamics/exposure_hazards.hpp"
#include "test_worlds.hpp"

namespace firestorm {
namespace {

// |observed - n p| within five standard deviations of Binomial(n, p).
void ExpectBinomial(double observed, double n, double p, const char* what) {
  const double sd = std::sqrt(n * p * (1 - p));
  EXPECT_NEAR(observed, n * p, 5 * sd + 1e-9) << what << ": n " << n << ", p " << p;
}

TEST(GeometricWait, GapIsGeometric) {
  constexpr int kDraws = 200'000;
  for (const double q : {0.003, 0.05, 0.4, 0.9}) {
    std::vector<int> at_least(12, 0);  // draws with gap >= k
    for (int i = 0; i < kDraws; ++i) {
      CounterRng rng(5, 0, static_cast<std::uint32_t>(i), Stream::kAdoption);
      const Tick gap = GeometricGap(q, rng.NextU32());
      for (Tick k = 0; k < at_least.size(); ++k) at_least[k] += gap >= k;
    }
    EXPECT_EQ(at_least[0], kDraws);
    for (Tick k = 1; k < at_least.size(); ++k)
      ExpectBinomial(at_least[k], kDraws, std::pow(1 - q, k), "gap >= k");
  }
}

TEST(GeometricWait, CertainAndImpossibleEvents) {
  EXPECT_EQ(GeometricGap(1.0, 0), 0u);
  EXPECT_EQ(GeometricGap(1.0, 0xFFFFFFFFu), 0u);
  EXPECT_EQ(GeometricGap(0.0, 12345), kNever);
  EXPECT_EQ(DueWord(7, 0), 8u);  // an event this tick
  EXPECT_EQ(DueWord(7, kNever), kNever);
  EXPECT_EQ(DueWord(kNever - 3, 5), kNever);  // saturates, never wraps
  EXPECT_DOUBLE_EQ(ExposureHazards::EventProbability(0.25f, 0.5f), 0.25 + 0.75 * 0.5);
}

// A hub seen once by all its followers at tick 0, then silent: from tick 1 on every follower
// still exposed lives only quiet ticks.
TEST(ExposureHazards, EngineKeepsThePerTickLaw) {
  constexpr AgentId kFollowers = 20'000;
  constexpr Tick kTicks = 30;
  Scenario s = testing::CertainScenario(kTicks, 0.0);  // nobody adopts on sight
  s.dynamics.adopt_without_exposure_per_hour = 3.0;
  s.dynamics.skepticism_per_hour = 6.0;
  s.dynamics.forgetting_per_hour = 1e4;  // the hub stops after its first post
  std::vector<Edge> edges;
  for (AgentId v = 1; v <= kFollowers; ++v) edges.push_back({0, v});
  World world = testing::MakeWorld(kFollowers + 1, edges, {0});
  world.population.literacy.assign(kFollowers + 1, 0.5f);
  Simulation sim(s, std::move(world));
  while (!sim.done()) sim.Step();

  const double hours = s.run.tick_seconds / 3600.0;
  const double a = 1 - std::exp(-3.0 * hours);
  const double doubt = 0.5 * (1 - std::exp(-6.0 * hours));
  const double q = a + (1 - a) * doubt;
  const TimeSeries& ts = sim.record().series;
  const std::size_t per_state = std::size_t{kNumAgentKinds} * ts.communities;
  const auto count = [&](Tick t, NarrativeState state) {
    const std::size_t base = (std::size_t{t} * ts.narratives * kNumNarrativeStates + static_cast<int>(state)) *
                             per_state;
    double total = 0;
    for (std::size_t i = 0; i < per_state; ++i) total += ts.state_counts[base + i];
    return total;
  };
  // Tick 0 is busy (the post is seen): doubt with probability s, no adoption.
  ExpectBinomial(count(0, NarrativeState::kExposed), kFollowers, 1 - doubt, "exposed after tick 0");
  for (const Tick t : {1u, 3u, 10u, kTicks - 1})
    ExpectBinomial(count(t, NarrativeState::kExposed), kFollowers, (1 - doubt) * std::pow(1 - q, t),
                   "still exposed");
  // Of those who left in quiet ticks, a share a / q adopted (adopters then forget: stiflers,
  // besides the hub).
  const Tick last = kTicks - 1;
  const double left_quietly = (1 - doubt) * (1 - std::pow(1 - q, last));
  const double adopted = count(last, NarrativeState::kSpreader) + count(last, NarrativeState::kStifler) - 1;
  ExpectBinomial(adopted, kFollowers, left_quietly * a / q, "adopted without a new exposure");
}

// A transparency update at tick 1 that no followed account posts: aware agents can only come
// across it in the news, and reading it is the only thing that moves their trust.
TEST(GeometricWait, StatementsReachAwareAgentsThroughTheNewsAtTheirRate) {
  constexpr AgentId kFollowers = 20'000;
  constexpr Tick kTicks = 40;
  Scenario s = testing::CertainScenario(kTicks, 0.0);  // followers stay exposed, so aware
  s.dynamics.statement_reach = 0.6;
  s.dynamics.trust_erosion_per_hour = 0.0;
  for (auto& traits : s.population.traits) traits.trust_mean = 0.0;  // nothing to recover to
  s.playbooks = {{"update", {{.type = ActionType::kTransparencyUpdate, .at = 1}}}};
  std::vector<Edge> edges;
  for (AgentId v = 1; v <= kFollowers; ++v) edges.push_back({0, v});
  Simulation sim(s, testing::MakeWorld(kFollowers + 1, edges, {0}));
  while (!sim.done()) sim.Step();

  double read = 0;
  for (AgentId v = 1; v <= kFollowers; ++v) read += sim.population().trust[v] != 0.5f;
  const double p = 1 - std::pow(1 - 0.6, s.run.tick_seconds / 3600.0);
  // The statement is out from tick 1: ticks 1 .. kTicks - 1 each give a chance.
  ExpectBinomial(read, kFollowers, 1 - std::pow(1 - p, kTicks - 1), "read in the news");
}

}  // namespace
}  // namespace firestorm
