// SNAP-style edge lists and "id community" files.
//
// Parsing is serial (zlib decompression is serial anyway); renumbering is parallel. Ids are
// renumbered densely in increasing order of original id, so agent numbers do not depend on
// line order. When ids are dense enough (max id within a small factor of the edge count, as in
// SNAP files) a direct lookup table maps them; otherwise all ids are sorted and looked up by
// binary search. Both give the same numbering.
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>

#include "sim/core/error.hpp"
#include "sim/graph/community_labels.hpp"
#include "sim/graph/graph_readers.hpp"
#include "sim/graph/text_line_reader.hpp"

namespace firestorm {
namespace {

constexpr std::size_t kGrain = 1 << 14;

struct RawEdge {
  std::uint64_t first, second;  // the two ids as written on the line
};

std::vector<RawEdge> ReadRawEdges(const std::string& path) {
  TextLineReader reader(path);
  std::vector<RawEdge> raw;
  while (reader.Next()) {
    const std::string_view line = reader.line();
    if (IsBlankOrComment(line)) continue;
    std::size_t pos = 0;
    const LineToken a = *NextToken(line, pos);
    const std::uint64_t first = ParseAgentId(reader, a, "a first agent id");
    const std::optional<LineToken> b = NextToken(line, pos);
    if (!b) {
      reader.Fail(line.size() + 1, "the line has one column; expected two agent ids",
                  "write one edge per line as 'a b' (extra columns are ignored)");
    }
    raw.push_back({first, ParseAgentId(reader, *b, "a second agent id")});
  }
  if (raw.empty()) {
    throw InputError({path}, "the edge list has no edges",
                     "the file holds only blank or comment lines; is it the right file?");
  }
  return raw;
}

// The sorted distinct ids and a function from original id to dense agent id.
class IdNumbering {
 public:
  IdNumbering(const std::string& path, const std::vector<RawEdge>& raw) {
    const std::uint64_t max_id = tbb::parallel_reduce(
        tbb::blocked_range<std::size_t>(0, raw.size(), kGrain), std::uint64_t{0},
        [&](const tbb::blocked_range<std::size_t>& r, std::uint64_t m) {
          for (std::size_t i = r.begin(); i != r.end(); ++i) {
            m = std::max({m, raw[i].first, raw[i].second});
          }
          return m;
        },
        [](std::uint64_t a, std::uint64_t b) { return std::max(a, b); });
    if (max_id <= 4 * raw.size() + (1u << 20)) {
      BuildTable(raw, max_id);
    } else {
      BuildSorted(raw);
    }
    if (ids_.size() >= kNoAgent) {
      throw InputError({path}, "the edge list has " + std::to_string(ids_.size()) + " agents",
                       "at most " + std::to_string(kNoAgent - 1) + " agents are supported");
    }
  }
  AgentId operator()(std::uint64_t id) const {
    if (!table_.empty()) return table_[id];
    return static_cast<AgentId>(std::lower_bound(ids_.begin(), ids_.end(), id) - ids_.begin());
  }
  std::vector<std::uint64_t> TakeIds() { return std::move(ids_); }

 private:
  void BuildTable(const std::vector<RawEdge>& raw, std::uint64_t max_id) {
    table_.assign(max_id + 1, kNoAgent);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, raw.size(), kGrain),
                      [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        std::atomic_ref<AgentId>(table_[raw[i].first]).store(0, std::memory_order_relaxed);
        std::atomic_ref<AgentId>(table_[raw[i].second]).store(0, std::memory_order_relaxed);
      }
    });
    for (std::uint64_t id = 0; id <= max_id; ++id) {
      if (table_[id] == kNoAgent) continue;
      table_[id] = static_cast<AgentId>(ids_.size());  // too many ids is caught by the caller
      ids_.push_back(id);
    }
  }
  void BuildSorted(const std::vector<RawEdge>& raw) {
    ids_.resize(2 * raw.size());
    tbb::parallel_for(std::size_t{0}, raw.size(), [&](std::size_t i) {
      ids_[2 * i] = raw[i].first;
      ids_[2 * i + 1] = raw[i].second;
    });
    tbb::parallel_sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
    ids_.shrink_to_fit();
  }

  std::vector<AgentId> table_;  // original id -> agent, when ids are dense enough
  std::vector<std::uint64_t> ids_;
};

}  // namespace

NumberedEdgeList ReadNumberedEdgeList(const std::string& path, EdgeOrientation orientation,
                                      bool mutual) {
  std::vector<RawEdge> raw = ReadRawEdges(path);
  IdNumbering number(path, raw);
  NumberedEdgeList out;
  const std::size_t per_line = mutual ? 2 : 1;
  out.graph.edges.resize(per_line * raw.size());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, raw.size(), kGrain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      const AgentId a = number(raw[i].first), b = number(raw[i].second);
      // kFollows: "a b" says a follows b, so b's posts reach a.
      const Edge e = orientation == EdgeOrientation::kFollows ? Edge{b, a} : Edge{a, b};
      out.graph.edges[per_line * i] = e;
      if (mutual) out.graph.edges[per_line * i + 1] = {e.target, e.source};
    }
  });
  raw = {};
  out.original_ids = number.TakeIds();
  out.graph.num_agents = static_cast<AgentId>(out.original_ids.size());
  return out;
}

EdgeList ReadEdgeList(const std::string& path, EdgeOrientation orientation, bool mutual) {
  return ReadNumberedEdgeList(path, orientation, mutual).graph;
}

std::vector<CommunityId> ReadCommunityFile(const std::string& path,
                                           std::span<const std::uint64_t> original_ids) {
  TextLineReader reader(path);
  std::vector<std::optional<std::string>> label(original_ids.size());
  bool any = false;
  while (reader.Next()) {
    const std::string_view line = reader.line();
    if (IsBlankOrComment(line)) continue;
    std::size_t pos = 0;
    const LineToken id_token = *NextToken(line, pos);
    const std::uint64_t id = ParseAgentId(reader, id_token, "an agent id");
    const std::optional<LineToken> community = NextToken(line, pos);
    if (!community) {
      reader.Fail(line.size() + 1, "the line has one column; expected 'agent community'",
                  "write one agent per line as 'id community' (extra columns are ignored)");
    }
    const auto it = std::lower_bound(original_ids.begin(), original_ids.end(), id);
    if (it == original_ids.end() || *it != id) {
      reader.Fail(id_token.column,
                  "agent " + std::to_string(id) + " does not appear in the edge list",
                  "the community file must use the same ids as the edge list");
    }
    std::optional<std::string>& slot = label[static_cast<std::size_t>(it - original_ids.begin())];
    if (slot && *slot != community->text) {
      reader.Fail(community->column,
                  "agent " + std::to_string(id) + " is listed again with another community ('" +
                      *slot + "' before, '" + std::string(community->text) + "' now)",
                  "list each agent once");
    }
    slot = std::string(community->text);
    any = true;
  }
  if (!any) {
    throw InputError({path}, "the community file has no 'agent community' lines",
                     "the file holds only blank or comment lines; is it the right file?");
  }
  return NumberCommunityLabels(label);
}

}  // namespace firestorm
