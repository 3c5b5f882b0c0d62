// The table path of GeometricSkip gives the closed form's skip, and its skips follow the
// geometric law.
#include "sim/dynamics/geometric_skip.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

// The definition itself: the largest g with w + 1 <= floor(q^g 2^32), in long double.
std::uint64_t ReferenceSkip(double p, std::uint32_t w) {
  std::uint64_t g = 0;
  while (std::uint64_t{w} + 1 <= static_cast<std::uint64_t>(
                                     std::ldexp(std::pow(1.0L - p, static_cast<long double>(g + 1)), 32)))
    ++g;
  return g;
}

// On the bin edges (where the guide table switches) the table gives the definition's skip.
// On random words it agrees with the closed form floor(log(u) / log(q)), which can be one
// lower only where w + 1 is within rounding of a threshold: at most a few words.
TEST(GeometricSkip, TableAgreesWithTheDefinitionAndTheLogarithm) {
  for (double p : {0.9, 0.5, 0.22, 0.1, 0.05, 0.045}) {
    const GeometricSkip skip(p);
    for (std::uint64_t bin = 1; bin < 256; ++bin)
      for (std::uint64_t offset : {0ull, 1ull, (1ull << 24) - 2, (1ull << 24) - 1}) {
        const auto w = static_cast<std::uint32_t>((bin << 24) + offset);
        ASSERT_EQ(skip.Skip(w), ReferenceSkip(p, w)) << "p " << p << " w " << w;
      }
    std::uint64_t differ = 0;
    CounterRng rng(7, 0, 0, Stream::kDelivery);
    for (int i = 0; i < 200'000; ++i) {
      const std::uint32_t w = rng.NextU32();
      const std::uint64_t a = skip.Skip(w), b = skip.Logarithm(w);
      ASSERT_LE(a > b ? a - b : b - a, 1u) << "p " << p << " w " << w;
      differ += a != b;
    }
    EXPECT_LE(differ, 2u) << "p " << p << ": " << differ << " of 200000 words differ";
  }
}

// Exact threshold words: w + 1 = floor(q^g 2^32) is the largest word with skip >= g.
TEST(GeometricSkip, ThresholdWordsFallOnBothSidesOfEachStep) {
  const double p = 0.22;
  const GeometricSkip skip(p);
  for (int g = 1; g < 20; ++g) {
    const auto t = static_cast<std::uint64_t>(std::ldexp(std::pow(1.0 - p, g), 32));
    if (t < (1ull << 24)) break;  // the lowest bin takes the logarithm
    EXPECT_GE(skip.Skip(static_cast<std::uint32_t>(t - 1)), static_cast<std::uint64_t>(g)) << g;
    EXPECT_LT(skip.Skip(static_cast<std::uint32_t>(t)), static_cast<std::uint64_t>(g)) << g;
  }
}

// Chi-square of 10^6 skips against P(G = g) = p q^g, pooling the tail from g = 30 on. With
// 30 degrees of freedom the 0.999 quantile is 59.7; the seed is fixed.
TEST(GeometricSkip, SkipsFollowTheGeometricLaw) {
  const double p = 0.22, q = 1 - p;
  const GeometricSkip skip(p);
  constexpr int kCells = 31;
  std::vector<double> observed(kCells, 0);
  CounterRng rng(11, 0, 0, Stream::kDelivery);
  constexpr int kDraws = 1'000'000;
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t g = skip.Skip(rng.NextU32());
    observed[g < kCells - 1 ? g : kCells - 1] += 1;
  }
  double chi2 = 0;
  for (int g = 0; g < kCells; ++g) {
    const double prob = g < kCells - 1 ? p * std::pow(q, g) : std::pow(q, kCells - 1);
    const double expected = prob * kDraws;
    chi2 += (observed[g] - expected) * (observed[g] - expected) / expected;
  }
  EXPECT_LT(chi2, 59.7);
}

// Small p: the thresholds would not fit; every word takes the logarithm.
TEST(GeometricSkip, SmallProbabilitiesUseTheLogarithm) {
  const GeometricSkip skip(0.001);
  CounterRng rng(3, 0, 0, Stream::kDelivery);
  for (int i = 0; i < 10'000; ++i) {
    const std::uint32_t w = rng.NextU32();
    EXPECT_EQ(skip.Skip(w), skip.Logarithm(w));
  }
}

}  // namespace
}  // namespace firestorm
