// Sample summaries, quantiles and the two-sample KS distance (see distribution.hpp).
#include "analysis/metrics/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace firestorm {

double QuantileOfSorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

SampleSummary Summarize(std::span<const double> values) {
  SampleSummary s;
  s.count = values.size();
  if (values.empty()) {
    s.mean = s.median = s.p90 = s.max = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  s.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(sorted.size());
  s.median = QuantileOfSorted(sorted, 0.5);
  s.p90 = QuantileOfSorted(sorted, 0.9);
  s.max = sorted.back();
  return s;
}

double KolmogorovSmirnovDistance(std::span<const double> a, std::span<const double> b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 0.0 : 1.0;
  std::vector<double> x(a.begin(), a.end()), y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  const double nx = static_cast<double>(x.size()), ny = static_cast<double>(y.size());
  std::size_t i = 0, j = 0;
  double distance = 0;
  // Step through the pooled values; after consuming every copy of a value, both empirical
  // distribution functions are evaluated at it.
  while (i < x.size() && j < y.size()) {
    const double v = std::min(x[i], y[j]);
    while (i < x.size() && x[i] == v) ++i;
    while (j < y.size() && y[j] == v) ++j;
    distance = std::max(distance, std::abs(static_cast<double>(i) / nx - static_cast<double>(j) / ny));
  }
  return distance;
}

}  // namespace firestorm
