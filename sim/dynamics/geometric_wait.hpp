// The wait to the next success of a Bernoulli(q) sequence, one per tick: how the engine skips
// the ticks in which a constant per-tick chance does not come up (exposure_hazards.hpp, the
// statement read in the news) with one draw instead of one per tick.
#pragma once

#include <cmath>
#include <cstdint>

#include "sim/core/types.hpp"

namespace firestorm {

// Failures before the first success (>= 0), Geometric(q): P(gap >= k) = (1 - q)^k, from 32
// random bits. kNever when q is 0.
inline Tick GeometricGap(double q, std::uint32_t word) {
  if (!(q > 0)) return kNever;
  if (q >= 1) return 0;
  const double uniform = (static_cast<double>(word) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
  const double gap = std::floor(std::log(uniform) / std::log1p(-q));
  return gap >= static_cast<double>(kNever - 1) ? kNever : static_cast<Tick>(gap);
}

// A success `gap` ticks after `now`, as stored: 1 + its tick, so that 0 (and any word not above
// the current tick) means "none drawn", and kNever means "none will come".
inline Tick DueWord(Tick now, Tick gap) {
  const std::uint64_t word = std::uint64_t{now} + gap + 1;
  return gap == kNever || word >= kNever ? kNever : static_cast<Tick>(word);
}

}  // namespace firestorm
