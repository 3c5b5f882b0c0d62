// The memory this process may still use, read from the system: the tightest of MemAvailable
// (/proc/meminfo), the cgroup v2 limit left (memory.max - memory.current, as in a container
// or a systemd slice) and the address-space limit (ulimit -v). The memory check
// (sim/io/memory_estimate.hpp) and the graph generators' choice between time and memory use it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace firestorm {

struct AvailableMemory {
  std::optional<std::uint64_t> bytes;  // nothing when no limit could be read
  std::string source;                  // which limit gave `bytes`
};
AvailableMemory AvailableMemoryBytes();

}  // namespace firestorm
