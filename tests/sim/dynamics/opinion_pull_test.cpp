// The inline, branch-free rounding of an opinion pull must equal std::lround exactly: the
// summed pulls move opinions, so a difference in one ulp would change a run's output.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/dynamics/engine_state.hpp"

namespace firestorm {
namespace {

std::int32_t Reference(float diff) { return static_cast<std::int32_t>(std::lround(diff * kOpinionScale)); }

TEST(OpinionPull, EqualsLroundOnHalvesTheirNeighboursAndTinyValues) {
  // Differences of two opinions lie in [-2, 2]. Halfway cases (k + 0.5) / 4096 and the floats
  // either side of them are where a rounding shortcut goes wrong.
  for (int k = -8192; k <= 8192; ++k) {
    const float half = static_cast<float>((k + 0.5) / kOpinionScale);
    for (const float d : {half, std::nextafter(half, -3.0f), std::nextafter(half, 3.0f),
                          static_cast<float>(k / kOpinionScale)})
      ASSERT_EQ(OpinionPull(d), Reference(d)) << "diff " << d;
  }
  for (const float d : {0.0f, -0.0f, 1e-30f, -1e-30f, 1e-45f, std::ldexp(1.0f, -13), -std::ldexp(1.0f, -13),
                        std::nextafter(std::ldexp(1.0f, -13), 0.0f), 2.0f, -2.0f})
    EXPECT_EQ(OpinionPull(d), Reference(d)) << "diff " << d;
}

TEST(OpinionPull, EqualsLroundOnEveryFloatOfEachBinade) {
  // A few million floats spread over every exponent from 2^-40 to 2: all mantissas' low bits.
  CounterRng rng(7, 0, 0, Stream::kPosting, 0);
  for (int exponent = -40; exponent <= 1; ++exponent)
    for (int i = 0; i < 50000; ++i) {
      const std::uint32_t mantissa = rng.NextU32() & 0x7FFFFFu;
      const std::uint32_t sign = (rng.NextU32() & 1u) << 31;
      const auto d = std::bit_cast<float>(sign | std::uint32_t(exponent + 127) << 23 | mantissa);
      ASSERT_EQ(OpinionPull(d), Reference(d)) << "diff " << d;
    }
}

}  // namespace
}  // namespace firestorm
