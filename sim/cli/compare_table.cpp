#include "sim/cli/compare_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/core/error.hpp"

namespace firestorm::cli {
namespace {

// Metrics where more is better; for the others, less is better.
bool HigherIsBetter(const std::string& metric) { return metric == "final_trust"; }

std::string Cell(double mean, double low, double high) {
  if (std::isinf(mean)) return "never";
  return fmt::format("{:.3g} [{:.3g}, {:.3g}]", mean, low, high);
}

}  // namespace

void PrintCompareTable(const SweepTable& t, const std::string& rank_by) {
  const std::size_t m_count = t.metric_names.size();
  const auto found = std::find(t.metric_names.begin(), t.metric_names.end(), rank_by);
  if (found == t.metric_names.end()) {
    std::string names;
    for (const auto& n : t.metric_names) names += (names.empty() ? "" : ", ") + n;
    throw InputError({"--rank-by", 0, 0}, "no metric named '" + rank_by + "'", "choose one of: " + names);
  }
  const std::size_t key = static_cast<std::size_t>(found - t.metric_names.begin());
  std::vector<std::size_t> order(t.variant_names.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double x = t.mean[a * m_count + key], y = t.mean[b * m_count + key];
    return HigherIsBetter(rank_by) ? x > y : x < y;
  });
  const std::vector<std::pair<std::string, std::string>> shown = {
      {"peak_outrage", "peak outrage"},         {"reach_share", "reach"},
      {"time_to_peak_outrage_h", "peak at (h)"}, {"storm_duration_h", "storm (h)"},
      {"final_trust", "final trust"},           {"trust_recovery_h", "trust 90% back (h)"},
      {"p_outrage_above_threshold", "P(outrage>thr)"}};
  fmt::print("\n{} variants x {} replicates ({}), ranked by {}; mean [95% CI]\n", t.variant_names.size(),
             t.replicates, t.common_random_numbers ? "common random numbers" : "independent seeds", rank_by);
  fmt::print("{:>4}  {:<28}", "rank", "variant");
  for (const auto& [metric, label] : shown) fmt::print("{:>26}", label);
  fmt::print("\n");
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const std::size_t v = order[rank];
    fmt::print("{:>4}  {:<28}", rank + 1, t.variant_names[v].substr(0, 28));
    for (const auto& [metric, label] : shown) {
      const auto it = std::find(t.metric_names.begin(), t.metric_names.end(), metric);
      if (it == t.metric_names.end()) {
        fmt::print("{:>26}", "-");
        continue;
      }
      const std::size_t i = v * m_count + static_cast<std::size_t>(it - t.metric_names.begin());
      fmt::print("{:>26}", Cell(t.mean[i], t.ci_low[i], t.ci_high[i]));
    }
    fmt::print("\n");
  }
}

}  // namespace firestorm::cli
