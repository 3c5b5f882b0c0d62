// The per-tick means and standard deviations of outrage, trust and opinion are computed from
// exact integer sums, so that they do not depend on how agents are split between threads:
// each value is rounded to a multiple of 2^-20 and the integers are summed.
//
// SumMoments adds one column over a block of agents after the block is updated. The values
// are at most 2 (opinion + 1), so each rounded value is at most 2^21 and its square 2^42: a
// block of up to 2^21 agents sums its squares in one 64-bit word. The rounding (half up)
// stays in 32-bit float lanes, which the compiler vectorizes, and gives the same integers as
// floor((offset + x) 2^20 + 0.5) in double: scaling by a power of two is exact in float, and
// so is the fraction y - trunc(y).
#pragma once

#include <cstddef>
#include <cstdint>

namespace firestorm {

inline constexpr double kMomentScale = 1 << 20;

struct ColumnMoments {
  std::uint64_t sum = 0;
  std::uint64_t sum_sq = 0;
};

// Sums round((offset + x[j]) kMomentScale) and its square over the j < n with removed[j] == 0.
// Expects 0 <= offset + x[j] <= 2 and n <= 2^21.
inline ColumnMoments SumMoments(const float* x, const std::uint8_t* removed, std::size_t n,
                                float offset) {
  ColumnMoments m;
  for (std::size_t j = 0; j < n; ++j) {
    const float y = (x[j] + offset) * static_cast<float>(kMomentScale);
    const auto whole = static_cast<std::int32_t>(y);
    const std::uint32_t rounded = static_cast<std::uint32_t>(whole) + (y - static_cast<float>(whole) >= 0.5f);
    // A mask, not a branch, so that the loop vectorizes.
    const std::uint32_t f = rounded & (0u - static_cast<std::uint32_t>(removed[j] == 0));
    m.sum += f;
    m.sum_sq += std::uint64_t{f} * f;
  }
  return m;
}

}  // namespace firestorm
