// Loaders for real graphs. Errors are InputError with file, line and a hint.
#pragma once

#include <string>

#include "sim/graph/edge_list.hpp"
#include "sim/graph/graph_spec.hpp"

namespace firestorm {

// SNAP-style edge list: one "a b" pair per line (extra columns ignored), '#' or '%' comments,
// plain or gzip (.gz). Ids are any non-negative integers; they are renumbered densely in
// increasing order of id.
EdgeList ReadEdgeList(const std::string& path, EdgeOrientation orientation, bool mutual);
// GraphML (Boost.Graph's reader). Directedness comes from the file.
EdgeList ReadGraphMl(const std::string& path, const std::string& community_attribute);
// GML as written by networkx/igraph (karate club, polblogs).
EdgeList ReadGml(const std::string& path, const std::string& community_attribute);
// "agent community" lines for an edge list read with the same id renumbering.
// Reads the spec's file in its format (kAuto decides by extension).
EdgeList ReadGraphFile(const GraphSpec& spec);

}  // namespace firestorm
