// Small statistics over samples: a five-number summary, quantiles, and the two-sample
// Kolmogorov–Smirnov distance. Used for distributions over cascades and over replicates.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace firestorm {

struct SampleSummary {
  std::uint64_t count = 0;
  double mean = 0, median = 0, p90 = 0, max = 0;  // NaN when count == 0
};

SampleSummary Summarize(std::span<const double> values);

// The q-quantile (0 <= q <= 1) of `sorted`, by linear interpolation between order statistics
// (type 7 of Hyndman & Fan 1996, numpy's default). NaN when empty.
double QuantileOfSorted(std::span<const double> sorted, double q);

// sup_x |F_a(x) - F_b(x)| over the empirical distribution functions of the two samples
// (ties handled exactly). 1 when one sample is empty and the other not; 0 when both are.
double KolmogorovSmirnovDistance(std::span<const double> a, std::span<const double> b);

}  // namespace firestorm
