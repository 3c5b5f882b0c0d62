// Basic vocabulary shared by every module: what a number means.
#pragma once

#include <cstdint>
#include <limits>

namespace firestorm {

using AgentId = std::uint32_t;    // 4.29e9 agents is enough; halves the edge array
using EdgeIndex = std::uint64_t;  // offsets may exceed 2^32 on graphs with billions of edges
using Tick = std::uint32_t;       // simulated time step (one minute by default)
using CommunityId = std::uint32_t;
using NarrativeId = std::uint8_t;

// 128-bit integers for exact fixed-point sums (a GCC/Clang extension).
__extension__ typedef unsigned __int128 UInt128;

inline constexpr AgentId kNoAgent = std::numeric_limits<AgentId>::max();
inline constexpr Tick kNever = std::numeric_limits<Tick>::max();

}  // namespace firestorm
