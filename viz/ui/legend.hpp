// The legend of the graph: what the colours mean (with the share of agents in each state when
// colouring by state) and which marker shape is which kind of account.
#pragma once

#include "viz/render/agent_colors.hpp"

namespace firestorm::viz {

void DrawColorLegend(ColorBy by, const AgentView& view, std::uint32_t narrative);
void DrawKindLegend();

}  // namespace firestorm::viz
