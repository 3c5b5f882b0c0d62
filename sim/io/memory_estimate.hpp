// How much memory a run will need, estimated from the scenario before anything is allocated,
// and checked against what the machine allows (MemAvailable, a cgroup limit, ulimit -v), so
// that a run too big for it stops at once with a clear message instead of being killed an hour
// in.
//
// The estimate adds up the arrays each phase holds at its peak: the graph while it is built
// (the CSR and the generator's tables for the streaming generators, an edge list beside the
// CSR for a graph file, the mapped file for a cache hit; the crisis engine then merges the
// special accounts' follows into the CSR), then the graph at rest plus the population and the
// engine (or a classic model's state). Edge counts
// come from the generator's parameters; for a graph file from its size (about 12 bytes per edge
// of text, 3 per edge once gzipped, 4 for a .fsg). It errs on the high side by design.
// `firestorm run --dry-run` prints it. Set FIRESTORM_NO_MEMORY_CHECK=1 to skip the check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/core/available_memory.hpp"
#include "sim/dynamics/scenario.hpp"

namespace firestorm {

struct MemoryEstimate {
  std::uint64_t agents = 0;
  std::uint64_t edges = 0;              // follower edges expected
  std::uint64_t graph_bytes = 0;        // the CSR (and communities) at rest
  std::uint64_t build_peak_bytes = 0;   // while the graph (and the world) is built
  std::uint64_t run_bytes = 0;          // graph at rest + population + engine, while running
  std::uint64_t peak_bytes = 0;         // the larger of the two
  std::optional<std::uint64_t> available_bytes;  // see AvailableMemory, when readable
  std::string available_source;                  // which limit gave available_bytes
  std::string engine;                   // "crisis" or the classic model's name
  std::string how;                      // how the graph is obtained (generated, file, cache)
};

MemoryEstimate EstimateMemory(const Scenario& scenario);
// A few lines for people ("graph 2.2 GB (5.0e8 edges) ...").
std::string FormatMemoryEstimate(const MemoryEstimate& estimate);
// Throws InputError naming the estimate and the available memory when `copies` runs of the
// scenario at once (a sweep's parallel replicates, a fork's trunk and branch) would not fit.
void CheckMemory(const Scenario& scenario, std::uint64_t copies = 1);

}  // namespace firestorm
