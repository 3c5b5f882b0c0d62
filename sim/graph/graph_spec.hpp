// What graph a scenario asks for: a generator with its parameters, or a file.
#pragma once

#include <cstdint>
#include <string>

namespace firestorm {

enum class GraphGenerator { kErdosRenyi, kBarabasiAlbert, kWattsStrogatz, kEchoChambers, kFile };
enum class GraphFormat { kAuto, kEdgeList, kGraphMl, kGml };

// How to read a line "a b" of an edge list.
enum class EdgeOrientation {
  kFollows,  // a follows b (SNAP's Twitter convention): b's posts reach a
  kReaches,  // a's posts reach b
};

struct GraphSpec {
  GraphGenerator generator = GraphGenerator::kEchoChambers;
  std::uint64_t agents = 10'000;
  double mean_followers = 20.0;      // mean degree: followers per agent
  bool mutual = false;               // undirected platform: every edge goes both ways
  // Barabási–Albert: each new agent links to `attach_edges` earlier agents (both directions).
  std::uint32_t attach_edges = 5;
  // Watts–Strogatz: ring of degree mean_followers (rounded to even), each edge rewired with p.
  double rewire_probability = 0.1;
  // Echo chambers (degree-corrected SBM): community count, share of follows kept inside the
  // follower's community, and the Pareto exponent of the popularity weights (followers ~ k^-exponent).
  std::uint32_t communities = 10;
  double homophily = 0.8;
  double degree_exponent = 2.5;
  // File input.
  std::string file;                  // resolved path (relative to the scenario file)
  GraphFormat format = GraphFormat::kAuto;
  EdgeOrientation orientation = EdgeOrientation::kFollows;
  std::string community_attribute;   // GraphML/GML node attribute holding the community ("" = none)
  std::string community_file;        // edge lists: "agent community" lines ("" = none)
  // Binary graph cache (graph_cache.hpp): folder holding graph-<key>.fsg files ("" = none).
  std::string cache;
};

}  // namespace firestorm
