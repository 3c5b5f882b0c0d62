// What the graph view colours agents by, at one moment: per-narrative states, outrage, trust
// and opinion for every agent. A view of a snapshot read from a run file (replay) or of the
// live population (drill); it owns nothing.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/types.hpp"

namespace firestorm::viz {

struct AgentView {
  std::vector<std::span<const std::uint8_t>> state;  // [narrative][agent], NarrativeState codes
  std::span<const float> outrage;                    // [agent], [0, 1]
  std::span<const float> trust;                      // [agent], [0, 1]
  std::span<const float> opinion;                    // [agent], [-1, 1]
  std::span<const std::uint8_t> removed;             // [agent], may be empty

  bool empty() const { return outrage.empty(); }
};

// A snapshot's columns, owned (replay reads one at a time from the run file).
struct AgentFrame {
  Tick tick = kNever;     // tick at whose end it was taken; kNever = the initial state
  std::uint32_t narratives = 0;
  AgentId agents = 0;
  std::vector<std::uint8_t> state;  // [narrative][agent]
  std::vector<float> outrage, trust, opinion;

  AgentView View() const {
    AgentView v;
    for (std::uint32_t k = 0; k < narratives; ++k)
      v.state.emplace_back(state.data() + static_cast<std::size_t>(k) * agents, agents);
    v.outrage = outrage;
    v.trust = trust;
    v.opinion = opinion;
    return v;
  }
};

}  // namespace firestorm::viz
