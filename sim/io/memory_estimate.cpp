// EstimateMemory and CheckMemory: see memory_estimate.hpp for what is counted and why.
#include "sim/io/memory_estimate.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/core/error.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm {
namespace {

std::uint64_t FileBytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
}

bool EndsWith(const std::string& s, const char* suffix) {
  const std::size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Expected agents and follower edges of the scenario's graph.
std::pair<std::uint64_t, std::uint64_t> GraphSize(const GraphSpec& g) {
  const auto n = static_cast<double>(g.agents);
  switch (g.generator) {
    case GraphGenerator::kErdosRenyi:
    case GraphGenerator::kEchoChambers:
      return {g.agents, static_cast<std::uint64_t>(n * g.mean_followers)};
    case GraphGenerator::kBarabasiAlbert:
      return {g.agents, static_cast<std::uint64_t>(2.0 * n * g.attach_edges)};
    case GraphGenerator::kWattsStrogatz:
      return {g.agents,
              static_cast<std::uint64_t>(n * 2.0 * std::max(1.0, std::round(g.mean_followers / 2)))};
    case GraphGenerator::kFile:
      break;
  }
  const std::uint64_t bytes = FileBytes(g.file);
  std::uint64_t edges = 0;
  if (IsGraphCacheFile(g.file)) {
    edges = bytes / 4;
  } else if (EndsWith(g.file, ".gz")) {
    edges = bytes / 3;
  } else if (EndsWith(g.file, ".graphml") || EndsWith(g.file, ".xml") || EndsWith(g.file, ".gml")) {
    edges = bytes / 30;
  } else {
    edges = bytes / 12;
  }
  if (g.mutual) edges *= 2;
  return {std::max<std::uint64_t>(2, edges / 8), edges};  // agents: a guess, about 8 edges each
}

std::string Gb(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
  return text;
}

}  // namespace


MemoryEstimate EstimateMemory(const Scenario& s) {
  MemoryEstimate e;
  const GraphSpec& g = s.graph;
  auto [n, m] = GraphSize(g);
  e.agents = n;
  e.edges = m;
  const std::uint64_t csr = 8 * (n + 1) + 4 * m + 4 * n;  // offsets, followers, communities
  e.graph_bytes = csr;
  std::error_code ec;
  const bool cache_hit = !g.cache.empty() &&
                         std::filesystem::exists(GraphCachePath(g.cache, g, s.run.seed), ec);
  const bool file_graph = g.generator == GraphGenerator::kFile && !IsGraphCacheFile(g.file);
  // A streamed generator holds the CSR, per-agent cursors and alias tables; echo chambers
  // also keep each edge's author between the two passes where that fits, and otherwise draw
  // each edge twice (graph_builder_stream.hpp).
  const AvailableMemory available = AvailableMemoryBytes();
  const bool keeps_authors =
      g.generator == GraphGenerator::kEchoChambers && EchoChambersKeepAuthors(n, m, available.bytes);
  const std::uint64_t generated_peak = csr + 64 * n + (keeps_authors ? 4 * m : 0);

  if (s.model.enabled()) {
    e.engine = std::string(ClassicModelName(s.model.kind));
    // A file: an edge list (8 bytes per edge) beside the CSR; a cache hit: the mapped file.
    e.how = cache_hit ? "cache hit (mapped)" : file_graph ? "edge list file" : "generated into CSR";
    e.build_peak_bytes = cache_hit ? csr : file_graph ? csr + 8 * m + 16 * n : generated_peak;
    const bool pulls = s.model.kind == ClassicModelKind::kVoter ||
                       s.model.kind == ClassicModelKind::kDeffuant ||
                       s.model.kind == ClassicModelKind::kHegselmannKrause;
    const std::uint64_t engine = 48 * n + (pulls ? 8 * n + 4 * m : 0);
    e.run_bytes = csr + engine;
  } else {
    e.engine = "crisis";
    const std::uint64_t narratives = s.narratives.size() + 1;  // plus the official narrative
    // Population columns (26 bytes) and per narrative state, parent, exposure tick (9 bytes);
    // engine inboxes (22 bytes) and per narrative exposure, next posting candidate and next
    // quiet-tick event (12 bytes), and the candidate's entry in the calendar's buckets (16 bytes:
    // a pending candidate past the present 64-tick window is filed with its tick).
    const std::uint64_t per_agent = 26 + 22 + 37 * narratives;
    // The follows the population builder adds: special accounts' followers and bot links.
    const PopulationSpec& p = s.population;
    const std::uint64_t extra = p.organization.count * p.organization.followers.Resolve(n) +
                                p.media.count * p.media.followers.Resolve(n) +
                                p.fact_checkers.count * p.fact_checkers.followers.Resolve(n) +
                                p.bots.Resolve(n) * (p.bot_follows_bots + p.bot_hub_targets);
    // The graph is obtained as a CSR, as for the classic models (streamed from the generator, a
    // mapped .fsg copied once, or a file's edge list built into CSR and freed). BuildWorld then
    // grows the target array in place by the extra follows (4 bytes each), with the extra edges
    // (8 bytes each) and their merged rows (4) beside it; picking the special accounts and
    // influencers takes 21 bytes per agent for a moment. Nothing holds a second copy of the CSR.
    const bool mapped = cache_hit || (g.generator == GraphGenerator::kFile && !file_graph);
    e.how = mapped       ? "mapped file copied to CSR, specials merged in place"
            : file_graph ? "edge list file built into CSR, specials merged in place"
                         : "generated into CSR, specials merged in place";
    const std::uint64_t graph_peak =
        mapped ? csr + 4 * m : file_graph ? csr + 8 * m + 16 * n : generated_peak;
    e.build_peak_bytes = std::max(graph_peak, csr + 16 * extra + 21 * n);
    e.run_bytes = csr + 4 * extra + per_agent * n;
  }
  e.peak_bytes = std::max(e.build_peak_bytes, e.run_bytes);
  e.available_bytes = available.bytes;
  e.available_source = available.source;
  return e;
}

std::string FormatMemoryEstimate(const MemoryEstimate& e) {
  std::ostringstream o;
  o << "Memory estimate (" << e.engine << ", graph: " << e.how << ")\n"
    << "  agents              " << e.agents << "\n"
    << "  follower edges      " << e.edges << "\n"
    << "  graph (CSR)         " << Gb(e.graph_bytes) << "\n"
    << "  while building      " << Gb(e.build_peak_bytes) << "\n"
    << "  while running       " << Gb(e.run_bytes) << "\n"
    << "  peak                " << Gb(e.peak_bytes) << "\n"
    << "  available           "
    << (e.available_bytes ? Gb(*e.available_bytes) + " (" + e.available_source + ")"
                          : std::string("unknown"))
    << "\n";
  return o.str();
}

void CheckMemory(const Scenario& scenario, std::uint64_t copies) {
  const char* skip = std::getenv("FIRESTORM_NO_MEMORY_CHECK");
  if (skip != nullptr && std::string(skip) == "1") return;
  const MemoryEstimate e = EstimateMemory(scenario);
  copies = std::max<std::uint64_t>(copies, 1);
  const std::uint64_t needed = e.peak_bytes * copies;
  if (!e.available_bytes || needed <= *e.available_bytes) return;
  const std::string runs =
      copies > 1 ? " for " + std::to_string(copies) + " runs at once" : std::string();
  throw InputError({scenario.source_file, 0, 0},
                   "this run needs an estimated " + Gb(needed) + " of memory" + runs + " (" +
                       std::to_string(e.agents) + " agents, " + std::to_string(e.edges) +
                       " follower edges), but only " + Gb(*e.available_bytes) +
                       " is available (" + e.available_source + ")",
                   std::string("use fewer agents (graph.agents or --agents) or a smaller mean "
                               "degree") +
                       (copies > 1 ? ", fewer threads (--threads)" : "") +
                       ", free memory, or set FIRESTORM_NO_MEMORY_CHECK=1 to try anyway; "
                       "`firestorm run --dry-run` prints the estimate");
}

}  // namespace firestorm
