// Agent state as a structure of arrays: column i belongs to agent i. Per-narrative columns
// are indexed [narrative][agent]. Columns sit on huge pages (Column, huge_array.hpp): the
// posting loop and the update read them at random.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/types.hpp"
#include "sim/graph/huge_array.hpp"
#include "sim/population/agent_kind.hpp"
#include "sim/population/narrative_state.hpp"

namespace firestorm {

struct NarrativeColumns {
  Column<NarrativeState> state;
  Column<AgentId> parent;  // who first exposed the agent (kNoAgent for seeds / unaware)
  Column<Tick> exposed_at; // tick of first exposure (kNever while unaware)
};

struct PopulationState {
  Column<AgentKind> kind;
  Column<CommunityId> community;
  Column<float> opinion;            // [-1, 1]: stance on the crisis's polarizing axis
  Column<float> trust;              // [0, 1]: trust in the organization
  Column<float> outrage;            // [0, 1]: emotional arousal
  Column<float> literacy;           // [0, 1]: media literacy, resists false content
  Column<float> activity_per_hour;  // posts per hour while spreading
  Column<std::uint8_t> removed;     // 1 once taken down by a moderation action
  std::vector<NarrativeColumns> narratives;

  AgentId num_agents() const { return static_cast<AgentId>(kind.size()); }
  void ResetNarratives(std::size_t count);  // every agent unaware of `count` narratives
};

}  // namespace firestorm
