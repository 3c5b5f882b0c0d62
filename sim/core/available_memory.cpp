#include "sim/core/available_memory.hpp"

#include <sys/resource.h>

#include <filesystem>
#include <fstream>

namespace firestorm {
namespace {

// The first number in `path`, or nothing when it is absent or not a number ("max").
std::optional<std::uint64_t> ReadNumber(const std::string& path) {
  std::ifstream in(path);
  std::uint64_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

// The cgroup v2 folder of this process ("0::/some/path" in /proc/self/cgroup).
std::string OwnCgroupFolder() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("0::", 0) == 0) return "/sys/fs/cgroup" + line.substr(3);
  return {};
}

}  // namespace

AvailableMemory AvailableMemoryBytes() {
  AvailableMemory out;
  auto consider = [&](std::uint64_t bytes, const char* source) {
    if (!out.bytes || bytes < *out.bytes) out = {bytes, source};
  };
  {
    std::ifstream in("/proc/meminfo");
    std::string key, unit;
    std::uint64_t kib = 0;
    while (in >> key >> kib >> unit)
      if (key == "MemAvailable:") consider(kib * 1024, "MemAvailable");
  }
  // A limit set on the cgroup itself or on a parent (Docker, systemd-run -p MemoryMax=).
  for (std::filesystem::path dir = OwnCgroupFolder(); !dir.empty() && dir != "/sys/fs";
       dir = dir.parent_path()) {
    const auto max = ReadNumber((dir / "memory.max").string());
    const auto current = ReadNumber((dir / "memory.current").string());
    if (max && current) consider(*max > *current ? *max - *current : 0, "cgroup memory.max");
    if (dir == "/sys/fs/cgroup") break;
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    consider(static_cast<std::uint64_t>(limit.rlim_cur), "ulimit -v");
  return out;
}

}  // namespace firestorm
