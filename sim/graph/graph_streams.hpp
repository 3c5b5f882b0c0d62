// Sub-streams of Stream::kGraph: one per kind of draw a generator makes, so that two
// generators (or two purposes inside one) never read the same Philox counter.
#pragma once

#include <cstdint>

#include "sim/core/rng.hpp"

namespace firestorm {

enum class GraphDraw : std::uint32_t {
  kErdosRenyiRow = 1,  // one counter per source agent: its geometric skips
  kBarabasiAlbertEdge,  // one per attachment edge: which earlier slot it copies, then retries
  kWattsStrogatzEdge,   // one per lattice edge: rewire or not, and where to
  kEchoAgent,           // one per agent: community and popularity
  kEchoEdge,            // one per edge: follower, homophily coin, author
};

// A generator's keyed random source for item `index` (an agent or a 64-bit edge index).
inline CounterRng GraphRng(std::uint64_t seed, std::uint64_t index, GraphDraw draw) {
  return CounterRng(seed, static_cast<std::uint32_t>(index),
                    static_cast<std::uint32_t>(index >> 32), Stream::kGraph,
                    static_cast<std::uint32_t>(draw));
}

}  // namespace firestorm
