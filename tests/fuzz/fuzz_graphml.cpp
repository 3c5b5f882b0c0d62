// Fuzz target: the GraphML reader (Boost.Graph's read_graphml over Boost.PropertyTree's XML
// parser). The first byte's low two bits pick the community attribute: none, "community",
// "side" (the test graphs' int attribute) or "name" (a string one).
// Properties: only InputErrors (Boost's own exceptions must be translated); edges stay within
// num_agents; communities, when present, cover every agent.
#include <cstdint>
#include <string>

#include "sim/graph/graph_readers.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using firestorm::fuzz::Check;
  constexpr const char* kTarget = "fuzz_graphml";
  if (size == 0) return 0;
  static const firestorm::fuzz::InputFile file(".graphml");
  static const char* const kAttributes[] = {"", "community", "side", "name"};
  const std::string attribute = kAttributes[data[0] & 3];
  firestorm::fuzz::ExpectOnlyInputErrors(kTarget, [&] {
    const firestorm::EdgeList g = firestorm::ReadGraphMl(file.Write(data + 1, size - 1), attribute);
    for (const firestorm::Edge& e : g.edges)
      Check(e.source < g.num_agents && e.target < g.num_agents, kTarget,
            "an edge names an agent past num_agents");
    Check(g.community.empty() || g.community.size() == g.num_agents, kTarget,
          "communities do not cover every agent");
  });
  return 0;
}
