// Agent state as a structure of arrays: column i belongs to agent i. Per-narrative columns
// are indexed [narrative][agent].
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {

struct NarrativeColumns {
  std::vector<NarrativeState> state;
  std::vector<AgentId> parent;  // who first exposed the agent (kNoAgent for seeds / unaware)
  std::vector<Tick> exposed_at; // tick of first exposure (kNever while unaware)
};

struct PopulationState {
  std::vector<AgentKind> kind;
  std::vector<CommunityId> community;
  std::vector<float> opinion;            // [-1, 1]: stance on the crisis's polarizing axis
  std::vector<float> trust;              // [0, 1]: trust in the organization
  std::vector<float> outrage;            // [0, 1]: emotional arousal
  std::vector<float> literacy;           // [0, 1]: media literacy, resists false content
  std::vector<float> activity_per_hour;  // posts per hour while spreading
  std::vector<std::uint8_t> removed;     // 1 once taken down by a moderation action
  std::vector<NarrativeColumns> narratives;

  AgentId num_agents() const { return static_cast<AgentId>(kind.size()); }
  void ResetNarratives(std::size_t count);  // every agent unaware of `count` narratives
};

}  // namespace firestorm
