// Random graph generators. Each is parallel (TBB) and deterministic: every random draw is
// keyed by (seed, edge or agent index), so the edge set is the same for any thread count.
#pragma once

#include <cstdint>

#include "sim/graph/edge_list.hpp"
#include "sim/graph/graph_spec.hpp"

namespace firestorm {

// G(n, p) with p = mean_degree / (n - 1); directed, or both directions when `mutual`.
EdgeList ErdosRenyi(AgentId n, double mean_degree, bool mutual, std::uint64_t seed);
// Preferential attachment, m links per new agent, both directions (Batagelj–Brandes edge
// copying, made parallel by resolving each edge's target independently, as in
// Sanders & Schulz 2016).
EdgeList BarabasiAlbert(AgentId n, std::uint32_t m, std::uint64_t seed);
// Ring lattice of even degree k, each edge rewired with probability p; both directions.
EdgeList WattsStrogatz(AgentId n, std::uint32_t k, double p, std::uint64_t seed);
// Degree-corrected stochastic block model with homophily; fills `community`.
EdgeList EchoChambers(AgentId n, double mean_followers, std::uint32_t communities,
                      double homophily, double degree_exponent, std::uint64_t seed);

// Dispatches on spec.generator; kFile reads spec.file (see graph_readers.hpp). With a cache
// folder (spec.cache) the graph comes through the binary cache (graph_cache.hpp): duplicates
// and self-loops are then already dropped. For big graphs prefer GenerateStoredGraph
// (stored_graph.hpp), which never holds an edge list.
EdgeList GenerateGraph(const GraphSpec& spec, std::uint64_t seed);

}  // namespace firestorm
