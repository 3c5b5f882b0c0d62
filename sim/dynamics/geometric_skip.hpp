// Geometric skips for push delivery: how many followers a post passes over before the next
// one who sees it, when each sees it independently with probability p.
//
// Law: G = floor(log(u) / log(q)), q = 1 - p, u = (w + 1) / 2^32 from a 32-bit word w, so
// P(G >= g) = P(u <= q^g) = q^g (to 2^-32): G >= g exactly when w + 1 <= floor(q^g 2^32).
// Instead of a logarithm per seen follower, Skip() looks up the thresholds floor(q^g 2^32)
// through a guide table on the top byte of w (Chen & Asau 1974): the table gives the
// smallest G of the word's bin, and a step or two up the thresholds finish it. Words in the
// lowest bin (u < 2^-8, the long skips) and values of p whose thresholds would not fit the
// table take the logarithm. Both paths compute the same G.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace firestorm {

class GeometricSkip {
 public:
  static constexpr std::size_t kMaxThresholds = 128;

  GeometricSkip() = default;
  // p in (0, 1): the probability that one follower sees the post.
  explicit GeometricSkip(double p) : inv_log_q_(1.0 / std::log1p(-p)) {
    // Thresholds down to the top of the lowest bin (2^24) must fit in the table.
    std::size_t count = 0;
    for (double t = 4294967296.0; count < kMaxThresholds; ++count) {
      threshold_[count] = static_cast<std::uint64_t>(t);
      if (threshold_[count] < kBinWidth) break;
      t = std::ldexp(std::pow(1.0 - p, static_cast<double>(count + 1)), 32);
    }
    if (count == kMaxThresholds) return;  // p too small: the logarithm for every word
    count_ = count + 1;
    for (std::size_t bin = 1; bin < kBins; ++bin) {
      // The largest word of the bin has the smallest G of the bin.
      const std::uint64_t top = (bin + 1) * kBinWidth;  // w + 1 for w = top of the bin
      std::uint8_t g = 0;
      while (g + 1 < count_ && top <= threshold_[g + 1]) ++g;
      guide_[bin] = g;
    }
    tabled_ = true;
  }

  // G for the 32-bit word w.
  std::uint64_t Skip(std::uint32_t w) const {
    const std::uint32_t bin = w >> 24;
    if (!tabled_ || bin == 0) return Logarithm(w);
    const std::uint64_t w1 = std::uint64_t{w} + 1;
    std::size_t g = guide_[bin];
    // A bin holds at most one threshold except among the smallest words (where the steps
    // q^g p between thresholds are narrower than a bin), so one step is taken without a
    // branch (whether it is needed varies from word to word, and a branch on it mispredicted
    // often), and the loop for the rest almost never runs.
    g += w1 <= threshold_[g + 1];
    while (w1 <= threshold_[g + 1]) ++g;  // threshold_[count_ - 1] < 2^24 < w1 stops it
    return g;
  }

  // The same G by the closed form (also the reference the tests compare Skip with).
  std::uint64_t Logarithm(std::uint32_t w) const {
    const double uniform = (static_cast<double>(w) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
    const double g = std::floor(std::log(uniform) * inv_log_q_);
    return g >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(g);
  }

 private:
  static constexpr std::size_t kBins = 256;
  static constexpr std::uint64_t kBinWidth = std::uint64_t{1} << 24;

  double inv_log_q_ = 0;
  bool tabled_ = false;
  std::uint8_t count_ = 0;
  std::array<std::uint8_t, kBins> guide_{};
  std::array<std::uint64_t, kMaxThresholds> threshold_{};
};

}  // namespace firestorm
