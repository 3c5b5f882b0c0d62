// Counter-based random numbers: every draw is a pure function of
// (seed, tick, agent, stream, k), so results never depend on thread count or schedule.
//
// Random123's Philox4x32-10 (Salmon et al., SC'11) takes a 4x32-bit counter and a
// 2x32-bit key. The key holds the seed; the counter holds {tick, agent, stream, block}.
// One call yields four 32-bit words, handed out in order by Next().
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

#include "sim/core/types.hpp"

namespace firestorm {

// What a draw is for. A new purpose gets a new value; never reuse one.
enum class Stream : std::uint32_t {
  kGraph = 1,
  kPopulation,
  kPosting,
  kDelivery,
  kAdoption,
  kSkepticism,
  kStifling,
  kOutrage,
  kResponse,
  kInject,
  kParentPriority,
  kOpinion,
  kStatementReach,
  kPostingStart,  // a new spreader's first posting candidate
};

class CounterRng {
 public:
  // `stream_word` is the stream in the high byte and a free 24-bit sub-index below it
  // (a narrative id, an edge block, ...).
  CounterRng(std::uint64_t seed, std::uint32_t a, std::uint32_t b, Stream stream,
             std::uint32_t sub = 0)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}},
        ctr_{{a, b, (static_cast<std::uint32_t>(stream) << 24) ^ sub, 0}} {}

  // Jumps to block `block` of the stream (4 words each), so that the parts of one keyed task
  // (the segments of a post) each draw from a block of their own.
  void Seek(std::uint32_t block) {
    ctr_.v[3] = block;
    used_ = 4;
  }
  std::uint32_t NextU32() {
    if (used_ == 4) Refill();
    return block_.v[used_++];
  }
  // Uniform in [0, 1) with 24 bits of resolution (exactly representable as float).
  float Uniform01() { return static_cast<float>(NextU32() >> 8) * (1.0f / 16777216.0f); }
  // Uniform in [0, 1) with 53 bits, for sampling among very many items.
  double UniformDouble() {
    const std::uint64_t hi = NextU32() >> 5, lo = NextU32() >> 6;
    return static_cast<double>((hi << 26) | lo) * (1.0 / 9007199254740992.0);
  }
  // Uniform integer in [0, n) by Lemire's multiply-shift (bias < n / 2^64, negligible).
  std::uint64_t Below(std::uint64_t n) {
    const std::uint64_t x = (static_cast<std::uint64_t>(NextU32()) << 32) | NextU32();
    return static_cast<std::uint64_t>((static_cast<UInt128>(x) * n) >> 64);
  }
  bool Bernoulli(float p) { return Uniform01() < p; }
  // Standard normal by Box-Muller (uses two words).
  double Normal() {
    const double u1 = (static_cast<double>(NextU32()) + 1.0) * (1.0 / 4294967297.0);
    const double u2 = static_cast<double>(NextU32()) * (1.0 / 4294967296.0);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  void Refill() {
    block_ = r123::Philox4x32{}(ctr_, key_);
    ++ctr_.v[3];
    used_ = 0;
  }
  r123::Philox4x32::key_type key_;
  r123::Philox4x32::ctr_type ctr_;
  r123::Philox4x32::ctr_type block_{};
  unsigned used_ = 4;
};

// A fast generator for a long run of draws inside one keyed task (the skips of one post through
// a segment of its follower list): SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), seeded with
// 64 bits of the task's CounterRng. One add and two multiply-xorshift rounds per 64-bit word
// instead of a Philox block (ten rounds) per four 32-bit words; its period of 2^64 and its
// BigCrush-clean output are ample for the few thousand draws of one task.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  explicit SplitMix64(CounterRng& keyed)
      : state_(static_cast<std::uint64_t>(keyed.NextU32()) << 32 | keyed.NextU32()) {}
  std::uint64_t Next() {
    const std::uint64_t z = Mix(state_);
    state_ += kGolden;
    return z;
  }
  // The word a generator seeded with x draws first: x mixed into 64 well-spread bits, for
  // keyed hashes and priorities that must not depend on order.
  static std::uint64_t Mix(std::uint64_t x) {
    std::uint64_t z = x + kGolden;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // The high half: the better-mixed bits.
  std::uint32_t NextU32() { return static_cast<std::uint32_t>(Next() >> 32); }

 private:
  static constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ull;
  std::uint64_t state_;
};

// A single keyed 64-bit hash word, for priorities that must not depend on order.
inline std::uint64_t KeyedHash64(std::uint64_t seed, std::uint32_t a, std::uint32_t b,
                                 Stream stream, std::uint32_t sub = 0) {
  CounterRng rng(seed, a, b, stream, sub);
  const std::uint64_t hi = rng.NextU32();
  return (hi << 32) | rng.NextU32();
}

}  // namespace firestorm
