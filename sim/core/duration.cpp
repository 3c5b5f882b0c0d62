#include "sim/core/duration.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace firestorm {

namespace {
std::optional<double> UnitSeconds(std::string_view unit) {
  if (unit == "s" || unit == "sec" || unit == "secs") return 1.0;
  if (unit == "m" || unit == "min" || unit == "mins") return 60.0;
  if (unit == "h" || unit == "hr" || unit == "hrs") return 3600.0;
  if (unit == "d" || unit == "day" || unit == "days") return 86400.0;
  if (unit == "w" || unit == "week" || unit == "weeks") return 7 * 86400.0;
  return std::nullopt;
}
}  // namespace

std::optional<double> ParseDurationSeconds(std::string_view text) {
  std::size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_space();
  if (i == text.size()) return std::nullopt;
  double total = 0;
  bool any = false;
  while (i < text.size()) {
    const std::size_t num_begin = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) ||
                               text[i] == '.' || text[i] == '_'))
      ++i;
    if (i == num_begin) return std::nullopt;
    std::string digits;
    for (std::size_t k = num_begin; k < i; ++k)
      if (text[k] != '_') digits += text[k];
    double value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    skip_space();
    const std::size_t unit_begin = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    const auto unit = UnitSeconds(text.substr(unit_begin, i - unit_begin));
    if (!unit) return std::nullopt;
    total += value * *unit;
    any = true;
    skip_space();
  }
  if (!any || !std::isfinite(total)) return std::nullopt;
  return total;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds)) return "never";
  auto s = static_cast<long long>(std::llround(seconds));
  if (s == 0) return "0s";
  std::string out;
  const std::pair<long long, const char*> units[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (const auto& [size, name] : units) {
    if (s >= size) {
      out += std::to_string(s / size) + name;
      s %= size;
    }
  }
  return out;
}

}  // namespace firestorm
