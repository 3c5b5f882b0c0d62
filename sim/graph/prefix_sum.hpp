// Parallel exclusive prefix sum, the step that turns per-row counts into CSR offsets.
//
// tbb::parallel_scan runs a pre-scan and a final scan over blocks; integer addition is
// associative, so the result is exact and the same for any thread count.
#pragma once

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_scan.h>

#include <cstddef>
#include <span>

#include "sim/core/types.hpp"

namespace firestorm {

// offsets[0] = 0 and offsets[i + 1] = counts[0] + ... + counts[i]; returns the total.
// offsets must have counts.size() + 1 entries and may not alias counts.
inline EdgeIndex ExclusivePrefixSum(std::span<const EdgeIndex> counts,
                                    std::span<EdgeIndex> offsets) {
  offsets[0] = 0;
  constexpr std::size_t kGrain = 1 << 14;
  return tbb::parallel_scan(
      tbb::blocked_range<std::size_t>(0, counts.size(), kGrain), EdgeIndex{0},
      [&](const tbb::blocked_range<std::size_t>& r, EdgeIndex sum, bool is_final) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          sum += counts[i];
          if (is_final) offsets[i + 1] = sum;
        }
        return sum;
      },
      [](EdgeIndex left, EdgeIndex right) { return left + right; });
}

}  // namespace firestorm
