// ReadGraphFile: picks the reader for a GraphSpec's file and applies the spec's options
// (orientation and community file for edge lists, `mutual` for every format). A .fsg file is
// Firestorm's own binary graph (graph_cache.hpp).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

#include "sim/core/error.hpp"
#include "sim/graph/graph_cache.hpp"
#include "sim/graph/graph_readers.hpp"

namespace firestorm {
namespace {

GraphFormat FormatFromExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".graphml" || ext == ".xml") return GraphFormat::kGraphMl;
  if (ext == ".gml") return GraphFormat::kGml;
  return GraphFormat::kEdgeList;  // .txt, .edgelist, .tsv, .csv-like, .gz, ...
}

// An undirected platform: add the reverse of every edge (the CSR builder drops repeats).
void MakeMutual(EdgeList& g) {
  const std::size_t m = g.edges.size();
  g.edges.reserve(2 * m);
  for (std::size_t i = 0; i < m; ++i) g.edges.push_back({g.edges[i].target, g.edges[i].source});
}

}  // namespace

bool IsGraphCacheFile(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == kGraphCacheExtension;
}

EdgeList ReadGraphFile(const GraphSpec& spec) {
  if (spec.file.empty()) {
    throw InputError({}, "the graph comes from a file but no file is given",
                     "set graph.file to an edge list, .gml or .graphml file");
  }
  if (spec.format == GraphFormat::kAuto && IsGraphCacheFile(spec.file)) {
    if (!spec.community_file.empty() || !spec.community_attribute.empty())
      throw InputError({spec.file}, "a .fsg graph file carries its own communities",
                       "drop graph.community_file and graph.community_attribute");
    EdgeList g = ReadGraphCache(spec.file).ToEdgeList();
    if (spec.mutual) MakeMutual(g);
    return g;
  }
  const GraphFormat format =
      spec.format == GraphFormat::kAuto ? FormatFromExtension(spec.file) : spec.format;
  if (format != GraphFormat::kEdgeList && !spec.community_file.empty()) {
    throw InputError({spec.community_file}, "a community file is only read with edge lists",
                     "GML and GraphML files carry communities as a node attribute: set "
                     "graph.community_attribute instead");
  }
  if (format == GraphFormat::kEdgeList && !spec.community_attribute.empty()) {
    throw InputError({spec.file}, "edge lists have no node attributes to take communities from",
                     "give the communities in a separate 'id community' file "
                     "(graph.community_file)");
  }

  EdgeList g;
  switch (format) {
    case GraphFormat::kGraphMl:
      g = ReadGraphMl(spec.file, spec.community_attribute);
      break;
    case GraphFormat::kGml:
      g = ReadGml(spec.file, spec.community_attribute);
      break;
    case GraphFormat::kAuto:
    case GraphFormat::kEdgeList: {
      NumberedEdgeList numbered = ReadNumberedEdgeList(spec.file, spec.orientation, spec.mutual);
      if (!spec.community_file.empty()) {
        numbered.graph.community = ReadCommunityFile(spec.community_file, numbered.original_ids);
      }
      return std::move(numbered.graph);
    }
  }
  if (spec.mutual) MakeMutual(g);
  return g;
}

}  // namespace firestorm
