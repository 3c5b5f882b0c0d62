// Keyed random words for the classic models: every draw is one Philox4x32-10 block whose
// counter is (a, b, purpose, c), typically (agent, edge block or 0, purpose, tick), under the
// run's seed as key. A draw is therefore a pure function of what it decides, never of the
// thread or the order of work, as in the crisis engine (sim/core/rng.hpp, docs/model.md).
//
// The purpose word carries kClassicStreamTag in its high byte, above every value of the core
// Stream enum (1..13), so classic draws never reuse a counter of the crisis engine or of the
// graph generators; its second byte is the ClassicDraw.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

#include "sim/core/types.hpp"

namespace firestorm::classic {

inline constexpr std::uint32_t kClassicStreamTag = 0x40;

enum class ClassicDraw : std::uint32_t {
  kSeeds = 1,     // (index of the pick, 0, 0): initial infected
  kTransmission,  // SIR/SI/IC: (source, edge rank / 4, 0): one word per edge, whole run
  kRecovery,      // SIR: (agent, 0, 0): infectious period
  kStepEdge,      // SIS: (source, edge rank / 4, tick): one word per edge and tick
  kStepAgent,     // SIS, SEIZ, voter, Deffuant, rumors: (agent, 0, tick)
  kThreshold,     // LT: (agent, 0, 0)
  kInitialState,  // opinions at tick 0: (agent, 0, 0)
  kSkepticSeeds,  // SEIZ: (index of the pick, 0, 0)
};

using Words = std::array<std::uint32_t, 4>;

inline Words Draw(std::uint64_t seed, ClassicDraw draw, std::uint32_t a, std::uint32_t b,
                  std::uint32_t c) {
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type ctr = {
      {a, b, (kClassicStreamTag << 24) | (static_cast<std::uint32_t>(draw) << 16), c}};
  const r123::Philox4x32::ctr_type out = r123::Philox4x32{}(ctr, key);
  return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

// Uniform in (0, 1): never exactly 0 or 1, so logarithms are finite.
inline double Open01(std::uint32_t word) { return (word + 0.5) * (1.0 / 4294967296.0); }
// Bernoulli(p) with 32-bit resolution; exact for p = 0 and p = 1.
inline bool Coin(std::uint32_t word, double p) { return Open01(word) < p; }
// Uniform integer in [0, n) from two words (Lemire's multiply-shift; bias < n / 2^64).
inline std::uint64_t Below(std::uint32_t hi, std::uint32_t lo, std::uint64_t n) {
  const std::uint64_t x = (static_cast<std::uint64_t>(hi) << 32) | lo;
  return static_cast<std::uint64_t>((static_cast<UInt128>(x) * n) >> 64);
}

// Number of trials up to and including the first success, for success probability p per
// trial: P(T > k) = (1 - p)^k. log_q = log(1 - p); p = 1 gives 1; p = 0 gives kNever.
inline Tick Geometric(std::uint32_t word, double p, double log_q) {
  if (p >= 1.0) return 1;
  if (p <= 0.0) return kNever;
  const double t = std::ceil(std::log(Open01(word)) / log_q);
  return t >= static_cast<double>(kNever) ? kNever : std::max<Tick>(1, static_cast<Tick>(t));
}

}  // namespace firestorm::classic
