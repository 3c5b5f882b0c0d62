// Helpers for the classic-model tests: small graphs drawn in comments, complete and random
// graphs, thread-count control and replicate statistics.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <cmath>
#include <functional>
#include <vector>

#include "sim/classic/classic_models.hpp"
#include "sim/graph/csr_graph.hpp"
#include "sim/graph/graph_view.hpp"
#include "sim/graph/stored_graph.hpp"

namespace firestorm::testing {

// Every ordered pair (u, v), u != v: the well-mixed population of the closed forms.
inline CsrGraph CompleteGraph(AgentId n) {
  std::vector<Edge> edges;
  edges.reserve(std::size_t{n} * (n - 1));
  for (AgentId u = 0; u < n; ++u)
    for (AgentId v = 0; v < n; ++v)
      if (u != v) edges.push_back({u, v});
  return BuildFollowerGraph(n, edges);
}

// Both directions of each listed link.
inline CsrGraph Undirected(AgentId n, const std::vector<Edge>& links) {
  std::vector<Edge> edges;
  for (const Edge& e : links) {
    edges.push_back(e);
    edges.push_back({e.target, e.source});
  }
  return BuildFollowerGraph(n, edges);
}

inline StoredGraph BarabasiAlbertGraph(std::uint64_t agents, std::uint32_t m, std::uint64_t seed) {
  GraphSpec spec;
  spec.generator = GraphGenerator::kBarabasiAlbert;
  spec.agents = agents;
  spec.attach_edges = m;
  return GenerateStoredGraph(spec, seed);
}

template <typename F>
auto WithThreads(int threads, F&& f) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(f);
}

inline ClassicModelSpec Model(ClassicModelKind kind) {
  ClassicModelSpec s;
  s.kind = kind;
  return s;
}

// Everything a run decides, for comparing runs bit for bit.
inline void ExpectSameRun(const ClassicRunResult& a, const ClassicRunResult& b) {
  EXPECT_EQ(a.ticks, b.ticks);
  EXPECT_EQ(a.counts, b.counts);
  EXPECT_EQ(a.final_state, b.final_state);
  EXPECT_EQ(a.event_tick, b.event_tick);
  EXPECT_EQ(a.final_opinion, b.final_opinion);
  EXPECT_EQ(a.opinion_mean, b.opinion_mean);
  EXPECT_EQ(a.clusters, b.clusters);
}

// Every row of the counts sums to the number of agents.
inline void ExpectConserved(const ClassicRunResult& r, std::uint64_t agents) {
  for (Tick t = 0; t <= r.ticks; ++t) {
    std::uint64_t sum = 0;
    for (std::size_t k = 0; k < r.num_compartments(); ++k) sum += r.Count(t, k);
    ASSERT_EQ(sum, agents) << "row " << t;
  }
}

struct MeanSd {
  double mean = 0, sd = 0;
  std::size_t n = 0;
  double se() const { return sd / std::sqrt(static_cast<double>(n)); }
};
inline MeanSd Moments(const std::vector<double>& x) {
  MeanSd m;
  m.n = x.size();
  for (double v : x) m.mean += v;
  m.mean /= static_cast<double>(x.size());
  for (double v : x) m.sd += (v - m.mean) * (v - m.mean);
  m.sd = std::sqrt(m.sd / static_cast<double>(x.size() - 1));
  return m;
}

// Two-sample Kolmogorov–Smirnov statistic D = sup |F_a - F_b|.
inline double KolmogorovSmirnov(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] <= x) ++i;
    while (j < b.size() && b[j] <= x) ++j;
    d = std::max(d, std::abs(double(i) / a.size() - double(j) / b.size()));
  }
  return d;
}
// The KS critical value at level alpha for samples of sizes n and m (asymptotic):
// c(alpha) sqrt((n + m) / (n m)), c = sqrt(-ln(alpha / 2) / 2).
inline double KolmogorovSmirnovCritical(std::size_t n, std::size_t m, double alpha) {
  const double c = std::sqrt(-std::log(alpha / 2) / 2);
  return c * std::sqrt(double(n + m) / (double(n) * double(m)));
}

}  // namespace firestorm::testing
