#include "sim/cli/random_read_bound.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>

#include "sim/graph/huge_array.hpp"

namespace firestorm::cli {

double MeasureRandomReadsPerSecond(int repeats) {
  constexpr std::size_t kWords = std::size_t{1} << 29;  // 2 GiB of uint32
  constexpr std::size_t kReads = std::size_t{1} << 26;
  // Huge pages, as the engine's big arrays: the bound without TLB misses, the stricter one.
  HugeArray<std::uint32_t> table(kWords);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kWords, 1 << 20),
                    [&](const tbb::blocked_range<std::size_t>& r) {
    std::fill(table.data() + r.begin(), table.data() + r.end(), 1u);  // commit every page
  });
  double best = 0;
  for (int pass = 0; pass < repeats; ++pass) {
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t sum = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, kReads, 1 << 16), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t acc) {
          std::uint64_t x = (r.begin() + 1) * 0x9E3779B97F4A7C15ull;
          for (std::size_t i = r.begin(); i != r.end(); ++i) {
            x ^= x << 13;  // xorshift: the next address does not depend on the value read
            x ^= x >> 7;
            x ^= x << 17;
            acc += table[x & (kWords - 1)];
          }
          return acc;
        },
        std::plus<>());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sum != kReads) return 0;  // every word is 1: also keeps the reads from being optimised out
    best = std::max(best, static_cast<double>(kReads) / seconds);
  }
  return best;
}

}  // namespace firestorm::cli
