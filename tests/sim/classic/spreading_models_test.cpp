// SIS, linear threshold and SEIZ: exact cases with probabilities 0 and 1, closed forms
// (the SIS endemic level on a complete graph, the linear-threshold activation probability),
// conservation and thread-count invariance.
#include "classic_test_util.hpp"

namespace firestorm {
namespace {

using namespace firestorm::testing;
using ::testing::ElementsAre;

ClassicRunResult RunWith(const GraphView& g, const ClassicModelSpec& spec,
                         std::vector<AgentId> initial, std::uint64_t seed = 1) {
  ClassicRunOptions options;
  options.initial_agents = std::move(initial);
  return RunClassicModel(spec, g, seed, options);
}

// ---- SIS ----

TEST(Sis, CertainRecoveryWithoutInfectionEndsAfterOneTick) {
  const CsrGraph g = Undirected(3, {{0, 1}, {1, 2}});
  ClassicModelSpec spec = Model(ClassicModelKind::kSis);
  spec.beta = 0;
  spec.gamma = 1;
  const ClassicRunResult r = RunWith(ViewOf(g), spec, {0, 2});
  EXPECT_THAT(r.compartments, ElementsAre("S", "I"));
  EXPECT_EQ(r.ticks, 1u);
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(r.Count(0, 1), 2u);
  EXPECT_EQ(r.Count(1, 1), 0u);
}

TEST(Sis, CertainInfectionAndRecoveryAlternates) {
  //   0 ── 1      beta = 1, gamma = 1: the infection hops back and forth forever
  const CsrGraph g = Undirected(2, {{0, 1}});
  ClassicModelSpec spec = Model(ClassicModelKind::kSis);
  spec.beta = 1;
  spec.gamma = 1;
  spec.max_ticks = 4;
  const ClassicRunResult r = RunWith(ViewOf(g), spec, {0});
  EXPECT_EQ(r.ticks, 4u);
  EXPECT_FALSE(r.finished);
  for (Tick t = 0; t <= 4; ++t) EXPECT_EQ(r.Count(t, 1), 1u) << t;
  EXPECT_THAT(r.final_state, ElementsAre(1, 0));  // at tick 4 the infection is back at agent 0
}

// Mean field on a complete graph of n agents: i' = i (1 - gamma) + (1 - i)(1 - (1 - beta)^(n i)).
// With R0 = n beta / gamma = 2 the endemic share is its fixed point (about 0.5). The time
// average over ticks 100..400 of one run has a standard error of about 0.005 (fluctuations of
// sd ~ 0.02 with a correlation time of ~ 5 ticks); we accept 0.03, which also covers the
// O(1/n) bias of the mean field.
TEST(SisEndemicLevel, CompleteGraphMatchesTheMeanFieldFixedPoint) {
  constexpr AgentId n = 1000;
  const CsrGraph g = CompleteGraph(n);
  ClassicModelSpec spec = Model(ClassicModelKind::kSis);
  spec.gamma = 0.2;
  spec.beta = 2 * spec.gamma / n;
  spec.initial_infected = 100;
  spec.max_ticks = 400;
  double i = 0.1;
  for (int k = 0; k < 10'000; ++k)
    i = i * (1 - spec.gamma) + (1 - i) * (1 - std::pow(1 - spec.beta, n * i));
  const ClassicRunResult r = RunClassicModel(spec, ViewOf(g), 3);
  ASSERT_EQ(r.ticks, 400u);
  double average = 0;
  for (Tick t = 100; t <= 400; ++t) average += double(r.Count(t, 1)) / n;
  average /= 301;
  RecordProperty("observed_average", std::to_string(average));
  RecordProperty("fixed_point", std::to_string(i));
  EXPECT_NEAR(average, i, 0.03) << "fixed point " << i;
}

TEST(Sis, SameRunForAnyThreadCount) {
  const StoredGraph g = BarabasiAlbertGraph(20'000, 3, 2);
  ClassicModelSpec spec = Model(ClassicModelKind::kSis);
  spec.max_ticks = 60;
  const ClassicRunResult one = WithThreads(1, [&] { return RunClassicModel(spec, g.view(), 4); });
  ExpectConserved(one, g.num_agents());
  EXPECT_GT(one.Count(60, 1), 0u);
  ExpectSameRun(one, WithThreads(4, [&] { return RunClassicModel(spec, g.view(), 4); }));
}

// ---- Linear threshold ----

TEST(LinearThreshold, AFollowerOfASingleActiveAccountActivatesAtOnce) {
  //   0 ──▶ 1, 2, 3 ──▶ 4      (each of 1..3 follows only 0: weight 1 >= any threshold;
  //                             4 follows only 3)
  const CsrGraph g = BuildFollowerGraph(5, std::vector<Edge>{{0, 1}, {0, 2}, {0, 3}, {3, 4}});
  const ClassicRunResult r = RunWith(ViewOf(g), Model(ClassicModelKind::kLinearThreshold), {0});
  EXPECT_THAT(r.compartments, ElementsAre("inactive", "active"));
  EXPECT_THAT(r.event_tick, ElementsAre(0, 1, 1, 1, 2));
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(r.ticks, 2u);
}

// Each of the 20 000 followers of agent 0 also follows agent 1, which stays inactive: with one
// of two followees active it activates iff its threshold is <= 1/2, probability 1/2. The share
// has sd 0.0035; we accept 5 sd.
TEST(LinearThreshold, ActivationProbabilityIsTheActiveWeight) {
  constexpr AgentId followers = 20'000;
  std::vector<Edge> edges;
  for (AgentId v = 2; v < followers + 2; ++v) {
    edges.push_back({0, v});
    edges.push_back({1, v});
  }
  const CsrGraph g = BuildFollowerGraph(followers + 2, edges);
  const ClassicRunResult r = RunWith(ViewOf(g), Model(ClassicModelKind::kLinearThreshold), {0});
  EXPECT_NEAR(double(r.Count(r.ticks, 1) - 1) / followers, 0.5, 5 * std::sqrt(0.25 / followers));
}

TEST(LinearThreshold, SameRunForAnyThreadCount) {
  const StoredGraph g = BarabasiAlbertGraph(20'000, 3, 2);
  ClassicModelSpec spec = Model(ClassicModelKind::kLinearThreshold);
  spec.initial_infected = 500;
  const ClassicRunResult one = WithThreads(1, [&] { return RunClassicModel(spec, g.view(), 4); });
  ExpectConserved(one, g.num_agents());
  ExpectSameRun(one, WithThreads(3, [&] { return RunClassicModel(spec, g.view(), 4); }));
}

// ---- SEIZ ----

TEST(Seiz, CertainAdoptionIsSi) {
  //   0 ── 1 ── 2 ── 3      beta = 1, p = 1: S -> I in the tick after a neighbour spreads
  const CsrGraph g = Undirected(4, {{0, 1}, {1, 2}, {2, 3}});
  ClassicModelSpec spec = Model(ClassicModelKind::kSeiz);
  spec.beta = 1;
  spec.adopt_probability = 1;
  const ClassicRunResult r = RunWith(ViewOf(g), spec, {0});
  EXPECT_THAT(r.compartments, ElementsAre("S", "E", "I", "Z"));
  EXPECT_THAT(r.event_tick, ElementsAre(0, 1, 2, 3));
  EXPECT_THAT(r.final_state, ElementsAre(2, 2, 2, 2));
  EXPECT_TRUE(r.finished);
}

TEST(Seiz, ExposedAgentsWaitWithoutSelfAdoptionAndAdoptWithIt) {
  //   0 ── 1 ── 2      beta = 1, p = 0: 1 becomes exposed; rho = 0
  const CsrGraph g = Undirected(3, {{0, 1}, {1, 2}});
  ClassicModelSpec spec = Model(ClassicModelKind::kSeiz);
  spec.beta = 1;
  spec.adopt_probability = 0;
  spec.exposed_contact = 0;
  spec.self_adoption = 0;
  const ClassicRunResult stuck = RunWith(ViewOf(g), spec, {0});
  EXPECT_THAT(stuck.final_state, ElementsAre(2, 1, 0));  // I, E, S: nothing can move
  EXPECT_TRUE(stuck.finished);
  EXPECT_EQ(stuck.ticks, 1u);
  spec.self_adoption = 1;  // exposed -> spreading one tick later, then 2 hears it
  const ClassicRunResult adopt = RunWith(ViewOf(g), spec, {0});
  EXPECT_THAT(adopt.final_state, ElementsAre(2, 2, 2));
  EXPECT_THAT(adopt.event_tick, ElementsAre(0, 1, 3));
}

TEST(Seiz, CertainSkepticsConvertEveryoneTheyReach) {
  const CsrGraph g = CompleteGraph(50);
  ClassicModelSpec spec = Model(ClassicModelKind::kSeiz);
  spec.initial_infected = 0;
  spec.initial_skeptics = 1;
  spec.skeptic_contact = 1;
  spec.skeptic_probability = 1;
  const ClassicRunResult r = RunClassicModel(spec, ViewOf(g), 2);
  EXPECT_EQ(r.Count(r.ticks, 3), 50u);
  EXPECT_EQ(r.ticks, 1u);
}

TEST(Seiz, SameRunForAnyThreadCount) {
  const StoredGraph g = BarabasiAlbertGraph(20'000, 3, 2);
  ClassicModelSpec spec = Model(ClassicModelKind::kSeiz);
  spec.beta = 0.2;
  spec.initial_skeptics = 10;
  const ClassicRunResult one = WithThreads(1, [&] { return RunClassicModel(spec, g.view(), 4); });
  ExpectConserved(one, g.num_agents());
  EXPECT_GT(one.Count(one.ticks, 2), 1000u);
  ExpectSameRun(one, WithThreads(2, [&] { return RunClassicModel(spec, g.view(), 4); }));
}

}  // namespace
}  // namespace firestorm
