// Fuzz target: the GML reader (hand-written lexer and recursive-descent parser), with and
// without a community key. The first byte's low two bits pick it: none, "value" (as in
// polblogs.gml), "label" (a string) or "community".
// Properties: only InputErrors; edges stay within num_agents; communities cover every agent.
#include <cstdint>
#include <string>

#include "sim/graph/graph_readers.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using firestorm::fuzz::Check;
  constexpr const char* kTarget = "fuzz_gml";
  if (size == 0) return 0;
  static const firestorm::fuzz::InputFile file(".gml");
  static const char* const kAttributes[] = {"", "value", "label", "community"};
  const std::string attribute = kAttributes[data[0] & 3];
  firestorm::fuzz::ExpectOnlyInputErrors(kTarget, [&] {
    const firestorm::EdgeList g = firestorm::ReadGml(file.Write(data + 1, size - 1), attribute);
    for (const firestorm::Edge& e : g.edges)
      Check(e.source < g.num_agents && e.target < g.num_agents, kTarget,
            "an edge names an agent past num_agents");
    Check(g.community.empty() || g.community.size() == g.num_agents, kTarget,
          "communities do not cover every agent");
  });
  return 0;
}
