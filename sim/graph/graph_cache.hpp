// A binary graph file (".fsg") so that a big graph is generated or parsed once: the follower
// CSR and the communities, laid out so that the file can be memory-mapped and used in place.
//
// Layout (little-endian, every array starting on a 4 KiB boundary):
//   [0, 4096)      header: magic "FSGRAPH\0", format version, agents, edges, community
//                  count (0 or agents), key (a hash of the spec and seed that made it),
//                  byte positions of the arrays, file size, data checksum, a readable
//                  description of the spec, and a checksum of the header itself;
//   offsets        uint64[agents + 1]
//   targets        uint32[edges]        (row u = u's followers, sorted)
//   community      uint32[agents]       (absent when the graph has none)
// The checksum is a 64-bit multiply-xorshift hash per 1 MiB block, combined in block order,
// so it is computed in parallel and does not depend on the thread count. A file whose header
// or data does not check out is never used.
//
// With `graph.cache: <folder>` a scenario's graph is looked up as
// <folder>/graph-<key as 16 hex digits>.fsg, generated and written there on a miss, and
// mapped on a hit. The key covers every parameter of the generator in use and the seed; for
// a file graph, the file's absolute path, size and modification time and the reading options.
// Tests: tests/sim/graph/graph_cache_test.cpp. Format: docs/scenario-reference.md (graph.cache).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/graph/graph_spec.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm {

inline constexpr char kGraphCacheExtension[] = ".fsg";

// The canonical text of what determines the graph ("barabasi_albert agents=1000000 m=5
// seed=42"), and its 64-bit FNV-1a hash, the cache key.
std::string DescribeGraphSpec(const GraphSpec& spec, std::uint64_t seed);
std::uint64_t GraphSpecKey(const GraphSpec& spec, std::uint64_t seed);
// <folder>/graph-<key>.fsg
std::string GraphCachePath(const std::string& folder, const GraphSpec& spec, std::uint64_t seed);

// Writes `path` + ".tmp" and renames it onto `path`. Throws OutputError.
void WriteGraphCache(const std::string& path, const StoredGraph& graph, std::uint64_t key,
                     const std::string& description);
// Maps a .fsg file read-only and checks it (header, sizes, checksum; the key too when
// `expected_key` is given). Throws InputError naming the file and the problem.
StoredGraph ReadGraphCache(const std::string& path,
                           std::optional<std::uint64_t> expected_key = std::nullopt);

struct CachedGraph {
  StoredGraph graph;
  std::string path;  // "" when the spec has no cache folder
  bool hit = false;  // read from the cache (else generated, and written when path != "")
};
// The scenario's graph through its cache folder (spec.cache), or just generated when there is
// none. A cache file that is unreadable, corrupt or for another spec is replaced.
CachedGraph LoadOrGenerateGraph(const GraphSpec& spec, std::uint64_t seed);

}  // namespace firestorm
