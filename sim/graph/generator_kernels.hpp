// The random draws of each generator, as "emitters": emit(begin, end, sink) calls
// sink(source, target) for every edge of items [begin, end) (an item is an agent, a lattice
// link or an edge index, depending on the generator). Each item's draws are keyed by
// (seed, item), so an item's edges do not depend on which thread emits them or in what
// order items are visited.
//
// Two consumers share the emitters, so both give the same edge set for the same seed:
//   - the EdgeList generators (generators.cpp, echo_chambers.cpp) write each item's edges at
//     a position computed from the item index;
//   - the streaming CSR builder (graph_builder_stream.hpp) runs the emitter twice, counting
//     then filling rows, and never stores an edge list.
// Internal to the graph module. The laws and references are in generators.cpp and
// echo_chambers.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/prefetch.hpp"
#include "sim/graph/alias_table.hpp"
#include "sim/graph/edge_list.hpp"
#include "sim/graph/graph_streams.hpp"
#include "sim/graph/huge_array.hpp"

namespace firestorm::generator_kernels {

// ---- Erdős–Rényi: item = source agent ------------------------------------------------------

// Calls emit(v) for every v that source u links to. Candidates are the other n - 1 agents
// (directed) or only the agents above u (mutual: each unordered pair is drawn once). Geometric
// skipping (Batagelj & Brandes 2005, Alg. 1) makes the cost proportional to the edges drawn.
template <typename Emit>
void ForEachErdosRenyiTarget(AgentId n, AgentId u, double p, bool mutual, std::uint64_t seed,
                             Emit&& emit) {
  const std::uint64_t candidates = mutual ? std::uint64_t{n} - 1 - u : std::uint64_t{n} - 1;
  auto agent_of = [&](std::uint64_t j) {
    return static_cast<AgentId>(mutual ? u + 1 + j : (j < u ? j : j + 1));
  };
  if (p >= 1.0) {
    for (std::uint64_t j = 0; j < candidates; ++j) emit(agent_of(j));
    return;
  }
  CounterRng rng = GraphRng(seed, u, GraphDraw::kErdosRenyiRow);
  const double log_q = std::log1p(-p);
  std::uint64_t j = 0;
  while (true) {
    const double skip = std::floor(std::log(1.0 - rng.UniformDouble()) / log_q);
    if (skip >= static_cast<double>(candidates - j)) break;
    j += static_cast<std::uint64_t>(skip);
    emit(agent_of(j));
    if (++j >= candidates) break;
  }
}

struct ErdosRenyiEmitter {
  AgentId n;
  double p;
  bool mutual;
  std::uint64_t seed;
  std::uint64_t items() const { return n; }
  template <typename Sink>
  void operator()(std::uint64_t begin, std::uint64_t end, Sink& sink) const {
    for (std::uint64_t i = begin; i < end; ++i) {
      const auto u = static_cast<AgentId>(i);
      ForEachErdosRenyiTarget(n, u, p, mutual, seed, [&](AgentId v) {
        sink(u, v);
        if (mutual) sink(v, u);
      });
    }
  }
};

// ---- Barabási–Albert: item = agent -----------------------------------------------------------

// The virtual endpoint array: the first `clique_edges` edges form a clique on agents
// [0, clique_size); after that agent v owns edges [FirstEdge(v), FirstEdge(v) + m).
class BaSlots {
 public:
  BaSlots(AgentId n, std::uint32_t m, std::uint64_t seed)
      : m_(m), seed_(seed), clique_size_(std::min<std::uint64_t>(n, std::uint64_t{m} + 1)) {
    for (AgentId b = 1; b < clique_size_; ++b) {
      for (AgentId a = 0; a < b; ++a) clique_.push_back({a, b});
    }
  }
  std::uint64_t clique_size() const { return clique_size_; }
  std::uint64_t clique_edges() const { return clique_.size(); }
  const Edge& clique_edge(std::uint64_t e) const { return clique_[e]; }
  std::uint64_t FirstEdge(AgentId v) const { return clique_.size() + (v - clique_size_) * m_; }
  AgentId Owner(std::uint64_t e) const {
    return static_cast<AgentId>(clique_size_ + (e - clique_.size()) / m_);
  }
  // Draw k of edge e's keyed sequence picks a slot among those of agents older than its owner.
  // Draw 0 defines the edge's virtual copy; later draws are only retries (see Attach).
  CounterRng EdgeRng(std::uint64_t e) const {
    return GraphRng(seed_, e, GraphDraw::kBarabasiAlbertEdge);
  }
  std::uint64_t DrawSlot(CounterRng& rng, AgentId owner) const {
    return rng.Below(2 * FirstEdge(owner));
  }
  // The agent stored in a slot, following copies back until an even (own) slot or the clique.
  AgentId Resolve(std::uint64_t slot) const {
    while (true) {
      const std::uint64_t e = slot >> 1;
      if (e < clique_.size()) return (slot & 1) ? clique_[e].target : clique_[e].source;
      const AgentId owner = Owner(e);
      if ((slot & 1) == 0) return owner;
      CounterRng rng = EdgeRng(e);
      slot = DrawSlot(rng, owner);
    }
  }

 private:
  std::uint64_t m_;
  std::uint64_t seed_;
  std::uint64_t clique_size_;
  std::vector<Edge> clique_;  // {a, b} with a < b
};

// Picks the m distinct agents that v attaches to and calls emit(j, t) for its j-th link. A
// repeat is redrawn from the same edge's keyed sequence; the virtual array keeps draw 0, so
// the preferential weights are those of the Batagelj–Brandes multigraph and each new agent
// still gets exactly m distinct links.
template <typename Emit>
void Attach(const BaSlots& slots, AgentId v, std::uint32_t m, std::vector<AgentId>& chosen,
            Emit&& emit) {
  const std::uint32_t max_draws = 16 + 4 * m;
  chosen.clear();
  for (std::uint32_t j = 0; j < m; ++j) {
    const std::uint64_t e = slots.FirstEdge(v) + j;
    CounterRng rng = slots.EdgeRng(e);
    AgentId t = slots.Resolve(slots.DrawSlot(rng, v));
    for (std::uint32_t draw = 1; std::binary_search(chosen.begin(), chosen.end(), t); ++draw) {
      // Only the first agents after a large clique can run out of draws (all candidates are
      // equally likely there); fall back to the lowest agent not chosen yet.
      if (draw == max_draws) {
        t = 0;
        for (AgentId c : chosen) t += (c == t);
        break;
      }
      t = slots.Resolve(slots.DrawSlot(rng, v));
    }
    chosen.insert(std::lower_bound(chosen.begin(), chosen.end(), t), t);
    emit(j, t);
  }
}

// Item v < clique_size emits the clique links {a, v}, a < v; later items their m links.
// Every link goes both ways.
struct BarabasiAlbertEmitter {
  const BaSlots& slots;
  AgentId n;
  std::uint32_t m;
  std::uint64_t items() const { return n; }
  template <typename Sink>
  void operator()(std::uint64_t begin, std::uint64_t end, Sink& sink) const {
    std::vector<AgentId> chosen;
    chosen.reserve(m);
    for (std::uint64_t i = begin; i < end; ++i) {
      const auto v = static_cast<AgentId>(i);
      if (i < slots.clique_size()) {
        for (AgentId a = 0; a < v; ++a) {
          sink(a, v);
          sink(v, a);
        }
        continue;
      }
      Attach(slots, v, m, chosen, [&](std::uint32_t, AgentId t) {
        sink(v, t);
        sink(t, v);
      });
    }
  }
};

// ---- Watts–Strogatz: item = lattice link -----------------------------------------------------

struct WattsStrogatzEmitter {
  AgentId n;
  std::uint64_t half;  // lattice neighbours on each side
  double p;
  std::uint64_t seed;
  std::uint64_t items() const { return std::uint64_t{n} * half; }
  // Link e: {near, far}, the far end rewired to any agent but `near` with probability p.
  Edge Link(std::uint64_t e) const {
    const auto u = static_cast<AgentId>(e / half);
    auto w = static_cast<AgentId>((u + e % half + 1) % n);
    CounterRng rng = GraphRng(seed, e, GraphDraw::kWattsStrogatzEdge);
    if (rng.UniformDouble() < p) {
      const auto r_agent = static_cast<AgentId>(rng.Below(n - 1));
      w = r_agent < u ? r_agent : r_agent + 1;
    }
    return {u, w};
  }
  template <typename Sink>
  void operator()(std::uint64_t begin, std::uint64_t end, Sink& sink) const {
    for (std::uint64_t e = begin; e < end; ++e) {
      const Edge link = Link(e);
      sink(link.source, link.target);
      sink(link.target, link.source);
    }
  }
};

// ---- Echo chambers: item = edge index ----------------------------------------------------------

// Alias tables for "an author in proportion to theta": one over everyone, and one per
// community stored back to back (community c's columns are [begin[c], begin[c + 1])).
struct AuthorSampler {
  // Huge pages (huge_array.hpp): every edge reads a random column of these tables, which are
  // far larger than the cache; with 4 KiB pages each read would also miss the TLB.
  HugeArray<AliasColumn> anyone;
  std::vector<EdgeIndex> begin;  // size C + 1
  HugeArray<AliasColumn> by_community;

  std::span<const AliasColumn> Table(bool in_community, CommunityId c) const {
    if (!in_community) return anyone.span();
    return {by_community.data() + begin[c], begin[c + 1] - begin[c]};
  }
};

// Communities, popularity and alias tables: everything but the edges (echo_chambers.cpp).
struct EchoChamberModel {
  HugeArray<CommunityId> community;
  AuthorSampler sampler;
  EdgeIndex num_edges = 0;
  std::uint64_t homophily_threshold = 0;  // h * 2^32
};
// Validates the parameters (InputError) and draws agents' communities and popularity.
EchoChamberModel PrepareEchoChambers(AgentId n, double mean_followers, std::uint32_t communities,
                                     double homophily, double degree_exponent,
                                     std::uint64_t seed);

// A follower drawn as its own author draws again, up to this many tries in all; in practice
// only a community with a single member exhausts them, and the CSR builder drops the loop.
inline constexpr int kSelfLoopTries = 8;

// The draws of edge i, in this order: follower (Below n), homophily coin (one word), alias
// column (Below size), keep-or-alias (one word); a self-loop repeats all but the first.
// Edges go through in batches whose stages are interleaved, so that the cache misses of a
// batch (the follower's community, then the author's alias column) overlap instead of
// queueing: software pipelining. Each edge still makes exactly the draws listed above, so the
// result equals that of a one-edge-at-a-time loop.
struct EchoChamberEmitter {
  std::uint64_t seed;
  AgentId n;
  const EchoChamberModel& model;

  struct Pending {
    CounterRng rng;
    AgentId follower;
    const AliasColumn* column;
  };
  static constexpr EdgeIndex kBatch = 64;

  std::uint64_t items() const { return model.num_edges; }

  static AgentId DrawFollower(CounterRng& rng, AgentId n) { return static_cast<AgentId>(rng.Below(n)); }
  // Edge i's follower alone: its first draw (graph_builder_stream.hpp draws it again).
  AgentId Target(std::uint64_t i) const {
    CounterRng rng = GraphRng(seed, i, GraphDraw::kEchoEdge);
    return DrawFollower(rng, n);
  }

  const AliasColumn& Column(CounterRng& rng, AgentId follower) const {
    const bool in_community = rng.NextU32() < model.homophily_threshold;
    return PickAliasColumn(rng, model.sampler.Table(in_community, model.community[follower]));
  }

  template <typename Sink>
  void operator()(std::uint64_t begin, std::uint64_t end, Sink& sink) const {
    std::vector<Pending> batch;
    batch.reserve(kBatch);
    for (EdgeIndex first = begin; first < end; first += kBatch) {
      const EdgeIndex count = std::min<EdgeIndex>(kBatch, end - first);
      batch.clear();
      for (EdgeIndex j = 0; j < count; ++j) {
        CounterRng rng = GraphRng(seed, first + j, GraphDraw::kEchoEdge);
        const AgentId follower = DrawFollower(rng, n);
        RequestLine(&model.community[follower]);
        batch.push_back({rng, follower, nullptr});
      }
      for (EdgeIndex j = 0; j < count; ++j) {
        Pending& p = batch[j];
        p.column = &Column(p.rng, p.follower);
        RequestLine(p.column);
      }
      for (EdgeIndex j = 0; j < count; ++j) {
        Pending& p = batch[j];
        AgentId author = AliasOutcome(p.rng, *p.column);
        for (int retry = 1; retry < kSelfLoopTries && author == p.follower; ++retry) {
          author = AliasOutcome(p.rng, Column(p.rng, p.follower));
        }
        sink(author, p.follower);
      }
    }
  }
};

}  // namespace firestorm::generator_kernels
