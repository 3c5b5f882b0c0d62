// The steps of the parallel counting-sort CSR build, shared by BuildFollowerGraph (from an
// edge list in memory) and the streaming generators (graph_builder_stream.hpp), which feed
// them small batches of edges straight from the random draws. Internal to the graph module.
#pragma once

#include <span>

#include "sim/core/types.hpp"
#include "sim/graph/edge_list.hpp"

namespace firestorm::csr_build {

// count[source] += 1 for every edge that is not a self-loop (relaxed atomic adds; ids are
// not checked here).
void CountSources(std::span<const Edge> edges, EdgeIndex* count);
// For every edge that is not a self-loop: claims slot cursor[source]++ (atomic) and writes the
// target there.
void ScatterEdges(std::span<const Edge> edges, EdgeIndex* cursor, AgentId* targets);
// Sorts each row targets[offsets[u] .. offsets[u+1]), drops duplicates and slides the rows
// together; rewrites offsets[0..n] for the packed rows and returns the new edge count.
// `scratch` holds n entries. The result depends only on the rows' contents, not their order.
EdgeIndex SortAndPackRows(AgentId n, EdgeIndex* offsets, AgentId* targets, EdgeIndex* scratch);

}  // namespace firestorm::csr_build
