// GraphML through Boost.Graph's read_graphml, which parses the XML with Boost.PropertyTree.
//
// Boost insists that the graph type's directedness match the file's edges, and reports a
// mismatch only when it meets the first edge, so the file is read as directed first and, on
// undirected_graph_error, again as undirected. The community attribute is captured by a small
// dynamic_property_map that accepts any GraphML value type (int, double, string, ...) and keeps
// its text, because Boost's stock adaptor would refuse an int-typed key for a string map.
// In a directed file edge s -> t means s's posts reach t; an undirected edge goes both ways.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <boost/property_tree/exceptions.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <boost/shared_ptr.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <typeinfo>
#include <vector>

#include "sim/core/error.hpp"
#include "sim/graph/community_labels.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/text_line_reader.hpp"

namespace firestorm {
namespace {

using DirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using VertexKey = boost::graph_traits<DirectedGraph>::vertex_descriptor;  // std::size_t for both

// Write-only property map: vertex -> the attribute's value as text.
class LabelCapture : public boost::dynamic_property_map {
 public:
  explicit LabelCapture(std::vector<std::optional<std::string>>& labels) : labels_(labels) {}
  boost::any get(const boost::any& key) override { return Text(key); }
  std::string get_string(const boost::any& key) override { return Text(key); }
  void put(const boost::any& key, const boost::any& value) override {
    const auto v = boost::any_cast<VertexKey>(key);
    if (v >= labels_.size()) labels_.resize(v + 1);
    labels_[v] = ToText(value);
  }
  const std::type_info& key() const override { return typeid(VertexKey); }
  const std::type_info& value() const override { return typeid(std::string); }

 private:
  std::string Text(const boost::any& key) const {
    const auto v = boost::any_cast<VertexKey>(key);
    return v < labels_.size() && labels_[v] ? *labels_[v] : std::string();
  }
  static std::string ToText(const boost::any& value) {
    if (const auto* s = boost::any_cast<std::string>(&value)) return *s;
    std::ostringstream out;
    if (const auto* b = boost::any_cast<bool>(&value)) out << (*b ? "true" : "false");
    if (const auto* i = boost::any_cast<int>(&value)) out << *i;
    if (const auto* l = boost::any_cast<long>(&value)) out << *l;
    if (const auto* f = boost::any_cast<float>(&value)) out << *f;
    if (const auto* d = boost::any_cast<double>(&value)) out << *d;
    return out.str();
  }
  std::vector<std::optional<std::string>>& labels_;
};

// Reads the file into graph type G; returns false if the file's edges are undirected while G
// is directed (Boost's undirected_graph_error), so the caller can retry.
template <typename G>
bool TryRead(const std::string& path, const std::string& attribute, EdgeList& out,
             std::vector<std::optional<std::string>>& labels) {
  std::ifstream in(path);
  if (!in) throw InputError({path}, "cannot open file", "check that the file is readable");
  G g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  labels.clear();
  if (!attribute.empty()) {
    dp.insert(attribute, boost::shared_ptr<LabelCapture>(new LabelCapture(labels)));
  }
  try {
    boost::read_graphml(in, g, dp);
  } catch (const boost::undirected_graph_error&) {
    if (boost::is_directed(g)) return false;
    throw;
  }
  out.num_agents = static_cast<AgentId>(boost::num_vertices(g));
  out.edges.clear();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto s = static_cast<AgentId>(boost::source(e, g));
    const auto t = static_cast<AgentId>(boost::target(e, g));
    out.edges.push_back({s, t});
    if (!boost::is_directed(g)) out.edges.push_back({t, s});
  }
  labels.resize(out.num_agents);
  return true;
}

}  // namespace

EdgeList ReadGraphMl(const std::string& path, const std::string& community_attribute) {
  TextLineReader check(path);  // the same missing-file and directory errors as other formats
  EdgeList out;
  std::vector<std::optional<std::string>> labels;
  const std::string hint = "check the file is valid GraphML (graphml > key*, graph > node*, edge*)";
  try {
    if (!TryRead<DirectedGraph>(path, community_attribute, out, labels)) {
      TryRead<UndirectedGraph>(path, community_attribute, out, labels);
    }
  } catch (const boost::property_tree::xml_parser_error& e) {
    throw InputError({path, static_cast<int>(e.line())}, "invalid XML: " + e.message(),
                     "check the file is well-formed XML");
  } catch (const boost::property_tree::ptree_bad_path& e) {
    throw InputError({path}, std::string("missing GraphML element or attribute: ") + e.what(),
                     hint);
  } catch (const boost::directed_graph_error&) {
    throw InputError({path}, "the file mixes directed and undirected edges",
                     "make all edges follow the graph's edgedefault");
  } catch (const boost::undirected_graph_error&) {
    throw InputError({path}, "the file mixes directed and undirected edges",
                     "make all edges follow the graph's edgedefault");
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError({path}, std::string("cannot read GraphML: ") + e.what(), hint);
  }
  if (out.num_agents == 0) {
    throw InputError({path}, "the graph has no nodes", "add <node id=\"...\"/> elements");
  }
  if (out.edges.empty()) {
    throw InputError({path}, "the graph has no edges", "add <edge source=\"...\" target=\"...\"/>");
  }
  if (!community_attribute.empty()) {
    out.community = NumberCommunityLabels(labels);
    if (out.community.empty()) {
      throw InputError({path}, "no node has the attribute '" + community_attribute + "'",
                       "name a node attribute declared by <key attr.name=\"...\" for=\"node\">");
    }
  }
  return out;
}

}  // namespace firestorm
