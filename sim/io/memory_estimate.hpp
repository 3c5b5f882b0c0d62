// How much memory a run will need, estimated from the scenario before anything is allocated,
// and checked against what the machine has (MemAvailable in /proc/meminfo), so that a run too
// big for the machine stops at once with a clear message instead of being killed an hour in.
//
// The estimate adds up the arrays each phase holds at its peak: the graph while it is built
// (an edge list plus the CSR for the crisis engine and for graph files; the CSR and the
// generator's tables for the streaming generators; a mapped file for a cache hit), then the
// graph at rest plus the population and the engine (or a classic model's state). Edge counts
// come from the generator's parameters; for a graph file from its size (about 12 bytes per edge
// of text, 3 per edge once gzipped, 4 for a .fsg). It errs on the high side by design.
// `firestorm run --dry-run` prints it. Set FIRESTORM_NO_MEMORY_CHECK=1 to skip the check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/dynamics/scenario.hpp"

namespace firestorm {

struct MemoryEstimate {
  std::uint64_t agents = 0;
  std::uint64_t edges = 0;              // follower edges expected
  std::uint64_t graph_bytes = 0;        // the CSR (and communities) at rest
  std::uint64_t build_peak_bytes = 0;   // while the graph (and the world) is built
  std::uint64_t run_bytes = 0;          // graph at rest + population + engine, while running
  std::uint64_t peak_bytes = 0;         // the larger of the two
  std::optional<std::uint64_t> available_bytes;  // MemAvailable, when readable
  std::string engine;                   // "crisis" or the classic model's name
  std::string how;                      // how the graph is obtained (generated, file, cache)
};

MemoryEstimate EstimateMemory(const Scenario& scenario);
// A few lines for people ("graph 2.2 GB (5.0e8 edges) ...").
std::string FormatMemoryEstimate(const MemoryEstimate& estimate);
// MemAvailable from /proc/meminfo, in bytes.
std::optional<std::uint64_t> AvailableMemoryBytes();
// Throws InputError naming the estimate and the available memory when the run would not fit.
void CheckMemory(const Scenario& scenario);

}  // namespace firestorm
