// SumMoments gives the integers of the definition, floor((offset + x) 2^20 + 0.5) in double,
// including at the halfway points and the ends of the range, and skips removed agents.
#include "sim/dynamics/column_moments.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/core/rng.hpp"

namespace firestorm {
namespace {

ColumnMoments Reference(const std::vector<float>& x, const std::vector<std::uint8_t>& removed, float offset) {
  ColumnMoments m;
  for (std::size_t j = 0; j < x.size(); ++j) {
    if (removed[j]) continue;
    const auto f = static_cast<std::uint64_t>(std::floor(static_cast<double>(x[j] + offset) * kMomentScale + 0.5));
    m.sum += f;
    m.sum_sq += f * f;
  }
  return m;
}

void ExpectSame(const std::vector<float>& x, const std::vector<std::uint8_t>& removed, float offset) {
  const ColumnMoments got = SumMoments(x.data(), removed.data(), x.size(), offset);
  const ColumnMoments want = Reference(x, removed, offset);
  EXPECT_EQ(got.sum, want.sum);
  EXPECT_EQ(got.sum_sq, want.sum_sq);
}

TEST(ColumnMoments, RoundsHalfUpLikeTheDefinition) {
  // Each value alone, so that a wrong rounding cannot hide in a sum.
  std::vector<float> cases = {0.0f, -0.0f, 1.0f, 2.0f, std::nextafter(1.0f, 0.0f), std::nextafter(2.0f, 0.0f),
                              std::nextafter(0.0f, 1.0f), 1e-7f, 0.5f};
  // Halfway points k + 1/2 (in units of 2^-20) and their neighbours, across the range.
  for (double k : {0.0, 1.0, 12345.0, 1048575.0, 1048576.0, 2097150.0}) {
    const auto half = static_cast<float>((k + 0.5) / kMomentScale);
    cases.insert(cases.end(), {half, std::nextafter(half, 0.0f), std::nextafter(half, 3.0f)});
  }
  for (const float x : cases) {
    for (const float offset : {0.0f, 1.0f}) {
      if (x + offset > 2.0f) continue;
      SCOPED_TRACE(testing::Message() << "x = " << x << ", offset = " << offset);
      ExpectSame({x}, {0}, offset);
    }
  }
}

TEST(ColumnMoments, MatchesTheDefinitionOnRandomBlocks) {
  CounterRng rng(7, 0, 0, Stream::kGraph);
  for (int block = 0; block < 200; ++block) {
    const std::size_t n = 1 + rng.Below(2048);
    std::vector<float> x(n), opinion(n);
    std::vector<std::uint8_t> removed(n);
    for (std::size_t j = 0; j < n; ++j) {
      x[j] = rng.Uniform01();
      opinion[j] = 2.0f * rng.Uniform01() - 1.0f;
      removed[j] = rng.Uniform01() < 0.1f;
    }
    ExpectSame(x, removed, 0.0f);
    ExpectSame(opinion, removed, 1.0f);
  }
}

TEST(ColumnMoments, SkipsRemovedAgents) {
  const std::vector<float> x = {1.0f, 0.5f, 0.25f};
  const std::vector<std::uint8_t> removed = {0, 1, 2};  // any non-zero byte means removed
  const ColumnMoments m = SumMoments(x.data(), removed.data(), x.size(), 0.0f);
  EXPECT_EQ(m.sum, std::uint64_t{1} << 20);
  EXPECT_EQ(m.sum_sq, std::uint64_t{1} << 40);
}

TEST(ColumnMoments, LargestBlockOfLargestValuesFitsSixtyFourBits) {
  const std::size_t n = std::size_t{1} << 21;
  const std::vector<float> x(n, 2.0f);
  const std::vector<std::uint8_t> removed(n, 0);
  const ColumnMoments m = SumMoments(x.data(), removed.data(), n, 0.0f);
  EXPECT_EQ(m.sum, std::uint64_t{n} << 21);
  EXPECT_EQ(m.sum_sq, std::uint64_t{n} << 42);  // 2^63
}

}  // namespace
}  // namespace firestorm
