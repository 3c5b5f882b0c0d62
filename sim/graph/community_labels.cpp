// Dense, order-independent numbering of community labels; see community_labels.hpp.
#include "sim/graph/community_labels.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <tuple>

namespace firestorm {
namespace {

std::optional<double> AsNumber(const std::string& s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || std::isnan(value)) return std::nullopt;
  return value;
}

}  // namespace

std::vector<CommunityId> NumberCommunityLabels(
    const std::vector<std::optional<std::string>>& labels) {
  std::vector<std::string> distinct;
  for (const auto& label : labels) {
    if (label) distinct.push_back(*label);
  }
  if (distinct.empty()) return {};
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  // Numeric order when every label is a number; ties ("1" and "1.0") fall back to bytes.
  std::vector<double> value(distinct.size());
  bool all_numeric = true;
  for (std::size_t i = 0; i < distinct.size() && all_numeric; ++i) {
    const auto number = AsNumber(distinct[i]);
    all_numeric = number.has_value();
    if (number) value[i] = *number;
  }
  std::vector<std::size_t> order(distinct.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (all_numeric) {
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(value[a], distinct[a]) < std::tie(value[b], distinct[b]);
    });
  }
  std::vector<CommunityId> rank(distinct.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = static_cast<CommunityId>(r);

  const auto unlabelled = static_cast<CommunityId>(distinct.size());
  std::vector<CommunityId> community(labels.size());
  for (std::size_t v = 0; v < labels.size(); ++v) {
    if (!labels[v]) {
      community[v] = unlabelled;
      continue;
    }
    const auto it = std::lower_bound(distinct.begin(), distinct.end(), *labels[v]);
    community[v] = rank[static_cast<std::size_t>(it - distinct.begin())];
  }
  return community;
}

}  // namespace firestorm
