// Loaders for real graphs. Errors are InputError with file, line and a hint.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/graph/edge_list.hpp"
#include "sim/graph/graph_spec.hpp"

namespace firestorm {

// SNAP-style edge list: one "a b" pair per line (extra columns ignored), '#' or '%' comments,
// plain or gzip (.gz). Ids are any non-negative integers; they are renumbered densely in
// increasing order of id.
EdgeList ReadEdgeList(const std::string& path, EdgeOrientation orientation, bool mutual);
// The same, keeping each agent's id in the file: agent i had id original_ids[i] (increasing).
struct NumberedEdgeList {
  EdgeList graph;
  std::vector<std::uint64_t> original_ids;
};
NumberedEdgeList ReadNumberedEdgeList(const std::string& path, EdgeOrientation orientation,
                                      bool mutual);
// "id community" lines (extra columns ignored) for agents numbered as above. Labels may be any
// token; they are numbered densely in sorted order (numerically when all are numbers). An id
// missing from the edge list is an error; agents the file omits share one extra community.
std::vector<CommunityId> ReadCommunityFile(const std::string& path,
                                           std::span<const std::uint64_t> original_ids);
// GraphML (Boost.Graph's reader). Directedness comes from the file: a directed edge s -> t
// means s's posts reach t; an undirected edge goes both ways. Agents are the nodes in file
// order. A non-empty `community_attribute` names a node attribute (any GraphML type) whose
// values become communities, numbered like community-file labels.
EdgeList ReadGraphMl(const std::string& path, const std::string& community_attribute);
// GML as written by networkx/igraph (karate club, polblogs); `directed 1` and edges as in
// ReadGraphMl. Agents are numbered in increasing order of node id; `community_attribute`
// names a node key, e.g. "value" in polblogs.gml.
EdgeList ReadGml(const std::string& path, const std::string& community_attribute);
// Reads the spec's file in its format (kAuto decides by extension: .graphml/.xml GraphML,
// .gml GML, .fsg Firestorm's binary graph (graph_cache.hpp), anything else an edge list),
// with spec.community_file for edge lists.
EdgeList ReadGraphFile(const GraphSpec& spec);
// Whether a path names a binary .fsg graph (by extension, case ignored).
bool IsGraphCacheFile(const std::string& path);

}  // namespace firestorm
