// Walker's alias method, built with Vose's numerically stable two-worklist construction
// (M. D. Vose, IEEE TSE 17(9), 1991): O(k) to build, O(1) per sample.
// EchoChambers samples authors in proportion to popularity with it: one table over all
// agents and one per community, built once and then read by every edge in parallel.
// A column stores its threshold and both of its outcomes (as agent ids) in 16 aligned bytes,
// so a sample touches a single cache line: with millions of agents the tables do not fit in
// cache and each miss costs more than the random draws.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/rng.hpp"

namespace firestorm {

struct alignas(16) AliasColumn {
  std::uint32_t threshold = 0;  // keep `self` when a uniform 32-bit word is below this
  std::uint32_t self = 0;
  std::uint32_t alias = 0;
};

// Fills table[0..k) for weights weight(i) > 0; column i's outcomes are label(i) and the
// label of its alias. Serial and deterministic; different tables can be built concurrently.
template <typename Weight, typename Label>
void BuildAliasTable(std::size_t k, Weight&& weight, Label&& label, std::span<AliasColumn> table) {
  double total = 0;
  for (std::size_t i = 0; i < k; ++i) total += weight(i);
  std::vector<double> prob(k);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < k; ++i) {
    prob[i] = weight(i) * static_cast<double>(k) / total;  // scaled so that the mean is 1
    table[i].self = table[i].alias = label(i);
    (prob[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    large.pop_back();
    table[s].alias = table[l].self;  // prob[s] is final: column s keeps s with prob[s], else l
    prob[l] = (prob[l] + prob[s]) - 1.0;
    (prob[l] < 1.0 ? small : large).push_back(l);
  }
  // Columns left in either list are full up to rounding; their alias is themselves, so the
  // threshold does not matter for them.
  constexpr double kScale = 4294967296.0;  // 2^32
  for (std::size_t i = 0; i < k; ++i) {
    const double t = prob[i] * kScale;
    table[i].threshold = t >= kScale - 1 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(t);
  }
  for (std::uint32_t i : large) table[i].alias = table[i].self;
  for (std::uint32_t i : small) table[i].alias = table[i].self;
}

// One sample in two steps (a uniform column, then its own outcome or its alias), split so
// that a caller can prefetch the column between them.
inline const AliasColumn& PickAliasColumn(CounterRng& rng, std::span<const AliasColumn> table) {
  return table[rng.Below(table.size())];
}
inline std::uint32_t AliasOutcome(CounterRng& rng, const AliasColumn& column) {
  return rng.NextU32() < column.threshold ? column.self : column.alias;
}
inline std::uint32_t SampleAlias(CounterRng& rng, std::span<const AliasColumn> table) {
  return AliasOutcome(rng, PickAliasColumn(rng, table));
}

}  // namespace firestorm
