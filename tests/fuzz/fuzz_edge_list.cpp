// Fuzz target: the SNAP edge-list reader and the community-file reader (plain or gzip; the
// reader detects gzip by its magic bytes, so the fuzzer reaches both).
// Input: the first byte picks the orientation (bit 0), mutual (bit 1) and whether the rest
// holds an edge list and a community file separated by the first 0x01 byte (bit 2).
// Properties: only InputErrors; every edge names an agent below num_agents; agents are
// numbered by increasing original id; a community file gives one community per agent.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/graph/graph_readers.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using firestorm::fuzz::Check;
  constexpr const char* kTarget = "fuzz_edge_list";
  if (size == 0) return 0;
  static const firestorm::fuzz::InputFile edges_file(".txt");
  static const firestorm::fuzz::InputFile communities_file(".communities");
  const std::uint8_t flags = data[0];
  const auto orientation = (flags & 1) ? firestorm::EdgeOrientation::kReaches
                                       : firestorm::EdgeOrientation::kFollows;
  const bool mutual = (flags & 2) != 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string_view communities;
  const bool with_communities = (flags & 4) != 0;
  if (with_communities) {
    const std::size_t split = rest.find('\x01');
    if (split != std::string_view::npos) {
      communities = rest.substr(split + 1);
      rest = rest.substr(0, split);
    }
  }
  const auto bytes = [](std::string_view s) { return reinterpret_cast<const std::uint8_t*>(s.data()); };
  firestorm::fuzz::ExpectOnlyInputErrors(kTarget, [&] {
    const std::string& path = edges_file.Write(bytes(rest), rest.size());
    const firestorm::NumberedEdgeList g = firestorm::ReadNumberedEdgeList(path, orientation, mutual);
    Check(g.original_ids.size() == g.graph.num_agents, kTarget, "one original id per agent");
    Check(std::is_sorted(g.original_ids.begin(), g.original_ids.end()) &&
              std::adjacent_find(g.original_ids.begin(), g.original_ids.end()) ==
                  g.original_ids.end(),
          kTarget, "original ids are strictly increasing");
    for (const firestorm::Edge& e : g.graph.edges)
      Check(e.source < g.graph.num_agents && e.target < g.graph.num_agents, kTarget,
            "an edge names an agent past num_agents");
    if (!with_communities) return;
    const std::string& cpath = communities_file.Write(bytes(communities), communities.size());
    const auto labels = firestorm::ReadCommunityFile(cpath, g.original_ids);
    Check(labels.size() == g.graph.num_agents, kTarget, "one community per agent");
  });
  return 0;
}
