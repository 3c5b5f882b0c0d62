#include "sim/core/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

namespace firestorm {
namespace {

TEST(CounterRng, IsAPureFunctionOfItsKey) {
  CounterRng a(7, 3, 5, Stream::kAdoption), b(7, 3, 5, Stream::kAdoption);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.NextU32(), b.NextU32());
}

TEST(CounterRng, DifferentKeysGiveDifferentStreams) {
  std::set<std::uint32_t> first;
  first.insert(CounterRng(7, 3, 5, Stream::kAdoption).NextU32());
  first.insert(CounterRng(8, 3, 5, Stream::kAdoption).NextU32());
  first.insert(CounterRng(7, 4, 5, Stream::kAdoption).NextU32());
  first.insert(CounterRng(7, 3, 6, Stream::kAdoption).NextU32());
  first.insert(CounterRng(7, 3, 5, Stream::kPosting).NextU32());
  first.insert(CounterRng(7, 3, 5, Stream::kAdoption, 1).NextU32());
  EXPECT_EQ(first.size(), 6u);
}

TEST(CounterRng, UniformHasTheMomentsOfU01) {
  // Mean 1/2 and variance 1/12; with 10^5 draws the standard error of the mean is
  // sqrt(1/12/1e5) = 9.1e-4, so 5 standard errors is 4.6e-3.
  CounterRng rng(1, 0, 0, Stream::kGraph);
  constexpr int kDraws = 100'000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.Uniform01();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / kDraws;
  EXPECT_NEAR(mean, 0.5, 4.6e-3);
  EXPECT_NEAR(sum_sq / kDraws - mean * mean, 1.0 / 12, 2e-3);
}

TEST(CounterRng, BelowStaysInRangeAndCoversIt) {
  CounterRng rng(1, 0, 0, Stream::kGraph);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto x = rng.Below(10);
    ASSERT_LT(x, 10u);
    seen.insert(x);
  }
  EXPECT_EQ(seen.size(), 10u);
}

TEST(CounterRng, NormalHasUnitVariance) {
  // Standard error of the variance estimate with 10^5 draws is sqrt(2/1e5) = 4.5e-3.
  CounterRng rng(3, 0, 0, Stream::kGraph);
  constexpr int kDraws = 100'000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = rng.Normal();
    sum += z;
    sum_sq += z * z;
  }
  EXPECT_NEAR(sum / kDraws, 0.0, 5 * std::sqrt(1.0 / kDraws));
  EXPECT_NEAR(sum_sq / kDraws, 1.0, 5 * 4.5e-3);
}

// The published reference sequence of SplitMix64 from seed 0 (Vigna's splitmix64.c).
TEST(SplitMix64, MatchesTheReferenceSequence) {
  SplitMix64 g(0);
  EXPECT_EQ(g.Next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(g.Next(), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(g.Next(), 0x06C45D188009454Full);
}

// Seeded from a keyed stream, it follows the key: the same block gives the same draws,
// another block other draws.
TEST(SplitMix64, SeededFromABlockOfAKeyedStream) {
  auto first_draw = [](std::uint32_t block) {
    CounterRng keyed(7, 3, 11, Stream::kDelivery, 2);
    keyed.Seek(block);
    return SplitMix64(keyed).Next();
  };
  EXPECT_EQ(first_draw(5), first_draw(5));
  EXPECT_NE(first_draw(5), first_draw(6));
  CounterRng fresh(7, 3, 11, Stream::kDelivery, 2);
  EXPECT_EQ(SplitMix64(fresh).Next(), first_draw(0));  // Seek(0) is the stream's start
}

}  // namespace
}  // namespace firestorm
