// The acceptance checks of the playbooks: on the shipped scenarios, at reduced size, over
// replicates with common random numbers. Every margin is a number of standard errors of
// the replicates' paired differences, never a fixed figure.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <boost/math/distributions/fisher_f.hpp>
#include <cmath>
#include <numeric>

#include "analysis/ensemble/sweep.hpp"
#include "sim/io/config_yaml.hpp"

namespace firestorm {
namespace {

std::string Scenario(const std::string& name) {
  return std::string(FIRESTORM_SOURCE_DIR) + "/scenarios/" + name;
}

// Per-replicate values of one metric for one variant of a sweep.
std::vector<double> Values(const SweepTable& t, std::size_t variant, const std::string& metric) {
  const std::size_t m_count = t.metric_names.size();
  const auto m = static_cast<std::size_t>(
      std::find(t.metric_names.begin(), t.metric_names.end(), metric) - t.metric_names.begin());
  std::vector<double> out;
  for (std::size_t r = 0; r < t.replicates; ++r) out.push_back(t.values[(variant * t.replicates + r) * m_count + m]);
  return out;
}

struct Paired {
  double mean, se;
};
Paired Difference(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  const double mean = std::accumulate(d.begin(), d.end(), 0.0) / n;
  double ss = 0;
  for (double x : d) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / (n - 1) / n)};
}

double Variance(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return ss / (n - 1);
}

class AirlineDelaySweep : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SweepOptions o;
    o.replicates = 20;
    o.agents = 4000;
    o.strategies = {"ack_0m", "ack_15m", "ack_1h", "ack_4h", "ack_12h", "silence", "defend_30m"};
    table_ = new SweepTable(RunSweep(LoadScenario(Scenario("airline_passenger.yaml")), o));
  }
  static void TearDownTestSuite() { delete table_; }
  static SweepTable* table_;
};
SweepTable* AirlineDelaySweep::table_ = nullptr;

// Later acknowledgement never helps (each step may be a tie within 2 standard errors) and,
// across the range, clearly hurts (more than 3 standard errors).
void ExpectWorseningWithDelay(const SweepTable& t, const std::string& metric, double sign) {
  for (std::size_t v = 0; v + 1 < 6; ++v) {
    const Paired d = Difference(Values(t, v + 1, metric), Values(t, v, metric));
    EXPECT_GT(sign * d.mean, -2 * d.se) << metric << ": " << t.variant_names[v + 1] << " vs " << t.variant_names[v];
  }
  const Paired overall = Difference(Values(t, 5, metric), Values(t, 0, metric));
  EXPECT_GT(sign * overall.mean, 3 * overall.se) << metric << ": never vs immediately";
  const Paired mid = Difference(Values(t, 4, metric), Values(t, 1, metric));
  EXPECT_GT(sign * mid.mean, 3 * mid.se) << metric << ": 12h vs 15m";
}

TEST_F(AirlineDelaySweep, PeakOutrageGrowsWithAcknowledgementDelay) {
  ExpectWorseningWithDelay(*table_, "peak_outrage", +1);
}

TEST_F(AirlineDelaySweep, FinalTrustFallsWithAcknowledgementDelay) {
  ExpectWorseningWithDelay(*table_, "final_trust", -1);
}

TEST_F(AirlineDelaySweep, DefensiveReplyIsWorseThanSilenceInTheFirstHours) {
  // Mean outrage 4 hours in (after the 30-minute defensive reply), paired by replicate.
  const SweepTable& t = *table_;
  const std::size_t ticks = t.outrage_mean.size() / (t.variant_names.size() * t.replicates);
  const auto at = static_cast<std::size_t>(4 * 3600 / t.tick_seconds) - 1;
  ASSERT_LT(at, ticks);
  std::vector<double> defend, silence;
  for (std::size_t r = 0; r < t.replicates; ++r) {
    defend.push_back(t.outrage_mean[(6 * t.replicates + r) * ticks + at]);
    silence.push_back(t.outrage_mean[(5 * t.replicates + r) * ticks + at]);
  }
  const Paired d = Difference(defend, silence);
  EXPECT_GT(d.mean, 3 * d.se) << "defend - silence at 4h: " << d.mean << " se " << d.se;
}

TEST(ClosedGroups, ForwardLimitLowersTheRumorsReach) {
  SweepOptions o;
  o.replicates = 12;
  o.agents = 5000;
  o.strategies = {"nothing", "forward_limit"};
  const SweepTable t = RunSweep(LoadScenario(Scenario("health_rumor_closed_groups.yaml")), o);
  const Paired d = Difference(Values(t, 1, "reach_share"), Values(t, 0, "reach_share"));
  EXPECT_LT(d.mean, -3 * d.se) << "reach with limit - without: " << d.mean << " se " << d.se;
}

TEST(CommonRandomNumbers, ShrinkTheVarianceOfStrategyDifferences) {
  // Var(A - B) with shared seeds against independent seeds, compared by an F-test at the
  // 1% level: with CRN the positive correlation between A and B removes most of the noise.
  SweepOptions o;
  o.replicates = 20;
  o.agents = 3000;
  o.ticks = 360;
  o.strategies = {"ack_15m", "ack_1h"};
  const auto scenario = LoadScenario(Scenario("airline_passenger.yaml"));
  auto diffs = [&](bool common) {
    o.common_random_numbers = common;
    const SweepTable t = RunSweep(scenario, o);
    const auto a = Values(t, 0, "peak_outrage"), b = Values(t, 1, "peak_outrage");
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
    return d;
  };
  const double shared = Variance(diffs(true)), independent = Variance(diffs(false));
  const double critical = boost::math::quantile(boost::math::fisher_f(19, 19), 0.99);
  EXPECT_GT(independent / shared, critical) << "shared " << shared << " independent " << independent;
}

TEST(Sweep, IsIdenticalForAnyThreadCount) {
  SweepOptions o;
  o.replicates = 3;
  o.agents = 2000;
  o.ticks = 120;
  o.strategies = {"ack_0m", "silence"};
  const auto scenario = LoadScenario(Scenario("airline_passenger.yaml"));
  auto run = [&](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return RunSweep(scenario, o);
  };
  const SweepTable one = run(1), four = run(4);
  // Bytes, not values: some metrics are NaN ("not available"), and NaN != NaN.
  auto bytes = [](const auto& v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  EXPECT_EQ(bytes(one.values), bytes(four.values));
  EXPECT_EQ(bytes(one.outrage_mean), bytes(four.outrage_mean));
  EXPECT_EQ(bytes(one.spreaders), bytes(four.spreaders));
  EXPECT_FALSE(one.values.empty());
}

TEST(MeanInterval, MatchesStudentAndWilson) {
  // Student: mean 2, sd 1, n 4: half-width t(0.975, 3) * 1 / 2 = 3.182446 / 2.
  const Interval t = MeanInterval({1, 2, 2, 3});
  const double sd = std::sqrt(2.0 / 3.0);
  EXPECT_NEAR(t.high - t.mean, 3.182446305 * sd / 2, 1e-6);
  // Wilson for 0 successes out of 10: [0, z^2/(n+z^2)] = [0, 0.2775].
  const Interval w = MeanInterval(std::vector<double>(10, 0.0), /*proportion=*/true);
  EXPECT_EQ(w.low, 0.0);
  EXPECT_NEAR(w.high, 0.27753, 1e-4);
  // A metric that happens to be 0 in every replicate is not a proportion: no spread, no width.
  const Interval zero = MeanInterval(std::vector<double>(10, 0.0));
  EXPECT_EQ(zero.low, 0.0);
  EXPECT_EQ(zero.high, 0.0);
}

}  // namespace
}  // namespace firestorm
