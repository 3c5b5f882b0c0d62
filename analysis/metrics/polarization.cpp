// Polarization and echo-chamber measures (see polarization.hpp). Sums are in double, in a
// fixed order, so results do not depend on anything but the input.
#include "analysis/metrics/polarization.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace firestorm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Mean(std::span<const float> x) {
  double sum = 0;
  for (float v : x) sum += v;
  return sum / static_cast<double>(x.size());
}

double Pearson(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = x.size();
  if (n < 2) return kNaN;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

double OpinionVariance(std::span<const float> opinion) {
  if (opinion.empty()) return kNaN;
  const double mean = Mean(opinion);
  double sum = 0;
  for (float v : opinion) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(opinion.size());
}

double BimodalityCoefficient(std::span<const float> opinion) {
  const double n = static_cast<double>(opinion.size());
  if (opinion.size() < 4) return kNaN;
  const double mean = Mean(opinion);
  double m2 = 0, m3 = 0, m4 = 0;
  for (float v : opinion) {
    const double d = v - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 <= 0) return kNaN;
  const double g1 = m3 / std::pow(m2, 1.5);          // population skewness
  const double g2 = m4 / (m2 * m2) - 3.0;            // population excess kurtosis
  const double skew = g1 * std::sqrt(n * (n - 1)) / (n - 2);                    // G1
  const double kurtosis = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3));   // G2
  return (skew * skew + 1) / (kurtosis + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
}

double EstebanRayPolarization(std::span<const float> opinion, double alpha, int bins, double lo,
                              double hi) {
  if (opinion.empty() || bins < 1 || !(hi > lo)) return kNaN;
  const auto k = static_cast<std::size_t>(bins);
  std::vector<double> share(k, 0.0);
  const double width = (hi - lo) / bins;
  for (float v : opinion) {
    const double position = std::floor((v - lo) / width);
    const auto bin = static_cast<std::size_t>(std::clamp(position, 0.0, static_cast<double>(bins - 1)));
    share[bin] += 1;
  }
  for (double& s : share) s /= static_cast<double>(opinion.size());
  double p = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (share[i] == 0) continue;
    const double weight = std::pow(share[i], 1 + alpha);
    for (std::size_t j = 0; j < k; ++j)
      p += weight * share[j] * width * std::abs(static_cast<double>(i) - static_cast<double>(j));
  }
  return p;
}

double NeighbourOpinionCorrelation(const FollowerGraphView& graph, std::span<const float> opinion) {
  const AgentId n = graph.num_agents();
  if (opinion.size() < n) return kNaN;
  std::vector<double> sum(n, 0.0);
  std::vector<std::uint32_t> followed(n, 0);
  for (AgentId u = 0; u < n; ++u)
    for (EdgeIndex e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
      const AgentId v = graph.followers[e];  // v follows u
      sum[v] += opinion[u];
      ++followed[v];
    }
  std::vector<double> own, neighbours;
  for (AgentId v = 0; v < n; ++v)
    if (followed[v] > 0) {
      own.push_back(opinion[v]);
      neighbours.push_back(sum[v] / followed[v]);
    }
  return Pearson(own, neighbours);
}

EiIndex CascadeEiIndex(const CascadeRecord& cascade, NarrativeId narrative,
                       std::span<const CommunityId> community) {
  EiIndex out;
  for (std::size_t row = 0; row < cascade.child.size(); ++row) {
    if (cascade.narrative[row] != narrative) continue;
    const AgentId parent = cascade.parent[row], child = cascade.child[row];
    if (parent == kNoAgent || parent >= community.size() || child >= community.size()) continue;
    ++(community[parent] == community[child] ? out.internal : out.external);
  }
  const double total = static_cast<double>(out.internal + out.external);
  out.index = total > 0 ? (static_cast<double>(out.external) - static_cast<double>(out.internal)) / total : kNaN;
  return out;
}

EiIndex CascadeEiIndex(const CascadeRecord& cascade, std::span<const CommunityId> community) {
  EiIndex all;
  NarrativeId last = 0;
  for (NarrativeId k : cascade.narrative) last = std::max(last, k);
  for (std::uint32_t k = 0; k <= last && !cascade.narrative.empty(); ++k) {
    const EiIndex one = CascadeEiIndex(cascade, static_cast<NarrativeId>(k), community);
    all.internal += one.internal;
    all.external += one.external;
  }
  const double total = static_cast<double>(all.internal + all.external);
  all.index = total > 0 ? (static_cast<double>(all.external) - static_cast<double>(all.internal)) / total : kNaN;
  return all;
}

double CommunityAssortativity(const FollowerGraphView& graph, std::span<const CommunityId> community) {
  const AgentId n = graph.num_agents();
  if (community.size() < n || graph.followers.empty()) return kNaN;
  const CommunityId communities = n == 0 ? 0 : *std::max_element(community.begin(), community.begin() + n) + 1;
  // Only the diagonal of e and its row and column sums are needed, never the C x C matrix.
  std::vector<double> from(communities, 0.0), to(communities, 0.0);
  double inside = 0;
  for (AgentId u = 0; u < n; ++u)
    for (EdgeIndex e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
      const AgentId v = graph.followers[e];
      from[community[u]] += 1;
      to[community[v]] += 1;
      inside += community[u] == community[v];
    }
  const double m = static_cast<double>(graph.followers.size());
  double expected = 0;
  for (CommunityId c = 0; c < communities; ++c) expected += (from[c] / m) * (to[c] / m);
  if (1 - expected <= 1e-15) return kNaN;
  return (inside / m - expected) / (1 - expected);
}

}  // namespace firestorm
