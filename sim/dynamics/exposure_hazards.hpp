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
// State: due_[n][v], the tick of v's next event as a DueWord (geometric_wait.hpp); 0 at the
// start and again after a busy tick.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/dynamics/geometric_wait.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm {

class ExposureHazards {
 public:
  void Reset(std::size_t narratives, AgentId agents) {
    due_.assign(narratives, Column<Tick>(agents, 0));
  }

  // Probability that something happens to an exposed agent in a quiet tick.
  static double EventProbability(float adopt, float skeptic) {
    return static_cast<double>(adopt) + (1.0 - static_cast<double>(adopt)) * skeptic;
  }
  Tick& due(std::size_t n, AgentId v) { return due_[n][v]; }

  // The persistent state, for checkpoints: due_[narrative][agent].
  const std::vector<Column<Tick>>& due() const { return due_; }
  void Restore(std::vector<Column<Tick>> due) { due_ = std::move(due); }

 private:
  std::vector<Column<Tick>> due_;
};

}  // namespace firestorm
