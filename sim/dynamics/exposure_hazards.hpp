// When an exposed agent who sees nothing new next adopts on its own or turns skeptic, so that
// such agents draw no random numbers in the ticks in between.
//
// Law kept: in a tick where exposed agent v of narrative n sees no post of n and no debunk of
// it (a quiet tick), v adopts with probability a (SEIZ's adoption without a new exposure),
// else turns skeptic with probability s_v = min(1, skepticism x literacy_v), independently
// across ticks. Something thus happens with probability q_v = a + (1 - a) s_v, and then it is
// adoption with probability a / q_v. The quiet ticks' Bernoulli(q_v) sequence has
// Geometric(q_v) gaps, so one draw gives the tick of the next event. A tick where v does see
// something is decided from that tick's own probabilities, as before, and drops the pending
// event: the future of a Bernoulli sequence is independent of its past, so a fresh draw from
// the next quiet tick on has the same law.
//
// State: due_[n][v] = 1 + the tick of v's next event (kNever: none will come); a value not
// above the current tick means none is drawn yet (0 at the start, 0 again after a busy tick).
#pragma once

#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm {

class ExposureHazards {
 public:
  void Reset(std::size_t narratives, AgentId agents) {
    due_.assign(narratives, std::vector<Tick>(agents, 0));
  }

  // Probability that something happens to an exposed agent in a quiet tick.
  static double EventProbability(float adopt, float skeptic) {
    return static_cast<double>(adopt) + (1.0 - static_cast<double>(adopt)) * skeptic;
  }
  // Quiet ticks before the next event (>= 0), Geometric(q): P(gap >= k) = (1 - q)^k, from 32
  // random bits. kNever when q is 0.
  static Tick Gap(double q, std::uint32_t word) {
    if (!(q > 0)) return kNever;
    if (q >= 1) return 0;
    const double uniform = (static_cast<double>(word) + 1.0) * (1.0 / 4294967296.0);  // (0, 1]
    const double gap = std::floor(std::log(uniform) / std::log1p(-q));
    return gap >= static_cast<double>(kNever - 1) ? kNever : static_cast<Tick>(gap);
  }
  // The stored word for an event `gap` ticks after `now`.
  static Tick DueWord(Tick now, Tick gap) {
    const std::uint64_t word = std::uint64_t{now} + gap + 1;
    return gap == kNever || word >= kNever ? kNever : static_cast<Tick>(word);
  }

  Tick& due(std::size_t n, AgentId v) { return due_[n][v]; }

  // The persistent state, for checkpoints: due_[narrative][agent].
  const std::vector<std::vector<Tick>>& due() const { return due_; }
  void Restore(std::vector<std::vector<Tick>> due) { due_ = std::move(due); }

 private:
  std::vector<std::vector<Tick>> due_;
};

}  // namespace firestorm
